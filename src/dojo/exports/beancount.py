"""The budget as a Beancount file (Beancount 3), see decision 0010.

The accounts are those of the hledger journal, with names made to follow Beancount's
rules. Beancount has no virtual postings, so assignments are Fava budget directives
(`custom "budget" Expenses:<group>:<category> "monthly" 300.00 USD` on the first day of
the month, and a zero budget the month after when nothing is assigned then), which change
no balance. A `balance` directive per account, the day after the last date, asserts that
the file adds up to Dojo's balances.
"""

import datetime as dt
from collections.abc import Iterator

from dojo.domain.money import decimal_text
from dojo.domain.months import add_months
from dojo.exports import journal
from dojo.exports.journal import Entry, Posting
from dojo.exports.ledger import Ledger
from dojo.exports.names import beancount_component, unique_names


def _string(value: str) -> str:
    """A Beancount string literal; control characters become spaces."""
    text = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flag(entry: Entry) -> str:
    statuses = {entry.cleared} if entry.cleared else {p.cleared for p in entry.postings}
    return "!" if "uncleared" in statuses else "*"


class _Writer:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.entries = journal.entries(ledger)
        self.assigned = journal.assignments(ledger)
        # A budget names the category's own expense account.
        self.budgets = [journal.Ref(("Expenses", *a.account.path[1:]), self._key(a))
                        for a in self.assigned]
        self.refs = journal.declared(ledger, [
            *(p.account for e in self.entries for p in e.postings), *self.budgets])
        self.names = unique_names(self.refs, beancount_component)
        dates = journal.dates(ledger) or ["1970-01-01"]
        self.first, self.last = dates[0], dates[-1]

    @staticmethod
    def _key(assigned: journal.Assigned) -> str:
        return "category:" + assigned.account.key.partition(":")[2]

    def amount(self, value: int) -> str:
        return f"{decimal_text(value, self.ledger.exponent)} {self.ledger.currency}"

    def header(self) -> Iterator[str]:
        ledger = self.ledger
        yield f"; Dojo budget {ledger.budget_id}, in {ledger.currency}\n"
        yield f"option \"title\" {_string(ledger.name)}\n"
        yield f"option \"operating_currency\" \"{ledger.currency}\"\n\n"
        yield f"{self.first} commodity {ledger.currency}\n"
        for ref in self.refs:
            yield f"{self.first} open {self.names[ref.key]} {ledger.currency}\n"
            if ref.key.startswith("account:"):
                yield f"  dojo_account: \"{ref.key.partition(':')[2]}\"\n"

    def posting(self, posting: Posting) -> str:
        flag = "! " if posting.cleared == "uncleared" else ""
        line = f"  {flag}{self.names[posting.account.key]}  {self.amount(posting.amount)}\n"
        return line + (f"    memo: {_string(posting.memo)}\n" if posting.memo else "")

    def entry(self, entry: Entry) -> str:
        strings = [_string(entry.payee)] if entry.payee else []
        strings.append(_string(entry.memo or ""))
        meta = "".join(f"  {name.replace('-', '_')}: {_string(value)}\n"
                       for name, value in entry.tags)
        if entry.cleared:
            meta += f"  cleared: \"{entry.cleared}\"\n"
        body = "".join(self.posting(p) for p in entry.postings)
        return f"\n{entry.date} {_flag(entry)} {' '.join(strings)}\n{meta}{body}"

    def budget_lines(self) -> list[tuple[str, str]]:
        """Fava's budget directives: a budget holds until the next one for its account."""
        stored = {(a.month, a.account.key) for a in self.assigned}
        out = []
        for a in self.assigned:
            name = self.names[self._key(a)]
            out.append((f"{a.month}-01", f"custom \"budget\" {name} \"monthly\" "
                                         f"{self.amount(a.amount)}"))
            after = add_months(a.month, 1)
            if a.amount and (after, a.account.key) not in stored:
                out.append((f"{after}-01", f"custom \"budget\" {name} \"monthly\" "
                                           f"{self.amount(0)}"))
        return out

    def body(self) -> Iterator[str]:
        days: dict[str, list[str]] = {}
        for day, text in self.budget_lines():
            days.setdefault(day, []).append(f"{day} {text}\n")
        items = [(day, 0, 0) for day in days] + [
            (e.date, 1, i) for i, e in enumerate(self.entries)]
        for day, kind, index in sorted(items):
            yield "\n" + "".join(days[day]) if kind == 0 else self.entry(self.entries[index])

    def balances(self) -> Iterator[str]:
        day = (dt.date.fromisoformat(self.last) + dt.timedelta(days=1)).isoformat()
        yield "\n"
        for account in self.ledger.accounts.values():
            name = self.names[f"account:{account.id}"]
            yield f"{day} balance {name}  {self.amount(account.balance)}\n"
        for account in self.ledger.accounts.values():
            if account.closed:
                yield f"{day} close {self.names[f'account:{account.id}']}\n"


def write(ledger: Ledger) -> Iterator[str]:
    """The Beancount file, a few lines at a time."""
    writer = _Writer(ledger)
    yield from writer.header()
    yield from writer.body()
    yield from writer.balances()
