"""A budget's books as double-entry transactions, before any file format names them.

Each Dojo transaction is one entry: its account's posting and one posting per line to the
line's category (an outflow from Groceries is a positive `Expenses:<group>:Groceries`).
A transfer is one entry between its two accounts. Assignments are kept apart, by month.
"""

from dataclasses import dataclass, field

from dojo.domain.events import Transaction
from dojo.exports.ledger import Ledger, Transfer, is_opening

LIABILITY_TYPES = frozenset({"credit_card", "line_of_credit", "liability", "mortgage", "loan"})
OPENING = ("Equity", "Opening Balances")
INCOME = ("Income", "Ready to Assign")
OFF_BUDGET = "Off Budget"


@dataclass(frozen=True, order=True)
class Ref:
    """A ledger account: `key` is whose it is (unique), `path` its name's components."""

    path: tuple[str, ...]
    key: str


@dataclass(frozen=True)
class Posting:
    account: Ref
    amount: int
    memo: str | None = None
    cleared: str | None = None  # a transfer's side has a status of its own


@dataclass(frozen=True)
class Entry:
    date: str
    id: str
    cleared: str | None
    payee: str | None
    memo: str | None
    postings: list[Posting]
    tags: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Assigned:
    """What a category was assigned in a month (R-B1)."""

    month: str
    account: Ref
    amount: int


def account_ref(ledger: Ledger, account_id: str) -> Ref:
    account = ledger.accounts[account_id]
    root = "Liabilities" if account.type in LIABILITY_TYPES else "Assets"
    return Ref((root, account.name), f"account:{account_id}")


def category_path(ledger: Ledger, category_id: str) -> tuple[str, str]:
    category = ledger.categories[category_id]
    return category.group, category.name


def _line_ref(ledger: Ledger, txn: Transaction, category_id: str | None, amount: int) -> Ref:
    """Where a line's money comes from or goes to, seen from the books."""
    if is_opening(txn) and category_id in (None, ledger.income_category_id):
        return Ref(OPENING, "opening")
    if category_id == ledger.income_category_id:
        return Ref(INCOME, "income")
    if category_id is not None:
        return Ref(("Expenses", *category_path(ledger, category_id)), f"category:{category_id}")
    if not ledger.accounts[txn.account_id].on_budget:
        # Tracking accounts have no categories (R-T2): gains and costs of the account itself.
        root = "Income" if amount > 0 else "Expenses"
        name = ledger.accounts[txn.account_id].name
        return Ref((root, OFF_BUDGET, name), f"{root.lower()}:{txn.account_id}")
    return Ref(("Equity", "Uncategorized"), "uncategorized")


def _transaction(ledger: Ledger, txn: Transaction) -> Entry:
    postings = [Posting(account_ref(ledger, txn.account_id), txn.amount)]
    postings += [Posting(_line_ref(ledger, txn, line.category_id, line.amount), -line.amount,
                         line.memo) for line in txn.lines]
    return Entry(txn.date, txn.transaction_id, txn.cleared, txn.payee, txn.memo, postings,
                 [("dojo-id", txn.transaction_id)])


def _transfer(ledger: Ledger, transfer: Transfer, status: dict[str, str]) -> Entry:
    tags = [("dojo-transfer", transfer.id)]
    if transfer.category_id is not None:
        tags.append(("category", ":".join(category_path(ledger, transfer.category_id))))
    source = ledger.accounts[transfer.from_account_id].name
    target = ledger.accounts[transfer.to_account_id].name
    return Entry(transfer.date, transfer.id, None, f"Transfer: {source} to {target}",
                 transfer.memo, [
                     Posting(account_ref(ledger, transfer.from_account_id), -transfer.amount,
                             cleared=status[transfer.from_transaction_id]),
                     Posting(account_ref(ledger, transfer.to_account_id), transfer.amount,
                             cleared=status[transfer.to_transaction_id]),
                 ], tags)


def entries(ledger: Ledger) -> list[Entry]:
    """Every transaction and transfer, by date then id."""
    status = {txn.transaction_id: txn.cleared for txn in ledger.transactions}
    found = [_transaction(ledger, t) for t in ledger.transactions
             if t.transaction_id not in ledger.transfer_of]
    found += [_transfer(ledger, t, status) for t in ledger.transfers.values()]
    return sorted(found, key=lambda e: (e.date, e.id))


def assignments(ledger: Ledger) -> list[Assigned]:
    """Every stored assignment, by month then category order."""
    order = {category_id: i for i, category_id in enumerate(ledger.categories)}
    rows = sorted(ledger.assignments, key=lambda a: (a[0], order.get(a[1], len(order)), a[1]))
    return [Assigned(month, Ref(("Budget", *category_path(ledger, category_id)),
                                f"budget:{category_id}"), amount)
            for month, category_id, amount in rows if category_id in ledger.categories]


def accounts(ledger: Ledger) -> list[Ref]:
    """Every Dojo account, in the order they were opened."""
    return [account_ref(ledger, account_id) for account_id in ledger.accounts]


_ROOTS = ("Assets", "Liabilities", "Income", "Expenses", "Equity", "Budget")


def declared(ledger: Ledger, refs: list[Ref]) -> list[Ref]:
    """The accounts to declare, once each: Dojo's in their order, then the rest by name."""
    unique = {ref.key: ref for ref in [*accounts(ledger), *refs]}
    own = [ref for ref in unique.values() if ref.key.startswith("account:")]
    rest = sorted((ref for ref in unique.values() if not ref.key.startswith("account:")),
                  key=lambda r: (_ROOTS.index(r.path[0]), r.path, r.key))
    return own + rest


def dates(ledger: Ledger) -> list[str]:
    """Every date the books use: openings, transactions, first days of assigned months."""
    return sorted({*(a.opened_on for a in ledger.accounts.values()),
                   *(t.date for t in ledger.transactions),
                   *(f"{month}-01" for month, _, _ in ledger.assignments)})
