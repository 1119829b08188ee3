-- The event log: append-only, one stream per budget, gapless global positions.
CREATE TABLE events (
    position        BIGINT PRIMARY KEY,
    stream_id       VARCHAR NOT NULL,
    version         BIGINT NOT NULL,
    type            VARCHAR NOT NULL,
    schema_version  INTEGER NOT NULL,
    data            JSON NOT NULL,
    command_id      VARCHAR NOT NULL,
    actor           VARCHAR,
    causation_id    VARCHAR,
    correlation_id  VARCHAR,
    recorded_at     TIMESTAMP NOT NULL,
    UNIQUE (stream_id, version)
);
-- Composite keys are not used for lookups in DuckDB; loading a stream needs its own index.
CREATE INDEX events_stream_idx ON events (stream_id);

-- Commands already carried out, so that a repeat returns the first result (idempotency).
CREATE TABLE commands (
    command_id      VARCHAR PRIMARY KEY,
    stream_id       VARCHAR NOT NULL,
    content_hash    VARCHAR NOT NULL,
    result          JSON NOT NULL,
    position        BIGINT NOT NULL
);
