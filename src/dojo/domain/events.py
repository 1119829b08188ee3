"""Events: what happened to a budget, in the past tense, immutable once stored.

A new field always gets a default so that stored events still decode; an incompatible
change gets a new event type, never a rewrite of the log.
"""

from typing import ClassVar, Literal

import msgspec

Cleared = Literal["uncleared", "cleared", "reconciled"]


# gc=False: events and their parts hold only strings, numbers and tuples of one another, so
# they can never be part of a reference cycle; untracked, the million of them a large budget
# keeps in memory cost the garbage collector nothing (a full collection took 450 ms).


class Event(msgspec.Struct, frozen=True, kw_only=True, tag_field="type", gc=False):
    """Base of every stored event."""

    schema_version: ClassVar[int] = 1


class Line(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One categorized part of a transaction."""

    category_id: str | None
    amount: int
    memo: str | None = None


class Transaction(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A whole transaction as recorded or edited (R-T1)."""

    transaction_id: str
    account_id: str
    date: str
    amount: int
    payee: str | None = None
    memo: str | None = None
    cleared: Cleared = "uncleared"
    lines: tuple[Line, ...]
    # The bank's id of an imported row (FITID, or amount:date:occurrence): a re-import
    # recognises it. None for transactions entered by hand and for events before imports.
    import_id: str | None = None


class Transfer(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Money moving between two accounts of the budget (R-T3)."""

    transfer_id: str
    from_account_id: str
    to_account_id: str
    from_transaction_id: str
    to_transaction_id: str
    date: str
    amount: int
    category_id: str | None = None
    memo: str | None = None
    from_cleared: Cleared = "uncleared"
    to_cleared: Cleared = "uncleared"


class BudgetCreated(Event, frozen=True, kw_only=True, tag="BudgetCreated"):
    """A budget with its currency, income category and system groups."""

    budget_id: str
    name: str
    currency: str
    currency_exponent: int
    income_category_id: str
    income_group_id: str
    payments_group_id: str


class BudgetRenamed(Event, frozen=True, kw_only=True, tag="BudgetRenamed"):
    """The budget has a new name."""

    name: str


class AccountOpened(Event, frozen=True, kw_only=True, tag="AccountOpened"):
    """An account of a type (R-A1); credit accounts name their payment category."""

    account_id: str
    name: str
    account_type: str
    opened_on: str
    payment_category_id: str | None = None


class AccountRenamed(Event, frozen=True, kw_only=True, tag="AccountRenamed"):
    """An account has a new name (its payment category follows)."""

    account_id: str
    name: str


class AccountClosed(Event, frozen=True, kw_only=True, tag="AccountClosed"):
    """An account takes no new transactions until reopened (R-A5)."""

    account_id: str


class AccountReopened(Event, frozen=True, kw_only=True, tag="AccountReopened"):
    """A closed account is open again."""

    account_id: str


class AccountReconciled(Event, frozen=True, kw_only=True, tag="AccountReconciled"):
    """Cleared transactions through a date became reconciled (R-T7)."""

    account_id: str
    statement_balance: int
    through: str
    adjustment_transaction_id: str | None
    reconciled_transaction_ids: tuple[str, ...]


class CategoryGroupCreated(Event, frozen=True, kw_only=True, tag="CategoryGroupCreated"):
    """A named group of categories."""

    group_id: str
    name: str


class CategoryGroupRenamed(Event, frozen=True, kw_only=True, tag="CategoryGroupRenamed"):
    """A group has a new name."""

    group_id: str
    name: str


class CategoryGroupHidden(Event, frozen=True, kw_only=True, tag="CategoryGroupHidden"):
    """A group is hidden or shown again."""

    group_id: str
    hidden: bool


class CategoryCreated(Event, frozen=True, kw_only=True, tag="CategoryCreated"):
    """A regular category, or the payment category of a credit account."""

    category_id: str
    group_id: str
    name: str
    kind: Literal["regular", "payment"] = "regular"
    payment_for_account_id: str | None = None


class CategoryRenamed(Event, frozen=True, kw_only=True, tag="CategoryRenamed"):
    """A category has a new name."""

    category_id: str
    name: str


class CategoryRegrouped(Event, frozen=True, kw_only=True, tag="CategoryRegrouped"):
    """A category moved to another group."""

    category_id: str
    group_id: str


class CategoryHidden(Event, frozen=True, kw_only=True, tag="CategoryHidden"):
    """A category is hidden or shown again; its numbers stay (R-C4)."""

    category_id: str
    hidden: bool


class CategoryDeleted(Event, frozen=True, kw_only=True, tag="CategoryDeleted"):
    """A category is gone; its lines and assignments moved to another (R-C4)."""

    category_id: str
    moved_to: str


class TransactionRecorded(Event, frozen=True, kw_only=True, tag="TransactionRecorded"):
    """A transaction, plain or split (R-T1)."""

    transaction: Transaction


class TransactionEdited(Event, frozen=True, kw_only=True, tag="TransactionEdited"):
    """A transaction replaced as a whole by a new version (R-T5)."""

    transaction: Transaction


class TransactionDeleted(Event, frozen=True, kw_only=True, tag="TransactionDeleted"):
    """A transaction removed from every number (R-T5)."""

    transaction_id: str


class TransactionClearedSet(Event, frozen=True, kw_only=True, tag="TransactionClearedSet"):
    """A transaction's cleared status changed."""

    transaction_id: str
    cleared: Cleared


class TransferRecorded(Event, frozen=True, kw_only=True, tag="TransferRecorded"):
    """Two linked transactions between two accounts (R-T3)."""

    transfer: Transfer


class TransferEdited(Event, frozen=True, kw_only=True, tag="TransferEdited"):
    """A transfer replaced as a whole; both sides change (R-T3)."""

    transfer: Transfer


class TransferDeleted(Event, frozen=True, kw_only=True, tag="TransferDeleted"):
    """A transfer and both its sides removed."""

    transfer_id: str


class AssignmentSet(Event, frozen=True, kw_only=True, tag="AssignmentSet"):
    """assigned(category, month) set to a new value (R-B1)."""

    month: str
    category_id: str
    assigned: int


class MoneyMoved(Event, frozen=True, kw_only=True, tag="MoneyMoved"):
    """Money moved between categories or Ready to Assign (null) in a month (R-B2)."""

    month: str
    from_category_id: str | None
    to_category_id: str | None
    amount: int


AnyEvent = (
    BudgetCreated
    | BudgetRenamed
    | AccountOpened
    | AccountRenamed
    | AccountClosed
    | AccountReopened
    | AccountReconciled
    | CategoryGroupCreated
    | CategoryGroupRenamed
    | CategoryGroupHidden
    | CategoryCreated
    | CategoryRenamed
    | CategoryRegrouped
    | CategoryHidden
    | CategoryDeleted
    | TransactionRecorded
    | TransactionEdited
    | TransactionDeleted
    | TransactionClearedSet
    | TransferRecorded
    | TransferEdited
    | TransferDeleted
    | AssignmentSet
    | MoneyMoved
)

EVENT_TYPES: tuple[type[Event], ...] = AnyEvent.__args__  # type: ignore[attr-defined]


def event_type(event: Event) -> str:
    """The stable tag an event is stored under."""
    return type(event).__struct_config__.tag  # type: ignore[return-value]


_decoder = msgspec.json.Decoder(AnyEvent)
_encoder = msgspec.json.Encoder()


def encode_event(event: Event) -> bytes:
    """Canonical JSON bytes of an event, its tag included."""
    return _encoder.encode(event)


def decode_event(data: bytes | str) -> Event:
    """Decode stored JSON through the tagged union; raises msgspec.DecodeError on bad data."""
    return _decoder.decode(data)


def msgspec_replace(struct, /, **changes):  # type: ignore[no-untyped-def]
    """A copy of a frozen struct with some fields changed."""
    return msgspec.structs.replace(struct, **changes)
