"""The month read models (category months, month summaries, net worth), recomputed from
the first changed month forward by feeding facts from the register to the month math."""

import duckdb

from dojo.domain.month_math import (
    CategorySpec,
    CreditLine,
    MonthFacts,
    MonthResult,
    Opening,
    assigned_in_future,
    run_months,
)
from dojo.domain.months import add_months, month_range
from dojo.domain.net_worth import net_worth_by_month
from dojo.domain.state import BudgetState
from dojo.projections.tables import insert_rows


def budget_range(cur: duckdb.DuckDBPyConnection, schema: str,
                 budget_id: str) -> tuple[str | None, str | None]:
    """The first and last month with a transaction or a nonzero assignment."""
    row = cur.execute(
        f"SELECT min(month), max(month) FROM (SELECT month FROM {schema}.rm_transactions "
        f"WHERE budget_id = $1 UNION ALL SELECT month FROM {schema}.rm_assignments "
        "WHERE budget_id = $1)",
        [budget_id],
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def specs_of(state: BudgetState) -> list[CategorySpec]:
    """Every regular and payment category, in creation order."""
    return [CategorySpec(c.id, c.kind, c.payment_for_account_id)
            for c in state.live_categories() if c.kind in ("regular", "payment")]


def load_facts(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
               first: str, last: str) -> dict[str, MonthFacts]:
    """Assignments, cash and credit activity, income and card payments per month."""
    facts: dict[str, MonthFacts] = {m: MonthFacts() for m in month_range(first, last)}
    args = [state.budget_id, first, last]
    lines = f"{schema}.rm_transaction_lines WHERE budget_id = $1 AND month BETWEEN $2 AND $3"
    income = state.income_category_id
    for tag, month, key, total in cur.execute(
        f"SELECT 'a', month, category_id, assigned FROM {schema}.rm_assignments "
        "WHERE budget_id = $1 AND month BETWEEN $2 AND $3 UNION ALL "
        f"SELECT 'c', month, category_id, sum(amount) FROM {lines} "
        "AND account_kind = 'cash' AND category_id IS NOT NULL GROUP BY ALL UNION ALL "
        f"SELECT 'p', month, account_id, sum(amount) FROM {lines} "
        "AND account_kind = 'credit' AND transfer_peer_on_budget GROUP BY ALL", args,
    ).fetchall():
        if tag == "a":
            facts[month].assigned[key] = int(total)
        elif tag == "p":
            facts[month].payment_transfers[key] = int(total)
        elif key == income:
            facts[month].income += int(total)          # R-R1: income on cash accounts only
        else:
            facts[month].cash_activity[key] = int(total)
    for month, category_id, day, amount, txn_id, index, card in cur.execute(
        f"SELECT month, category_id, CAST(date AS VARCHAR), amount, transaction_id, "
        f"line_index, account_id FROM {lines} AND account_kind = 'credit' "
        "AND category_id IS NOT NULL AND category_id <> $4", [*args, income],
    ).fetchall():                                      # R-R3: card lines to RTA skipped
        facts[month].credit_lines.setdefault(category_id, []).append(
            CreditLine(day, int(amount), txn_id, int(index), card))
    return facts


def _opening(cur: duckdb.DuckDBPyConnection, schema: str, budget_id: str,
             month: str) -> Opening:
    rows = cur.execute(
        f"SELECT NULL, rta, cash_overspent FROM {schema}.rm_months WHERE budget_id = $1 "
        f"AND month = $2 UNION ALL SELECT category_id, available, NULL FROM "
        f"{schema}.rm_category_months WHERE budget_id = $1 AND month = $2",
        [budget_id, month],
    ).fetchall()
    summary = [r for r in rows if r[0] is None]
    if not summary:
        return Opening()
    available = {r[0]: int(r[1]) for r in rows if r[0] is not None}
    return Opening(available, int(summary[0][1]), int(summary[0][2]))


def _write_months(cur: duckdb.DuckDBPyConnection, schema: str, budget_id: str,
                  start: str, results: list[MonthResult]) -> None:
    earlier = cur.execute(
        f"SELECT month, rta, assigned, assigned_in_future FROM {schema}.rm_months "
        "WHERE budget_id = ? AND month < ? ORDER BY month", [budget_id, start],
    ).fetchall()
    rtas = [int(r[1]) for r in earlier] + [r.rta for r in results]
    totals = [int(r[2]) for r in earlier] + [r.assigned for r in results]
    future = assigned_in_future(rtas, totals)                     # R-R2
    changed = [(month, future[i], rtas[i] - future[i])
               for i, (month, _, _, old) in enumerate(earlier) if future[i] != old]
    if changed:
        cur.execute(
            f"UPDATE {schema}.rm_months AS m SET assigned_in_future = c.f, "
            "ready_to_assign = c.r FROM (SELECT unnest($2) AS month, unnest($3) AS f, "
            "unnest($4) AS r) AS c WHERE m.budget_id = $1 AND m.month = c.month",
            [budget_id, *map(list, zip(*changed, strict=True))],
        )
    offset = len(earlier)
    insert_rows(cur, schema, "rm_months", [
        (budget_id, r.month, r.rta, r.rta - future[offset + i], r.income, r.assigned,
         r.activity, r.overspent_last_month, future[offset + i], r.cash_overspent,
         r.credit_overspent)
        for i, r in enumerate(results)
    ])
    insert_rows(cur, schema, "rm_category_months", [
        (budget_id, r.month, category_id, c.assigned, c.activity, c.available, c.carryover,
         c.cash_overspent, c.credit_overspent)
        for r in results for category_id, c in r.categories.items() if not c.is_zero()
    ])


def _write_net_worth(cur: duckdb.DuckDBPyConnection, schema: str, budget_id: str,
                     start: str, last: str) -> None:
    """Net worth from `start` on: each account's balance before `start` is its balance
    (rm_accounts, written just before) less its register rows from `start` on, so only
    those rows are read, not the whole register."""
    changes: dict[str, dict[str, int]] = {}
    balances: dict[str, int] = {}
    for account_id, month, total in cur.execute(
        f"SELECT account_id, NULL, balance FROM {schema}.rm_accounts WHERE budget_id = $1 "
        f"UNION ALL SELECT account_id, month, sum(amount) FROM {schema}.rm_transactions "
        "WHERE budget_id = $1 AND month >= $2 GROUP BY ALL", [budget_id, start],
    ).fetchall():
        if month is None:
            balances[account_id] = int(total)
        else:
            changes.setdefault(account_id, {})[month] = int(total)
    for account_id, balance in balances.items():
        later = changes.setdefault(account_id, {})
        later[""] = balance - sum(later.values())  # "" sorts before every month
    insert_rows(cur, schema, "rm_net_worth", [
        (budget_id, n.month, n.assets, n.liabilities, n.net_worth)
        for n in net_worth_by_month(changes, month_range(start, last))
    ])


def recompute(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
              from_month: str, grown_to: str | None = None) -> tuple[str | None, str | None]:
    """Recompute every month from `from_month` (or the budget's first month) forward;
    `grown_to` is the last month of new rows when the change only added rows."""
    budget_id = state.budget_id
    row = None
    if grown_to is not None:  # only new rows: the stored range widened to take them
        row = cur.execute(
            f"SELECT least(first_month, $2), greatest(last_month, $3), (SELECT max(month) "
            f"FROM {schema}.rm_months WHERE budget_id = $1) FROM {schema}.rm_budgets "
            "WHERE budget_id = $1 AND first_month IS NOT NULL",
            [budget_id, from_month, grown_to]).fetchone()
    first, last, stored_last = row or cur.execute(
        f"SELECT min(month), max(month), (SELECT max(month) FROM {schema}.rm_months "
        f"WHERE budget_id = $1) FROM (SELECT month FROM {schema}.rm_transactions "
        f"WHERE budget_id = $1 UNION ALL SELECT month FROM {schema}.rm_assignments "
        "WHERE budget_id = $1)", [budget_id]).fetchone()
    start = from_month
    if first is not None:
        # Months past the stored ones were carried forward, not stored: start after them.
        start = max(first, min(start, add_months(stored_last, 1) if stored_last else first))
    for table in ("rm_months", "rm_category_months", "rm_net_worth"):
        # The stored range is exactly first..last: a delete may have shrunk it at either end.
        cur.execute(f"DELETE FROM {schema}.{table} WHERE budget_id = ? AND "
                    "(month >= ? OR month < ? OR month > ?)",
                    [budget_id, start, first or start, last or start])
    if first is None or last is None:
        return None, None
    results: list[MonthResult] = []
    if start <= last:
        opening = Opening()
        if start > first:
            opening = _opening(cur, schema, budget_id, add_months(start, -1))
        facts = load_facts(cur, schema, state, start, last)
        results = run_months(specs_of(state), opening, sorted(facts.items()))
        _write_net_worth(cur, schema, budget_id, start, last)
    _write_months(cur, schema, budget_id, start, results)
    return first, last
