"""The read-model tables, their columns, and writing rows in bulk."""

from collections.abc import Sequence

import duckdb

# Bump when any read model's rows would come out differently: the next start
# rebuilds it from the log.
MODEL_VERSION = 2

COLUMNS: dict[str, tuple[str, ...]] = {
    "rm_budgets": ("budget_id", "name", "currency", "currency_exponent", "income_category_id",
                   "version", "first_month", "last_month", "created_position"),
    "rm_accounts": ("budget_id", "account_id", "name", "type", "kind", "on_budget", "closed",
                    "opened_on", "balance", "cleared_balance", "uncleared_balance",
                    "payment_category_id", "sort_key"),
    "rm_category_groups": ("budget_id", "group_id", "name", "system", "hidden", "sort_key"),
    "rm_categories": ("budget_id", "category_id", "group_id", "name", "kind", "hidden",
                      "payment_for_account_id", "sort_key"),
    "rm_transactions": ("budget_id", "transaction_id", "account_id", "date", "month", "amount",
                        "payee", "memo", "cleared", "transfer_id", "import_id"),
    "rm_transaction_lines": ("budget_id", "transaction_id", "line_index", "account_id",
                             "account_kind", "date", "month", "category_id", "amount", "memo",
                             "transfer_peer_on_budget"),
    "rm_transfers": ("budget_id", "transfer_id", "from_account_id", "to_account_id", "date",
                     "amount", "category_id", "memo", "from_transaction_id",
                     "to_transaction_id"),
    "rm_assignments": ("budget_id", "category_id", "month", "assigned"),
    "rm_category_months": ("budget_id", "month", "category_id", "assigned", "activity",
                           "available", "carryover", "cash_overspent", "credit_overspent"),
    "rm_months": ("budget_id", "month", "rta", "ready_to_assign", "income", "assigned",
                  "activity", "overspent_last_month", "assigned_in_future", "cash_overspent",
                  "credit_overspent"),
    "rm_net_worth": ("budget_id", "month", "assets", "liabilities", "net_worth"),
}

# Column types for the few columns whose unnest of Python values needs a cast.
_CASTS = {"date": "DATE", "opened_on": "DATE"}


def insert_rows(cur: duckdb.DuckDBPyConnection, schema: str, table: str,
                rows: Sequence[Sequence[object]]) -> None:
    """Insert rows through one statement of unnested column lists (fast in DuckDB)."""
    if not rows:
        return
    columns = COLUMNS[table]
    selects = []
    for i, name in enumerate(columns):
        expr = f"unnest(${i + 1})"
        if name in _CASTS:
            expr = f"CAST({expr} AS {_CASTS[name]})"
        selects.append(f"{expr} AS {name}")
    params = [[row[i] for row in rows] for i in range(len(columns))]
    cur.execute(
        f"INSERT INTO {schema}.{table} ({', '.join(columns)}) SELECT {', '.join(selects)}",
        params,
    )


# Columns with an index of their own (migration 0007): found by the id alone, the index
# answers; with the budget beside it, DuckDB scans the table.
_INDEXED = {("rm_transactions", "transaction_id"), ("rm_transaction_lines", "transaction_id"),
            ("rm_transfers", "transfer_id")}


def delete_keys(cur: duckdb.DuckDBPyConnection, schema: str, table: str, budget_id: str,
                column: str, keys: Sequence[str]) -> None:
    """Delete a budget's rows whose `column` is one of `keys`."""
    if keys and (table, column) in _INDEXED and schema == "main":
        rowids = [rowid for rowid, budget in cur.execute(
            f"SELECT rowid, budget_id FROM {schema}.{table} WHERE {column} IN "
            "(SELECT unnest(?))", [list(keys)]).fetchall() if budget == budget_id]
        if rowids:
            cur.execute(f"DELETE FROM {schema}.{table} WHERE rowid IN (SELECT unnest(?))",
                        [rowids])
    elif keys:
        cur.execute(
            f"DELETE FROM {schema}.{table} WHERE budget_id = ? AND {column} IN "
            "(SELECT unnest(?))",
            [budget_id, list(keys)],
        )


def update_rows(cur: duckdb.DuckDBPyConnection, schema: str, table: str, budget_id: str,
                keys: tuple[str, ...], fields: Sequence[str],
                rows: Sequence[Sequence[object]]) -> None:
    """Set `fields` of a budget's rows found by `keys`; each row is its key values, then
    its field values. One row takes the cheaper plain UPDATE."""
    if not rows:
        return
    if len(rows) == 1:
        row = rows[0]
        sets = ", ".join(f"{name} = ?" for name in fields)
        where = " AND ".join(f"{name} = ?" for name in keys)
        cur.execute(f"UPDATE {schema}.{table} SET {sets} WHERE budget_id = ? AND {where}",
                    [*row[len(keys):], budget_id, *row[:len(keys)]])
        return
    columns = (*keys, *fields)
    selects = ", ".join(f"unnest(${i + 2}) AS {name}" for i, name in enumerate(columns))
    sets = ", ".join(f"{name} = u.{name}" for name in fields)
    where = " AND ".join(f"t.{name} = u.{name}" for name in keys)
    cur.execute(f"UPDATE {schema}.{table} AS t SET {sets} FROM (SELECT {selects}) AS u "
                f"WHERE t.budget_id = $1 AND {where}",
                [budget_id, *([row[i] for row in rows] for i in range(len(columns)))])
