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
from dojo.domain.net_worth import NetWorth, net_worth_by_month
from dojo.domain.state import BudgetState
from dojo.projections.memo import Memo
from dojo.projections.tables import COLUMNS, insert_rows, update_rows


def specs_of(state: BudgetState) -> list[CategorySpec]:
    """Every regular and payment category, in creation order."""
    return [CategorySpec(c.id, c.kind, c.payment_for_account_id)
            for c in state.live_categories() if c.kind in ("regular", "payment")]


def load_facts(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
               first: str, last: str) -> dict[str, MonthFacts]:
    """Assignments, cash and credit activity, income and card payments per month."""
    facts = {m: MonthFacts(lines_sorted=True) for m in month_range(first, last)}
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
        "AND category_id IS NOT NULL AND category_id <> $4 "
        "ORDER BY date, amount, transaction_id, line_index",   # funding_order (R-CC2)
        [*args, income],
    ).fetchall():                                      # R-R3: card lines to RTA skipped
        facts[month].credit_lines.setdefault(category_id, []).append(
            CreditLine(day, int(amount), txn_id, int(index), card))
    return facts


# One stored month: its rm_months values, its category rows by category, its net worth.
MonthRows = tuple[tuple, dict[str, tuple], tuple]
MONTH_FIELDS = COLUMNS["rm_months"][2:]
CATEGORY_FIELDS = COLUMNS["rm_category_months"][3:]
NET_WORTH_FIELDS = COLUMNS["rm_net_worth"][2:]


def _futures(cur: duckdb.DuckDBPyConnection, schema: str, budget_id: str, start: str,
             first: str, last: str, results: list[MonthResult],
             memo: Memo | None) -> dict[str, int]:
    """assigned_in_future of every stored month (R-R2), by month; the months before
    `start` whose value changed are updated in place."""
    if memo is not None:
        earlier = [(m, s[0], s[1], s[2]) for m, s in sorted(memo.summary.items())
                   if first <= m <= last and m < start]
    else:
        earlier = cur.execute(
            f"SELECT month, rta, assigned, assigned_in_future FROM {schema}.rm_months "
            "WHERE budget_id = ? AND month BETWEEN ? AND ? AND month < ? ORDER BY month",
            [budget_id, first, last, start],
        ).fetchall()
    rtas = [int(r[1]) for r in earlier] + [r.rta for r in results]
    totals = [int(r[2]) for r in earlier] + [r.assigned for r in results]
    future = assigned_in_future(rtas, totals)                     # R-R2
    update_rows(cur, schema, "rm_months", budget_id, ("month",),
                ("assigned_in_future", "ready_to_assign"),
                [(month, future[i], rtas[i] - future[i])
                 for i, (month, _, _, old) in enumerate(earlier) if future[i] != old])
    months = [r[0] for r in earlier] + [r.month for r in results]
    return dict(zip(months, future, strict=True))


def _month_rows(results: list[MonthResult], futures: dict[str, int],
                worth: list[NetWorth]) -> dict[str, MonthRows]:
    out = {}
    for r, n in zip(results, worth, strict=True):
        f = futures[r.month]
        out[r.month] = (
            (r.rta, r.rta - f, r.income, r.assigned, r.activity, r.overspent_last_month, f,
             r.cash_overspent, r.credit_overspent),
            {k: (c.assigned, c.activity, c.available, c.carryover, c.cash_overspent,
                 c.credit_overspent) for k, c in r.categories.items() if not c.is_zero()},
            (n.assets, n.liabilities, n.net_worth))
    return out


def _replace_months(cur: duckdb.DuckDBPyConnection, schema: str, budget_id: str,
                    start: str, first: str | None, last: str | None,
                    rows: dict[str, MonthRows]) -> None:
    """The stored range becomes exactly first..last, months from `start` on rewritten."""
    for table in ("rm_months", "rm_category_months", "rm_net_worth"):
        # A delete may have shrunk the range at either end.
        cur.execute(f"DELETE FROM {schema}.{table} WHERE budget_id = ? AND "
                    "(month >= ? OR month < ? OR month > ?)",
                    [budget_id, start, first or start, last or start])
    insert_rows(cur, schema, "rm_months", [
        (budget_id, m, *values) for m, (values, _, _) in rows.items()])
    insert_rows(cur, schema, "rm_category_months", [
        (budget_id, m, k, *values) for m, (_, categories, _) in rows.items()
        for k, values in categories.items()])
    insert_rows(cur, schema, "rm_net_worth", [
        (budget_id, m, *worth) for m, (_, _, worth) in rows.items()])


def _update_months(cur: duckdb.DuckDBPyConnection, schema: str, budget_id: str,
                   rows: dict[str, MonthRows], stored: dict[str, MonthRows]) -> None:
    """Write only the rows that differ from the stored ones (the memo's), which cover the
    same months: usually one month row, one category row and one net worth row."""
    update_rows(cur, schema, "rm_months", budget_id, ("month",), MONTH_FIELDS,
                [(m, *v) for m, (v, _, _) in rows.items() if stored[m][0] != v])
    update_rows(cur, schema, "rm_net_worth", budget_id, ("month",), NET_WORTH_FIELDS,
                [(m, *w) for m, (_, _, w) in rows.items() if stored[m][2] != w])
    changed, added, gone = [], [], []
    for m, (_, categories, _) in rows.items():
        before = stored[m][1]
        for k, values in categories.items():
            old = before.get(k)
            if old is None:
                added.append((budget_id, m, k, *values))
            elif old != values:
                changed.append((m, k, *values))
        gone.extend(f"{m}/{k}" for k in before.keys() - categories.keys())
    update_rows(cur, schema, "rm_category_months", budget_id, ("month", "category_id"),
                CATEGORY_FIELDS, changed)
    if gone:
        cur.execute(f"DELETE FROM {schema}.rm_category_months WHERE budget_id = ? AND "
                    "month || '/' || category_id IN (SELECT unnest(?))", [budget_id, gone])
    insert_rows(cur, schema, "rm_category_months", added)


def _register_from(cur: duckdb.DuckDBPyConnection, schema: str, budget_id: str,
                   start: str) -> dict[str, dict[str, int]]:
    """Register sums by account and month, from `start` on."""
    changes: dict[str, dict[str, int]] = {}
    for account_id, month, total in cur.execute(
        f"SELECT account_id, month, sum(amount) FROM {schema}.rm_transactions "
        "WHERE budget_id = $1 AND month >= $2 GROUP BY ALL", [budget_id, start],
    ).fetchall():
        changes.setdefault(account_id, {})[month] = int(total)
    return changes


def _net_worth_changes(cur: duckdb.DuckDBPyConnection, schema: str, budget_id: str,
                       start: str, memo: Memo | None) -> dict[str, dict[str, int]]:
    """Each account's register sums from `start` on, with its balance before `start` under
    the month "" (which sorts before every month)."""
    if memo is None:
        # The balance before `start` is the balance (rm_accounts, written just before) less
        # the rows from `start` on, so only those rows are read, not the whole register.
        changes = _register_from(cur, schema, budget_id, start)
        for account_id, balance in cur.execute(
                f"SELECT account_id, balance FROM {schema}.rm_accounts WHERE budget_id = ?",
                [budget_id]).fetchall():
            later = changes.setdefault(account_id, {})
            later[""] = int(balance) - sum(later.values())
        return changes
    sums = memo.register_sums(cur, schema)
    changes = {}
    for account_id, by_month in sums.items():
        later = {m: v for m, v in by_month.items() if m >= start}
        later[""] = sum(v for m, v in by_month.items() if m < start)
        changes[account_id] = later
    return changes


def _facts(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState, start: str,
           last: str, memo: Memo | None) -> dict[str, MonthFacts]:
    """The facts of start..last: from the memo when it holds them (it follows every
    change), else read, and then remembered."""
    if memo is not None and memo.facts_from is not None and memo.facts_from <= start:
        return {m: memo.facts.setdefault(m, MonthFacts(lines_sorted=True))
                for m in month_range(start, last)}
    facts = load_facts(cur, schema, state, start, last)
    if memo is not None:
        memo.facts, memo.facts_from = dict(facts), start
    return facts


def recompute(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
              from_month: str, grown_to: str | None = None,
              memo: Memo | None = None) -> tuple[str | None, str | None]:
    """Recompute every month from `from_month` (or the budget's first month) forward;
    `grown_to` is the last month of new rows when the change only added rows. With a memo
    (the writer's), what the stored models hold is taken from it instead of read back, and
    only rows that changed are written."""
    budget_id = state.budget_id
    row = None
    if memo is not None:
        memo.load(cur, schema)
    if grown_to is not None and memo is not None and memo.first is not None:
        assert memo.last is not None
        row = (min(memo.first, from_month), max(memo.last, grown_to), memo.stored_last())
    first, last, stored_last = row or cur.execute(
        f"SELECT min(month), max(month), (SELECT max(month) FROM {schema}.rm_months "
        f"WHERE budget_id = $1) FROM (SELECT month FROM {schema}.rm_transactions "
        f"WHERE budget_id = $1 UNION ALL SELECT month FROM {schema}.rm_assignments "
        "WHERE budget_id = $1)", [budget_id]).fetchone()
    start = from_month
    if first is not None:
        # Months past the stored ones were carried forward, not stored: start after them.
        start = max(first, min(start, add_months(stored_last, 1) if stored_last else first))
    if first is None or last is None:
        _replace_months(cur, schema, budget_id, start, None, None, {})
        if memo is not None:
            memo.computed(None, None, start, {}, {}, [])
        return None, None
    results: list[MonthResult] = []
    worth: list[NetWorth] = []
    if start <= last:
        opening = Opening()
        if start > first:  # only the writer starts past the first month; a rebuild never
            assert memo is not None
            opening = memo.opening(cur, schema, add_months(start, -1))
        facts = _facts(cur, schema, state, start, last, memo)
        if memo is not None and memo.changed is not None:
            # Only the categories the change touches walk their lines again.
            results = run_months(specs_of(state), opening, sorted(facts.items()),
                                 memo.results, memo.changed)
        else:
            results = run_months(specs_of(state), opening, sorted(facts.items()))
        worth = net_worth_by_month(
            _net_worth_changes(cur, schema, budget_id, start, memo),
            month_range(start, last))
    futures = _futures(cur, schema, budget_id, start, first, last, results, memo)
    rows = _month_rows(results, futures, worth)
    if memo is not None and (memo.first, memo.last) == (first, last) \
            and all(m in memo.written for m in rows):
        _update_months(cur, schema, budget_id, rows, memo.written)
    else:
        _replace_months(cur, schema, budget_id, start, first, last, rows)
    if memo is not None:
        memo.computed(first, last, start, rows, futures, results)
    return first, last
