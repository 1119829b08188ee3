"""Assigning money and moving it between categories (R-B1..R-B3, R-C3)."""

import pytest

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import AmountOutOfRange, CategoryNotAllowed, DateOutOfRange, Invalid
from tests.unit.domain import INT64_MAX, INT64_MIN, Book


def budget() -> Book:
    book = Book()
    book.category("food")
    book.category("rent")
    book.account("visa", "credit_card")
    return book


def assign(category_id: str, amount: int, month: str = "2026-02") -> cmd.Assign:
    return cmd.Assign(month=month, category_id=category_id, assigned=amount)


def move(source: str | None, target: str | None, amount: int,
         month: str = "2026-02") -> cmd.MoveMoney:
    return cmd.MoveMoney(month=month, from_category_id=source, to_category_id=target,
                         amount=amount)


def test_r_b1_assign_sets_the_amount_and_replaces_the_previous_one() -> None:
    book = budget()
    assert book.run(assign("food", 300)) == [
        ev.AssignmentSet(month="2026-02", category_id="food", assigned=300)]
    book.run(assign("food", 120))
    assert book.state.assigned == {("food", "2026-02"): 120}


def test_r_b1_negative_assigned_is_allowed() -> None:
    book = budget()
    book.run(assign("food", -50))
    assert book.state.assigned == {("food", "2026-02"): -50}


def test_r_b1_assigning_zero_leaves_no_entry() -> None:
    book = budget()
    book.run(assign("food", 10))
    book.run(assign("food", 0))
    assert book.state.assigned == {}


def test_r_b1_payment_categories_can_be_assigned_to() -> None:
    book = budget()
    payment = book.payment_category("visa")
    book.run(assign(payment, 75))
    assert book.state.assigned == {(payment, "2026-02"): 75}


def test_r_c3_ready_to_assign_cannot_be_assigned_to() -> None:
    book = budget()
    book.refuse(assign(book.rta, 10), CategoryNotAllowed, "category_id")
    book.refuse(move("food", book.rta, 10), CategoryNotAllowed, "to_category_id")
    book.refuse(move(book.rta, "food", 10), CategoryNotAllowed, "from_category_id")


def test_assign_to_unknown_category_is_invalid() -> None:
    book = budget()
    book.refuse(assign("nope", 10), Invalid, "category_id")
    book.refuse(move("nope", "food", 10), Invalid, "from_category_id")


@pytest.mark.parametrize("month", ["1970-01", "2026-02", "2031-02", "1999-12"])
def test_r_b1_months_from_1970_through_60_after_today_are_accepted(month: str) -> None:
    book = budget()
    book.run(assign("food", 1, month))
    book.run(move(None, "food", 1, month))
    assert book.state.assigned == {("food", month): 2}


@pytest.mark.parametrize("month", ["1969-12", "2031-03", "2100-01"])
def test_r_b1_months_outside_the_range_are_refused(month: str) -> None:
    book = budget()
    book.refuse(assign("food", 1, month), DateOutOfRange, "month")
    book.refuse(move(None, "food", 1, month), DateOutOfRange, "month")


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "2026-2", "2026-02-01", "26-02", ""])
def test_r_b1_malformed_months_are_invalid(month: str) -> None:
    budget().refuse(assign("food", 1, month), Invalid, "month")


def test_r_b3_assigned_outside_int64_is_refused() -> None:
    book = budget()
    book.refuse(assign("food", INT64_MAX + 1), AmountOutOfRange, "assigned")
    book.refuse(assign("food", INT64_MIN - 1), AmountOutOfRange, "assigned")
    book.refuse(assign("food", "10"), Invalid, "assigned")  # type: ignore[arg-type]


def test_r_b2_move_lowers_one_and_raises_the_other() -> None:
    book = budget()
    book.run(assign("food", 300))
    assert book.run(move("food", "rent", 120)) == [ev.MoneyMoved(
        month="2026-02", from_category_id="food", to_category_id="rent", amount=120)]
    assert book.state.assigned == {("food", "2026-02"): 180, ("rent", "2026-02"): 120}


def test_r_b2_move_from_ready_to_assign_raises_the_target_only() -> None:
    book = budget()
    book.run(move(None, "food", 50))
    assert book.state.assigned == {("food", "2026-02"): 50}


def test_r_b2_move_to_ready_to_assign_lowers_the_source_only() -> None:
    book = budget()
    book.run(assign("food", 50))
    book.run(move("food", None, 80))
    assert book.state.assigned == {("food", "2026-02"): -30}


def test_r_b2_move_back_to_zero_leaves_no_entry() -> None:
    book = budget()
    book.run(move(None, "food", 50))
    book.run(move("food", None, 50))
    assert book.state.assigned == {}


@pytest.mark.parametrize("amount", [0, -1])
def test_r_b2_move_amount_must_be_positive(amount: int) -> None:
    budget().refuse(move("food", "rent", amount), Invalid, "amount")


def test_r_b2_move_needs_two_different_categories() -> None:
    book = budget()
    book.refuse(move("food", "food", 1), Invalid, "to_category_id")
    book.refuse(move(None, None, 1), Invalid, "to_category_id")


def test_r_b3_move_that_would_push_assigned_past_int64_is_refused() -> None:
    book = budget()
    book.run(assign("food", INT64_MAX))
    book.run(assign("rent", INT64_MIN))
    book.refuse(move(None, "food", 1), AmountOutOfRange)
    book.refuse(move("rent", None, 1), AmountOutOfRange)
    book.refuse(move("food", "rent", INT64_MAX + 1), AmountOutOfRange, "amount")
