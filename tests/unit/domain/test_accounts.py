"""Opening, renaming, closing and reopening accounts (R-A1..R-A5, R-C1, R-C2)."""

import pytest

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import (
    AccountClosed,
    AccountNotEmpty,
    AmountOutOfRange,
    CategoryNotAllowed,
    Conflict,
    DateOutOfRange,
    Invalid,
    NameTaken,
    NotFound,
)
from dojo.domain.ids import derived_id
from tests.unit.domain import INT64_MAX, Book, edit, transfer, txn


def open_cmd(account_id: str = "a", name: str = "Acct", account_type: str = "checking",
             opening: int = 0, date: str = "2026-01-01") -> cmd.OpenAccount:
    return cmd.OpenAccount(account_id=account_id, name=name, account_type=account_type,
                           opening_balance=opening, opening_date=date)


@pytest.mark.parametrize("account_type", ["credit", "Checking", "brokerage", ""])
def test_r_a1_unknown_account_type_is_refused(account_type: str) -> None:
    Book().refuse(open_cmd(account_type=account_type), Invalid, "type")


@pytest.mark.parametrize(("account_type", "kind"), [
    ("checking", "cash"), ("savings", "cash"), ("cash", "cash"),
    ("credit_card", "credit"), ("line_of_credit", "credit"),
    ("asset", "tracking"), ("investment", "tracking"), ("liability", "tracking"),
    ("mortgage", "tracking"), ("loan", "tracking"),
])
def test_r_a1_each_account_type_has_its_kind(account_type: str, kind: str) -> None:
    book = Book()
    book.account("a", account_type)
    assert book.state.accounts["a"].kind == kind


def test_account_id_that_exists_is_a_conflict() -> None:
    book = Book()
    book.account("a")
    book.refuse(open_cmd(name="Other"), Conflict)


@pytest.mark.parametrize("name", ["", "  ", "x" * 201])
def test_blank_or_overlong_account_name_is_refused(name: str) -> None:
    Book().refuse(open_cmd(name=name), Invalid, "name")


@pytest.mark.parametrize(("first", "second"), [
    ("Checking", "checking"), ("Checking", "  CHECKING "), ("Straße", "STRASSE"),
])
def test_r_c1_account_names_are_unique_after_case_folding(first: str, second: str) -> None:
    book = Book()
    book.account("a", name=first)
    book.refuse(open_cmd("b", name=second), NameTaken, "name")
    book.refuse(open_cmd("b", name=second, account_type="credit_card"), NameTaken, "name")


def test_r_c1_credit_account_cannot_take_the_name_of_a_category() -> None:
    book = Book()
    book.category("food", "Groceries")
    book.refuse(open_cmd("visa", name="GROCERIES", account_type="credit_card"), NameTaken,
                "name")


def test_r_c1_credit_account_cannot_take_the_name_of_ready_to_assign() -> None:
    book = Book()
    book.refuse(open_cmd("visa", name="ready to assign", account_type="line_of_credit"),
                NameTaken)


def test_r_c1_cash_account_may_share_a_name_with_a_category() -> None:
    book = Book()
    book.category("food", "Groceries")
    book.account("chk", name="Groceries")
    assert book.state.accounts["chk"].name == "Groceries"


def test_r_a3_zero_opening_balance_records_no_transaction() -> None:
    events = Book().run(open_cmd(opening=0))
    assert [type(e) for e in events] == [ev.AccountOpened]


def test_r_a3_on_budget_opening_balance_is_cleared_income_to_ready_to_assign() -> None:
    book = Book()
    events = book.run(open_cmd("chk", opening=-2500, date="2026-01-15"))
    recorded = events[-1]
    assert isinstance(recorded, ev.TransactionRecorded)
    t = recorded.transaction
    assert t.transaction_id == derived_id("chk", "opening-balance")
    assert (t.account_id, t.date, t.amount, t.payee, t.cleared) == (
        "chk", "2026-01-15", -2500, "Starting Balance", "cleared")
    assert t.lines == (ev.Line(category_id=book.rta, amount=-2500),)
    assert book.balance("chk") == -2500


def test_r_a3_tracking_opening_balance_has_no_category() -> None:
    book = Book()
    events = book.run(open_cmd("house", account_type="asset", opening=30_000_000))
    recorded = events[-1]
    assert isinstance(recorded, ev.TransactionRecorded)
    assert recorded.transaction.lines == (ev.Line(category_id=None, amount=30_000_000),)


def test_r_a4_credit_account_creates_its_payment_category() -> None:
    book = Book()
    events = book.run(open_cmd("visa", name="Visa", account_type="credit_card", opening=-900))
    opened, created, recorded = events
    payment_id = derived_id("visa", "payment-category")
    assert isinstance(opened, ev.AccountOpened)
    assert opened.payment_category_id == payment_id
    assert created == ev.CategoryCreated(
        category_id=payment_id, group_id=book.state.payments_group_id, name="Visa",
        kind="payment", payment_for_account_id="visa")
    assert isinstance(recorded, ev.TransactionRecorded)
    assert recorded.transaction.lines[0].category_id == book.rta   # R-A3 / R-R3
    assert book.state.categories[payment_id].kind == "payment"


def test_r_a4_cash_account_has_no_payment_category() -> None:
    book = Book()
    book.account("chk")
    assert book.state.accounts["chk"].payment_category_id is None


@pytest.mark.parametrize(("date", "error"), [
    ("2026-02-30", Invalid), ("2026/01/01", Invalid), ("1969-12-31", DateOutOfRange),
    ("2031-02-21", DateOutOfRange),
])
def test_r_t4_opening_date_must_be_a_day_in_range(date: str, error: type) -> None:
    Book().refuse(open_cmd(date=date), error, "opening_date")


def test_r_b3_opening_balance_outside_int64_is_refused() -> None:
    book = Book()
    book.refuse(open_cmd(opening=INT64_MAX + 1), AmountOutOfRange, "opening_balance")
    book.refuse(open_cmd(opening=1.5), Invalid, "opening_balance")  # type: ignore[arg-type]
    book.refuse(open_cmd(opening=True), Invalid, "opening_balance")


def test_rename_unknown_account_is_not_found() -> None:
    Book().refuse(cmd.RenameAccount(account_id="nope", name="X"), NotFound)


def test_rename_account_to_another_accounts_name_is_refused() -> None:
    book = Book()
    book.account("a", name="Checking")
    book.account("b", name="Savings")
    book.refuse(cmd.RenameAccount(account_id="b", name="CHECKING"), NameTaken)


def test_rename_account_to_its_own_name_in_other_case_is_fine() -> None:
    book = Book()
    book.account("visa", "credit_card", name="Visa")
    book.run(cmd.RenameAccount(account_id="visa", name="VISA"))
    assert book.state.accounts["visa"].name == "VISA"


def test_r_c2_renaming_the_card_renames_its_payment_category() -> None:
    book = Book()
    book.account("visa", "credit_card", name="Visa")
    events = book.run(cmd.RenameAccount(account_id="visa", name="Sapphire"))
    payment = book.payment_category("visa")
    assert events == [ev.AccountRenamed(account_id="visa", name="Sapphire"),
                      ev.CategoryRenamed(category_id=payment, name="Sapphire")]
    assert book.state.categories[payment].name == "Sapphire"


def test_r_c1_renaming_a_card_to_a_category_name_is_refused() -> None:
    book = Book()
    book.category("food", "Food")
    book.account("visa", "credit_card", name="Visa")
    book.refuse(cmd.RenameAccount(account_id="visa", name="food"), NameTaken)


def test_r_a5_close_needs_a_zero_balance() -> None:
    book = Book()
    book.account("chk", opening=100)
    error = book.refuse(cmd.CloseAccount(account_id="chk"), AccountNotEmpty)
    assert "100" in error.detail


def test_r_a5_close_counts_future_dated_transactions() -> None:
    book = Book()
    food = book.category("food")
    book.account("chk", opening=100)
    book.run(txn("t1", "chk", -100, food, date="2026-02-01"))
    book.run(txn("t2", "chk", -5, food, date="2030-01-01"))
    book.refuse(cmd.CloseAccount(account_id="chk"), AccountNotEmpty)


def test_r_a5_closing_at_zero_changes_no_number() -> None:
    book = Book()
    food = book.category("food")
    book.account("chk", opening=100)
    book.run(txn("t1", "chk", -100, food))
    transactions = dict(book.state.transactions)
    assert book.run(cmd.CloseAccount(account_id="chk")) == [ev.AccountClosed(account_id="chk")]
    assert book.state.accounts["chk"].closed
    assert book.state.transactions == transactions
    assert book.balance("chk") == 0


def test_closing_a_closed_account_is_a_conflict() -> None:
    book = Book()
    book.account("chk")
    book.run(cmd.CloseAccount(account_id="chk"))
    book.refuse(cmd.CloseAccount(account_id="chk"), Conflict)


def test_close_unknown_account_is_not_found() -> None:
    Book().refuse(cmd.CloseAccount(account_id="nope"), NotFound)


def closed_book() -> Book:
    """`chk` closed at zero with one transaction `t1`; `sav` open with money."""
    book = Book()
    food = book.category("food")
    book.account("chk", opening=100)
    book.run(txn("t1", "chk", -100, food))
    book.account("sav", "savings", opening=1000)
    book.run(txn("t2", "sav", -10, food))
    book.run(cmd.CloseAccount(account_id="chk"))
    return book


def test_r_a5_closed_account_refuses_new_transactions() -> None:
    book = closed_book()
    book.refuse(txn("t9", "chk", -1, "food"), AccountClosed, "account_id")


def test_r_a5_closed_account_refuses_edits_and_deletes_of_its_transactions() -> None:
    book = closed_book()
    book.refuse(edit("t1", "chk", -50, "food"), AccountClosed)
    book.refuse(edit("t1", "sav", -100, "food"), AccountClosed)
    book.refuse(cmd.DeleteTransaction(transaction_id="t1"), AccountClosed)
    book.refuse(cmd.SetCleared(transaction_id="t1", cleared="cleared"), AccountClosed)


def test_r_a5_no_transaction_may_be_moved_onto_a_closed_account() -> None:
    book = closed_book()
    book.refuse(edit("t2", "chk", -10, "food"), AccountClosed, "account_id")


def test_r_a5_no_transfer_may_name_a_closed_account() -> None:
    book = closed_book()
    book.refuse(transfer("x", "sav", "chk", 5), AccountClosed, "to_account_id")
    book.refuse(transfer("x", "chk", "sav", 5), AccountClosed, "from_account_id")


def test_r_a5_closed_account_refuses_reconciling() -> None:
    book = closed_book()
    book.refuse(cmd.Reconcile(account_id="chk", statement_balance=0, date="2026-02-01",
                              adjustment_transaction_id="adj"), AccountClosed)


def test_r_a5_reopened_account_takes_transactions_again() -> None:
    book = closed_book()
    assert book.run(cmd.ReopenAccount(account_id="chk")) == [
        ev.AccountReopened(account_id="chk")]
    book.run(txn("t9", "chk", 40, book.rta))
    assert book.balance("chk") == 40
    book.refuse(cmd.ReopenAccount(account_id="chk"), Conflict)


def test_reopen_unknown_account_is_not_found() -> None:
    Book().refuse(cmd.ReopenAccount(account_id="nope"), NotFound)


def test_r_c2_payment_category_cannot_be_hidden_while_its_card_is_open() -> None:
    book = Book()
    book.account("visa", "credit_card")
    payment = book.payment_category("visa")
    book.refuse(cmd.UpdateCategory(category_id=payment, hidden=True), CategoryNotAllowed,
                "hidden")
    book.run(cmd.CloseAccount(account_id="visa"))
    book.run(cmd.UpdateCategory(category_id=payment, hidden=True))
    assert book.state.categories[payment].hidden
