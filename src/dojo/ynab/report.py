"""After an import: each month and category of YNAB's plan export compared with Dojo's month
view, every difference listed with the reason budget-rules.md section 12 gives for it, or
"unexplained"; and notes on what makes Dojo's Ready to Assign differ from YNAB's."""

from collections import defaultdict

import duckdb
import msgspec

from dojo.domain.money import decimal_text
from dojo.projections.queries import CategoryMonthView, month_view
from dojo.ynab.kinds import category_kind
from dojo.ynab.model import ImportPlan
from dojo.ynab.read import Exports, PlanRow

FUNDING_ORDER = ("Card spending from a category that could not fund all of it, on more than "
                 "one card: Dojo funds it in (date, amount, id) order, YNAB in its own, so "
                 "the funded part reaches another card's payment category "
                 "(budget-rules.md section 12, R-CC2)")


class YnabMismatch(msgspec.Struct, frozen=True):
    """A month and category whose assigned or available differ from YNAB's plan export."""

    month: str
    group: str
    category: str
    category_id: str
    assigned_ynab: int
    assigned_dojo: int
    activity_ynab: int
    activity_dojo: int
    available_ynab: int
    available_dojo: int
    reason: str  # funding-order | carried | unexplained
    explanation: str


class YnabReport(msgspec.Struct, frozen=True):
    """The comparison of an import with YNAB's plan export."""

    months: list[str]
    compared: int
    matched: int
    mismatches: list[YnabMismatch]
    notes: list[str]


def _order_sensitive(plan: ImportPlan,
                     views: dict[str, dict[str, CategoryMonthView]]) -> set[tuple[str, str]]:
    """(month, card) pairs whose funding depends on the order of the card lines: more than one
    card spent from a category that could not fund all its card purchases. With one card the
    funded total is max(0, R0) - max(0, R0 + credit) whatever the order (section 6)."""
    lines = defaultdict(list)
    for line in plan.card_lines:
        lines[(line.month, line.category_id)].append(line)
    out = set()
    for (month, category_id), mine in lines.items():
        cards = {line.card_id for line in mine}
        view = views.get(month, {}).get(category_id)
        if len(cards) < 2 or view is None:
            continue
        r0 = view.available - sum(line.amount for line in mine)
        if max(r0, 0) < -sum(line.amount for line in mine if line.amount < 0):
            out |= {(month, card) for card in cards}
    return out


def _reason(plan: ImportPlan, row: PlanRow, view: CategoryMonthView, sensitive: set,
            earlier: YnabMismatch | None) -> tuple[str, str]:
    if category_kind(row.group, row.category) == "payment":
        card = next(i for n, i in plan.accounts.items() if n.casefold() == row.category.casefold())
        if (row.month, card) in sensitive:
            return "funding-order", FUNDING_ORDER
    same_month = view.assigned == row.assigned and view.activity == row.activity
    if same_month and earlier is not None and earlier.reason != "unexplained":
        return "carried", (f"carried over from {earlier.month}, whose available differs "
                           "(R-M1)")
    return "unexplained", "unexplained"


def _notes(plan: ImportPlan, exports: Exports, exponent: int) -> list[str]:
    notes = []
    cards = {n for n, t in plan.types.items() if t in ("credit_card", "line_of_credit")}
    for row in exports.register:
        if row.account in cards and row.amount > 0 and row.payee != "Starting Balance" and \
                category_kind(row.group, row.category) == "rta":
            notes.append(f"{row.date[:7]}: {decimal_text(row.amount, exponent)} to Ready to "
                         f"Assign on card {row.account!r} ({plan.names[0]} line {row.line}) is "
                         "income in YNAB, not in Dojo (R-R3, budget-rules.md section 12): "
                         "Dojo's Ready to Assign is lower by that much from then on")
    for account_id, day in sorted(plan.reconciled.items(), key=lambda item: item[1]):
        name = next(n for n, i in plan.accounts.items() if i == account_id)
        raised = sum(1 for r in exports.register
                     if r.account == name and r.cleared == "cleared" and r.date <= day)
        if raised:
            notes.append(f"{name!r}: {raised} cleared transactions dated on or before "
                         f"{day}, the last reconciled day, are reconciled in Dojo (R-T7)")
    return notes


def compare(cur: duckdb.DuckDBPyConnection, plan: ImportPlan, exports: Exports,
            exponent: int) -> YnabReport:
    """Every plan row against Dojo's month view of the imported budget."""
    months = sorted({row.month for row in exports.plan})
    views = {m: {c.category_id: c for c in month_view(cur, plan.budget_id, m).categories}
             for m in months}
    sensitive = _order_sensitive(plan, views)
    last: dict[str, YnabMismatch] = {}
    mismatches, compared = [], 0
    for row in sorted(exports.plan, key=lambda r: (r.month, r.line)):
        category_id = plan.category_id("", row.group, row.category)
        if category_id is None or category_id == plan.income_id:
            continue
        compared += 1
        view = views[row.month].get(category_id) or CategoryMonthView(
            category_id, "", row.category, "", 0, 0, 0, 0, 0, 0)
        if (view.assigned, view.available) == (row.assigned, row.available):
            last.pop(category_id, None)
            continue
        earlier = last.get(category_id)
        reason, why = _reason(plan, row, view, sensitive, earlier)
        found = YnabMismatch(row.month, row.group, row.category, category_id, row.assigned,
                             view.assigned, row.activity, view.activity, row.available,
                             view.available, reason, why)
        mismatches.append(found)
        last[category_id] = found
    return YnabReport(months, compared, compared - len(mismatches), mismatches,
                      _notes(plan, exports, exponent))


def render(report: YnabReport, exponent: int) -> list[str]:
    """The report as lines for people, amounts in the budget's currency units."""
    def money(value: int) -> str:
        return decimal_text(value, exponent)

    lines = [f"compared {report.compared} month-category rows of {len(report.months)} months "
             f"({report.months[0] if report.months else '-'} to "
             f"{report.months[-1] if report.months else '-'}): {report.matched} match, "
             f"{len(report.mismatches)} differ"]
    for m in report.mismatches:
        lines.append(f"{m.month} {m.group}: {m.category}: assigned YNAB {money(m.assigned_ynab)}"
                     f" Dojo {money(m.assigned_dojo)}, available YNAB {money(m.available_ynab)}"
                     f" Dojo {money(m.available_dojo)} [{m.reason}] {m.explanation}")
    lines += [f"note: {note}" for note in report.notes]
    return lines
