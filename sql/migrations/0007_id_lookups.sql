-- Point lookups by id (issue 6). DuckDB answers from an ART index only a lone equality (or
-- IN list) on the index's one column, so the (budget_id, id) indexes were never used and
-- every lookup of one transaction scanned the register. One-column indexes on the ids take
-- their place; the budget is checked on the few rows found.
DROP INDEX rm_transactions_idx;
DROP INDEX rm_transaction_lines_idx;
DROP INDEX rm_transfers_idx;
CREATE INDEX rm_transactions_id_idx ON rm_transactions (transaction_id);
CREATE INDEX rm_transaction_lines_id_idx ON rm_transaction_lines (transaction_id);
CREATE INDEX rm_transfers_id_idx ON rm_transfers (transfer_id);
-- Nor was (budget_id, month) on the lines ever scanned (month ranges are pruned by the
-- row groups' min/max); it only cost every insert.
DROP INDEX rm_transaction_lines_month_idx;
