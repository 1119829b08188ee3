"""Transfers: two linked transactions recorded, edited and deleted together (R-T3, R-B3)."""

import pytest

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import (
    AccountClosed,
    AmountOutOfRange,
    CategoryNotAllowed,
    Conflict,
    DateOutOfRange,
    Invalid,
    NotFound,
    ReconciledTransaction,
)
from dojo.domain.ids import derived_id
from tests.unit.domain import INT64_MAX, Book, transfer, txn

FROM_X, TO_X = derived_id("x", "from"), derived_id("x", "to")


def budget() -> Book:
    """Cash `chk` (10 000), `sav`, card `visa`, tracking `brk` and `home`; category food."""
    book = Book()
    book.category("food")
    book.account("chk", opening=10_000)
    book.account("sav", "savings")
    book.account("visa", "credit_card")
    book.account("brk", "investment")
    book.account("home", "mortgage", opening=-100_000)
    return book


def test_r_t3_transfer_records_two_opposite_sides_with_derived_ids() -> None:
    book = budget()
    [recorded] = book.run(transfer("x", "chk", "sav", 700, memo="rainy day"))
    assert recorded == ev.TransferRecorded(transfer=ev.Transfer(
        transfer_id="x", from_account_id="chk", to_account_id="sav", from_transaction_id=FROM_X,
        to_transaction_id=TO_X, date="2026-02-05", amount=700, memo="rainy day"))
    out, into = book.state.transactions[FROM_X], book.state.transactions[TO_X]
    assert (out.account_id, out.amount, into.account_id, into.amount) == ("chk", -700, "sav", 700)
    assert out.date == into.date == "2026-02-05"
    assert out.lines == (ev.Line(category_id=None, amount=-700),)
    assert (book.balance("chk"), book.balance("sav")) == (9_300, 700)
    assert book.state.transfer_of == {FROM_X: "x", TO_X: "x"}


def test_r_t3_derived_side_ids_do_not_depend_on_anything_but_the_transfer_id() -> None:
    assert derived_id("x", "from") == FROM_X
    assert derived_id("x", "from") != derived_id("y", "from")
    assert derived_id("x", "from") != derived_id("x", "to")


def test_r_t3_transfer_needs_two_different_accounts() -> None:
    budget().refuse(transfer("x", "chk", "chk", 1), Invalid, "to_account_id")


@pytest.mark.parametrize("amount", [0, -5])
def test_r_t3_transfer_amount_must_be_positive(amount: int) -> None:
    budget().refuse(transfer("x", "chk", "sav", amount), Invalid, "amount")


def test_r_t3_transfer_accounts_must_exist() -> None:
    book = budget()
    book.refuse(transfer("x", "nope", "sav", 1), Invalid, "from_account_id")
    book.refuse(transfer("x", "chk", "nope", 1), Invalid, "to_account_id")


@pytest.mark.parametrize(("source", "target"), [("chk", "sav"), ("chk", "visa"),
                                                ("visa", "chk"), ("brk", "home")])
def test_r_t3_no_category_when_both_sides_are_on_budget_or_both_tracking(
        source: str, target: str) -> None:
    budget().refuse(transfer("x", source, target, 1, category_id="food"), CategoryNotAllowed,
                    "category_id")


@pytest.mark.parametrize(("source", "target"), [("chk", "brk"), ("brk", "chk"),
                                                ("visa", "home"), ("home", "visa")])
def test_r_t3_category_required_when_exactly_one_side_is_tracking(
        source: str, target: str) -> None:
    budget().refuse(transfer("x", source, target, 1), Invalid, "category_id")


@pytest.mark.parametrize(("source", "target", "categorized"), [
    ("chk", "brk", FROM_X), ("brk", "chk", TO_X), ("home", "visa", TO_X),
])
def test_r_t3_only_the_on_budget_side_carries_the_category(
        source: str, target: str, categorized: str) -> None:
    book = budget()
    book.run(transfer("x", source, target, 300, category_id="food"))
    categories = {t: book.state.transactions[t].lines[0].category_id for t in (FROM_X, TO_X)}
    assert categories == {FROM_X: None, TO_X: None, categorized: "food"}


def test_r_t3_ready_to_assign_may_categorize_money_leaving_the_budget() -> None:
    book = budget()
    book.run(transfer("x", "chk", "brk", 300, category_id=book.rta))
    assert book.state.transactions[FROM_X].lines[0].category_id == book.rta


def test_r_t3_transfer_category_must_exist() -> None:
    budget().refuse(transfer("x", "chk", "brk", 1, category_id="nope"), Invalid, "category_id")


@pytest.mark.parametrize(("date", "error"), [("2026-02-29", Invalid),
                                             ("2031-02-21", DateOutOfRange)])
def test_r_t4_transfer_date_must_be_in_range(date: str, error: type) -> None:
    budget().refuse(transfer("x", "chk", "sav", 1, date=date), error, "date")


def test_transfer_memo_is_at_most_500_characters() -> None:
    budget().refuse(transfer("x", "chk", "sav", 1, memo="m" * 501), Invalid, "memo")


def test_transfer_id_or_a_side_id_that_exists_is_a_conflict() -> None:
    book = budget()
    book.run(txn(TO_X, "sav", 1, book.rta))
    book.refuse(transfer("x", "chk", "sav", 1), Conflict)
    book.run(transfer("y", "chk", "sav", 1))
    book.refuse(transfer("y", "chk", "sav", 2), Conflict)


def test_r_t3_edit_changes_both_sides() -> None:
    book = budget()
    book.run(transfer("x", "chk", "sav", 700))
    [edited] = book.run(transfer("x", "chk", "brk", 900, category_id="food",
                                 date="2026-01-20", edit=True))
    assert isinstance(edited, ev.TransferEdited)
    assert (book.balance("chk"), book.balance("sav"), book.balance("brk")) == (9_100, 0, 900)
    out, into = book.state.transactions[FROM_X], book.state.transactions[TO_X]
    assert (out.amount, into.account_id, into.amount, into.date) == (-900, "brk", 900,
                                                                     "2026-01-20")
    assert out.lines[0].category_id == "food"
    assert book.refolded() == book.state


def test_r_t3_edit_keeps_the_cleared_status_of_a_side_on_the_same_account() -> None:
    book = budget()
    book.run(transfer("x", "chk", "sav", 700))
    book.run(cmd.SetCleared(transaction_id=FROM_X, cleared="cleared"))
    book.run(cmd.SetCleared(transaction_id=TO_X, cleared="cleared"))
    book.run(transfer("x", "chk", "visa", 50, edit=True))
    assert book.state.transactions[FROM_X].cleared == "cleared"
    assert book.state.transactions[TO_X].cleared == "uncleared"


def test_r_t3_delete_removes_both_sides() -> None:
    book = budget()
    book.run(transfer("x", "chk", "sav", 700))
    assert book.run(cmd.DeleteTransfer(transfer_id="x")) == [ev.TransferDeleted(transfer_id="x")]
    assert FROM_X not in book.state.transactions and TO_X not in book.state.transactions
    assert book.state.transfers == {} and book.state.transfer_of == {}
    assert (book.balance("chk"), book.balance("sav")) == (10_000, 0)


def test_edit_or_delete_of_an_unknown_transfer_is_not_found() -> None:
    book = budget()
    book.refuse(transfer("x", "chk", "sav", 1, edit=True), NotFound)
    book.refuse(cmd.DeleteTransfer(transfer_id="x"), NotFound)


def test_r_a5_transfer_with_a_closed_side_cannot_be_edited_or_deleted() -> None:
    book = budget()
    book.run(transfer("z", "chk", "visa", 10))
    book.run(txn("spend", "visa", -10, "food"))
    book.run(cmd.CloseAccount(account_id="visa"))
    book.refuse(transfer("z", "chk", "sav", 10, edit=True), AccountClosed)
    book.refuse(cmd.DeleteTransfer(transfer_id="z"), AccountClosed)


def reconciled_transfer() -> Book:
    book = budget()
    book.run(transfer("x", "chk", "sav", 700, date="2026-02-01"))
    book.run(cmd.SetCleared(transaction_id=TO_X, cleared="cleared"))
    book.run(cmd.Reconcile(account_id="sav", statement_balance=700, date="2026-02-10",
                           adjustment_transaction_id="adj"))
    assert book.state.transfers["x"].to_cleared == "reconciled"
    assert book.state.transactions[TO_X].cleared == "reconciled"
    return book


def test_r_t6_transfer_with_a_reconciled_side_needs_allow_reconciled() -> None:
    book = reconciled_transfer()
    book.refuse(transfer("x", "chk", "sav", 600, edit=True), ReconciledTransaction)
    book.refuse(cmd.DeleteTransfer(transfer_id="x"), ReconciledTransaction)
    book.run(transfer("x", "chk", "sav", 600, edit=True, allow_reconciled=True))
    assert book.state.transactions[TO_X].cleared == "reconciled"
    book.run(cmd.DeleteTransfer(transfer_id="x", allow_reconciled=True))
    assert book.balance("sav") == 0


def test_r_b3_transfer_that_would_push_a_balance_past_int64_is_refused() -> None:
    book = budget()
    book.account("big", opening=INT64_MAX)
    book.refuse(transfer("x", "chk", "big", 1), AmountOutOfRange)
    book.run(transfer("x", "big", "chk", 5))
    # Turning the transfer around takes the old 5 off and puts 1 on: MAX + 1.
    book.refuse(transfer("x", "chk", "big", 1, edit=True), AmountOutOfRange)
    book.run(transfer("x", "big", "chk", 1, edit=True))
    assert book.balance("big") == INT64_MAX - 1


def test_r_b3_deleting_a_transfer_that_would_push_a_balance_past_int64_is_refused() -> None:
    book = budget()
    book.account("big", opening=INT64_MAX)
    book.run(transfer("x", "big", "chk", 1))
    book.run(txn("back", "big", 1, book.rta))
    book.refuse(cmd.DeleteTransfer(transfer_id="x"), AmountOutOfRange)
