"""Events: what happened to a budget, in the past tense, immutable once stored.

A new field always gets a default so that stored events still decode; an incompatible
change gets a new event type, never a rewrite of the log.
"""

from typing import ClassVar, Literal

import msgspec

Cleared = Literal["uncleared", "cleared", "reconciled"]


class Event(msgspec.Struct, frozen=True, kw_only=True, tag_field="type"):
    """Base of every stored event."""

    schema_version: ClassVar[int] = 1


class Line(msgspec.Struct, frozen=True, kw_only=True):
    """One categorized part of a transaction."""

    category_id: str | None
    amount: int
    memo: str | None = None


class Transaction(msgspec.Struct, frozen=True, kw_only=True):
    """A whole transaction as recorded or edited (R-T1)."""

    transaction_id: str
    account_id: str
    date: str
    amount: int
    payee: str | None = None
    memo: str | None = None
    cleared: Cleared = "uncleared"
    lines: tuple[Line, ...]


class Transfer(msgspec.Struct, frozen=True, kw_only=True):
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
    budget_id: str
    name: str
    currency: str
    currency_exponent: int
    income_category_id: str
    income_group_id: str
    payments_group_id: str


class BudgetRenamed(Event, frozen=True, kw_only=True, tag="BudgetRenamed"):
    name: str


class AccountOpened(Event, frozen=True, kw_only=True, tag="AccountOpened"):
    account_id: str
    name: str
    account_type: str
    opened_on: str
    payment_category_id: str | None = None


class AccountRenamed(Event, frozen=True, kw_only=True, tag="AccountRenamed"):
    account_id: str
    name: str


class AccountClosed(Event, frozen=True, kw_only=True, tag="AccountClosed"):
    account_id: str


class AccountReopened(Event, frozen=True, kw_only=True, tag="AccountReopened"):
    account_id: str


class AccountReconciled(Event, frozen=True, kw_only=True, tag="AccountReconciled"):
    account_id: str
    statement_balance: int
    through: str
    adjustment_transaction_id: str | None
    reconciled_transaction_ids: tuple[str, ...]


class CategoryGroupCreated(Event, frozen=True, kw_only=True, tag="CategoryGroupCreated"):
    group_id: str
    name: str


class CategoryGroupRenamed(Event, frozen=True, kw_only=True, tag="CategoryGroupRenamed"):
    group_id: str
    name: str


class CategoryGroupHidden(Event, frozen=True, kw_only=True, tag="CategoryGroupHidden"):
    group_id: str
    hidden: bool


class CategoryCreated(Event, frozen=True, kw_only=True, tag="CategoryCreated"):
    category_id: str
    group_id: str
    name: str
    kind: Literal["regular", "payment"] = "regular"
    payment_for_account_id: str | None = None


class CategoryRenamed(Event, frozen=True, kw_only=True, tag="CategoryRenamed"):
    category_id: str
    name: str


class CategoryRegrouped(Event, frozen=True, kw_only=True, tag="CategoryRegrouped"):
    category_id: str
    group_id: str


class CategoryHidden(Event, frozen=True, kw_only=True, tag="CategoryHidden"):
    category_id: str
    hidden: bool


class CategoryDeleted(Event, frozen=True, kw_only=True, tag="CategoryDeleted"):
    category_id: str
    moved_to: str


class TransactionRecorded(Event, frozen=True, kw_only=True, tag="TransactionRecorded"):
    transaction: Transaction


class TransactionEdited(Event, frozen=True, kw_only=True, tag="TransactionEdited"):
    transaction: Transaction


class TransactionDeleted(Event, frozen=True, kw_only=True, tag="TransactionDeleted"):
    transaction_id: str


class TransactionClearedSet(Event, frozen=True, kw_only=True, tag="TransactionClearedSet"):
    transaction_id: str
    cleared: Cleared


class TransferRecorded(Event, frozen=True, kw_only=True, tag="TransferRecorded"):
    transfer: Transfer


class TransferEdited(Event, frozen=True, kw_only=True, tag="TransferEdited"):
    transfer: Transfer


class TransferDeleted(Event, frozen=True, kw_only=True, tag="TransferDeleted"):
    transfer_id: str


class AssignmentSet(Event, frozen=True, kw_only=True, tag="AssignmentSet"):
    month: str
    category_id: str
    assigned: int


class MoneyMoved(Event, frozen=True, kw_only=True, tag="MoneyMoved"):
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
