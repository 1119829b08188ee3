"""I-3, RTA stability (budget-rules.md section 10), on the real store and projections.

For a generated base ledger and one action dated in month m, rta(n) of every month n <= m is
unchanged by: a card purchase or refund categorized to a category, moving money between two
categories, a transfer between two cards, a card payment, a Ready to Assign line on a card.
Later months may change, but only through cash overspending (R-M2): income and assigned
totals do not move, so rta(n) changes by minus the change of cash_overspent_total summed over
the months m..n-1. A transfer between two cash accounts changes no budget number at all.

rta(n) is the stored rta of rm_months (before assigned_in_future, R-R2); a month past the
budget's last stored month is carried forward (read through month_view, whose
ready_to_assign equals rta there), a month before the budget is zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.domain import commands as cmd
from dojo.domain.events import Line
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.projections import queries
from tests.reference_model import months_between, next_month

TODAY = "2026-06-15"
BUDGET = "00000000-0000-4000-a000-000000000001"
GROUP = "00000000-0000-4000-b000-000000000001"

ACCOUNTS = {"chk": "checking", "sav": "savings", "visa": "credit_card",
            "loc": "line_of_credit", "house": "asset"}
CASH = ("chk", "sav")
CARDS = ("visa", "loc")
CATEGORIES = ("food", "rent", "fun")
RTA = "ready_to_assign"
MONTHS = months_between("2025-11", "2026-08")
WINDOW = months_between("2025-10", "2026-09")   # every month any example can touch, and more

SETTINGS = settings(max_examples=9, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

days = st.builds(lambda month, day: f"{month}-{day:02d}", st.sampled_from(MONTHS),
                 st.integers(1, 28))


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def kind(account: str) -> str:
    return {"checking": "cash", "savings": "cash", "credit_card": "credit",
            "line_of_credit": "credit", "asset": "tracking"}[ACCOUNTS[account]]


# ------------------------------------------------------------------------------ base ledger


@st.composite
def base_txn(draw: st.DrawFn) -> tuple[Any, ...]:
    account = draw(st.sampled_from(sorted(ACCOUNTS)))
    choices: list[str | None] = [None] if kind(account) == "tracking" else [*CATEGORIES, RTA]
    lines = draw(st.lists(st.tuples(st.sampled_from(choices), st.integers(-60_000, 40_000)),
                          min_size=1, max_size=2))
    return ("txn", account, draw(days), tuple(lines))


@st.composite
def base_transfer(draw: st.DrawFn) -> tuple[Any, ...]:
    source = draw(st.sampled_from(sorted(ACCOUNTS)))
    target = draw(st.sampled_from(sorted(a for a in ACCOUNTS if a != source)))
    category = None
    if (kind(source) == "tracking") != (kind(target) == "tracking"):
        category = draw(st.sampled_from([*CATEGORIES, RTA]))
    return ("transfer", source, target, draw(days), draw(st.integers(1, 80_000)), category)


base_assign = st.tuples(st.just("assign"),
                        st.sampled_from([*CATEGORIES, "payment:visa", "payment:loc"]),
                        st.sampled_from(MONTHS), st.integers(-20_000, 60_000))


@dataclass(frozen=True)
class Base:
    openings: dict[str, int]
    ops: list[tuple[Any, ...]]


bases = st.builds(
    Base,
    openings=st.fixed_dictionaries({
        "chk": st.integers(0, 300_000), "sav": st.integers(-20_000, 50_000),
        "visa": st.integers(-100_000, 10_000), "loc": st.integers(-50_000, 0),
        "house": st.integers(0, 500_000)}),
    ops=st.lists(st.one_of(base_txn(), base_transfer(), base_assign), max_size=10),
)


class Budget:
    """A fresh database holding the base ledger; names resolve to ids."""

    def __init__(self, base: Base) -> None:
        self.con = connect(":memory:")
        migrate(self.con, clock=FixedClock.on(TODAY))
        self.dojo = Dojo(self.con, FixedClock.on(TODAY), SequentialIds())
        self.ids: dict[str, str] = {}
        self.run(cmd.CreateBudget(budget_id=BUDGET, name="Stability", currency="USD"))
        self.run(cmd.CreateCategoryGroup(group_id=GROUP, name="Everyday"))
        self.income = self.con.execute("SELECT income_category_id FROM rm_budgets").fetchone()[0]
        number = 1000
        for name in CATEGORIES:
            number += 1
            self.ids[name] = uid(number)
            self.run(cmd.CreateCategory(category_id=uid(number), group_id=GROUP, name=name))
        for i, (name, account_type) in enumerate(ACCOUNTS.items()):
            number += 1
            self.ids[name] = uid(number)
            self.run(cmd.OpenAccount(account_id=uid(number), name=name.upper(),
                                     account_type=account_type,
                                     opening_balance=base.openings[name],
                                     opening_date=f"2025-11-{i + 1:02d}"))
        for card in CARDS:
            self.ids[f"payment:{card}"] = self.con.execute(
                "SELECT payment_category_id FROM rm_accounts WHERE account_id = ?",
                [self.ids[card]]).fetchone()[0]
        # Base records take even ids, so that an action's odd id can sort anywhere (R-CC2).
        for i, op in enumerate(base.ops):
            record_id = uid(2 * i + 2)
            if op[0] == "txn":
                _, account, day, lines = op
                self.record(record_id, account, day, lines)
            elif op[0] == "transfer":
                _, source, target, day, amount, category = op
                self.transfer(record_id, source, target, day, amount, category)
            else:
                _, category, month, amount = op
                self.run(cmd.Assign(month=month, category_id=self.ids[category],
                                    assigned=amount))

    def category(self, name: str | None) -> str | None:
        if name is None:
            return None
        return self.income if name == RTA else self.ids[name]

    def run(self, command: cmd.Command) -> None:
        self.dojo.execute(BUDGET, command)

    def record(self, txn_id: str, account: str, day: str,
               lines: tuple[tuple[str | None, int], ...]) -> None:
        self.run(cmd.RecordTransaction(
            transaction_id=txn_id, account_id=self.ids[account], date=day,
            amount=sum(a for _c, a in lines),
            lines=tuple(Line(category_id=self.category(c), amount=a) for c, a in lines)))

    def transfer(self, transfer_id: str, source: str, target: str, day: str, amount: int,
                 category: str | None = None) -> None:
        self.run(cmd.RecordTransfer(transfer_id=transfer_id, from_account_id=self.ids[source],
                                    to_account_id=self.ids[target], date=day, amount=amount,
                                    category_id=self.category(category)))

    def rta_and_overspent(self) -> dict[str, tuple[int, int]]:
        """(rta(n), cash_overspent_total(n)) for every month of the window."""
        with self.con.cursor() as cur:
            first, last = cur.execute("SELECT first_month, last_month FROM rm_budgets"
                                      ).fetchone()
            stored = {m: (int(r), int(o)) for m, r, o in cur.execute(
                "SELECT month, rta, cash_overspent FROM rm_months").fetchall()}
            out = {}
            for month in WINDOW:
                if first is None or month < first:
                    out[month] = (0, 0)
                elif month <= last:
                    assert month in stored, f"rm_months lacks {month} inside {first}..{last}"
                    out[month] = stored[month]
                else:   # carried forward: nothing assigned later, ready_to_assign = rta
                    view = queries.month_view(cur, BUDGET, month)
                    out[month] = (view.ready_to_assign, view.cash_overspent)
            return out

    def month_views(self) -> dict[str, queries.MonthView]:
        with self.con.cursor() as cur:
            return {m: queries.month_view(cur, BUDGET, m) for m in WINDOW}

    def close(self) -> None:
        self.con.close()


def check_rta_stable(base: Base, month: str, act: Any) -> None:
    """Run `act(budget)` (an action dated in `month`) on the base and check I-3."""
    budget = Budget(base)
    try:
        before = budget.rta_and_overspent()
        act(budget)
        after = budget.rta_and_overspent()
    finally:
        budget.close()
    for n in WINDOW:
        if n <= month:
            assert after[n][0] == before[n][0], (
                f"I-3: rta({n}) changed from {before[n][0]} to {after[n][0]} by an action "
                f"dated in {month}")
    # Later months: only through cash overspending of months m .. n-1 (R-M2).
    shift = 0
    n = month
    while n < WINDOW[-1]:
        shift -= after[n][1] - before[n][1]
        n = next_month(n)
        assert after[n][0] - before[n][0] == shift, (
            f"I-3: rta({n}) changed by {after[n][0] - before[n][0]}, but cash overspending "
            f"of {month}..{n} accounts for {shift}")


def odd_id(draw: st.DrawFn) -> str:
    return uid(2 * draw(st.integers(0, 11)) + 1)


# ------------------------------------------------------------------------------ the tests


@SETTINGS
@given(base=bases, data=st.data())
def test_i3_card_purchase_or_refund_keeps_earlier_rta(base: Base, data: st.DataObject) -> None:
    card = data.draw(st.sampled_from(CARDS))
    category = data.draw(st.sampled_from(CATEGORIES))
    day = data.draw(days)
    amount = data.draw(st.integers(-80_000, 40_000))
    txn_id = odd_id(data.draw)
    check_rta_stable(base, day[:7],
                     lambda b: b.record(txn_id, card, day, ((category, amount),)))


@SETTINGS
@given(base=bases, data=st.data())
def test_i3_move_between_two_categories_keeps_earlier_rta(base: Base,
                                                         data: st.DataObject) -> None:
    names = [*CATEGORIES, "payment:visa", "payment:loc"]
    source = data.draw(st.sampled_from(names))
    target = data.draw(st.sampled_from([c for c in names if c != source]))
    month = data.draw(st.sampled_from(MONTHS))
    amount = data.draw(st.integers(1, 60_000))
    check_rta_stable(base, month, lambda b: b.run(cmd.MoveMoney(
        month=month, from_category_id=b.ids[source], to_category_id=b.ids[target],
        amount=amount)))


@SETTINGS
@given(base=bases, data=st.data())
def test_i3_transfer_between_two_cards_keeps_earlier_rta(base: Base,
                                                        data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(CARDS))
    target = next(c for c in CARDS if c != source)
    day = data.draw(days)
    amount = data.draw(st.integers(1, 80_000))
    transfer_id = odd_id(data.draw)
    check_rta_stable(base, day[:7],
                     lambda b: b.transfer(transfer_id, source, target, day, amount))


@SETTINGS
@given(base=bases, data=st.data())
def test_i3_card_payment_keeps_earlier_rta(base: Base, data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(CASH))
    card = data.draw(st.sampled_from(CARDS))
    day = data.draw(days)
    amount = data.draw(st.integers(1, 80_000))
    transfer_id = odd_id(data.draw)
    check_rta_stable(base, day[:7],
                     lambda b: b.transfer(transfer_id, source, card, day, amount))


@SETTINGS
@given(base=bases, data=st.data())
def test_i3_ready_to_assign_line_on_card_keeps_earlier_rta(base: Base,
                                                          data: st.DataObject) -> None:
    card = data.draw(st.sampled_from(CARDS))
    day = data.draw(days)
    amount = data.draw(st.integers(-50_000, 50_000))
    txn_id = odd_id(data.draw)
    check_rta_stable(base, day[:7], lambda b: b.record(txn_id, card, day, ((RTA, amount),)))


def _numbers(view: queries.MonthView) -> dict[str, Any]:
    return {"summary": {f: getattr(view, f) for f in queries.MonthSummary.__struct_fields__},
            "categories": {c.category_id: c for c in view.categories}}


@SETTINGS
@given(base=bases, data=st.data())
def test_i3_transfer_between_cash_accounts_changes_no_budget_number(
        base: Base, data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(CASH))
    target = next(c for c in CASH if c != source)
    day = data.draw(days)
    amount = data.draw(st.integers(1, 80_000))
    budget = Budget(base)
    try:
        before = budget.month_views()
        budget.transfer(uid(1), source, target, day, amount)
        after = budget.month_views()
    finally:
        budget.close()
    for month in WINDOW:
        assert _numbers(after[month]) == _numbers(before[month]), (
            f"I-3: a cash-to-cash transfer on {day} changed the budget of {month}:\n"
            f"before {before[month]}\nafter  {after[month]}")
