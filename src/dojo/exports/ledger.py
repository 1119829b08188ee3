"""A budget's books read from the read-model tables in one go, for the exporters."""

from dataclasses import dataclass

import duckdb

from dojo.domain.errors import NotFound
from dojo.domain.events import Line, Transaction
from dojo.domain.ids import derived_id


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    type: str
    on_budget: bool
    closed: bool
    opened_on: str
    balance: int


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    group: str


def is_opening(txn: Transaction) -> bool:
    """Recorded by OpenAccount (R-A3): its id derives from the account's."""
    return txn.transaction_id == derived_id(txn.account_id, "opening-balance")


@dataclass(frozen=True)
class Transfer:
    id: str
    from_account_id: str
    to_account_id: str
    date: str
    amount: int
    category_id: str | None
    memo: str | None
    from_transaction_id: str
    to_transaction_id: str


@dataclass
class Ledger:
    """Everything an export shows, in a stable order (creation order, then date and id)."""

    budget_id: str
    name: str
    currency: str
    exponent: int
    income_category_id: str
    accounts: dict[str, Account]
    categories: dict[str, Category]
    transactions: list[Transaction]
    transfer_of: dict[str, str]  # transaction id -> the transfer it is a side of
    transfers: dict[str, Transfer]
    assignments: list[tuple[str, str, int]]  # (month, category id, assigned)

    def peer(self, txn: Transaction) -> str | None:
        """The other account of a transfer side."""
        transfer_id = self.transfer_of.get(txn.transaction_id)
        if transfer_id is None:
            return None
        transfer = self.transfers[transfer_id]
        if transfer.from_transaction_id == txn.transaction_id:
            return transfer.to_account_id
        return transfer.from_account_id


def budget_row(cur: duckdb.DuckDBPyConnection, budget_id: str) -> tuple:
    """The budget's name, currency, exponent and income category, or NotFound."""
    row = cur.execute("SELECT name, currency, currency_exponent, income_category_id "
                      "FROM rm_budgets WHERE budget_id = ?", [budget_id]).fetchone()
    if row is None:
        raise NotFound("budget not found")
    return row


def _transactions(cur: duckdb.DuckDBPyConnection,
                  budget_id: str) -> tuple[list[Transaction], dict[str, str]]:
    lines: dict[str, list[Line]] = {}
    for txn_id, category_id, amount, memo in cur.execute(
        "SELECT transaction_id, category_id, amount, memo FROM rm_transaction_lines "
        "WHERE budget_id = ? ORDER BY transaction_id, line_index", [budget_id]).fetchall():
        lines.setdefault(txn_id, []).append(Line(category_id=category_id, amount=int(amount),
                                                 memo=memo))
    rows = cur.execute(
        "SELECT transaction_id, account_id, CAST(date AS VARCHAR), amount, payee, memo, "
        "cleared, transfer_id FROM rm_transactions WHERE budget_id = ? "
        "ORDER BY date, transaction_id", [budget_id]).fetchall()
    return [
        Transaction(transaction_id=r[0], account_id=r[1], date=r[2], amount=int(r[3]),
                    payee=r[4], memo=r[5], cleared=r[6], lines=tuple(lines.get(r[0], ())))
        for r in rows
    ], {r[0]: r[7] for r in rows if r[7] is not None}


def load(cur: duckdb.DuckDBPyConnection, budget_id: str) -> Ledger:
    """The budget's books, or NotFound."""
    name, currency, exponent, income = budget_row(cur, budget_id)
    accounts = {r[0]: Account(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6])) for r in
                cur.execute("SELECT account_id, name, type, on_budget, closed, "
                            "CAST(opened_on AS VARCHAR), balance FROM rm_accounts "
                            "WHERE budget_id = ? ORDER BY sort_key", [budget_id]).fetchall()}
    categories = {r[0]: Category(*r) for r in cur.execute(
        "SELECT c.category_id, c.name, g.name "
        "FROM rm_categories c JOIN rm_category_groups g USING (budget_id, group_id) "
        "WHERE c.budget_id = ? ORDER BY g.system, g.sort_key, c.sort_key",
        [budget_id]).fetchall()}
    transfers = {r[0]: Transfer(r[0], r[1], r[2], r[3], int(r[4]), *r[5:]) for r in cur.execute(
        "SELECT transfer_id, from_account_id, to_account_id, CAST(date AS VARCHAR), amount, "
        "category_id, memo, from_transaction_id, to_transaction_id FROM rm_transfers "
        "WHERE budget_id = ? ORDER BY transfer_id", [budget_id]).fetchall()}
    assignments = [(r[0], r[1], int(r[2])) for r in cur.execute(
        "SELECT month, category_id, assigned FROM rm_assignments WHERE budget_id = ? "
        "ORDER BY month, category_id", [budget_id]).fetchall()]
    transactions, transfer_of = _transactions(cur, budget_id)
    return Ledger(budget_id, name, currency, int(exponent), income, accounts, categories,
                  transactions, transfer_of, transfers, assignments)
