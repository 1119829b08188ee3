"""Reading the month and net-worth models, with months past the stored range carried
forward by the month math (R-M1) and months before the budget all zero."""

import duckdb
import msgspec

from dojo.domain.month_math import CategorySpec, MonthFacts, MonthResult, Opening, run_months
from dojo.domain.months import add_months, month_index


class CategoryMonthView(msgspec.Struct, frozen=True):
    category_id: str
    group_id: str
    name: str
    kind: str
    assigned: int
    activity: int
    available: int
    carryover: int
    cash_overspent: int
    credit_overspent: int


class MonthSummary(msgspec.Struct, frozen=True):
    month: str
    ready_to_assign: int
    income: int
    assigned: int
    activity: int
    overspent_last_month: int
    assigned_in_future: int
    cash_overspent: int
    credit_overspent: int


class MonthView(MonthSummary, frozen=True):
    categories: list[CategoryMonthView]


class NetWorthView(msgspec.Struct, frozen=True):
    month: str
    assets: int
    liabilities: int
    net_worth: int


_SUMMARY = ("ready_to_assign, income, assigned, activity, overspent_last_month, "
            "assigned_in_future, cash_overspent, credit_overspent")
_CATEGORY = "assigned, activity, available, carryover, cash_overspent, credit_overspent"


def budget_range(cur: duckdb.DuckDBPyConnection, budget_id: str) -> tuple[str | None, str | None]:
    row = cur.execute("SELECT first_month, last_month FROM rm_budgets WHERE budget_id = ?",
                      [budget_id]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _categories(cur: duckdb.DuckDBPyConnection, budget_id: str) -> list[tuple]:
    return cur.execute(
        "SELECT c.category_id, c.group_id, c.name, c.kind, c.payment_for_account_id "
        "FROM rm_categories c JOIN rm_category_groups g USING (budget_id, group_id) "
        "WHERE c.budget_id = ? AND c.kind IN ('regular', 'payment') "
        "ORDER BY g.system, g.sort_key, c.sort_key", [budget_id],
    ).fetchall()


def _carried(cur: duckdb.DuckDBPyConnection, budget_id: str, last: str, month: str,
             categories: list[tuple]) -> MonthResult:
    """A month after the last stored one: nothing happens in it but carryover (R-M1)."""
    row = cur.execute("SELECT rta, cash_overspent FROM rm_months WHERE budget_id = ? "
                      "AND month = ?", [budget_id, last]).fetchone()
    available = dict(cur.execute("SELECT category_id, available FROM rm_category_months "
                                 "WHERE budget_id = ? AND month = ?",
                                 [budget_id, last]).fetchall())
    opening = Opening(available, int(row[0]), int(row[1])) if row else Opening()
    specs = [CategorySpec(c[0], c[3], c[4]) for c in categories]
    # From the second carried month on every month is the same; compute at most two.
    steps = min(month_index(month) - month_index(last), 2)
    months = [(add_months(last, i), MonthFacts()) for i in range(1, steps + 1)]
    result = run_months(specs, opening, months)[-1]
    result.month = month
    return result


def month_view(cur: duckdb.DuckDBPyConnection, budget_id: str, month: str) -> MonthView:
    """The month screen: summary and every regular and payment category, hidden included.
    A stored month takes two queries: the range with the summary, the categories with
    their rows."""
    found = cur.execute(
        f"SELECT b.first_month, b.last_month, {_SUMMARY} FROM rm_budgets b LEFT JOIN "
        "rm_months m ON m.budget_id = b.budget_id AND m.month = ? WHERE b.budget_id = ?",
        [month, budget_id]).fetchone()
    first, last = (found[0], found[1]) if found else (None, None)
    zero = (0, 0, 0, 0, 0, 0)
    if first is None or last is None or month < first or month <= last:
        stored = [tuple(r) for r in cur.execute(
            "SELECT c.category_id, c.group_id, c.name, c.kind, c.payment_for_account_id, "
            f"{', '.join('cm.' + f for f in _CATEGORY.split(', '))} "
            "FROM rm_categories c JOIN rm_category_groups g USING (budget_id, group_id) "
            "LEFT JOIN rm_category_months cm ON cm.budget_id = c.budget_id "
            "AND cm.category_id = c.category_id AND cm.month = ? "
            "WHERE c.budget_id = ? AND c.kind IN ('regular', 'payment') "
            "ORDER BY g.system, g.sort_key, c.sort_key", [month, budget_id]).fetchall()]
        categories = [r[:5] for r in stored]
        if first is None or last is None or month < first:
            summary: tuple = (0,) * 8
            rows: dict[str, tuple] = {}
        else:
            summary = tuple(0 if v is None else v for v in found[2:]) if found else (0,) * 8
            rows = {r[0]: r[5:] for r in stored if r[5] is not None}
    else:
        categories = _categories(cur, budget_id)
        r = _carried(cur, budget_id, last, month, categories)
        summary = (r.rta, r.income, r.assigned, r.activity, r.overspent_last_month, 0,
                   r.cash_overspent, r.credit_overspent)
        rows = {k: (c.assigned, c.activity, c.available, c.carryover, c.cash_overspent,
                    c.credit_overspent) for k, c in r.categories.items()}
    return MonthView(month, *map(int, summary), categories=[
        CategoryMonthView(c[0], c[1], c[2], c[3], *map(int, rows.get(c[0], zero)))
        for c in categories
    ])


def net_worth(cur: duckdb.DuckDBPyConnection, budget_id: str,
              months: list[str]) -> list[NetWorthView]:
    """Assets, liabilities and net worth by month (R-N1), carried past the stored range."""
    if not months:
        return []
    stored = {r[0]: r[1:] for r in cur.execute(
        "SELECT month, assets, liabilities, net_worth FROM rm_net_worth WHERE budget_id = ? "
        "ORDER BY month", [budget_id]).fetchall()}
    out, latest = [], (0, 0, 0)
    last_stored = max(stored) if stored else None
    for month in months:
        if month in stored:
            latest = stored[month]
        elif last_stored is not None and month > last_stored:
            latest = stored[last_stored]
        else:
            latest = (0, 0, 0) if not stored or month < min(stored) else latest
        out.append(NetWorthView(month, *map(int, latest)))
    return out


def month_summaries(cur: duckdb.DuckDBPyConnection, budget_id: str,
                    months: list[str]) -> list[MonthSummary]:
    """The month summaries of consecutive months, without their categories."""
    if not months:
        return []
    first, last = budget_range(cur, budget_id)
    stored = {r[0]: tuple(map(int, r[1:])) for r in cur.execute(
        f"SELECT month, {_SUMMARY} FROM rm_months WHERE budget_id = ? AND month BETWEEN ? "
        "AND ?", [budget_id, months[0], months[-1]]).fetchall()}
    carried: dict[str, tuple] = {}
    out = []
    for month in months:
        if first is None or last is None or month < first:
            values: tuple = (0,) * 8
        elif month <= last:
            values = stored.get(month, (0,) * 8)
        else:
            key = min(month, add_months(last, 2))
            if key not in carried:
                view = month_view(cur, budget_id, key)
                carried[key] = tuple(getattr(view, f) for f in MonthSummary.__struct_fields__
                                     if f != "month")
            values = carried[key]
        out.append(MonthSummary(month, *values))
    return out
