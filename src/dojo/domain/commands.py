"""Commands: what a client asks of a budget, in the imperative."""

import msgspec

from dojo.domain.events import Cleared, Line


class Command(msgspec.Struct, frozen=True, kw_only=True, tag_field="command"):
    """Base of every command; its canonical bytes decide idempotent repeats."""


class CreateBudget(Command, frozen=True, kw_only=True, tag="CreateBudget"):
    budget_id: str
    name: str
    currency: str


class RenameBudget(Command, frozen=True, kw_only=True, tag="RenameBudget"):
    name: str


class OpenAccount(Command, frozen=True, kw_only=True, tag="OpenAccount"):
    account_id: str
    name: str
    account_type: str
    opening_balance: int = 0
    opening_date: str


class RenameAccount(Command, frozen=True, kw_only=True, tag="RenameAccount"):
    account_id: str
    name: str


class CloseAccount(Command, frozen=True, kw_only=True, tag="CloseAccount"):
    account_id: str


class ReopenAccount(Command, frozen=True, kw_only=True, tag="ReopenAccount"):
    account_id: str


class Reconcile(Command, frozen=True, kw_only=True, tag="Reconcile"):
    account_id: str
    statement_balance: int
    date: str
    adjustment_transaction_id: str


class CreateCategoryGroup(Command, frozen=True, kw_only=True, tag="CreateCategoryGroup"):
    group_id: str
    name: str


class UpdateCategoryGroup(Command, frozen=True, kw_only=True, tag="UpdateCategoryGroup"):
    group_id: str
    name: str | None = None
    hidden: bool | None = None


class CreateCategory(Command, frozen=True, kw_only=True, tag="CreateCategory"):
    category_id: str
    group_id: str
    name: str


class UpdateCategory(Command, frozen=True, kw_only=True, tag="UpdateCategory"):
    category_id: str
    name: str | None = None
    group_id: str | None = None
    hidden: bool | None = None


class DeleteCategory(Command, frozen=True, kw_only=True, tag="DeleteCategory"):
    category_id: str
    move_to: str


class RecordTransaction(Command, frozen=True, kw_only=True, tag="RecordTransaction"):
    transaction_id: str
    account_id: str
    date: str
    amount: int
    payee: str | None = None
    memo: str | None = None
    cleared: Cleared = "uncleared"
    lines: tuple[Line, ...]


class EditTransaction(RecordTransaction, frozen=True, kw_only=True, tag="EditTransaction"):
    allow_reconciled: bool = False


class DeleteTransaction(Command, frozen=True, kw_only=True, tag="DeleteTransaction"):
    transaction_id: str
    allow_reconciled: bool = False


class SetCleared(Command, frozen=True, kw_only=True, tag="SetCleared"):
    transaction_id: str
    cleared: Cleared
    allow_reconciled: bool = False


class RecordTransfer(Command, frozen=True, kw_only=True, tag="RecordTransfer"):
    transfer_id: str
    from_account_id: str
    to_account_id: str
    date: str
    amount: int
    category_id: str | None = None
    memo: str | None = None


class EditTransfer(RecordTransfer, frozen=True, kw_only=True, tag="EditTransfer"):
    allow_reconciled: bool = False


class DeleteTransfer(Command, frozen=True, kw_only=True, tag="DeleteTransfer"):
    transfer_id: str
    allow_reconciled: bool = False


class Assign(Command, frozen=True, kw_only=True, tag="Assign"):
    month: str
    category_id: str
    assigned: int


class MoveMoney(Command, frozen=True, kw_only=True, tag="MoveMoney"):
    month: str
    from_category_id: str | None
    to_category_id: str | None
    amount: int


class ImportedRow(msgspec.Struct, frozen=True, kw_only=True):
    """One row of a bank file, parsed: its line in the file and its import id."""

    line: int
    date: str
    amount: int
    payee: str | None = None
    memo: str | None = None
    import_id: str
    pending: bool = False


class ImportTransactions(Command, frozen=True, kw_only=True, tag="ImportTransactions"):
    """Rows of one bank file into one account; `expected` is the outcome a preview showed
    (refused when the account changed since), `batch_id` seeds the new transactions' ids."""

    account_id: str
    batch_id: str
    category_id: str | None = None
    rows: tuple[ImportedRow, ...]
    expected: tuple[str, ...] | None = None
