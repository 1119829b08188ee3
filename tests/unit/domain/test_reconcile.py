"""Reconciling an account against a statement balance (R-T7)."""

import pytest

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import AmountOutOfRange, Conflict, DateOutOfRange, Invalid, NotFound
from dojo.domain.ids import derived_id
from tests.unit.domain import INT64_MAX, INT64_MIN, Book, txn

OPENING = derived_id("chk", "opening-balance")


def reconcile(account_id: str, statement: int, date: str = "2026-02-10",
              adjustment: str = "adj") -> cmd.Reconcile:
    return cmd.Reconcile(account_id=account_id, statement_balance=statement, date=date,
                         adjustment_transaction_id=adjustment)


def budget() -> Book:
    """`chk` opened 2026-01-01 with 1000 (cleared), then cleared -100 on 02-03,
    uncleared -40 on 02-04 and cleared -7 on 02-15."""
    book = Book()
    book.category("food")
    book.account("chk", opening=1000)
    book.run(txn("a", "chk", -100, "food", date="2026-02-03", cleared="cleared"))
    book.run(txn("b", "chk", -40, "food", date="2026-02-04"))
    book.run(txn("c", "chk", -7, "food", date="2026-02-15", cleared="cleared"))
    return book


def test_r_t7_matching_statement_records_no_adjustment() -> None:
    book = budget()
    events = book.run(reconcile("chk", 900))
    assert events == [ev.AccountReconciled(
        account_id="chk", statement_balance=900, through="2026-02-10",
        adjustment_transaction_id=None, reconciled_transaction_ids=tuple(sorted([OPENING, "a"])))]


def test_r_t7_cleared_through_d_become_reconciled_and_nothing_else() -> None:
    book = budget()
    book.run(reconcile("chk", 900))
    cleared = {t: book.state.transactions[t].cleared for t in (OPENING, "a", "b", "c")}
    assert cleared == {OPENING: "reconciled", "a": "reconciled", "b": "uncleared",
                       "c": "cleared"}
    assert book.balance("chk") == 853
    assert book.refolded() == book.state


def test_r_t7_difference_is_recorded_as_a_cleared_adjustment_on_d() -> None:
    book = budget()
    events = book.run(reconcile("chk", 875))
    recorded, reconciled = events
    assert recorded == ev.TransactionRecorded(transaction=ev.Transaction(
        transaction_id="adj", account_id="chk", date="2026-02-10", amount=-25,
        payee="Reconciliation Balance Adjustment", cleared="cleared",
        lines=(ev.Line(category_id=book.rta, amount=-25),)))
    assert isinstance(reconciled, ev.AccountReconciled)
    assert reconciled.adjustment_transaction_id == "adj"
    assert reconciled.reconciled_transaction_ids == tuple(sorted([OPENING, "a", "adj"]))
    assert book.state.transactions["adj"].cleared == "reconciled"
    assert book.balance("chk") == 828


def test_r_t7_adjustment_on_a_card_goes_to_ready_to_assign() -> None:
    book = Book()
    book.account("visa", "credit_card", opening=-500)
    [recorded, _] = book.run(reconcile("visa", -530))
    assert isinstance(recorded, ev.TransactionRecorded)
    assert recorded.transaction.lines == (ev.Line(category_id=book.rta, amount=-30),)


def test_r_t7_adjustment_on_a_tracking_account_has_no_category() -> None:
    book = Book()
    book.account("house", "asset", opening=300_000)
    [recorded, _] = book.run(reconcile("house", 310_000))
    assert isinstance(recorded, ev.TransactionRecorded)
    assert recorded.transaction.lines == (ev.Line(category_id=None, amount=10_000),)


def test_r_t7_reconciled_transactions_are_not_counted_twice() -> None:
    book = budget()
    book.run(reconcile("chk", 900))
    assert [type(e) for e in book.run(reconcile("chk", 893, date="2026-02-20"))] == [
        ev.AccountReconciled]
    assert book.state.transactions["c"].cleared == "reconciled"


@pytest.mark.parametrize(("date", "error"), [("2026-02-21", DateOutOfRange),
                                             ("1969-12-31", DateOutOfRange),
                                             ("2026-02-31", Invalid)])
def test_r_t7_statement_date_must_not_be_after_today(date: str, error: type) -> None:
    budget().refuse(reconcile("chk", 900, date=date), error, "date")


def test_r_t7_adjustment_id_that_exists_is_a_conflict() -> None:
    budget().refuse(reconcile("chk", 1, adjustment="a"), Conflict)


def test_reconcile_unknown_account_is_not_found() -> None:
    budget().refuse(reconcile("nope", 1), NotFound)


def test_r_b3_statement_or_adjustment_outside_int64_is_refused() -> None:
    book = budget()
    book.refuse(reconcile("chk", INT64_MAX + 1), AmountOutOfRange, "statement_balance")
    book.refuse(reconcile("chk", INT64_MIN), AmountOutOfRange)     # MIN - 900 < MIN
    big = Book()
    big.account("big")
    big.run(txn("t", "big", INT64_MAX, big.rta))                   # uncleared
    big.refuse(reconcile("big", 1), AmountOutOfRange)              # balance would be MAX + 1
