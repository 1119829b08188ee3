-- People and access: users, browser sessions, personal access tokens, budget members.
-- Secrets are stored only as hashes.
CREATE TABLE users (
    user_id         VARCHAR PRIMARY KEY,
    username        VARCHAR NOT NULL UNIQUE,
    password_hash   VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
    session_hash    VARCHAR PRIMARY KEY,
    user_id         VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL
);

CREATE TABLE api_tokens (
    token_id        VARCHAR PRIMARY KEY,
    user_id         VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    token_hash      VARCHAR NOT NULL UNIQUE,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE budget_members (
    budget_id       VARCHAR NOT NULL,
    user_id         VARCHAR NOT NULL,
    role            VARCHAR NOT NULL,
    added_at        TIMESTAMP NOT NULL,
    UNIQUE (budget_id, user_id)
);
CREATE INDEX budget_members_user_idx ON budget_members (user_id);
