"""Pure domain tests: state is built through commands with decide() and evolve(), no DuckDB.

`Book` is the fake of the command service these tests need: it decides a command against the
current state, folds the events in, and keeps the log so a test can refold it.
"""

import datetime as dt
from typing import Any

import pytest

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.decide import decide
from dojo.domain.errors import DomainError
from dojo.domain.state import BudgetState, evolve, fold, start

TODAY = dt.date(2026, 2, 20)
INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


class Book:
    """One budget in memory: commands in, events folded into its state."""

    def __init__(self, currency: str = "USD", group: bool = True) -> None:
        self.log: list[ev.Event] = []
        self._state: BudgetState | None = None
        self.run(cmd.CreateBudget(budget_id="budget", name="Home", currency=currency))
        if group:
            self.run(cmd.CreateCategoryGroup(group_id="g", name="Everyday"))

    @property
    def state(self) -> BudgetState:
        assert self._state is not None
        return self._state

    @property
    def rta(self) -> str:
        return self.state.income_category_id

    def run(self, command: cmd.Command, today: dt.date = TODAY) -> list[ev.Event]:
        events = decide(self._state, command, today)
        for event in events:
            if self._state is None:
                self._state = start(event)  # type: ignore[arg-type]
            else:
                evolve(self._state, event)
        self.log.extend(events)
        return events

    def refuse(self, command: cmd.Command, error: type[DomainError],
               field: str | None = None, today: dt.date = TODAY) -> DomainError:
        """The command is refused with `error`; a refusal changes nothing."""
        version = self.state.version
        with pytest.raises(error) as caught:
            decide(self._state, command, today)
        assert type(caught.value) is error, f"expected exactly {error.__name__}"
        if field is not None:
            assert caught.value.field == field
        assert self.state.version == version
        return caught.value

    def refolded(self) -> BudgetState:
        return fold(self.log)

    # Commands with the defaults most tests do not care about.

    def category(self, category_id: str, name: str | None = None, group: str = "g") -> str:
        self.run(cmd.CreateCategory(category_id=category_id, group_id=group,
                                    name=name or category_id.title()))
        return category_id

    def account(self, account_id: str, account_type: str = "checking", opening: int = 0,
                name: str | None = None, date: str = "2026-01-01") -> str:
        self.run(cmd.OpenAccount(account_id=account_id, name=name or account_id.title(),
                                 account_type=account_type, opening_balance=opening,
                                 opening_date=date))
        return account_id

    def payment_category(self, account_id: str) -> str:
        found = self.state.accounts[account_id].payment_category_id
        assert found is not None
        return found

    def balance(self, account_id: str) -> int:
        return self.state.accounts[account_id].balance


def txn(transaction_id: str, account_id: str, amount: int, category_id: str | None = None,
        date: str = "2026-02-01", **extra: Any) -> cmd.RecordTransaction:
    """A plain one-line transaction."""
    return cmd.RecordTransaction(
        transaction_id=transaction_id, account_id=account_id, date=date, amount=amount,
        lines=(ev.Line(category_id=category_id, amount=amount),), **extra)


def split(transaction_id: str, account_id: str, amount: int,
          parts: list[tuple[str | None, int]], date: str = "2026-02-01",
          edit: bool = False, **extra: Any) -> cmd.RecordTransaction:
    """A transaction whose lines are `parts` (category, amount)."""
    kind = cmd.EditTransaction if edit else cmd.RecordTransaction
    return kind(transaction_id=transaction_id, account_id=account_id, date=date,
                amount=amount, lines=tuple(ev.Line(category_id=c, amount=a) for c, a in parts),
                **extra)


def edit(transaction_id: str, account_id: str, amount: int, category_id: str | None = None,
         date: str = "2026-02-01", **extra: Any) -> cmd.EditTransaction:
    """A whole new one-line version of a transaction."""
    return cmd.EditTransaction(
        transaction_id=transaction_id, account_id=account_id, date=date, amount=amount,
        lines=(ev.Line(category_id=category_id, amount=amount),), **extra)


def transfer(transfer_id: str, source: str, target: str, amount: int,
             category_id: str | None = None, date: str = "2026-02-05",
             edit: bool = False, **extra: Any) -> cmd.RecordTransfer:
    kind = cmd.EditTransfer if edit else cmd.RecordTransfer
    return kind(transfer_id=transfer_id, from_account_id=source, to_account_id=target,
                date=date, amount=amount, category_id=category_id, **extra)
