"""The month arithmetic of budget-rules.md sections 6 and 7, and nothing else.

The projector feeds it facts (assignments, activity, credit lines) and stores its output;
no other code computes budget numbers.
"""

from dataclasses import dataclass, field

from dojo.domain.errors import AmountOutOfRange
from dojo.domain.money import in_int64


@dataclass(frozen=True, slots=True, order=True)
class CreditLine:
    """A line on a credit account; the field order is the funding order (R-CC2)."""

    date: str
    amount: int
    transaction_id: str
    line_index: int
    card_id: str = field(compare=False)


@dataclass(slots=True)
class MonthFacts:
    """What happened in one month, summed where the rules only need sums."""

    assigned: dict[str, int] = field(default_factory=dict)
    cash_activity: dict[str, int] = field(default_factory=dict)
    credit_lines: dict[str, list[CreditLine]] = field(default_factory=dict)
    income: int = 0
    payment_transfers: dict[str, int] = field(default_factory=dict)
    # Each category's credit lines are in funding order already (the projector keeps them
    # so); otherwise they are sorted for each walk.
    lines_sorted: bool = False


@dataclass(frozen=True, slots=True)
class CategorySpec:
    """A regular category, or a payment category with the card it belongs to."""

    id: str
    kind: str
    card_id: str | None = None


@dataclass(slots=True)
class CategoryMonth:
    assigned: int = 0
    activity: int = 0
    available: int = 0
    carryover: int = 0
    cash_overspent: int = 0
    credit_overspent: int = 0

    def is_zero(self) -> bool:
        """Rows of all zeros need not be stored."""
        return not (self.assigned or self.activity or self.available or self.carryover
                    or self.cash_overspent or self.credit_overspent)


@dataclass(slots=True)
class MonthResult:
    month: str
    rta: int
    income: int
    assigned: int
    activity: int
    overspent_last_month: int
    cash_overspent: int
    credit_overspent: int
    categories: dict[str, CategoryMonth]
    # What each regular category's funded walk moved to each card's payment category
    # (R-CC2); kept so that a later run may reuse an unchanged category's row.
    moved_by: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Opening:
    """The end of the month before the first computed one (all zero before the budget)."""

    available: dict[str, int] = field(default_factory=dict)
    rta: int = 0
    cash_overspent_total: int = 0


def funding_order(line: CreditLine) -> tuple[str, int, str, int]:
    """CreditLine's own order as a tuple: the same order, compared in C (a hot path)."""
    return line.date, line.amount, line.transaction_id, line.line_index


def _regular(spec: CategorySpec, facts: MonthFacts, carryover: int,
             moved: dict[str, int]) -> CategoryMonth:
    """One regular category's month; what its walk moves to each card goes to `moved`."""
    assigned = facts.assigned.get(spec.id, 0)
    cash = facts.cash_activity.get(spec.id, 0)
    lines = facts.credit_lines.get(spec.id, ())
    if not facts.lines_sorted:
        lines = sorted(lines, key=funding_order)
    r0 = carryover + assigned + cash                   # B + C
    running = max(r0, 0)
    for line in lines:                                 # R-CC2: the funded walk
        new = running + line.amount
        moved[line.card_id] = moved.get(line.card_id, 0) + max(running, 0) - max(new, 0)
        running = new
    credit = sum(line.amount for line in lines)
    available = r0 + credit                            # = B + activity (I-6)
    overspent = max(0, -available)
    credit_overspent = min(overspent, max(0, -running))
    return CategoryMonth(assigned, cash + credit, available, carryover,
                         overspent - credit_overspent, credit_overspent)


def _payment(spec: CategorySpec, facts: MonthFacts, carryover: int,
             moved: dict[str, int]) -> CategoryMonth:
    card = spec.card_id or ""
    assigned = facts.assigned.get(spec.id, 0)
    activity = moved.get(card, 0) - facts.payment_transfers.get(card, 0)   # R-CC4
    available = carryover + assigned + activity
    return CategoryMonth(assigned, activity, available, carryover, max(0, -available), 0)


def _one_month(month: str, specs: list[CategorySpec], facts: MonthFacts,
               previous: Opening, before: MonthResult | None = None,
               changed: set[str] | None = None) -> MonthResult:
    """One month from the end of the one before. With `before`, this month as an earlier
    run computed it, the regular categories not in `changed` (whose facts and opening are
    the same as then) keep their rows and what they moved, without their walk again."""
    moved: dict[str, int] = {}
    moved_by: dict[str, dict[str, int]] = {}
    rows: dict[str, CategoryMonth] = {}
    for spec in specs:
        if spec.kind == "regular":
            if before is not None and changed is not None and spec.id not in changed \
                    and spec.id in before.categories:
                rows[spec.id] = before.categories[spec.id]
                mine = before.moved_by.get(spec.id)
            else:
                carryover = max(0, previous.available.get(spec.id, 0))   # R-M1
                mine = {}
                rows[spec.id] = _regular(spec, facts, carryover, mine)
            if mine:
                moved_by[spec.id] = mine
                for card, amount in mine.items():
                    moved[card] = moved.get(card, 0) + amount
    for spec in specs:
        if spec.kind == "payment":
            carryover = max(0, previous.available.get(spec.id, 0))
            rows[spec.id] = _payment(spec, facts, carryover, moved)
    assigned = sum(row.assigned for row in rows.values())            # R-R1
    rta = previous.rta - previous.cash_overspent_total + facts.income - assigned   # R-M2
    ordered = {spec.id: rows[spec.id] for spec in specs}
    return MonthResult(
        month=month,
        rta=rta,
        income=facts.income,
        assigned=assigned,
        activity=sum(r.activity for s, r in zip(specs, ordered.values(), strict=True)
                     if s.kind == "regular"),                         # R-R4
        overspent_last_month=previous.cash_overspent_total,
        cash_overspent=sum(r.cash_overspent for r in ordered.values()),
        credit_overspent=sum(r.credit_overspent for r in ordered.values()),
        categories=ordered,
        moved_by=moved_by,
    )


def _check_range(result: MonthResult) -> None:
    numbers = [result.rta, result.income, result.assigned, result.activity,
               result.cash_overspent, result.credit_overspent]
    for row in result.categories.values():
        numbers += [row.assigned, row.activity, row.available, row.carryover]
    if not all(in_int64(n) for n in numbers):
        raise AmountOutOfRange(f"a number of {result.month} would leave the signed "
                               "64-bit range")


def run_months(specs: list[CategorySpec], opening: Opening,
               months: list[tuple[str, MonthFacts]],
               before: dict[str, MonthResult] | None = None,
               changed: set[str] | None = None) -> list[MonthResult]:
    """Each month in order, each starting from the end of the one before. `before` and
    `changed`: the months as an earlier run left them and the categories whose facts
    changed since, when only those need their walk again (see `_one_month`)."""
    results = []
    previous = opening
    for month, facts in months:
        result = _one_month(month, specs, facts, previous,
                            before.get(month) if before is not None else None, changed)
        _check_range(result)
        results.append(result)
        previous = Opening(
            available={k: row.available for k, row in result.categories.items()},
            rta=result.rta,
            cash_overspent_total=result.cash_overspent,
        )
    return results


def assigned_in_future(rtas: list[int], assigned_totals: list[int]) -> list[int]:
    """R-R2 for consecutive months: min(rta(m), F) where F sums assigned after m."""
    out = [0] * len(rtas)
    later = 0
    for i in range(len(rtas) - 1, -1, -1):
        out[i] = 0 if rtas[i] <= 0 or later <= 0 else min(rtas[i], later)
        later += assigned_totals[i]
    return out
