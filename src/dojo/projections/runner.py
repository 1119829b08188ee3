"""Keeping the read models in step with the log, inside the command's transaction."""

import duckdb

from dojo.domain.state import BudgetState
from dojo.projections.entities import write_touched
from dojo.projections.memo import Memo
from dojo.projections.months import recompute
from dojo.projections.tables import COLUMNS, MODEL_VERSION
from dojo.projections.touched import Touched

READ_MODELS = tuple(COLUMNS)


def write_budget(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
                 position: int, first: str | None, last: str | None,
                 created_at: int) -> None:
    """The budget row: its version is the position of its latest event; budgets list in
    the order of their BudgetCreated positions."""
    table = f"{schema}.rm_budgets"
    values = [state.name, state.currency, state.currency_exponent, state.income_category_id,
              position, first, last]
    updated = cur.execute(
        f"UPDATE {table} SET name = ?, currency = ?, currency_exponent = ?, "
        "income_category_id = ?, version = ?, first_month = ?, last_month = ? "
        "WHERE budget_id = ?", [*values, state.budget_id]).fetchone()
    if not updated or not updated[0]:
        cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [state.budget_id, *values, created_at])


def record_position(cur: duckdb.DuckDBPyConnection, schema: str, position: int) -> None:
    """Each read model records the log position it has applied."""
    updated = cur.execute(   # the table holds exactly the read models' rows, once written
        f"UPDATE {schema}.projection_positions SET position = $1, model_version = $2",
        [position, MODEL_VERSION]).fetchone()
    if updated and updated[0] == len(READ_MODELS):
        return
    cur.execute(f"DELETE FROM {schema}.projection_positions")
    cur.execute(
        f"INSERT INTO {schema}.projection_positions SELECT unnest($1), $2, $3",
        [list(READ_MODELS), position, MODEL_VERSION],
    )


def apply(cur: duckdb.DuckDBPyConnection, state: BudgetState, touched: Touched,
          positions: list[int], memo: Memo, schema: str = "main") -> None:
    """Bring one budget's read models up to the last of the positions just appended, with
    the writer's memo of them (decision 0014), reading back as little as it can."""
    position = positions[-1]
    write_touched(cur, schema, state, touched, memo)
    if touched.from_month is not None:
        first, last = recompute(cur, schema, state, touched.from_month,
                                touched.to_month if touched.growing else None, memo)
    else:
        memo.load(cur, schema)
        first, last = memo.first, memo.last
    write_budget(cur, schema, state, position, first, last, positions[0])
    record_position(cur, schema, position)
