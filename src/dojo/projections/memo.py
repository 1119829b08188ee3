"""What the writer remembers of one budget's stored read models, so that a command need not
read them back (issue 6, decision 0014).

Each part is `None` until first needed, then read once from the tables and kept in step by
the projector as it writes them. The memo is only sound while every write of the budget's
read models goes through `runner.apply` with it; the service drops every memo whenever a
transaction fails, as it drops its cached states.
"""

from bisect import insort
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb

from dojo.domain.month_math import CreditLine, MonthFacts, MonthResult, Opening, funding_order
from dojo.projections.register import Register

# One register line as `entities.write_transactions` writes it to rm_transaction_lines.
LINE_TXN, LINE_INDEX, LINE_ACCOUNT, LINE_KIND, LINE_DATE, LINE_MONTH, LINE_CATEGORY, \
    LINE_AMOUNT, LINE_PEER = 1, 2, 3, 4, 5, 6, 7, 8, 10
# The available of a category row as `months.MonthRows` holds it.
AVAILABLE = 2
# One register row as it writes it to rm_transactions.
ROW_ACCOUNT, ROW_MONTH, ROW_AMOUNT = 2, 4, 5


def add_line(facts: MonthFacts, income: str | None, line: tuple) -> None:
    """Fold one register line into its month's facts, as `months.load_facts` reads them."""
    kind, category_id, amount = line[LINE_KIND], line[LINE_CATEGORY], line[LINE_AMOUNT]
    if kind == "cash" and category_id is not None:
        if category_id == income:                      # R-R1: income on cash accounts only
            facts.income += amount
        else:
            facts.cash_activity[category_id] = facts.cash_activity.get(category_id, 0) + amount
    elif kind == "credit":
        if line[LINE_PEER]:
            card = line[LINE_ACCOUNT]
            facts.payment_transfers[card] = facts.payment_transfers.get(card, 0) + amount
        if category_id is not None and category_id != income:   # R-R3
            insort(facts.credit_lines.setdefault(category_id, []), CreditLine(
                str(line[LINE_DATE]), amount, line[LINE_TXN], line[LINE_INDEX],
                line[LINE_ACCOUNT]), key=funding_order)   # kept in funding order


def remove_line(facts: MonthFacts, income: str | None, line: tuple) -> None:
    """Take one register line out of its month's facts (`add_line` undone)."""
    kind, category_id, amount = line[LINE_KIND], line[LINE_CATEGORY], line[LINE_AMOUNT]
    if kind == "cash" and category_id is not None:
        if category_id == income:
            facts.income -= amount
        else:
            facts.cash_activity[category_id] = facts.cash_activity.get(category_id, 0) - amount
    elif kind == "credit":
        if line[LINE_PEER]:
            card = line[LINE_ACCOUNT]
            facts.payment_transfers[card] = facts.payment_transfers.get(card, 0) - amount
        if category_id is not None and category_id != income:
            txn_id, index = line[LINE_TXN], line[LINE_INDEX]
            facts.credit_lines[category_id] = [
                c for c in facts.credit_lines.get(category_id, ())
                if c.transaction_id != txn_id or c.line_index != index]


@dataclass
class Memo:
    """One budget's stored month range, month summaries, month ends, balances, register
    sums by account and month, and the month facts from `facts_from` on."""

    budget_id: str
    loaded: bool = False
    first: str | None = None
    last: str | None = None
    # month -> (rta, assigned, assigned_in_future, cash_overspent): every stored month
    summary: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    # month -> its stored rows (months.MonthRows), for the months computed so far
    written: dict[str, tuple[tuple, dict[str, tuple], tuple]] = field(default_factory=dict)
    # month -> the availables at its end, for months read back but not computed
    closing: dict[str, dict[str, int]] = field(default_factory=dict)
    balances: dict[str, list[int]] | None = None      # account -> [balance, cleared]
    sums: dict[str, dict[str, int]] | None = None     # account -> month -> register sum
    facts: dict[str, MonthFacts] = field(default_factory=dict)
    facts_from: str | None = None                     # facts hold every month from here
    # The months computed so far as run_months left them, and the categories whose facts
    # the change being projected touches: the others keep their rows (month_math).
    results: dict[str, MonthResult] = field(default_factory=dict)
    changed: set[str] | None = None

    def load(self, cur: duckdb.DuckDBPyConnection, schema: str) -> None:
        """The month range and every month summary, once."""
        if self.loaded:
            return
        row = cur.execute(f"SELECT first_month, last_month FROM {schema}.rm_budgets "
                          "WHERE budget_id = ?", [self.budget_id]).fetchone()
        self.first, self.last = (row[0], row[1]) if row else (None, None)
        self.summary = {
            month: (int(rta), int(assigned), int(future), int(overspent))
            for month, rta, assigned, future, overspent in cur.execute(
                f"SELECT month, rta, assigned, assigned_in_future, cash_overspent FROM "
                f"{schema}.rm_months WHERE budget_id = ?", [self.budget_id]).fetchall()
        }
        self.loaded = True

    def stored_last(self) -> str | None:
        return max(self.summary) if self.summary else None

    def opening(self, cur: duckdb.DuckDBPyConnection, schema: str, month: str) -> Opening:
        """The end of a stored month, as the next month's opening."""
        summary = self.summary.get(month)
        if summary is None:
            return Opening()
        if month in self.written:
            categories = self.written[month][1]
            return Opening({k: row[AVAILABLE] for k, row in categories.items()},
                           summary[0], summary[3])
        available = self.closing.get(month)
        if available is None:
            available = self.closing[month] = {
                category_id: int(value) for category_id, value in cur.execute(
                    f"SELECT category_id, available FROM {schema}.rm_category_months "
                    "WHERE budget_id = ? AND month = ?", [self.budget_id, month]).fetchall()}
        return Opening(available, summary[0], summary[3])

    def account_balances(self, cur: duckdb.DuckDBPyConnection,
                         schema: str) -> dict[str, list[int]]:
        if self.balances is None:
            self.balances = {
                account_id: [int(balance), int(cleared)]
                for account_id, balance, cleared in cur.execute(
                    f"SELECT account_id, balance, cleared_balance FROM {schema}.rm_accounts "
                    "WHERE budget_id = ?", [self.budget_id]).fetchall()}
        return self.balances

    def register_sums(self, cur: duckdb.DuckDBPyConnection,
                      schema: str) -> dict[str, dict[str, int]]:
        if self.sums is None:
            sums: dict[str, dict[str, int]] = {}
            for account_id, month, total in cur.execute(
                    f"SELECT account_id, month, sum(amount) FROM {schema}.rm_transactions "
                    "WHERE budget_id = ? GROUP BY ALL", [self.budget_id]).fetchall():
                sums.setdefault(account_id, {})[month] = int(total)
            self.sums = sums
        return self.sums

    def follow(self, income: str | None, before: Iterable[Register | None],
               rows: list[tuple], lines: list[tuple],
               assigned: dict[tuple[str, str], int | None]) -> None:
        """Keep the register sums and month facts in step with a change: take out what
        the changed transactions' old rows added (`before`), add their new `rows` and
        `lines`, and set the changed assignments. Sums or facts not yet read are left to be
        read later, the change included."""
        changed = {line[LINE_CATEGORY] for line in lines}
        for old in before:
            if old is not None:
                self._rows([old[0]], -1)
                self._lines(income, old[1], -1)
                changed.update(line[LINE_CATEGORY] for line in old[1])
        self._rows(rows, 1)
        self._lines(income, lines, 1)
        self.changed = changed | {category_id for category_id, _ in assigned}
        if self.facts_from is None:
            return
        for (category_id, month), value in assigned.items():
            if month >= self.facts_from:
                facts = self.facts.setdefault(month, MonthFacts(lines_sorted=True))
                if value is None:
                    facts.assigned.pop(category_id, None)
                else:
                    facts.assigned[category_id] = value

    def _rows(self, rows: list[tuple], sign: int) -> None:
        if self.sums is None:
            return
        for row in rows:
            by_month = self.sums.setdefault(row[ROW_ACCOUNT], {})
            month = row[ROW_MONTH]
            by_month[month] = by_month.get(month, 0) + sign * row[ROW_AMOUNT]

    def _lines(self, income: str | None, lines: list[tuple], sign: int) -> None:
        if self.facts_from is None:
            return
        for line in lines:
            month = line[LINE_MONTH]
            if month >= self.facts_from:
                facts = self.facts.get(month)
                if facts is None:
                    facts = self.facts[month] = MonthFacts(lines_sorted=True)
                if sign > 0:
                    add_line(facts, income, line)
                else:
                    remove_line(facts, income, line)

    def forget_register(self) -> None:
        """Rows changed in ways the memo does not follow: read the sums and facts again."""
        self.sums = None
        self.facts, self.facts_from = {}, None
        self.results, self.changed = {}, None

    def computed(self, first: str | None, last: str | None, start: str,
                 rows: dict[str, tuple[tuple, dict[str, tuple], tuple]],
                 futures: dict[str, int], results: list[MonthResult]) -> None:
        """The months from `start` were recomputed (`results`) and stored as `rows`, the
        stored range is now first..last, and `futures` holds every stored month's
        assigned_in_future (earlier months' may have changed)."""
        self.first, self.last = first, last
        self.changed = None
        if first is None or last is None:
            self.summary, self.written, self.closing = {}, {}, {}
            self.forget_register()
            return

        def kept(months: dict) -> dict:
            return {m: v for m, v in months.items() if first <= m <= last and m < start}

        self.summary = kept(self.summary)
        self.written = kept(self.written)
        self.closing = kept(self.closing)
        self.results = kept(self.results)
        self.results.update((r.month, r) for r in results)
        for month, (values, _, _) in rows.items():
            self.summary[month] = (values[0], values[3], values[6], values[7])
        for month, (rta, assigned, _, overspent) in self.summary.items():
            self.summary[month] = (rta, assigned, futures[month], overspent)
        for month, (values, categories, worth) in self.written.items():
            future = futures[month]   # rta, ready_to_assign, ..., assigned_in_future, ...
            values = (values[0], values[0] - future, *values[2:6], future, *values[7:])
            self.written[month] = (values, categories, worth)
        self.written.update(rows)
        # No rows lie outside first..last: the facts there are empty, whatever was kept.
        self.facts = {m: f for m, f in self.facts.items() if first <= m <= last}
