"""Recording, editing, deleting and clearing transactions (R-T1, R-T2, R-T4..R-T6, R-B3)."""

import datetime as dt

import pytest

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import (
    AmountOutOfRange,
    CategoryNotAllowed,
    Conflict,
    DateOutOfRange,
    Invalid,
    NotFound,
    ReconciledTransaction,
    SplitDoesNotAddUp,
)
from dojo.domain.ids import derived_id
from tests.unit.domain import INT64_MAX, INT64_MIN, Book, edit, split, transfer, txn


def budget() -> Book:
    """A checking account with 10 000, a card, a mortgage, categories food and rent."""
    book = Book()
    book.category("food")
    book.category("rent")
    book.account("chk", opening=10_000)
    book.account("visa", "credit_card")
    book.account("home", "mortgage", opening=-500_000)
    return book


# --- R-T1 lines and splits --------------------------------------------------------------


def test_r_t1_plain_transaction_is_recorded_with_its_fields() -> None:
    book = budget()
    command = txn("t", "chk", -250, "food", payee="Market", memo="weekly", cleared="cleared")
    assert book.run(command) == [ev.TransactionRecorded(transaction=ev.Transaction(
        transaction_id="t", account_id="chk", date="2026-02-01", amount=-250, payee="Market",
        memo="weekly", cleared="cleared", lines=command.lines))]
    assert book.balance("chk") == 9_750


def test_r_t1_split_whose_lines_add_up_is_recorded() -> None:
    book = budget()
    book.run(split("s", "chk", -300, [("food", -100), ("rent", -250), (book.rta, 50)]))
    assert len(book.state.transactions["s"].lines) == 3
    assert book.balance("chk") == 9_700


@pytest.mark.parametrize("parts", [[("food", -100), ("rent", -199)], [("food", -301)]])
def test_r_t1_lines_that_do_not_add_up_are_refused(parts: list) -> None:
    budget().refuse(split("s", "chk", -300, parts), SplitDoesNotAddUp, "lines")


def test_r_t1_transaction_needs_a_line_and_at_most_a_hundred() -> None:
    book = budget()
    book.refuse(split("s", "chk", 0, []), Invalid, "lines")
    book.refuse(split("s", "chk", -101, [("food", -1)] * 101), Invalid, "lines")
    book.run(split("s", "chk", -100, [("food", -1)] * 100))


def test_r_t1_line_amount_must_be_an_int64_integer() -> None:
    book = budget()
    book.refuse(split("s", "chk", 0, [("food", INT64_MIN - 1), ("rent", -(INT64_MIN - 1))]),
                AmountOutOfRange, "lines[0].amount")
    book.refuse(split("s", "chk", 1, [("food", 1.0)]), Invalid, "lines[0].amount")


def test_texts_longer_than_500_characters_are_refused() -> None:
    book = budget()
    book.refuse(txn("t", "chk", -1, "food", payee="p" * 501), Invalid, "payee")
    book.refuse(txn("t", "chk", -1, "food", memo="m" * 501), Invalid, "memo")
    long_line = cmd.RecordTransaction(
        transaction_id="t", account_id="chk", date="2026-02-01", amount=-1,
        lines=(ev.Line(category_id="food", amount=-1, memo="m" * 501),))
    book.refuse(long_line, Invalid, "lines[0].memo")
    book.run(txn("t", "chk", -1, "food", payee="p" * 500, memo="m" * 500))


def test_transaction_id_that_exists_is_a_conflict() -> None:
    book = budget()
    book.run(txn("t", "chk", -1, "food"))
    book.refuse(txn("t", "chk", -2, "food"), Conflict)


def test_transaction_on_an_unknown_account_is_invalid() -> None:
    budget().refuse(txn("t", "nope", -1, "food"), Invalid, "account_id")


# --- R-T2 categories by account kind ----------------------------------------------------


def test_r_t2_on_budget_line_needs_a_category() -> None:
    book = budget()
    book.refuse(txn("t", "chk", -1, None), Invalid, "lines[0].category_id")
    book.refuse(split("t", "visa", -2, [("food", -1), (None, -1)]), Invalid,
                "lines[1].category_id")


def test_r_t2_tracking_line_has_no_category() -> None:
    book = budget()
    book.refuse(txn("t", "home", 100, "food"), CategoryNotAllowed, "lines[0].category_id")
    book.refuse(txn("t", "home", 100, book.rta), CategoryNotAllowed, "lines[0].category_id")
    book.run(txn("t", "home", 100, None))
    assert book.balance("home") == -499_900


def test_r_t2_ready_to_assign_is_a_valid_line_category() -> None:
    book = budget()
    book.run(txn("pay", "chk", 5000, book.rta))
    book.run(txn("reward", "visa", 25, book.rta))
    assert book.balance("visa") == 25


def test_r_t2_unknown_or_deleted_category_is_invalid() -> None:
    book = budget()
    book.refuse(txn("t", "chk", -1, "nope"), Invalid, "lines[0].category_id")
    book.run(cmd.DeleteCategory(category_id="rent", move_to="food"))
    book.refuse(txn("t", "chk", -1, "rent"), Invalid, "lines[0].category_id")


# --- R-T4 dates -------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["1970-01-01", "2026-02-20", "2031-02-20", "2028-02-29"])
def test_r_t4_dates_from_1970_through_five_years_after_today_are_accepted(date: str) -> None:
    book = budget()
    book.run(txn("t", "chk", -1, "food", date=date))
    assert book.state.transactions["t"].date == date


@pytest.mark.parametrize("date", ["1969-12-31", "2031-02-21", "9999-12-31"])
def test_r_t4_dates_outside_the_range_are_refused(date: str) -> None:
    budget().refuse(txn("t", "chk", -1, "food", date=date), DateOutOfRange, "date")


@pytest.mark.parametrize("date", ["2026-02-30", "2027-02-29", "2026-13-01", "2026-2-3",
                                  "20260201", "", "2026-02-01T00:00"])
def test_r_t4_impossible_or_malformed_dates_are_invalid(date: str) -> None:
    budget().refuse(txn("t", "chk", -1, "food", date=date), Invalid, "date")


def test_r_t4_five_years_after_a_leap_day_is_the_28th_of_february() -> None:
    book = budget()
    leap_day = dt.date(2028, 2, 29)
    book.run(txn("t", "chk", -1, "food", date="2033-02-28"), today=leap_day)
    book.refuse(txn("u", "chk", -1, "food", date="2033-03-01"), DateOutOfRange, "date",
                today=leap_day)


# --- R-T5 edit and delete ---------------------------------------------------------------


def test_r_t5_edit_replaces_the_transaction_as_a_whole() -> None:
    book = budget()
    book.run(txn("t", "chk", -100, "food", payee="Old", memo="old"))
    book.run(split("t", "chk", -400, [("food", -150), ("rent", -250)], date="2026-01-31",
                   edit=True))
    new = book.state.transactions["t"]
    assert (new.amount, new.date, new.payee, new.memo) == (-400, "2026-01-31", None, None)
    assert book.balance("chk") == 9_600


def test_r_t5_edit_may_move_a_transaction_to_another_account() -> None:
    book = budget()
    book.run(txn("t", "chk", -100, "food"))
    [edited] = book.run(edit("t", "visa", -120, "food"))
    assert isinstance(edited, ev.TransactionEdited)
    assert (book.balance("chk"), book.balance("visa")) == (10_000, -120)
    assert book.state.transactions["t"].account_id == "visa"


def test_r_t5_edited_version_must_fit_the_account_it_is_now_on() -> None:
    book = budget()
    book.run(txn("t", "chk", -100, "food"))
    book.refuse(edit("t", "home", -100, "food"), CategoryNotAllowed, "lines[0].category_id")
    book.refuse(split("t", "chk", -100, [("food", -99)], edit=True), SplitDoesNotAddUp)
    book.refuse(edit("t", "chk", -100, "food", date="2026-02-31"), Invalid, "date")


def test_r_t5_edit_or_delete_of_an_unknown_transaction_is_not_found() -> None:
    book = budget()
    book.refuse(edit("nope", "chk", -1, "food"), NotFound)
    book.refuse(cmd.DeleteTransaction(transaction_id="nope"), NotFound)
    book.refuse(cmd.SetCleared(transaction_id="nope", cleared="cleared"), NotFound)


def test_r_t3_one_side_of_a_transfer_is_changed_through_the_transfer() -> None:
    book = budget()
    book.run(transfer("x", "chk", "visa", 100))
    side = derived_id("x", "from")
    book.refuse(edit(side, "chk", -50, "food"), Conflict)
    book.refuse(cmd.DeleteTransaction(transaction_id=side), Conflict)


def test_r_t5_delete_removes_the_transaction_from_the_balance() -> None:
    book = budget()
    book.run(txn("t", "chk", -100, "food"))
    assert book.run(cmd.DeleteTransaction(transaction_id="t")) == [
        ev.TransactionDeleted(transaction_id="t")]
    assert "t" not in book.state.transactions
    assert book.balance("chk") == 10_000


# --- R-T6 reconciled transactions and the cleared toggle ---------------------------------


def reconciled_book() -> Book:
    book = budget()
    book.run(txn("t", "chk", -100, "food", cleared="cleared"))
    book.run(cmd.Reconcile(account_id="chk", statement_balance=9_900, date="2026-02-10",
                           adjustment_transaction_id="adj"))
    assert book.state.transactions["t"].cleared == "reconciled"
    return book


def test_r_t6_reconciled_transaction_is_not_edited_without_allow_reconciled() -> None:
    book = reconciled_book()
    error = book.refuse(edit("t", "chk", -90, "food", cleared="reconciled"),
                        ReconciledTransaction)
    assert "allow_reconciled" in error.detail
    book.run(edit("t", "chk", -90, "food", cleared="reconciled", allow_reconciled=True))
    assert book.state.transactions["t"].amount == -90
    assert book.state.transactions["t"].cleared == "reconciled"


def test_r_t6_reconciled_transaction_is_not_deleted_without_allow_reconciled() -> None:
    book = reconciled_book()
    book.refuse(cmd.DeleteTransaction(transaction_id="t"), ReconciledTransaction)
    book.run(cmd.DeleteTransaction(transaction_id="t", allow_reconciled=True))
    assert "t" not in book.state.transactions


def test_r_t6_reconciled_transaction_is_not_uncleared_without_allow_reconciled() -> None:
    book = reconciled_book()
    book.refuse(cmd.SetCleared(transaction_id="t", cleared="cleared"), ReconciledTransaction)
    book.run(cmd.SetCleared(transaction_id="t", cleared="uncleared", allow_reconciled=True))
    assert book.state.transactions["t"].cleared == "uncleared"


def test_only_reconciling_marks_a_transaction_reconciled() -> None:
    book = budget()
    book.refuse(txn("t", "chk", -1, "food", cleared="reconciled"), Invalid, "cleared")
    book.run(txn("t", "chk", -1, "food"))
    book.refuse(edit("t", "chk", -1, "food", cleared="reconciled"), Invalid, "cleared")
    book.refuse(cmd.SetCleared(transaction_id="t", cleared="reconciled"), Invalid, "cleared")


def test_set_cleared_toggles_a_plain_transaction() -> None:
    book = budget()
    book.run(txn("t", "chk", -1, "food"))
    assert book.run(cmd.SetCleared(transaction_id="t", cleared="cleared")) == [
        ev.TransactionClearedSet(transaction_id="t", cleared="cleared")]
    assert book.state.transactions["t"].cleared == "cleared"


def test_set_cleared_on_a_transfer_side_changes_only_that_side() -> None:
    book = budget()
    book.run(transfer("x", "chk", "visa", 100))
    to_side = derived_id("x", "to")
    book.run(cmd.SetCleared(transaction_id=to_side, cleared="cleared"))
    assert book.state.transfers["x"].to_cleared == "cleared"
    assert book.state.transfers["x"].from_cleared == "uncleared"
    assert book.state.transactions[to_side].cleared == "cleared"
    assert book.state.transactions[derived_id("x", "from")].cleared == "uncleared"
    assert book.refolded() == book.state


# --- R-B3 int64 ------------------------------------------------------------------------


def test_r_b3_transaction_amount_outside_int64_is_refused() -> None:
    book = budget()
    book.refuse(txn("t", "chk", INT64_MAX + 1, book.rta), AmountOutOfRange, "amount")
    book.refuse(txn("t", "chk", INT64_MIN - 1, book.rta), AmountOutOfRange, "amount")


def test_r_b3_transaction_that_would_push_a_balance_past_int64_is_refused() -> None:
    book = Book()
    book.account("big", opening=INT64_MAX)
    error = book.refuse(txn("t", "big", 1, book.rta), AmountOutOfRange)
    assert "balance" in error.detail
    book.account("low", opening=INT64_MIN)
    book.refuse(txn("u", "low", -1, book.rta), AmountOutOfRange)


def test_r_b3_edit_that_would_push_a_balance_past_int64_is_refused() -> None:
    book = Book()
    book.account("big", opening=INT64_MAX - 10)
    book.run(txn("t", "big", 5, book.rta))
    book.refuse(edit("t", "big", 16, book.rta), AmountOutOfRange)
    book.run(edit("t", "big", 10, book.rta))
    assert book.balance("big") == INT64_MAX


def test_r_b3_moving_or_deleting_that_would_push_a_balance_past_int64_is_refused() -> None:
    book = Book()
    book.account("big", opening=INT64_MAX)
    book.account("other")
    book.run(txn("minus", "big", -1, book.rta))
    book.run(txn("plus", "big", 1, book.rta))
    book.refuse(cmd.DeleteTransaction(transaction_id="minus"), AmountOutOfRange)
    book.refuse(edit("minus", "other", -1, book.rta), AmountOutOfRange)
    assert book.balance("big") == INT64_MAX
