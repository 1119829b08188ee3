"""The register as CSV: one row per transaction line (RFC 4180, UTF-8, a header row).

Amounts are exact decimal strings in the budget's currency (`-12.34`); `amount` is signed,
`outflow` and `inflow` are its two sides, both non-negative. Text cells that a spreadsheet
would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) get
a leading `'`, so opening the file never runs anything; amounts stay plain numbers.
"""

import csv
import io
from collections.abc import Iterator

from dojo.domain.events import Line, Transaction
from dojo.domain.money import decimal_text
from dojo.exports.ledger import Ledger

HEADER = ("date", "account", "payee", "category_group", "category", "memo", "line_memo",
          "amount", "outflow", "inflow", "cleared", "transfer_account", "transaction_id",
          "line", "transfer_id", "account_id", "category_id")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_BATCH = 500


def text_cell(value: str | None) -> str:
    """A text cell a spreadsheet shows as text (OWASP's advice on CSV injection)."""
    value = value or ""
    return "'" + value if value.startswith(_FORMULA) else value


def _row(ledger: Ledger, txn: Transaction, index: int, line: Line) -> list[str]:
    money = ledger.exponent
    category = ledger.categories.get(line.category_id or "")
    peer = ledger.peer(txn)
    return [
        txn.date,
        text_cell(ledger.accounts[txn.account_id].name),
        text_cell(txn.payee),
        text_cell(category.group if category else None),
        text_cell(category.name if category else None),
        text_cell(txn.memo),
        text_cell(line.memo),
        decimal_text(line.amount, money),
        decimal_text(max(0, -line.amount), money),
        decimal_text(max(0, line.amount), money),
        txn.cleared,
        text_cell(ledger.accounts[peer].name if peer else None),
        text_cell(txn.transaction_id),
        str(index),
        text_cell(ledger.transfer_of.get(txn.transaction_id)),
        text_cell(txn.account_id),
        text_cell(line.category_id),
    ]


def write(ledger: Ledger) -> Iterator[str]:
    """The CSV text, a batch of rows at a time; rows by date, transaction id, line."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(HEADER)
    count = 0
    for txn in ledger.transactions:
        for index, line in enumerate(txn.lines):
            out.writerow(_row(ledger, txn, index, line))
            count += 1
            if count % _BATCH == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()
