-- Read models: denormalised tables the API reads; rebuilt from the log by `dojo replay`.
CREATE TABLE projection_positions (
    name            VARCHAR PRIMARY KEY,
    position        BIGINT NOT NULL,
    model_version   INTEGER NOT NULL
);

CREATE TABLE rm_budgets (
    budget_id           VARCHAR NOT NULL,
    name                VARCHAR NOT NULL,
    currency            VARCHAR NOT NULL,
    currency_exponent   INTEGER NOT NULL,
    income_category_id  VARCHAR NOT NULL,
    version             BIGINT NOT NULL,
    first_month         VARCHAR,
    last_month          VARCHAR,
    created_position    BIGINT NOT NULL
);
CREATE INDEX rm_budgets_idx ON rm_budgets (budget_id);

CREATE TABLE rm_accounts (
    budget_id           VARCHAR NOT NULL,
    account_id          VARCHAR NOT NULL,
    name                VARCHAR NOT NULL,
    type                VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,
    on_budget           BOOLEAN NOT NULL,
    closed              BOOLEAN NOT NULL,
    opened_on           DATE NOT NULL,
    balance             BIGINT NOT NULL,
    cleared_balance     BIGINT NOT NULL,
    uncleared_balance   BIGINT NOT NULL,
    payment_category_id VARCHAR,
    sort_key            INTEGER NOT NULL
);
CREATE INDEX rm_accounts_idx ON rm_accounts (budget_id);

CREATE TABLE rm_category_groups (
    budget_id   VARCHAR NOT NULL,
    group_id    VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    system      BOOLEAN NOT NULL,
    hidden      BOOLEAN NOT NULL,
    sort_key    INTEGER NOT NULL
);
CREATE INDEX rm_category_groups_idx ON rm_category_groups (budget_id);

CREATE TABLE rm_categories (
    budget_id               VARCHAR NOT NULL,
    category_id             VARCHAR NOT NULL,
    group_id                VARCHAR NOT NULL,
    name                    VARCHAR NOT NULL,
    kind                    VARCHAR NOT NULL,
    hidden                  BOOLEAN NOT NULL,
    payment_for_account_id  VARCHAR,
    sort_key                INTEGER NOT NULL
);
CREATE INDEX rm_categories_idx ON rm_categories (budget_id);

CREATE TABLE rm_transactions (
    budget_id       VARCHAR NOT NULL,
    transaction_id  VARCHAR NOT NULL,
    account_id      VARCHAR NOT NULL,
    date            DATE NOT NULL,
    month           VARCHAR NOT NULL,
    amount          BIGINT NOT NULL,
    payee           VARCHAR,
    memo            VARCHAR,
    cleared         VARCHAR NOT NULL,
    transfer_id     VARCHAR
);
CREATE INDEX rm_transactions_idx ON rm_transactions (budget_id, transaction_id);
CREATE INDEX rm_transactions_account_idx ON rm_transactions (account_id);

CREATE TABLE rm_transaction_lines (
    budget_id               VARCHAR NOT NULL,
    transaction_id          VARCHAR NOT NULL,
    line_index              INTEGER NOT NULL,
    account_id              VARCHAR NOT NULL,
    account_kind            VARCHAR NOT NULL,
    date                    DATE NOT NULL,
    month                   VARCHAR NOT NULL,
    category_id             VARCHAR,
    amount                  BIGINT NOT NULL,
    memo                    VARCHAR,
    transfer_peer_on_budget BOOLEAN
);
CREATE INDEX rm_transaction_lines_idx ON rm_transaction_lines (budget_id, transaction_id);
CREATE INDEX rm_transaction_lines_month_idx ON rm_transaction_lines (budget_id, month);

CREATE TABLE rm_transfers (
    budget_id           VARCHAR NOT NULL,
    transfer_id         VARCHAR NOT NULL,
    from_account_id     VARCHAR NOT NULL,
    to_account_id       VARCHAR NOT NULL,
    date                DATE NOT NULL,
    amount              BIGINT NOT NULL,
    category_id         VARCHAR,
    memo                VARCHAR,
    from_transaction_id VARCHAR NOT NULL,
    to_transaction_id   VARCHAR NOT NULL
);
CREATE INDEX rm_transfers_idx ON rm_transfers (budget_id, transfer_id);

CREATE TABLE rm_assignments (
    budget_id   VARCHAR NOT NULL,
    category_id VARCHAR NOT NULL,
    month       VARCHAR NOT NULL,
    assigned    BIGINT NOT NULL
);
CREATE INDEX rm_assignments_idx ON rm_assignments (budget_id, month);

CREATE TABLE rm_category_months (
    budget_id           VARCHAR NOT NULL,
    month               VARCHAR NOT NULL,
    category_id         VARCHAR NOT NULL,
    assigned            BIGINT NOT NULL,
    activity            BIGINT NOT NULL,
    available           BIGINT NOT NULL,
    carryover           BIGINT NOT NULL,
    cash_overspent      BIGINT NOT NULL,
    credit_overspent    BIGINT NOT NULL
);
CREATE INDEX rm_category_months_idx ON rm_category_months (budget_id, month);

CREATE TABLE rm_months (
    budget_id               VARCHAR NOT NULL,
    month                   VARCHAR NOT NULL,
    rta                     BIGINT NOT NULL,
    ready_to_assign         BIGINT NOT NULL,
    income                  BIGINT NOT NULL,
    assigned                BIGINT NOT NULL,
    activity                BIGINT NOT NULL,
    overspent_last_month    BIGINT NOT NULL,
    assigned_in_future      BIGINT NOT NULL,
    cash_overspent          BIGINT NOT NULL,
    credit_overspent        BIGINT NOT NULL
);
CREATE INDEX rm_months_idx ON rm_months (budget_id, month);

CREATE TABLE rm_net_worth (
    budget_id   VARCHAR NOT NULL,
    month       VARCHAR NOT NULL,
    assets      BIGINT NOT NULL,
    liabilities BIGINT NOT NULL,
    net_worth   BIGINT NOT NULL
);
CREATE INDEX rm_net_worth_idx ON rm_net_worth (budget_id, month);

INSERT INTO projection_positions
SELECT unnest(['rm_budgets', 'rm_accounts', 'rm_category_groups', 'rm_categories',
               'rm_transactions', 'rm_transaction_lines', 'rm_transfers', 'rm_assignments',
               'rm_category_months', 'rm_months', 'rm_net_worth']), 0, 1;
