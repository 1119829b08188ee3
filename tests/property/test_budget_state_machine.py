"""The whole budget as a state machine (budget-rules.md sections 6-10).

Random command sequences run against the real event store and projections, on a fresh
in-memory DuckDB per run. A mirror ledger of every command that succeeded feeds the naive
reference model (tests/reference_model.py). After every step the read models must equal the
reference (sections 6, 7, 9) and satisfy I-1, I-5, I-6 and I-7; a refused command must add no
event. At the end of a run, I-4 (a rebuild from the log equals the live read models) and I-2
(a second database driven by a different command sequence that ends in the same ledger has
the same read models).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import duckdb
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.domain import commands as cmd
from dojo.domain.errors import DomainError
from dojo.domain.events import Line as CmdLine
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.projections import queries
from dojo.projections.rebuild import differences
from tests import reference_model as ref

TODAY = "2026-06-15"
TODAY_MONTH = TODAY[:7]
BUDGET = "00000000-0000-4000-a000-000000000001"
GROUP = "00000000-0000-4000-b000-000000000001"
INCOME = ref.INCOME

ACCOUNT_TYPES = ("checking", "savings", "cash", "credit_card", "line_of_credit", "asset",
                 "investment", "liability", "mortgage", "loan")
OPENING_MONTHS = ref.months_between("2025-11", "2026-08")
TXN_MONTHS = ref.months_between("2025-10", "2026-08")      # past, current and future months
ASSIGN_MONTHS = ref.months_between("2025-10", "2026-09")

MAX_ACCOUNTS = 8
MAX_CATEGORIES = 5

SUMMARY_FIELDS = ("ready_to_assign", "income", "assigned", "activity", "overspent_last_month",
                  "assigned_in_future", "cash_overspent", "credit_overspent")
CATEGORY_FIELDS = ("assigned", "activity", "available", "carryover", "cash_overspent",
                   "credit_overspent")
COMPARED_TABLES = ("rm_transactions", "rm_transaction_lines", "rm_transfers", "rm_assignments",
                   "rm_category_months", "rm_months", "rm_net_worth")

# Days and amounts cluster now and then, so that credit lines tie on date and amount and the
# funding order (R-CC2) falls back to amount, then id, then line index.
dates = st.builds(lambda month, day: f"{month}-{day:02d}", st.sampled_from(TXN_MONTHS),
                  st.one_of(st.sampled_from([1, 15, 28]), st.integers(1, 28)))
line_amounts = st.one_of(st.sampled_from([-5_000, -2_500, 2_500]), st.integers(-60_000, 40_000))
transfer_amounts = st.integers(1, 80_000)
assigned_amounts = st.integers(-30_000, 60_000)
move_amounts = st.integers(1, 40_000)


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def kind_of(account_type: str) -> str:
    return ref.account_kind(account_type)


@dataclass
class PlainTxn:
    """A non-transfer transaction as last recorded or edited (mirror categories: INCOME for
    Ready to Assign, None on tracking accounts)."""

    id: str
    account_id: str
    date: str
    lines: tuple[tuple[str | None, int], ...]
    payee: str | None = None
    cleared: str = "uncleared"

    @property
    def amount(self) -> int:
        return sum(amount for _c, amount in self.lines)


@dataclass
class TransferRec:
    id: str
    from_account: str
    to_account: str
    date: str
    amount: int
    category: str | None
    from_txn: str = ""
    to_txn: str = ""


def fresh_dojo() -> tuple[duckdb.DuckDBPyConnection, Dojo]:
    con = connect(":memory:")
    migrate(con, clock=FixedClock.on(TODAY))
    return con, Dojo(con, FixedClock.on(TODAY), SequentialIds())


def event_count(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT count(*) FROM events").fetchone()[0])


def view_numbers(view: queries.MonthView) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    summary = {f: getattr(view, f) for f in SUMMARY_FIELDS}
    cats = {c.category_id: {f: getattr(c, f) for f in CATEGORY_FIELDS} for c in view.categories}
    return summary, cats


def ref_numbers(result: ref.MonthResult) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    summary = {f: getattr(result, f) for f in SUMMARY_FIELDS}
    cats = {cid: {f: getattr(c, f) for f in CATEGORY_FIELDS}
            for cid, c in result.categories.items()}
    return summary, cats


class BudgetMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.con, self.dojo = fresh_dojo()
        self.counter = 100
        self.step_ok = False
        # Mirror of the final ledger, from successful commands only.
        self.accounts: dict[str, tuple[str, str, str]] = {}   # id -> (type, name, opened on)
        self.categories: list[str] = []                       # live regular categories
        self.names: dict[str, str] = {}                       # category id -> name
        self.payment: dict[str, str] = {}                     # card id -> payment category
        self.created: list[tuple[str, str]] = []              # ("account"|"category", id)
        self.txns: dict[str, PlainTxn] = {}
        self.transfers: dict[str, TransferRec] = {}
        self.recorded: list[tuple[str, str]] = []             # ("txn"|"transfer", id) order
        self.assigned: dict[tuple[str, str], int] = {}
        self.run_ok(cmd.CreateBudget(budget_id=BUDGET, name="Property budget", currency="USD"))
        self.run_ok(cmd.CreateCategoryGroup(group_id=GROUP, name="Everyday"))
        self.income_id = self.con.execute(
            "SELECT income_category_id FROM rm_budgets WHERE budget_id = ?", [BUDGET]
        ).fetchone()[0]

    # ---------------------------------------------------------------------------- helpers

    def new_id(self) -> str:
        self.counter += 1
        return uid(self.counter)

    def real(self, category: str | None) -> str | None:
        return self.income_id if category == INCOME else category

    def kind(self, account_id: str) -> str:
        return kind_of(self.accounts[account_id][0])

    def budget_categories(self) -> list[str]:
        return [*self.categories, *self.payment.values()]

    def run_ok(self, command: cmd.Command) -> None:
        before = event_count(self.con)
        try:
            self.dojo.execute(BUDGET, command)
        except DomainError as exc:
            assert event_count(self.con) == before, f"refused {command!r} appended events"
            raise AssertionError(f"a valid command was refused: {command!r}: "
                                 f"{type(exc).__name__}: {exc}") from exc

    def run_refused(self, command: cmd.Command) -> None:
        before = event_count(self.con)
        version = self.con.execute("SELECT version FROM rm_budgets").fetchone()[0]
        try:
            self.dojo.execute(BUDGET, command)
        except DomainError:
            pass
        else:
            raise AssertionError(f"an invalid command was accepted: {command!r}")
        assert event_count(self.con) == before, f"refused {command!r} appended events"
        assert self.con.execute("SELECT version FROM rm_budgets").fetchone()[0] == version, \
            f"refused {command!r} changed the budget version"

    def draw_category(self, data: st.DataObject, kind: str) -> str | None:
        if kind == "tracking":
            return None
        return data.draw(st.sampled_from([*self.categories, INCOME]))

    def draw_lines(self, data: st.DataObject, account_id: str,
                   count: int | None = None) -> tuple[tuple[str | None, int], ...]:
        kind = self.kind(account_id)
        if count is None:
            count = data.draw(st.sampled_from([1, 1, 1, 2, 3]))
        return tuple((self.draw_category(data, kind), data.draw(line_amounts))
                     for _ in range(count))

    def txn_command(self, t: PlainTxn, edit: bool) -> cmd.RecordTransaction:
        kind = cmd.EditTransaction if edit else cmd.RecordTransaction
        return kind(transaction_id=t.id, account_id=t.account_id, date=t.date,
                    amount=t.amount, payee=t.payee, cleared=t.cleared,  # type: ignore[arg-type]
                    lines=tuple(CmdLine(category_id=self.real(c), amount=a)
                                for c, a in t.lines))

    def transfer_command(self, t: TransferRec, edit: bool) -> cmd.RecordTransfer:
        kind = cmd.EditTransfer if edit else cmd.RecordTransfer
        return kind(transfer_id=t.id, from_account_id=t.from_account,
                    to_account_id=t.to_account, date=t.date, amount=t.amount,
                    category_id=self.real(t.category))

    def needs_category(self, from_account: str, to_account: str) -> bool:
        return (self.kind(from_account) == "tracking") != (self.kind(to_account) == "tracking")

    def read_sides(self, t: TransferRec) -> None:
        row = self.con.execute(
            "SELECT from_transaction_id, to_transaction_id FROM rm_transfers "
            "WHERE budget_id = ? AND transfer_id = ?", [BUDGET, t.id]).fetchone()
        assert row is not None, f"transfer {t.id} missing from rm_transfers"
        t.from_txn, t.to_txn = row

    def ledger(self) -> ref.Ledger:
        accounts = [ref.Account(a, v[0]) for a, v in self.accounts.items()]
        txns = [ref.Txn(t.id, t.account_id, t.date, [ref.Line(c, a) for c, a in t.lines])
                for t in self.txns.values()]
        for t in self.transfers.values():
            category = t.category if self.needs_category(t.from_account, t.to_account) else None
            from_cat = category if self.kind(t.from_account) != "tracking" else None
            to_cat = category if self.kind(t.to_account) != "tracking" else None
            txns.append(ref.Txn(t.from_txn, t.from_account, t.date,
                                [ref.Line(from_cat, -t.amount)], t.to_account))
            txns.append(ref.Txn(t.to_txn, t.to_account, t.date,
                                [ref.Line(to_cat, t.amount)], t.from_account))
        return ref.Ledger(accounts, list(self.categories), dict(self.payment), txns,
                          dict(self.assigned))

    def set_assigned(self, category: str, month: str, value: int) -> None:
        if value:
            self.assigned[(category, month)] = value
        else:
            self.assigned.pop((category, month), None)

    def open(self, account_type: str, balance: int, opened_on: str) -> None:
        account_id = self.new_id()
        name = f"Account {self.counter}"
        self.run_ok(cmd.OpenAccount(account_id=account_id, name=name,
                                    account_type=account_type, opening_balance=balance,
                                    opening_date=opened_on))
        self.accounts[account_id] = (account_type, name, opened_on)
        self.created.append(("account", account_id))
        rows = self.con.execute(
            "SELECT transaction_id, date::VARCHAR, amount, payee, cleared FROM rm_transactions "
            "WHERE account_id = ?", [account_id]).fetchall()
        if balance == 0:
            assert rows == [], "R-A3: an opening balance of zero records no transaction"
        else:
            assert len(rows) == 1, f"R-A3: one opening transaction expected, got {rows}"
            txn_id, day, amount, payee, cleared = rows[0]
            assert (day, amount, payee, cleared) == (opened_on, balance, "Starting Balance",
                                                     "cleared"), f"R-A3: {rows[0]}"
            category = INCOME if kind_of(account_type) != "tracking" else None
            self.txns[txn_id] = PlainTxn(txn_id, account_id, opened_on, ((category, balance),),
                                         "Starting Balance", "cleared")
            self.recorded.append(("txn", txn_id))
        if kind_of(account_type) == "credit":
            row = self.con.execute("SELECT payment_category_id FROM rm_accounts "
                                   "WHERE account_id = ?", [account_id]).fetchone()
            assert row is not None and row[0] is not None, "R-A4: no payment category"
            self.payment[account_id] = row[0]

    def create_category(self) -> None:
        category_id = self.new_id()
        name = f"Category {self.counter}"
        self.run_ok(cmd.CreateCategory(category_id=category_id, group_id=GROUP, name=name))
        self.categories.append(category_id)
        self.names[category_id] = name
        self.created.append(("category", category_id))

    # ---------------------------------------------------------------------------- rules

    @initialize(data=st.data())
    def start_budget(self, data: st.DataObject) -> None:
        """A cash account, two cards and two categories, so that every run has money moving
        between envelopes, cards and payment categories."""
        months = st.sampled_from(OPENING_MONTHS)
        self.open(data.draw(st.sampled_from(["checking", "savings", "cash"])),
                  data.draw(st.integers(0, 300_000)), f"{data.draw(months)}-01")
        for _ in range(2):
            self.open(data.draw(st.sampled_from(["credit_card", "line_of_credit"])),
                      data.draw(st.integers(-100_000, 0)), f"{data.draw(months)}-05")
        self.create_category()
        self.create_category()

    @precondition(lambda self: len(self.accounts) < MAX_ACCOUNTS)
    @rule(account_type=st.sampled_from(ACCOUNT_TYPES),
          balance=st.one_of(st.just(0), st.integers(-200_000, 200_000)),
          month=st.sampled_from(OPENING_MONTHS), day=st.integers(1, 28))
    def open_account(self, account_type: str, balance: int, month: str, day: int) -> None:
        self.step_ok = False
        self.open(account_type, balance, f"{month}-{day:02d}")

    @precondition(lambda self: len(self.categories) < MAX_CATEGORIES)
    @rule()
    def add_category(self) -> None:
        self.step_ok = False
        self.create_category()

    @rule(data=st.data())
    def record_transaction(self, data: st.DataObject) -> None:
        self.step_ok = False
        account_id = data.draw(st.sampled_from(list(self.accounts)))
        t = PlainTxn(self.new_id(), account_id, data.draw(dates),
                     self.draw_lines(data, account_id),
                     data.draw(st.sampled_from([None, "Shop"])),
                     data.draw(st.sampled_from(["uncleared", "cleared"])))
        self.run_ok(self.txn_command(t, edit=False))
        self.txns[t.id] = t
        self.recorded.append(("txn", t.id))

    @precondition(lambda self: bool(self.payment))
    @rule(data=st.data(), count=st.integers(2, 3))
    def card_spending_same_day(self, data: st.DataObject, count: int) -> None:
        """Several card lines in one category on one day: the funding order (R-CC2) decides
        which card's payment category gets the money."""
        self.step_ok = False
        category = data.draw(st.sampled_from(self.categories))
        day = data.draw(dates)
        cards = list(self.payment)
        for _ in range(count):
            t = PlainTxn(self.new_id(), data.draw(st.sampled_from(cards)), day,
                         tuple((category, data.draw(line_amounts))
                               for _ in range(data.draw(st.integers(1, 2)))))
            self.run_ok(self.txn_command(t, edit=False))
            self.txns[t.id] = t
            self.recorded.append(("txn", t.id))

    @rule(data=st.data())
    def record_transfer(self, data: st.DataObject) -> None:
        self.step_ok = False
        source = data.draw(st.sampled_from(list(self.accounts)))
        target = data.draw(st.sampled_from([a for a in self.accounts if a != source]))
        category = None
        if self.needs_category(source, target):
            category = data.draw(st.sampled_from([*self.categories, INCOME]))
        t = TransferRec(self.new_id(), source, target, data.draw(dates),
                        data.draw(transfer_amounts), category)
        self.run_ok(self.transfer_command(t, edit=False))
        self.read_sides(t)
        self.transfers[t.id] = t
        self.recorded.append(("transfer", t.id))

    @precondition(lambda self: bool(self.txns))
    @rule(data=st.data(), what=st.sampled_from(["account", "date", "amount", "category", "all"]))
    def edit_transaction(self, data: st.DataObject, what: str) -> None:
        self.step_ok = False
        old = self.txns[data.draw(st.sampled_from(sorted(self.txns)))]
        account_id, day, lines = old.account_id, old.date, old.lines
        if what in ("account", "all"):
            account_id = data.draw(st.sampled_from(list(self.accounts)))
            if (self.kind(account_id) == "tracking") != (self.kind(old.account_id)
                                                          == "tracking"):
                lines = tuple((self.draw_category(data, self.kind(account_id)), a)
                              for _c, a in lines)
        if what in ("date", "all"):
            day = data.draw(dates)
        if what in ("amount", "all"):
            amounts = [data.draw(line_amounts) for _ in lines]
            lines = tuple((c, a) for (c, _a), a in zip(lines, amounts, strict=True))
        if what in ("category", "all"):
            lines = tuple((self.draw_category(data, self.kind(account_id)), a)
                          for _c, a in lines)
        new = PlainTxn(old.id, account_id, day, lines, old.payee, old.cleared)
        self.run_ok(self.txn_command(new, edit=True))
        self.txns[new.id] = new

    @precondition(lambda self: bool(self.transfers))
    @rule(data=st.data(),
          what=st.sampled_from(["from", "to", "date", "amount", "category", "all"]))
    def edit_transfer(self, data: st.DataObject, what: str) -> None:
        self.step_ok = False
        old = self.transfers[data.draw(st.sampled_from(sorted(self.transfers)))]
        source, target, day, amount, category = (old.from_account, old.to_account, old.date,
                                                 old.amount, old.category)
        if what in ("from", "all"):
            source = data.draw(st.sampled_from([a for a in self.accounts if a != target]))
        if what in ("to", "all"):
            target = data.draw(st.sampled_from([a for a in self.accounts if a != source]))
        if what in ("date", "all"):
            day = data.draw(dates)
        if what in ("amount", "all"):
            amount = data.draw(transfer_amounts)
        if not self.needs_category(source, target):
            category = None
        elif category is None or what in ("category", "all"):
            category = data.draw(st.sampled_from([*self.categories, INCOME]))
        new = TransferRec(old.id, source, target, day, amount, category)
        self.run_ok(self.transfer_command(new, edit=True))
        self.read_sides(new)
        assert (new.from_txn, new.to_txn) == (old.from_txn, old.to_txn), \
            "R-T3: transfer side ids must be derived from the transfer id alone"
        self.transfers[new.id] = new

    @precondition(lambda self: bool(self.txns))
    @rule(data=st.data())
    def delete_transaction(self, data: st.DataObject) -> None:
        self.step_ok = False
        txn_id = data.draw(st.sampled_from(sorted(self.txns)))
        self.run_ok(cmd.DeleteTransaction(transaction_id=txn_id))
        del self.txns[txn_id]
        self.recorded.remove(("txn", txn_id))

    @precondition(lambda self: bool(self.transfers))
    @rule(data=st.data())
    def delete_transfer(self, data: st.DataObject) -> None:
        self.step_ok = False
        transfer_id = data.draw(st.sampled_from(sorted(self.transfers)))
        self.run_ok(cmd.DeleteTransfer(transfer_id=transfer_id))
        del self.transfers[transfer_id]
        self.recorded.remove(("transfer", transfer_id))

    @rule(data=st.data(), month=st.sampled_from(ASSIGN_MONTHS), amount=assigned_amounts)
    def assign(self, data: st.DataObject, month: str, amount: int) -> None:
        self.step_ok = False
        category = data.draw(st.sampled_from(self.budget_categories()))
        self.run_ok(cmd.Assign(month=month, category_id=category, assigned=amount))
        self.set_assigned(category, month, amount)

    @rule(data=st.data(), month=st.sampled_from(ASSIGN_MONTHS), amount=move_amounts)
    def move_money(self, data: st.DataObject, month: str, amount: int) -> None:
        self.step_ok = False
        choices: list[str | None] = [*self.budget_categories(), None]
        source = data.draw(st.sampled_from(choices))
        target = data.draw(st.sampled_from([c for c in choices if c != source]))
        self.run_ok(cmd.MoveMoney(month=month, from_category_id=source,
                                  to_category_id=target, amount=amount))
        if source is not None:
            self.set_assigned(source, month, self.assigned.get((source, month), 0) - amount)
        if target is not None:
            self.set_assigned(target, month, self.assigned.get((target, month), 0) + amount)

    @precondition(lambda self: len(self.categories) >= 3)
    @rule(data=st.data())
    def delete_category(self, data: st.DataObject) -> None:
        """R-C4: lines (transfer categories included) and assignments move to the target."""
        self.step_ok = False
        source = data.draw(st.sampled_from(self.categories))
        target = data.draw(st.sampled_from([c for c in self.categories if c != source]))
        self.run_ok(cmd.DeleteCategory(category_id=source, move_to=target))
        self.categories.remove(source)
        for t in self.txns.values():
            t.lines = tuple((target if c == source else c, a) for c, a in t.lines)
        for tr in self.transfers.values():
            if tr.category == source:
                tr.category = target
        for (category, month), amount in list(self.assigned.items()):
            if category == source:
                del self.assigned[(category, month)]
                self.set_assigned(target, month, self.assigned.get((target, month), 0) + amount)

    @rule(data=st.data())
    def refused_command(self, data: st.DataObject) -> None:
        """A command the rules refuse changes nothing: no event, same read models."""
        self.step_ok = False
        accounts = list(self.accounts)
        on_budget = [a for a in accounts if self.kind(a) != "tracking"]
        tracking = [a for a in accounts if self.kind(a) == "tracking"]
        first = accounts[0]
        good_line = (CmdLine(category_id=self.income_id if first in on_budget else None,
                             amount=100),)
        candidates: list[cmd.Command] = [
            # R-T4: five years after 2026-06-15 is the last allowed day.
            cmd.RecordTransaction(transaction_id=self.new_id(), account_id=first,
                                  date="2031-06-16", amount=100, lines=good_line),
            cmd.RecordTransaction(transaction_id=self.new_id(), account_id=first,
                                  date="2026-02-30", amount=100, lines=good_line),
            # R-T1: a split whose lines do not add up.
            cmd.RecordTransaction(transaction_id=self.new_id(), account_id=first,
                                  date="2026-03-03", amount=101, lines=good_line),
            # Floats are refused (section 1).
            cmd.RecordTransaction(transaction_id=self.new_id(), account_id=first,
                                  date="2026-03-03", amount=1.5,  # type: ignore[arg-type]
                                  lines=(CmdLine(category_id=good_line[0].category_id,
                                                 amount=1.5),)),  # type: ignore[arg-type]
            cmd.RecordTransaction(transaction_id=self.new_id(), account_id=first,
                                  date="2026-03-03", amount=0, lines=()),
            # R-T3: a transfer needs two different accounts and a positive amount.
            cmd.RecordTransfer(transfer_id=self.new_id(), from_account_id=first,
                               to_account_id=first, date="2026-03-03", amount=100),
            # R-B1: never to Ready to Assign, not beyond 60 months after today's month.
            cmd.Assign(month="2026-03", category_id=self.income_id, assigned=100),
            cmd.Assign(month="2031-07", category_id=self.categories[0], assigned=100),
            # R-B2: positive amounts between two different categories.
            cmd.MoveMoney(month="2026-03", from_category_id=self.categories[0],
                          to_category_id=self.categories[1], amount=0),
            cmd.MoveMoney(month="2026-03", from_category_id=self.categories[0],
                          to_category_id=self.categories[0], amount=5),
            cmd.MoveMoney(month="2026-03", from_category_id=None, to_category_id=None,
                          amount=5),
            cmd.MoveMoney(month="2026-03", from_category_id=self.income_id,
                          to_category_id=self.categories[0], amount=5),
            # R-C1: names unique after case folding.
            cmd.CreateCategory(category_id=self.new_id(), group_id=GROUP,
                               name=self.names[self.categories[0]].upper()),
            cmd.OpenAccount(account_id=self.new_id(), name=self.accounts[first][1].lower(),
                            account_type="checking", opening_date="2026-01-01"),
            cmd.OpenAccount(account_id=self.new_id(), name="Odd", account_type="piggy_bank",
                            opening_date="2026-01-01"),
            # R-C4: the target must be another regular category.
            cmd.DeleteCategory(category_id=self.categories[0], move_to=self.categories[0]),
            cmd.DeleteCategory(category_id=self.categories[0], move_to=self.income_id),
            cmd.DeleteTransaction(transaction_id=self.new_id()),
            cmd.DeleteTransfer(transfer_id=self.new_id()),
        ]
        if len(on_budget) >= 2:   # R-T3: no category between two on-budget accounts
            candidates.append(cmd.RecordTransfer(
                transfer_id=self.new_id(), from_account_id=on_budget[0],
                to_account_id=on_budget[-1], date="2026-03-03", amount=100,
                category_id=self.categories[0]))
        if on_budget and tracking:   # R-T3: money leaving the budget needs a category
            candidates.append(cmd.RecordTransfer(
                transfer_id=self.new_id(), from_account_id=on_budget[0],
                to_account_id=tracking[0], date="2026-03-03", amount=100))
        if tracking:   # R-T2: no category on a tracking account
            candidates.append(cmd.RecordTransaction(
                transaction_id=self.new_id(), account_id=tracking[0], date="2026-03-03",
                amount=-5, lines=(CmdLine(category_id=self.categories[0], amount=-5),)))
        if on_budget:  # R-T2: every on-budget line needs a category
            candidates.append(cmd.RecordTransaction(
                transaction_id=self.new_id(), account_id=on_budget[0], date="2026-03-03",
                amount=-5, lines=(CmdLine(category_id=None, amount=-5),)))
        if self.payment and on_budget:   # R-C2: no line to a payment category
            candidates.append(cmd.RecordTransaction(
                transaction_id=self.new_id(), account_id=on_budget[0], date="2026-03-03",
                amount=-5, lines=(CmdLine(category_id=next(iter(self.payment.values())),
                                          amount=-5),)))
            candidates.append(cmd.DeleteCategory(category_id=next(iter(self.payment.values())),
                                                 move_to=self.categories[0]))
        if self.txns:   # an existing id is refused
            t = self.txns[min(self.txns)]
            candidates.append(self.txn_command(t, edit=False))
        if self.transfers:   # a transfer side changes only through its transfer
            t = self.transfers[min(self.transfers)]
            candidates.append(cmd.EditTransaction(
                transaction_id=t.from_txn, account_id=t.from_account, date=t.date,
                amount=-t.amount, lines=(CmdLine(category_id=self.income_id,
                                                 amount=-t.amount),)))
            candidates.append(cmd.DeleteTransaction(transaction_id=t.to_txn))
        self.run_refused(data.draw(st.sampled_from(candidates)))

    # ---------------------------------------------------------------------------- checks

    @invariant()
    def matches_reference_and_invariants(self) -> None:
        self.step_ok = False
        ledger = self.ledger()
        cur = self.con.cursor()
        try:
            self.check_register(cur, ledger)
            self.check_months(cur, ledger)
        finally:
            cur.close()
        self.step_ok = True

    def check_register(self, cur: duckdb.DuckDBPyConnection, ledger: ref.Ledger) -> None:
        # The register holds exactly the mirror's transactions and transfers.
        stored = {r[0] for r in cur.execute("SELECT transaction_id FROM rm_transactions "
                                            "WHERE budget_id = ?", [BUDGET]).fetchall()}
        assert stored == {t.id for t in ledger.txns}, "register differs from the ledger"
        transfers = {r[0]: tuple(r[1:]) for r in cur.execute(
            "SELECT transfer_id, from_transaction_id, to_transaction_id FROM rm_transfers "
            "WHERE budget_id = ?", [BUDGET]).fetchall()}
        assert transfers == {t.id: (t.from_txn, t.to_txn) for t in self.transfers.values()}

        # R-A2 against the reference, and cleared + uncleared = balance.
        expected = ref.account_balances(ledger)
        cleared = dict.fromkeys(self.accounts, 0)
        for t in self.txns.values():
            if t.cleared != "uncleared":
                cleared[t.account_id] += t.amount
        rows = cur.execute("SELECT account_id, balance, cleared_balance, uncleared_balance "
                           "FROM rm_accounts WHERE budget_id = ?", [BUDGET]).fetchall()
        actual = {r[0]: (r[1], r[2], r[3]) for r in rows}
        assert actual == {a: (expected[a], cleared[a], expected[a] - cleared[a])
                          for a in self.accounts}, "R-A2: account balances"

        # I-5: balance = sum of the account's transactions.
        for account_id, balance, total in cur.execute(
            "SELECT a.account_id, a.balance, coalesce(sum(t.amount), 0) FROM rm_accounts a "
            "LEFT JOIN rm_transactions t USING (budget_id, account_id) WHERE a.budget_id = ? "
            "GROUP BY ALL", [BUDGET]).fetchall():
            assert balance == total, f"I-5: balance of {account_id} {balance} != sum {total}"
        # I-5: the two sides of a transfer sum to zero.
        for transfer_id, amount, out, into in cur.execute(
            "SELECT tr.transfer_id, tr.amount, f.amount, t.amount FROM rm_transfers tr "
            "LEFT JOIN rm_transactions f ON f.transaction_id = tr.from_transaction_id "
            "LEFT JOIN rm_transactions t ON t.transaction_id = tr.to_transaction_id "
            "WHERE tr.budget_id = ?", [BUDGET]).fetchall():
            assert out is not None and into is not None, f"I-5: transfer {transfer_id} sides"
            assert out + into == 0 and into == amount, \
                f"I-5: transfer {transfer_id} sides {out} + {into} with amount {amount}"
        # I-5: a transaction's lines sum to its amount.
        for txn_id, amount, lines, count in cur.execute(
            "SELECT t.transaction_id, t.amount, coalesce(sum(l.amount), 0), count(l.amount) "
            "FROM rm_transactions t LEFT JOIN rm_transaction_lines l "
            "USING (budget_id, transaction_id) WHERE t.budget_id = ? GROUP BY ALL",
            [BUDGET]).fetchall():
            assert count >= 1 and amount == lines, \
                f"I-5: transaction {txn_id} amount {amount}, lines sum {lines} ({count} lines)"

    def check_months(self, cur: duckdb.DuckDBPyConnection, ledger: ref.Ledger) -> None:
        first, last = ref.first_month(ledger), ref.last_month(ledger)
        if first is None or last is None:
            view = queries.month_view(cur, BUDGET, TODAY_MONTH)
            summary, cats = view_numbers(view)
            assert all(v == 0 for v in summary.values()), f"empty budget: {summary}"
            assert all(v == 0 for c in cats.values() for v in c.values()), cats
            return
        through = max(last, TODAY_MONTH)
        months = ref.months_between(first, through)
        expected = ref.compute(ledger, through)
        stored_rta = dict(cur.execute("SELECT month, rta FROM rm_months WHERE budget_id = ?",
                                      [BUDGET]).fetchall())
        # Per-account change of each month, for I-1 and I-7.
        changes: dict[tuple[str, str], int] = {}
        for account_id, month, total in cur.execute(
            "SELECT account_id, month, sum(amount) FROM rm_transactions WHERE budget_id = ? "
            "GROUP BY ALL", [BUDGET]).fetchall():
            changes[(account_id, month)] = int(total)
        kinds = {a: self.kind(a) for a in self.accounts}
        net_worth = {n.month: n for n in queries.net_worth(cur, BUDGET, months)}

        before = queries.month_view(cur, BUDGET, ref.prev_month(first))
        kinds_shown = {c.category_id: c.kind for c in before.categories}
        assert kinds_shown == {**dict.fromkeys(self.categories, "regular"),
                               **dict.fromkeys(self.payment.values(), "payment")}, \
            f"month view categories: {kinds_shown}"
        summary, prev_cats = view_numbers(before)
        assert all(v == 0 for v in summary.values()), f"month before the budget: {summary}"
        assert all(v == 0 for c in prev_cats.values() for v in c.values()), prev_cats

        for month in months:
            want = expected[month]
            view = queries.month_view(cur, BUDGET, month)
            summary, cats = view_numbers(view)
            want_summary, want_cats = ref_numbers(want)
            assert summary == want_summary, f"{month} summary: got {summary}, " \
                                            f"reference {want_summary}"
            assert cats == want_cats, f"{month} categories: got {cats}, reference {want_cats}"
            if month in stored_rta:
                assert stored_rta[month] == want.rta, \
                    f"{month}: rm_months.rta {stored_rta[month]} != reference {want.rta}"
            rta = stored_rta.get(month, want.rta)

            # I-6: available = carryover + assigned + activity; carryover from last month.
            for cid, c in cats.items():
                assert c["available"] == c["carryover"] + c["assigned"] + c["activity"], \
                    f"I-6 {month} {cid}: {c}"
                previous = prev_cats.get(cid, {"available": 0})["available"]
                assert c["carryover"] == max(0, previous), \
                    f"I-6 {month} {cid}: carryover {c['carryover']}, previous {previous}"
            prev_cats = cats

            # I-1: cash through m = rta(m) + sum of available + credit overspent.
            through_m = {a: sum(v for (acc, m), v in changes.items() if acc == a and m <= month)
                         for a in self.accounts}
            cash = sum(v for a, v in through_m.items() if kinds[a] == "cash")
            available = sum(c["available"] for c in cats.values())
            assert cash == rta + available + view.credit_overspent, (
                f"I-1 {month}: cash {cash} != rta {rta} + available {available} + "
                f"credit overspent {view.credit_overspent}")

            # I-7 and R-N1: net worth = sum of balances through m, split by sign.
            n = net_worth[month]
            assert n.net_worth == sum(through_m.values()), f"I-7 {month}: {n}"
            assert (n.assets, n.liabilities, n.net_worth) == ref.net_worth(ledger, month), \
                f"R-N1 {month}: {n} != reference {ref.net_worth(ledger, month)}"

    # ---------------------------------------------------------------------------- teardown

    def teardown(self) -> None:
        try:
            if self.step_ok:
                self.check_replay_equivalence()
                self.check_history_independence()
        finally:
            self.con.close()

    def check_replay_equivalence(self) -> None:
        """I-4: a rebuild from the log gives the rows kept up to date command by command."""
        found = differences(self.con, progress=lambda _message: None)
        assert found == [], "I-4: live read models differ from a rebuild:\n" + "\n".join(found)

    def check_history_independence(self) -> None:
        """I-2: the same final ledger reached another way gives the same read models."""
        con2, dojo2 = fresh_dojo()
        try:
            def run(command: cmd.Command) -> None:
                try:
                    dojo2.execute(BUDGET, command)
                except DomainError as exc:
                    raise AssertionError(f"I-2 replay refused {command!r}: {exc}") from exc

            run(cmd.CreateBudget(budget_id=BUDGET, name="Property budget", currency="USD"))
            run(cmd.CreateCategoryGroup(group_id=GROUP, name="Everyday"))
            for what, entity_id in self.created:
                if what == "account":
                    account_type, name, opened_on = self.accounts[entity_id]
                    run(cmd.OpenAccount(account_id=entity_id, name=name,
                                        account_type=account_type, opening_balance=0,
                                        opening_date=opened_on))
                elif entity_id in self.categories:
                    run(cmd.CreateCategory(category_id=entity_id, group_id=GROUP,
                                           name=self.names[entity_id]))
            for what, record_id in reversed(self.recorded):
                if what == "txn":
                    run(self.txn_command(self.txns[record_id], edit=False))
                else:
                    run(self.transfer_command(self.transfers[record_id], edit=False))
            for (category, month), amount in sorted(self.assigned.items(), reverse=True):
                run(cmd.Assign(month=month, category_id=category, assigned=amount))

            ledger = self.ledger()
            first, last = ref.first_month(ledger), ref.last_month(ledger)
            start = ref.prev_month(first) if first else TODAY_MONTH
            months = ref.months_between(start, ref.next_month(max(last or TODAY_MONTH,
                                                                  TODAY_MONTH)))
            with self.con.cursor() as one, con2.cursor() as two:
                for month in months:
                    a, b = queries.month_view(one, BUDGET, month), queries.month_view(two,
                                                                                      BUDGET,
                                                                                      month)
                    assert a == b, f"I-2 {month}: month views differ:\n{a}\n{b}"
                balances = ("SELECT account_id, balance, cleared_balance, uncleared_balance "
                            "FROM rm_accounts ORDER BY account_id")
                assert one.execute(balances).fetchall() == two.execute(balances).fetchall(), \
                    "I-2: account balances differ"
                assert queries.net_worth(one, BUDGET, months) == queries.net_worth(
                    two, BUDGET, months), "I-2: net worth differs"
                for table in COMPARED_TABLES:
                    query = f"SELECT * FROM {table} ORDER BY ALL"
                    rows_one, rows_two = _rows(one, query), _rows(two, query)
                    assert rows_one == rows_two, f"I-2: {table} differs:\n" + "\n".join(
                        f"  only first: {r}" for r in sorted(set(rows_one) - set(rows_two))
                    ) + "\n" + "\n".join(
                        f"  only second: {r}" for r in sorted(set(rows_two) - set(rows_one)))
        finally:
            con2.close()


def _rows(cur: duckdb.DuckDBPyConnection, query: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in cur.execute(query).fetchall()]


# DOJO_PROPERTY_EXAMPLES runs more examples than the suite's 12 (a soak).
# A run takes about 3 s, so shrinking a failure can take Hypothesis' full five minutes; it is
# off unless DOJO_PROPERTY_SHRINK is set (set it to get a minimal failing sequence).
PHASES = tuple(Phase) if os.environ.get("DOJO_PROPERTY_SHRINK") else (
    Phase.explicit, Phase.reuse, Phase.generate, Phase.target)


def test_i1_i2_i4_to_i7_budget_matches_reference_after_every_command() -> None:
    run_state_machine_as_test(BudgetMachine, settings=settings(
        max_examples=int(os.environ.get("DOJO_PROPERTY_EXAMPLES", "12")),
        stateful_step_count=30, deadline=None, phases=PHASES,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]))


def test_i4_deleting_the_latest_record_leaves_no_month_rows_past_the_last_month() -> None:
    """The state machine's smallest I-4 failure, kept as a plain example: when the latest
    record goes, the months between the new last month and its month stay in rm_months and
    rm_net_worth, though a rebuild (and decision 0001: 'the stored month range is the
    budget's first through last month with data') has none there."""
    con, dojo = fresh_dojo()
    try:
        dojo.execute(BUDGET, cmd.CreateBudget(budget_id=BUDGET, name="b", currency="USD"))
        dojo.execute(BUDGET, cmd.OpenAccount(account_id=uid(1), name="Checking",
                                             account_type="checking", opening_balance=1000,
                                             opening_date="2026-01-01"))
        income = con.execute("SELECT income_category_id FROM rm_budgets").fetchone()[0]
        dojo.execute(BUDGET, cmd.RecordTransaction(
            transaction_id=uid(2), account_id=uid(1), date="2026-04-10", amount=500,
            lines=(CmdLine(category_id=income, amount=500),)))
        dojo.execute(BUDGET, cmd.DeleteTransaction(transaction_id=uid(2)))
        last = con.execute("SELECT last_month FROM rm_budgets").fetchone()[0]
        stored = [r[0] for r in con.execute("SELECT DISTINCT month FROM rm_months "
                                            "ORDER BY month").fetchall()]
        found = differences(con, progress=lambda _message: None)
        assert found == [], (
            f"I-4 (src bug, dojo/projections/months.py recompute): after deleting the only "
            f"2026-04 transaction the last month is {last}, yet rm_months still holds "
            f"{stored}; a rebuild differs:\n" + "\n".join(found))
    finally:
        con.close()


def test_i4_i7_a_memo_of_register_sums_forgets_a_deleted_last_month() -> None:
    """Found by the state machine against the writer's memo (decision 0014): deleting the
    only transaction of the last month shrinks the range, and no month is recomputed; the
    memo's register sums must still drop it, or a later month's net worth counts it."""
    con, dojo = fresh_dojo()
    try:
        dojo.execute(BUDGET, cmd.CreateBudget(budget_id=BUDGET, name="b", currency="USD"))
        for n, kind, amount, day in ((1, "checking", 432, "2025-11-01"),
                                     (2, "line_of_credit", -2905, "2026-01-01"),
                                     (3, "line_of_credit", -9631, "2026-02-01")):
            dojo.execute(BUDGET, cmd.OpenAccount(account_id=uid(n), name=f"a{n}",
                                                 account_type=kind, opening_balance=amount,
                                                 opening_date=day))
        opening = con.execute("SELECT transaction_id FROM rm_transactions WHERE account_id = ?",
                              [uid(3)]).fetchone()[0]
        dojo.execute(BUDGET, cmd.DeleteTransaction(transaction_id=opening))
        income = con.execute("SELECT income_category_id FROM rm_budgets").fetchone()[0]
        dojo.execute(BUDGET, cmd.RecordTransaction(
            transaction_id=uid(4), account_id=uid(1), date="2026-03-09", amount=100,
            lines=(CmdLine(category_id=income, amount=100),)))
        worth = dict(con.execute("SELECT month, net_worth FROM rm_net_worth").fetchall())
        assert worth["2026-02"] == 432 - 2905
        assert worth["2026-03"] == 432 - 2905 + 100
        assert differences(con, progress=lambda _message: None) == []
    finally:
        con.close()
