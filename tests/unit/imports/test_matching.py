"""The import plan, pure: new rows, matches with transactions entered by hand, duplicates of
earlier imports, rejections; and the events a commit appends (issue 8)."""

import msgspec
import pytest

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import AccountClosed, CategoryNotAllowed, ImportOutdated
from dojo.domain.imports import plan
from tests.unit.domain import TODAY, Book, edit, transfer, txn


def book() -> Book:
    b = Book()
    b.category("food")
    b.account("chk", opening=100_000)
    b.account("sav", "savings")
    b.account("home", "mortgage", opening=-500_000)
    return b


def row(line: int, date: str, amount: int, import_id: str | None = None,
        **extra) -> cmd.ImportedRow:
    return cmd.ImportedRow(line=line, date=date, amount=amount,
                           import_id=import_id or f"FIT-{line}", **extra)


def importing(*rows: cmd.ImportedRow, account: str = "chk", **extra) -> cmd.ImportTransactions:
    return cmd.ImportTransactions(account_id=account, batch_id="batch", rows=rows, **extra)


def statuses(b: Book, command: cmd.ImportTransactions) -> list[tuple[str, str | None]]:
    return [(o.status, o.transaction_id) for o in plan(b.state, command, TODAY)]


def test_new_rows_are_recorded_cleared_with_their_import_id_on_ready_to_assign() -> None:
    b = book()
    (event,) = b.run(importing(row(7, "2026-02-03", -4217, payee="Cafe", memo="pos")))
    assert isinstance(event, ev.TransactionRecorded)
    t = event.transaction
    assert (t.date, t.amount, t.payee, t.memo, t.cleared, t.import_id) == (
        "2026-02-03", -4217, "Cafe", "pos", "cleared", "FIT-7")
    assert t.lines == (ev.Line(category_id=b.rta, amount=-4217),)
    assert b.balance("chk") == 100_000 - 4217


def test_new_rows_take_the_category_asked_for_and_none_on_a_tracking_account() -> None:
    b = book()
    (event,) = b.run(importing(row(1, "2026-02-03", -100), category_id="food"))
    assert event.transaction.lines[0].category_id == "food"  # type: ignore[attr-defined]
    (event,) = b.run(importing(row(9, "2026-02-03", -100), account="home"))
    assert event.transaction.lines[0].category_id is None  # type: ignore[attr-defined]
    b.refuse(importing(row(2, "2026-02-03", -1), account="home", category_id="food"),
             CategoryNotAllowed, "category_id")


def test_reimporting_the_same_rows_adds_nothing() -> None:
    b = book()
    rows = (row(1, "2026-02-03", -100), row(2, "2026-02-04", 250))
    b.run(importing(*rows))
    assert b.run(importing(*rows)) == []
    assert [s for s, _ in statuses(b, importing(*rows))] == ["duplicate", "duplicate"]


def test_a_row_repeated_within_the_file_is_a_duplicate_of_the_first() -> None:
    b = book()
    outcomes = statuses(b, importing(row(1, "2026-02-03", -100, "X"),
                                     row(2, "2026-02-03", -100, "X")))
    assert outcomes[1] == ("duplicate", outcomes[0][1])
    assert outcomes[0][0] == "new"


def test_matching_keeps_the_users_fields_and_takes_the_banks_date_and_status() -> None:
    b = book()
    b.run(txn("mine", "chk", -4217, "food", date="2026-01-28", payee="Café", memo="lunch"))
    (event,) = b.run(importing(row(1, "2026-02-03", -4217, payee="CAFE 123", memo="POS")))
    assert event == ev.TransactionEdited(transaction=ev.Transaction(
        transaction_id="mine", account_id="chk", date="2026-02-03", amount=-4217,
        payee="Café", memo="lunch", cleared="cleared",
        lines=(ev.Line(category_id="food", amount=-4217),), import_id="FIT-1"))
    assert b.run(importing(row(1, "2026-02-03", -4217))) == []


@pytest.mark.parametrize(("manual", "matched"), [
    ("2026-01-24", True), ("2026-02-13", True), ("2026-01-23", False), ("2026-02-14", False)])
def test_matching_reaches_ten_days_either_way(manual: str, matched: bool) -> None:
    b = book()
    b.run(txn("mine", "chk", -500, "food", date=manual))
    wanted = ("matched", "mine") if matched else ("new", None)
    (outcome,) = statuses(b, importing(row(1, "2026-02-03", -500)))
    assert outcome[0] == wanted[0] and (not matched or outcome[1] == "mine")


def test_the_nearest_manual_transaction_matches_and_each_only_once() -> None:
    b = book()
    b.run(txn("far", "chk", -500, "food", date="2026-01-27"))
    b.run(txn("near", "chk", -500, "food", date="2026-02-02"))
    outcomes = statuses(b, importing(row(1, "2026-02-03", -500), row(2, "2026-02-03", -500),
                                     row(3, "2026-02-03", -500)))
    assert outcomes[:2] == [("matched", "near"), ("matched", "far")]
    assert outcomes[2][0] == "new"


def test_only_unmatched_hand_entered_plain_transactions_of_the_account_match() -> None:
    b = book()
    b.run(txn("other-amount", "chk", -501, "food", date="2026-02-03"))
    b.run(txn("other-account", "sav", -500, "food", date="2026-02-03"))
    b.run(transfer("x", "chk", "sav", 500, date="2026-02-03"))
    b.run(txn("cleared", "chk", -700, "food", date="2026-02-03", cleared="cleared"))
    b.run(cmd.Reconcile(account_id="chk", statement_balance=100_000 - 700 - 500 - 501,
                        date="2026-02-19", adjustment_transaction_id="adj"))
    b.run(importing(row(1, "2026-02-02", -300)))
    outcomes = statuses(b, importing(row(2, "2026-02-03", -500), row(3, "2026-02-03", -700),
                                     row(4, "2026-02-02", -300, "FIT-other")))
    assert [s for s, _ in outcomes] == ["new", "new", "new"]


def test_pending_and_out_of_range_rows_are_rejected_with_a_reason() -> None:
    b = book()
    outcomes = plan(b.state, importing(row(1, "2026-02-03", -1, pending=True),
                                       row(2, "1969-12-31", -1), row(3, "2031-02-21", -1),
                                       row(4, "2026-02-03", -1, payee="p" * 501)), TODAY)
    assert [o.status for o in outcomes] == ["rejected"] * 4
    assert [o.reason[:20] for o in outcomes if o.reason] == [
        "pending at the bank:", "date 1969-12-31 is o", "date 2031-02-21 is o",
        "payee is longer than"]
    assert b.run(importing(row(1, "2026-02-03", -1, pending=True))) == []


def test_a_deleted_imported_transaction_is_not_imported_again() -> None:
    b = book()
    (event,) = b.run(importing(row(1, "2026-02-03", -100)))
    b.run(cmd.DeleteTransaction(transaction_id=event.transaction.transaction_id))  # type: ignore[attr-defined]
    assert plan(b.state, importing(row(1, "2026-02-03", -100)), TODAY)[0].reason == \
        "deleted after an import"
    assert b.run(importing(row(1, "2026-02-03", -100))) == []
    assert b.refolded().deleted_imports == {"chk": {"FIT-1"}}


def test_editing_an_imported_transaction_keeps_its_import_id() -> None:
    b = book()
    (event,) = b.run(importing(row(1, "2026-02-03", -100)))
    txn_id = event.transaction.transaction_id  # type: ignore[attr-defined]
    b.run(edit(txn_id, "chk", -150, "food", payee="Renamed"))
    assert b.state.transactions[txn_id].import_id == "FIT-1"
    assert b.run(importing(row(1, "2026-02-03", -100))) == []


def test_a_commit_is_refused_when_the_plan_changed_since_the_preview() -> None:
    b = book()
    command = importing(row(1, "2026-02-03", -500))
    expected = tuple(o.key for o in plan(b.state, command, TODAY))
    b.run(txn("mine", "chk", -500, "food", date="2026-02-03"))
    b.refuse(msgspec.structs.replace(command, expected=expected), ImportOutdated)


def test_new_ids_derive_from_the_batch_and_line_so_a_repeat_is_identical() -> None:
    b = book()
    first = plan(b.state, importing(row(5, "2026-02-03", -1)), TODAY)
    assert first == plan(b.state, importing(row(5, "2026-02-03", -1)), TODAY)
    assert first[0].transaction_id != plan(
        b.state, importing(row(6, "2026-02-03", -1)), TODAY)[0].transaction_id


def test_a_closed_account_takes_no_import() -> None:
    b = book()
    b.account("old")
    b.run(cmd.CloseAccount(account_id="old"))
    b.refuse(importing(row(1, "2026-02-03", -1), account="old"), AccountClosed)


def test_events_stored_before_imports_still_decode() -> None:
    stored = (b'{"type":"TransactionRecorded","transaction":{"transaction_id":"t",'
              b'"account_id":"a","date":"2026-02-01","amount":-1,"lines":'
              b'[{"category_id":null,"amount":-1}]}}')
    event = ev.decode_event(stored)
    assert event.transaction.import_id is None  # type: ignore[attr-defined]
