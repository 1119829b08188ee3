-- Bank file imports (issue 8): the import id of each register row, previews waiting to be
-- committed, and the CSV column mapping each account remembers.
ALTER TABLE rm_transactions ADD COLUMN import_id VARCHAR;
-- Read models that never projected an event are empty, so already in model version 2's
-- shape; any others stay at their version and are rebuilt at the next start.
UPDATE projection_positions SET model_version = 2 WHERE position = 0;

-- A preview is the ImportTransactions command it would run and the outcome it showed; a
-- commit runs that command (refused if the outcome changed) and records its position.
CREATE TABLE import_previews (
    preview_id          VARCHAR NOT NULL,
    budget_id           VARCHAR NOT NULL,
    account_id          VARCHAR NOT NULL,
    file_format         VARCHAR NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    created_by          VARCHAR,
    command             VARCHAR NOT NULL,
    outcomes            VARCHAR NOT NULL,
    csv_mapping         VARCHAR,
    committed_position  BIGINT
);
CREATE INDEX import_previews_idx ON import_previews (preview_id);

CREATE TABLE import_mappings (
    budget_id       VARCHAR NOT NULL,
    account_id      VARCHAR NOT NULL,
    csv_mapping     VARCHAR NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX import_mappings_idx ON import_mappings (budget_id, account_id);
