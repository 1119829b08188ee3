"""Opening, renaming, closing, reopening and reconciling accounts (R-A, R-T7)."""

import datetime as dt

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain import lookups
from dojo.domain.errors import AccountNotEmpty, Conflict, Invalid
from dojo.domain.ids import derived_id
from dojo.domain.kinds import ACCOUNT_KINDS, on_budget
from dojo.domain.state import BudgetState
from dojo.domain.validation import (
    check_amount,
    check_date,
    check_total,
    clean_name,
    ensure_unique,
)

STARTING_BALANCE = "Starting Balance"
ADJUSTMENT = "Reconciliation Balance Adjustment"


def _ensure_names_free(state: BudgetState, name: str, account_id: str, credit: bool) -> None:
    others = [a.name for a in state.accounts.values() if a.id != account_id]
    ensure_unique(name, others, "an account")
    if credit:
        own_category = state.accounts[account_id].payment_category_id if (
            account_id in state.accounts) else None
        categories = [c.name for c in state.live_categories() if c.id != own_category]
        ensure_unique(name, categories, "a category")


def open_account(state: BudgetState, command: cmd.OpenAccount, today: dt.date) -> list[ev.Event]:
    """An account, its payment category when credit (R-A4), its opening balance (R-A3)."""
    if command.account_id in state.accounts:
        raise Conflict(f"account {command.account_id} already exists")
    kind = ACCOUNT_KINDS.get(command.account_type)
    if kind is None:
        raise Invalid(f"unknown account type {command.account_type!r}", "type")
    name = clean_name(command.name)
    _ensure_names_free(state, name, command.account_id, kind == "credit")
    check_amount(command.opening_balance, "opening_balance")
    opened_on = check_date(command.opening_date, today, "opening_date")
    payment_id = derived_id(command.account_id, "payment-category") if kind == "credit" else None
    events: list[ev.Event] = [
        ev.AccountOpened(account_id=command.account_id, name=name,
                         account_type=command.account_type, opened_on=opened_on,
                         payment_category_id=payment_id)
    ]
    if payment_id is not None:
        events.append(ev.CategoryCreated(category_id=payment_id, group_id=state.payments_group_id,
                                         name=name, kind="payment",
                                         payment_for_account_id=command.account_id))
    if command.opening_balance:
        category = state.income_category_id if on_budget(kind) else None
        events.append(ev.TransactionRecorded(transaction=ev.Transaction(
            transaction_id=derived_id(command.account_id, "opening-balance"),
            account_id=command.account_id, date=opened_on, amount=command.opening_balance,
            payee=STARTING_BALANCE, cleared="cleared",
            lines=(ev.Line(category_id=category, amount=command.opening_balance),),
        )))
    return events


def rename_account(state: BudgetState, command: cmd.RenameAccount) -> list[ev.Event]:
    """A new name; a credit account's payment category follows it (R-C2)."""
    found = lookups.account(state, command.account_id)
    name = clean_name(command.name)
    _ensure_names_free(state, name, found.id, found.kind == "credit")
    events: list[ev.Event] = [ev.AccountRenamed(account_id=found.id, name=name)]
    if found.payment_category_id is not None:
        events.append(ev.CategoryRenamed(category_id=found.payment_category_id, name=name))
    return events


def close_account(state: BudgetState, command: cmd.CloseAccount) -> list[ev.Event]:
    """Closing needs a zero balance over every transaction, whatever its date (R-A5)."""
    found = lookups.account(state, command.account_id)
    if found.closed:
        raise Conflict(f"account {found.name!r} is already closed")
    if found.balance != 0:
        raise AccountNotEmpty(f"account {found.name!r} has balance {found.balance}; "
                              "only an account at zero can be closed")
    return [ev.AccountClosed(account_id=found.id)]


def reopen_account(state: BudgetState, command: cmd.ReopenAccount) -> list[ev.Event]:
    """A closed account takes transactions again."""
    found = lookups.account(state, command.account_id)
    if not found.closed:
        raise Conflict(f"account {found.name!r} is not closed")
    return [ev.AccountReopened(account_id=found.id)]


def reconcile(state: BudgetState, command: cmd.Reconcile, today: dt.date) -> list[ev.Event]:
    """Adjust to the statement balance, then mark what was cleared as reconciled (R-T7)."""
    found = lookups.open_account(state, command.account_id)
    statement = check_amount(command.statement_balance, "statement_balance")
    through = check_date(command.date, today, "date", latest=today)
    mine = [t for t in state.transactions.values()
            if t.account_id == found.id and t.date <= through and t.cleared != "uncleared"]
    difference = statement - sum(t.amount for t in mine)
    check_total(difference, "the reconciliation adjustment")
    events: list[ev.Event] = []
    reconciled = [t.transaction_id for t in mine if t.cleared == "cleared"]
    adjustment_id = None
    if difference:
        check_total(found.balance + difference, "the account balance")
        adjustment_id = command.adjustment_transaction_id
        if adjustment_id in state.transactions:
            raise Conflict(f"transaction {adjustment_id} already exists")
        category = state.income_category_id if on_budget(found.kind) else None
        events.append(ev.TransactionRecorded(transaction=ev.Transaction(
            transaction_id=adjustment_id, account_id=found.id, date=through,
            amount=difference, payee=ADJUSTMENT, cleared="cleared",
            lines=(ev.Line(category_id=category, amount=difference),),
        )))
        reconciled.append(adjustment_id)
    events.append(ev.AccountReconciled(
        account_id=found.id, statement_balance=statement, through=through,
        adjustment_transaction_id=adjustment_id,
        reconciled_transaction_ids=tuple(sorted(reconciled)),
    ))
    return events
