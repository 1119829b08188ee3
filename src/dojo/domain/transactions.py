"""Recording, editing and deleting transactions and transfers (R-T)."""

import datetime as dt

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain import lookups
from dojo.domain.errors import (
    CategoryNotAllowed,
    Conflict,
    Invalid,
    NotFound,
    ReconciledTransaction,
    SplitDoesNotAddUp,
)
from dojo.domain.ids import derived_id
from dojo.domain.kinds import on_budget
from dojo.domain.state import AccountState, BudgetState
from dojo.domain.transfers import categorized_side
from dojo.domain.validation import check_amount, check_date, check_total

MAX_LINES = 100
MAX_TEXT = 500


def _text(value: str | None, field: str) -> str | None:
    if value is not None and len(value) > MAX_TEXT:
        raise Invalid(f"{field} must be at most {MAX_TEXT} characters", field)
    return value


def _check_lines(state: BudgetState, account: AccountState, command: cmd.RecordTransaction) -> None:
    lines = command.lines
    if not lines:
        raise Invalid("a transaction needs at least one line", "lines")
    if len(lines) > MAX_LINES:
        raise Invalid(f"a transaction has at most {MAX_LINES} lines", "lines")
    for index, line in enumerate(lines):
        field = f"lines[{index}].category_id"
        check_amount(line.amount, f"lines[{index}].amount")
        _text(line.memo, f"lines[{index}].memo")
        if not on_budget(account.kind):
            if line.category_id is not None:
                raise CategoryNotAllowed("lines on a tracking account have no category", field)
        elif line.category_id is None:
            raise Invalid("every line on an on-budget account needs a category", field)
        else:
            lookups.line_category(state, line.category_id, field)
    if sum(line.amount for line in lines) != command.amount:
        raise SplitDoesNotAddUp("the lines must add up to the transaction amount", "lines")


def _not_reconciled(cleared: str, allow: bool, what: str) -> None:
    if cleared == "reconciled" and not allow:
        raise ReconciledTransaction(f"{what} is reconciled; say allow_reconciled to change it")


def _transaction(state: BudgetState, command: cmd.RecordTransaction, today: dt.date,
                 old_amount: int, was_reconciled: bool) -> ev.Transaction:
    account = lookups.open_account(state, command.account_id, "account_id")
    check_date(command.date, today)
    check_amount(command.amount)
    if command.cleared == "reconciled" and not was_reconciled:
        raise Invalid("only reconciling marks a transaction reconciled", "cleared")
    _check_lines(state, account, command)
    check_total(account.balance + command.amount - old_amount, "the account balance")
    return ev.Transaction(
        transaction_id=command.transaction_id, account_id=account.id, date=command.date,
        amount=command.amount, payee=_text(command.payee, "payee"),
        memo=_text(command.memo, "memo"), cleared=command.cleared, lines=tuple(command.lines),
    )


def _own_transaction(state: BudgetState, transaction_id: str) -> ev.Transaction:
    found = state.transactions.get(transaction_id)
    if found is None:
        raise NotFound(f"transaction {transaction_id} not found")
    if transaction_id in state.transfer_of:
        raise Conflict("this transaction is one side of a transfer; change the transfer")
    return found


def record(state: BudgetState, command: cmd.RecordTransaction, today: dt.date) -> list[ev.Event]:
    """A new transaction, plain or split (R-T1, R-T2, R-T4)."""
    if command.transaction_id in state.transactions:
        raise Conflict(f"transaction {command.transaction_id} already exists")
    return [ev.TransactionRecorded(transaction=_transaction(state, command, today, 0, False))]


def edit(state: BudgetState, command: cmd.EditTransaction, today: dt.date) -> list[ev.Event]:
    """A whole new version, valid on its own (R-T5, R-T6)."""
    old = _own_transaction(state, command.transaction_id)
    old_account = lookups.open_account(state, old.account_id)
    _not_reconciled(old.cleared, command.allow_reconciled, "the transaction")
    if old_account.id != command.account_id:
        check_total(old_account.balance - old.amount, "the account balance")
    reconciled = old.cleared == "reconciled"
    old_amount = old.amount if old.account_id == command.account_id else 0
    new = _transaction(state, command, today, old_amount, reconciled)
    # An edit keeps the bank's import id, so a re-import still recognises the transaction.
    new = ev.msgspec_replace(new, import_id=old.import_id)
    return [ev.TransactionEdited(transaction=new)]


def delete(state: BudgetState, command: cmd.DeleteTransaction) -> list[ev.Event]:
    """Removed from every number (R-T5, R-T6)."""
    old = _own_transaction(state, command.transaction_id)
    account = lookups.open_account(state, old.account_id)
    _not_reconciled(old.cleared, command.allow_reconciled, "the transaction")
    check_total(account.balance - old.amount, "the account balance")
    return [ev.TransactionDeleted(transaction_id=old.transaction_id)]


def set_cleared(state: BudgetState, command: cmd.SetCleared) -> list[ev.Event]:
    """The cleared toggle, for plain transactions and either side of a transfer."""
    found = state.transactions.get(command.transaction_id)
    if found is None:
        raise NotFound(f"transaction {command.transaction_id} not found")
    lookups.open_account(state, found.account_id)
    _not_reconciled(found.cleared, command.allow_reconciled, "the transaction")
    if command.cleared == "reconciled" and found.cleared != "reconciled":
        raise Invalid("only reconciling marks a transaction reconciled", "cleared")
    return [ev.TransactionClearedSet(transaction_id=found.transaction_id, cleared=command.cleared)]


def _transfer(state: BudgetState, command: cmd.RecordTransfer, today: dt.date,
              old: ev.Transfer | None) -> ev.Transfer:
    if command.from_account_id == command.to_account_id:
        raise Invalid("a transfer needs two different accounts", "to_account_id")
    source = lookups.open_account(state, command.from_account_id, "from_account_id")
    target = lookups.open_account(state, command.to_account_id, "to_account_id")
    check_date(command.date, today)
    if check_amount(command.amount) <= 0:
        raise Invalid("a transfer amount is positive; it leaves from_account_id", "amount")
    side = categorized_side(source.kind, target.kind)
    if side is None and command.category_id is not None:
        raise CategoryNotAllowed("a transfer between two on-budget or two tracking accounts "
                                 "has no category", "category_id")
    if side is not None:
        if command.category_id is None:
            raise Invalid("money leaving or entering the budget needs a category",
                          "category_id")
        lookups.line_category(state, command.category_id, "category_id")
    for account, sign in ((source, -1), (target, 1)):
        previous = 0
        if old is not None:
            previous = (-old.amount if old.from_account_id == account.id else 0) + (
                old.amount if old.to_account_id == account.id else 0)
        check_total(account.balance - previous + sign * command.amount, "the account balance")
    return ev.Transfer(
        transfer_id=command.transfer_id,
        from_account_id=source.id, to_account_id=target.id,
        from_transaction_id=derived_id(command.transfer_id, "from"),
        to_transaction_id=derived_id(command.transfer_id, "to"),
        date=command.date, amount=command.amount, category_id=command.category_id,
        memo=_text(command.memo, "memo"),
        from_cleared=old.from_cleared if old and old.from_account_id == source.id else "uncleared",
        to_cleared=old.to_cleared if old and old.to_account_id == target.id else "uncleared",
    )


def _own_transfer(state: BudgetState, transfer_id: str, allow_reconciled: bool) -> ev.Transfer:
    found = state.transfers.get(transfer_id)
    if found is None:
        raise NotFound(f"transfer {transfer_id} not found")
    for account_id, cleared in ((found.from_account_id, found.from_cleared),
                                (found.to_account_id, found.to_cleared)):
        lookups.open_account(state, account_id)
        _not_reconciled(cleared, allow_reconciled, "a side of the transfer")
    return found


def record_transfer(state: BudgetState, command: cmd.RecordTransfer,
                    today: dt.date) -> list[ev.Event]:
    """Two linked transactions with opposite amounts and one date (R-T3)."""
    if command.transfer_id in state.transfers:
        raise Conflict(f"transfer {command.transfer_id} already exists")
    transfer = _transfer(state, command, today, None)
    for side_id in (transfer.from_transaction_id, transfer.to_transaction_id):
        if side_id in state.transactions:
            raise Conflict(f"transaction {side_id} already exists")
    return [ev.TransferRecorded(transfer=transfer)]


def edit_transfer(state: BudgetState, command: cmd.EditTransfer, today: dt.date) -> list[ev.Event]:
    """Both sides change together (R-T3, R-T5)."""
    old = _own_transfer(state, command.transfer_id, command.allow_reconciled)
    return [ev.TransferEdited(transfer=_transfer(state, command, today, old))]


def delete_transfer(state: BudgetState, command: cmd.DeleteTransfer) -> list[ev.Event]:
    """Both sides go (R-T3, R-T5)."""
    old = _own_transfer(state, command.transfer_id, command.allow_reconciled)
    for account_id, amount in ((old.from_account_id, old.amount), (old.to_account_id,
                                                                   -old.amount)):
        check_total(state.accounts[account_id].balance + amount, "the account balance")
    return [ev.TransferDeleted(transfer_id=old.transfer_id)]
