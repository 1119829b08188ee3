"""run_months with the months an earlier run left and the categories whose facts changed
since: only those walk their lines again, and the result is exactly a full run's."""

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from dojo.domain.month_math import CategorySpec, CreditLine, MonthFacts, Opening, run_months

CATEGORIES = ["a", "b", "c", "d"]
CARDS = ["visa", "amex"]
SPECS = [CategorySpec(c, "regular") for c in CATEGORIES] + [
    CategorySpec(f"pay-{card}", "payment", card) for card in CARDS]
MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]

amounts = st.integers(-50_000, 50_000)


@st.composite
def month_facts(draw: st.DrawFn) -> MonthFacts:
    facts = MonthFacts()
    for category in draw(st.lists(st.sampled_from(CATEGORIES), unique=True)):
        facts.assigned[category] = draw(amounts)
    for category in draw(st.lists(st.sampled_from(CATEGORIES), unique=True)):
        facts.cash_activity[category] = draw(amounts)
    for n in range(draw(st.integers(0, 6))):
        category = draw(st.sampled_from(CATEGORIES))
        facts.credit_lines.setdefault(category, []).append(CreditLine(
            f"2026-01-{draw(st.integers(1, 28)):02d}", draw(amounts), f"t{n}", 0,
            draw(st.sampled_from(CARDS))))
    for card in draw(st.lists(st.sampled_from(CARDS), unique=True)):
        facts.payment_transfers[card] = draw(amounts)
    facts.income = draw(st.integers(0, 100_000))
    return facts


@settings(max_examples=200, deadline=None)
@given(before=st.lists(month_facts(), min_size=len(MONTHS), max_size=len(MONTHS)),
       changed=st.lists(st.sampled_from(CATEGORIES), unique=True),
       replacement=month_facts(), at=st.integers(0, len(MONTHS) - 1))
def test_reusing_unchanged_categories_equals_a_full_run(
        before: list[MonthFacts], changed: list[str], replacement: MonthFacts,
        at: int) -> None:
    old = run_months(SPECS, Opening(), list(zip(MONTHS, before, strict=True)))
    after = copy.deepcopy(before)
    for facts in after[at:]:          # the changed categories' facts, from a month on
        for category in changed:
            for part in ("assigned", "cash_activity", "credit_lines"):
                mine = getattr(replacement, part).get(category)
                getattr(facts, part).pop(category, None)
                if mine is not None:
                    getattr(facts, part)[category] = mine
        facts.income = replacement.income
        facts.payment_transfers = dict(replacement.payment_transfers)
    full = run_months(SPECS, Opening(), list(zip(MONTHS, after, strict=True)))
    reused = run_months(SPECS, Opening(), list(zip(MONTHS, after, strict=True)),
                        {r.month: r for r in old}, set(changed))
    assert reused == full
