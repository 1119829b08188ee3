"""Importing a bank file into one account: each row is new, matched to a transaction entered
by hand, a duplicate of one imported before, or rejected; the plan a preview shows is the
plan a commit carries out."""

import bisect
import datetime as dt
from collections.abc import Iterable
from typing import Literal

import msgspec

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain import lookups
from dojo.domain.errors import CategoryNotAllowed, Conflict, DomainError, ImportOutdated
from dojo.domain.ids import derived_id
from dojo.domain.kinds import on_budget
from dojo.domain.state import BudgetState
from dojo.domain.validation import check_amount, check_date, check_total

MATCH_DAYS = 10
MAX_TEXT = 500
Status = Literal["new", "matched", "duplicate", "rejected"]


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    """What an import does with one row; `transaction_id` is the new transaction, the
    matched one, or the one the row repeats (None when that one was deleted)."""

    line: int
    status: Status
    transaction_id: str | None = None
    reason: str | None = None

    @property
    def key(self) -> str:
        """What a commit must still find to do what the preview showed."""
        return f"{self.status}:{self.transaction_id or ''}"


class _Account:
    """The account's import ids, and its candidates for matching by amount, in date order
    (a budget can hold thousands of transactions of one amount)."""

    def __init__(self, state: BudgetState, account_id: str) -> None:
        self.imported: dict[str, str | None] = dict.fromkeys(
            sorted(state.deleted_imports.get(account_id, ())))
        self.by_amount: dict[int, list[tuple[int, str, str]]] = {}
        for txn in state.transactions.values():
            if txn.account_id != account_id:
                continue
            if txn.import_id is not None:
                self.imported[txn.import_id] = txn.transaction_id
            elif txn.cleared != "reconciled" and txn.transaction_id not in state.transfer_of:
                day = dt.date.fromisoformat(txn.date).toordinal()
                self.by_amount.setdefault(txn.amount, []).append(
                    (day, txn.date, txn.transaction_id))
        for candidates in self.by_amount.values():
            candidates.sort()

    def take_closest(self, row: cmd.ImportedRow) -> str | None:
        """The manual transaction of the same amount nearest in date, within ten days, taken
        so that it matches once; ties go to the earlier date, then the smaller id, so that
        previews repeat."""
        day = dt.date.fromisoformat(row.date).toordinal()
        candidates = self.by_amount.get(row.amount, [])
        best: tuple[int, str, str] | None = None
        chosen = -1
        for index in range(bisect.bisect_left(candidates, (day - MATCH_DAYS,)), len(candidates)):
            other_day, date, txn_id = candidates[index]
            if other_day > day + MATCH_DAYS:
                break
            key = (abs(other_day - day), date, txn_id)
            if best is None or key < best:
                best, chosen = key, index
        if best is None:
            return None
        del candidates[chosen]
        return best[2]


def _rejection(row: cmd.ImportedRow, today: dt.date) -> str | None:
    if row.pending:
        return "pending at the bank: import it once it has posted"
    for text, field in ((row.payee, "payee"), (row.memo, "memo")):
        if text is not None and len(text) > MAX_TEXT:
            return f"{field} is longer than {MAX_TEXT} characters"
    try:
        check_date(row.date, today)
        check_amount(row.amount)
    except DomainError as exc:
        return exc.detail
    return None


def plan(state: BudgetState, command: cmd.ImportTransactions, today: dt.date) -> list[Outcome]:
    """The outcome of every row, in file order (issue 8: duplicates and matching)."""
    lookups.open_account(state, command.account_id)
    _category(state, command.account_id, command.category_id)  # refused before any commit
    account = _Account(state, command.account_id)
    outcomes = []
    for row in command.rows:
        reason = _rejection(row, today)
        if reason is not None:
            outcomes.append(Outcome(line=row.line, status="rejected", reason=reason))
        elif row.import_id in account.imported:
            repeated = account.imported[row.import_id]
            outcomes.append(Outcome(line=row.line, status="duplicate", transaction_id=repeated,
                                    reason=None if repeated else "deleted after an import"))
        elif (match := account.take_closest(row)) is not None:
            account.imported[row.import_id] = match
            outcomes.append(Outcome(line=row.line, status="matched", transaction_id=match))
        else:
            new_id = derived_id(command.batch_id, f"import-row/{row.line}")
            account.imported[row.import_id] = new_id
            outcomes.append(Outcome(line=row.line, status="new", transaction_id=new_id))
    return outcomes


def _category(state: BudgetState, account_id: str, category_id: str | None) -> str | None:
    """New rows on an on-budget account go to the given category, else Ready to Assign
    (R-T2: every line there needs one); tracking accounts take none."""
    if not on_budget(state.accounts[account_id].kind):
        if category_id is not None:
            raise CategoryNotAllowed("lines on a tracking account have no category",
                                     "category_id")
        return None
    chosen = category_id or state.income_category_id
    return lookups.line_category(state, chosen, "category_id").id


def _events(state: BudgetState, command: cmd.ImportTransactions,
            pairs: Iterable[tuple[cmd.ImportedRow, Outcome]]) -> list[ev.Event]:
    category = _category(state, command.account_id, command.category_id)
    balance = state.accounts[command.account_id].balance
    events: list[ev.Event] = []
    for row, outcome in pairs:
        txn_id = outcome.transaction_id or ""
        if outcome.status == "new":
            if txn_id in state.transactions:
                raise Conflict(f"transaction {txn_id} already exists")
            balance += row.amount
            events.append(ev.TransactionRecorded(transaction=ev.Transaction(
                transaction_id=txn_id, account_id=command.account_id, date=row.date,
                amount=row.amount, payee=row.payee, memo=row.memo, cleared="cleared",
                lines=(ev.Line(category_id=category, amount=row.amount),),
                import_id=row.import_id)))
        elif outcome.status == "matched":
            # The user's payee, category and memo stay; the bank's date and status win.
            events.append(ev.TransactionEdited(transaction=ev.msgspec_replace(
                state.transactions[txn_id], date=row.date, cleared="cleared",
                import_id=row.import_id)))
    check_total(balance, "the account balance")  # R-B3
    return events


def import_rows(state: BudgetState, command: cmd.ImportTransactions,
                today: dt.date) -> list[ev.Event]:
    """All the rows' events, or a refusal; refused when the plan is no longer the one the
    preview showed."""
    outcomes = plan(state, command, today)
    if command.expected is not None and tuple(o.key for o in outcomes) != command.expected:
        raise ImportOutdated("the account changed since this import was previewed; "
                             "preview the file again")
    return _events(state, command, zip(command.rows, outcomes, strict=True))
