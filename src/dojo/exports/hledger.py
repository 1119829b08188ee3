"""The budget as an hledger journal (hledger 1.25 and later), see decision 0010.

Dojo accounts are `Assets:` or `Liabilities:` accounts with Dojo's signs, so
`hledger balance` shows each account's Dojo balance; categories are
`Expenses:<group>:<category>`, Ready to Assign is `Income:Ready to Assign`, opening balances
come from `Equity:Opening Balances`, and assignments are unbalanced virtual postings to
`(Budget:<group>:<category>)` on the first day of their month. Accounts and the commodity
are declared, so `hledger check --strict` passes too.
"""

import re
from collections.abc import Iterator

from dojo.domain.money import decimal_text
from dojo.exports import journal
from dojo.exports.journal import Entry, Posting
from dojo.exports.ledger import Ledger
from dojo.exports.names import hledger_component, unique_names

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_MARK = {"uncleared": "", "cleared": "* ", "reconciled": "* "}  # hledger: unmarked, *
_TYPES = {"Assets": "A", "Liabilities": "L", "Equity": "E", "Income": "R", "Expenses": "X"}


def _text(value: str | None) -> str:
    return _CONTROL.sub(" ", value or "").strip()


def _description(entry: Entry) -> str:
    """`payee | note`; a `;` would start a comment, a `|` would split the payee, and a
    leading `(` would be read as a code unless an empty code `()` comes first."""
    payee = _text(entry.payee).replace(";", ",").replace("|", "/")
    memo = _text(entry.memo).replace(";", ",")
    text = f"{payee} | {memo}" if memo else payee
    return f"() {text}" if text.startswith("(") else text


def _tags(tags: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name}:{_text(value).replace(',', ' ')}" for name, value in tags)


class _Writer:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.entries = journal.entries(ledger)
        self.assigned = journal.assignments(ledger)
        self.refs = journal.declared(ledger, [
            *(a.account for a in self.assigned),
            *(p.account for e in self.entries for p in e.postings)])
        self.names = unique_names(self.refs, hledger_component)

    def amount(self, value: int) -> str:
        return f"{decimal_text(value, self.ledger.exponent)} {self.ledger.currency}"

    def header(self) -> Iterator[str]:
        ledger = self.ledger
        yield f"; Dojo budget {_text(ledger.name)!r} ({ledger.budget_id}), in {ledger.currency}\n"
        yield "; Assignments are virtual postings to Budget:...; see `hledger balance --real`.\n"
        yield "decimal-mark .\n"
        sample = decimal_text(10 ** (ledger.exponent + 3), ledger.exponent)
        yield f"commodity {sample if ledger.exponent else sample + '.'} {ledger.currency}\n\n"
        for ref in self.refs:
            tags = [f"type: {_TYPES[ref.path[0]]}"] if ref.path[0] in _TYPES else []
            if ref.key.startswith("account:"):
                tags.append(f"dojo-account:{ref.key.partition(':')[2]}")
            yield f"account {self.names[ref.key]}" + (f"  ; {', '.join(tags)}\n" if tags
                                                      else "\n")

    def posting(self, posting: Posting) -> str:
        mark = _MARK[posting.cleared] if posting.cleared else ""
        notes = ["reconciled:"] if posting.cleared == "reconciled" else []
        notes += [_text(posting.memo)] if _text(posting.memo) else []
        memo = f"  ; {', '.join(notes)}" if notes else ""
        return (f"    {mark}{self.names[posting.account.key]}  "
                f"{self.amount(posting.amount)}{memo}\n")

    def entry(self, entry: Entry) -> str:
        mark = _MARK[entry.cleared] if entry.cleared else ""
        head = f"{entry.date} {mark}{_description(entry)}".rstrip()
        body = "".join(self.posting(p) for p in entry.postings)
        # hledger has one cleared mark (`*`); a tag tells reconciled apart (R-T7).
        tags = entry.tags + ([("reconciled", "")] if entry.cleared == "reconciled" else [])
        return f"\n{head}  ; {_tags(tags)}\n{body}"

    def month(self, month: str, rows: list[journal.Assigned]) -> str:
        body = "".join(f"    ({self.names[a.account.key]})  {self.amount(a.amount)}\n"
                       for a in rows)
        return f"\n{month}-01 Assigned in {month}  ; dojo-assigned:{month}\n{body}"

    def body(self) -> Iterator[str]:
        months: dict[str, list[journal.Assigned]] = {}
        for row in self.assigned:
            months.setdefault(row.month, []).append(row)
        # Dates must ascend through the file (`hledger check ordereddates`); a month's
        # assignments come before that day's transactions.
        items = [(f"{m}-01", 0, m) for m in months] + [
            (e.date, 1, i) for i, e in enumerate(self.entries)]
        for _, kind, key in sorted(items):
            yield self.month(str(key), months[str(key)]) if kind == 0 else self.entry(
                self.entries[int(key)])


def write(ledger: Ledger) -> Iterator[str]:
    """The journal, a few lines at a time."""
    writer = _Writer(ledger)
    yield from writer.header()
    yield from writer.body()
