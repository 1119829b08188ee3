"""Request and response bodies of the HTTP API (api.md), as msgspec structs."""

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from dojo.domain.money import INT64_MAX, INT64_MIN
from dojo.imports import csv_mapping

# Exact int64 bounds: Meta(le=2**63-1) alone reaches the schema as a float (2**63).
Money = Annotated[
    int,
    Meta(
        ge=INT64_MIN,
        le=INT64_MAX,
        extra_json_schema={"format": "int64", "minimum": INT64_MIN, "maximum": INT64_MAX},
    ),
]
PositiveMoney = Annotated[
    int,
    Meta(
        ge=1,
        le=INT64_MAX,
        extra_json_schema={"format": "int64", "minimum": 1, "maximum": INT64_MAX},
    ),
]
Id = Annotated[
    str,
    Meta(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        examples=["0b6f3c1e-8d1a-4c49-9d1e-2f7b9a0c4e11"],
    ),
]
Day = Annotated[str, Meta(pattern=r"^\d{4}-\d{2}-\d{2}$", examples=["2026-01-31"])]
Name = Annotated[str, Meta(min_length=1, max_length=200)]
Text = Annotated[str, Meta(max_length=500)]
Cleared = Literal["uncleared", "cleared", "reconciled"]
AccountType = Literal[
    "checking",
    "savings",
    "cash",
    "credit_card",
    "line_of_credit",
    "asset",
    "investment",
    "liability",
    "mortgage",
    "loan",
]


class Body(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Request bodies refuse fields they do not know."""


class Credentials(Body, kw_only=True):
    username: Annotated[str, Meta(min_length=1, max_length=64)]
    password: Annotated[str, Meta(min_length=1, max_length=1024)]


class User(msgspec.Struct):
    id: str
    username: str


class TokenRequest(Body, kw_only=True):
    name: Name


class TokenCreated(msgspec.Struct):
    id: str
    name: str
    token: str


class Token(msgspec.Struct):
    id: str
    name: str
    created_at: str


class MemberRequest(Body, kw_only=True):
    username: Annotated[str, Meta(min_length=1, max_length=64)]
    role: Literal["owner", "editor", "viewer"]


class Member(msgspec.Struct):
    username: str
    role: str


class BudgetRequest(Body, kw_only=True):
    id: Id | None = None
    name: Name
    currency: Annotated[str, Meta(pattern=r"^[A-Z]{3}$")]


class Budget(msgspec.Struct):
    id: str
    name: str
    currency: str
    currency_exponent: int
    income_category_id: str
    version: int
    first_month: str | None


class AccountRequest(Body, kw_only=True):
    id: Id | None = None
    name: Name
    type: AccountType
    opening_balance: Money = 0
    opening_date: Day


class AccountPatch(Body, kw_only=True):
    name: Name


class Account(msgspec.Struct):
    id: str
    name: str
    type: str
    on_budget: bool
    closed: bool
    balance: int
    cleared_balance: int
    uncleared_balance: int
    payment_category_id: str | None


class ReconcileRequest(Body, kw_only=True):
    statement_balance: Money
    date: Day


class Reconciled(msgspec.Struct):
    account: Account
    adjustment_transaction_id: str | None


class GroupRequest(Body, kw_only=True):
    id: Id | None = None
    name: Name


class GroupPatch(Body, kw_only=True):
    name: Name | None = None
    hidden: bool | None = None


class Group(msgspec.Struct):
    id: str
    name: str
    system: bool
    hidden: bool


class CategoryRequest(Body, kw_only=True):
    id: Id | None = None
    group_id: Id
    name: Name


class CategoryPatch(Body, kw_only=True):
    name: Name | None = None
    group_id: Id | None = None
    hidden: bool | None = None


class Category(msgspec.Struct):
    id: str
    group_id: str
    name: str
    kind: str
    hidden: bool
    payment_for_account_id: str | None


class LineIn(Body, kw_only=True):
    category_id: Id | None = None
    amount: Money
    memo: Text | None = None


class TransactionRequest(Body, kw_only=True):
    id: Id | None = None
    account_id: Id
    date: Day
    amount: Money
    payee: Text | None = None
    memo: Text | None = None
    cleared: Cleared = "uncleared"
    category_id: Id | None = None
    lines: Annotated[list[LineIn], Meta(min_length=1, max_length=100)] | None = None


class LineOut(msgspec.Struct):
    category_id: str | None
    amount: int
    memo: str | None


class Transaction(msgspec.Struct):
    id: str
    account_id: str
    date: str
    amount: int
    payee: str | None
    memo: str | None
    cleared: str
    lines: list[LineOut]
    transfer_id: str | None
    # The bank's id when the transaction came from (or was matched by) a file import.
    import_id: str | None


class TransferRequest(Body, kw_only=True):
    id: Id | None = None
    from_account_id: Id
    to_account_id: Id
    date: Day
    amount: PositiveMoney
    category_id: Id | None = None
    memo: Text | None = None


class Transfer(msgspec.Struct):
    id: str
    from_account_id: str
    to_account_id: str
    date: str
    amount: int
    category_id: str | None
    from_transaction_id: str
    to_transaction_id: str


class AssignRequest(Body, kw_only=True):
    assigned: Money


class MoveRequest(Body, kw_only=True):
    from_category_id: Id | None
    to_category_id: Id | None
    amount: PositiveMoney


class Event(msgspec.Struct):
    position: int
    type: str
    recorded_at: str
    data: dict
    actor: str | None


class EventPage(msgspec.Struct):
    items: list[Event]
    next_after: int | None


class Page(msgspec.Struct):
    next_cursor: str | None


class BudgetPage(Page):
    items: list[Budget]


class AccountPage(Page):
    items: list[Account]


class GroupPage(Page):
    items: list[Group]


class CategoryPage(Page):
    items: list[Category]


class TransactionPage(Page):
    items: list[Transaction]


class TransferPage(Page):
    items: list[Transfer]


class TokenPage(Page):
    items: list[Token]


class MemberPage(Page):
    items: list[Member]


class Health(msgspec.Struct):
    status: str


class ClearedPatch(Body, kw_only=True):
    cleared: Cleared


class BulkTransactionsRequest(Body, kw_only=True):
    """Items as in POST .../transactions; `id` makes an item idempotent."""

    transactions: Annotated[list[TransactionRequest], Meta(min_length=1, max_length=10_000)]


class BulkItem(msgspec.Struct):
    id: str
    status: Literal["created", "existing"]


class BulkTransactionsResult(msgspec.Struct):
    version: int
    created: int
    existing: int
    items: list[BulkItem]


class CsvMapping(csv_mapping.CsvMapping, Body, kw_only=True):
    """How to read one bank's CSV (columns by header name); an account remembers the
    mapping of its last committed CSV import."""


class ImportRequest(Body, kw_only=True):
    """A bank file and how to read it. `content` is the file's text, or its bytes in base64
    when `encoding` says so (keeps a file's own charset); the format is detected if absent.
    New rows of an on-budget account go to `category_id`, else Ready to Assign."""

    content: Annotated[str, Meta(min_length=1)]
    encoding: Literal["text", "base64"] = "text"
    format: Literal["ofx", "qfx", "qif", "csv"] | None = None
    csv: CsvMapping | None = None
    date_order: Literal["auto", "mdy", "dmy"] = "auto"
    decimal_separator: Literal[".", ","] = "."
    category_id: Id | None = None


class ImportMapping(msgspec.Struct):
    csv: CsvMapping | None
