"""Category groups and categories: names, payment categories, delete (R-C1..R-C4)."""

import pytest

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import CategoryNotAllowed, Conflict, Invalid, NameTaken, NotFound
from dojo.domain.ids import derived_id
from tests.unit.domain import Book, split, transfer, txn

# --- groups -----------------------------------------------------------------------------


def test_group_id_that_exists_is_a_conflict() -> None:
    Book().refuse(cmd.CreateCategoryGroup(group_id="g", name="Other"), Conflict)


@pytest.mark.parametrize("name", ["everyday", " EVERYDAY ", "credit card payments", "INFLOW"])
def test_r_c1_group_names_are_unique_after_case_folding(name: str) -> None:
    Book().refuse(cmd.CreateCategoryGroup(group_id="g2", name=name), NameTaken, "name")


@pytest.mark.parametrize("name", ["", " ", "y" * 201])
def test_blank_or_overlong_group_name_is_refused(name: str) -> None:
    Book().refuse(cmd.CreateCategoryGroup(group_id="g2", name=name), Invalid, "name")


def test_rename_and_hide_a_group() -> None:
    book = Book()
    events = book.run(cmd.UpdateCategoryGroup(group_id="g", name="EVERYDAY", hidden=True))
    assert events == [ev.CategoryGroupRenamed(group_id="g", name="EVERYDAY"),
                      ev.CategoryGroupHidden(group_id="g", hidden=True)]
    assert (book.state.groups["g"].name, book.state.groups["g"].hidden) == ("EVERYDAY", True)


def test_update_group_with_nothing_to_change_records_nothing() -> None:
    assert Book().run(cmd.UpdateCategoryGroup(group_id="g")) == []


def test_r_c1_renaming_a_group_to_another_groups_name_is_refused() -> None:
    book = Book()
    book.run(cmd.CreateCategoryGroup(group_id="g2", name="Bills"))
    book.refuse(cmd.UpdateCategoryGroup(group_id="g2", name="everyday"), NameTaken)


def test_unknown_group_is_not_found() -> None:
    Book().refuse(cmd.UpdateCategoryGroup(group_id="nope", name="X"), NotFound)


def test_system_groups_cannot_be_changed() -> None:
    book = Book()
    book.refuse(cmd.UpdateCategoryGroup(group_id=book.state.payments_group_id, hidden=True),
                CategoryNotAllowed)


# --- categories -------------------------------------------------------------------------


def test_category_id_that_exists_is_a_conflict() -> None:
    book = Book()
    book.category("food")
    book.refuse(cmd.CreateCategory(category_id="food", group_id="g", name="Other"), Conflict)


def test_category_needs_a_known_user_group() -> None:
    book = Book()
    book.refuse(cmd.CreateCategory(category_id="c", group_id="nope", name="C"), Invalid,
                "group_id")
    book.refuse(cmd.CreateCategory(category_id="c", group_id=book.state.payments_group_id,
                                   name="C"), CategoryNotAllowed, "group_id")


@pytest.mark.parametrize("name", ["", "\t", "z" * 201])
def test_blank_or_overlong_category_name_is_refused(name: str) -> None:
    Book().refuse(cmd.CreateCategory(category_id="c", group_id="g", name=name), Invalid, "name")


def test_r_c1_category_names_are_unique_budget_wide_after_case_folding() -> None:
    book = Book()
    book.run(cmd.CreateCategoryGroup(group_id="g2", name="Bills"))
    book.category("rent", "Rent")
    book.refuse(cmd.CreateCategory(category_id="c", group_id="g2", name="RENT"), NameTaken)
    book.refuse(cmd.CreateCategory(category_id="c", group_id="g", name="Ready To Assign"),
                NameTaken)


def test_r_c1_category_cannot_take_a_payment_categorys_name() -> None:
    book = Book()
    book.account("visa", "credit_card", name="Visa")
    book.refuse(cmd.CreateCategory(category_id="c", group_id="g", name="VISA"), NameTaken)


def test_r_c1_renaming_a_category_to_a_taken_name_is_refused() -> None:
    book = Book()
    book.category("rent", "Rent")
    book.category("food", "Food")
    book.refuse(cmd.UpdateCategory(category_id="food", name="rent"), NameTaken)


def test_rename_regroup_and_hide_a_category() -> None:
    book = Book()
    book.run(cmd.CreateCategoryGroup(group_id="g2", name="Bills"))
    book.category("food", "Food")
    events = book.run(cmd.UpdateCategory(category_id="food", name=" FOOD ", group_id="g2",
                                         hidden=True))
    assert events == [ev.CategoryRenamed(category_id="food", name="FOOD"),
                      ev.CategoryRegrouped(category_id="food", group_id="g2"),
                      ev.CategoryHidden(category_id="food", hidden=True)]
    state = book.state.categories["food"]
    assert (state.name, state.group_id, state.hidden) == ("FOOD", "g2", True)


def test_update_category_to_what_it_already_is_records_nothing() -> None:
    book = Book()
    book.category("food", "Food")
    assert book.run(cmd.UpdateCategory(category_id="food", name=" Food", group_id="g",
                                       hidden=False)) == []


def test_category_cannot_move_to_an_unknown_or_system_group() -> None:
    book = Book()
    book.category("food")
    book.refuse(cmd.UpdateCategory(category_id="food", group_id="nope"), Invalid, "group_id")
    book.refuse(cmd.UpdateCategory(category_id="food", group_id=book.state.payments_group_id),
                CategoryNotAllowed, "group_id")


def test_unknown_category_is_not_found() -> None:
    Book().refuse(cmd.UpdateCategory(category_id="nope", name="X"), NotFound)


def test_r_c3_ready_to_assign_cannot_be_changed_or_deleted() -> None:
    book = Book()
    book.category("food")
    book.refuse(cmd.UpdateCategory(category_id=book.rta, name="Income"), CategoryNotAllowed)
    book.refuse(cmd.DeleteCategory(category_id=book.rta, move_to="food"), CategoryNotAllowed)


def test_r_c2_payment_category_cannot_be_renamed_directly() -> None:
    book = Book()
    book.account("visa", "credit_card", name="Visa")
    payment = book.payment_category("visa")
    book.refuse(cmd.UpdateCategory(category_id=payment, name="Card"), CategoryNotAllowed,
                "name")
    assert book.run(cmd.UpdateCategory(category_id=payment, name="Visa")) == []


def test_r_c2_payment_category_stays_in_credit_card_payments() -> None:
    book = Book()
    book.account("visa", "credit_card")
    book.refuse(cmd.UpdateCategory(category_id=book.payment_category("visa"), group_id="g"),
                CategoryNotAllowed, "group_id")


def test_r_c2_payment_category_is_never_deleted() -> None:
    book = Book()
    book.category("food")
    book.account("visa", "credit_card")
    book.refuse(cmd.DeleteCategory(category_id=book.payment_category("visa"), move_to="food"),
                CategoryNotAllowed)
    book.run(cmd.CloseAccount(account_id="visa"))
    book.refuse(cmd.DeleteCategory(category_id=book.payment_category("visa"), move_to="food"),
                CategoryNotAllowed)


def test_r_c2_payment_category_can_be_shown_again() -> None:
    book = Book()
    book.account("visa", "credit_card")
    payment = book.payment_category("visa")
    book.run(cmd.CloseAccount(account_id="visa"))
    book.run(cmd.UpdateCategory(category_id=payment, hidden=True))
    book.run(cmd.ReopenAccount(account_id="visa"))
    book.run(cmd.UpdateCategory(category_id=payment, hidden=False))
    assert not book.state.categories[payment].hidden


def test_r_c4_hiding_a_category_keeps_its_numbers() -> None:
    book = Book()
    food = book.category("food")
    book.account("chk", opening=100)
    book.run(txn("t", "chk", -30, food))
    book.run(cmd.Assign(month="2026-02", category_id=food, assigned=70))
    book.run(cmd.UpdateCategory(category_id=food, hidden=True))
    assert book.state.assigned == {(food, "2026-02"): 70}
    assert book.state.transactions["t"].lines[0].category_id == food


@pytest.mark.parametrize("target", ["food", "visa-payment", "rta", "nope"])
def test_r_c4_delete_needs_another_regular_category(target: str) -> None:
    book = Book()
    book.category("food")
    book.account("visa", "credit_card")
    targets = {"visa-payment": book.payment_category("visa"), "rta": book.rta}
    error = CategoryNotAllowed if target != "nope" else Invalid
    book.refuse(cmd.DeleteCategory(category_id="food", move_to=targets.get(target, target)),
                error, "move_to")


def test_r_c4_deleted_category_cannot_be_a_target_or_deleted_again() -> None:
    book = Book()
    book.category("food")
    book.category("fun")
    book.category("misc")
    book.run(cmd.DeleteCategory(category_id="fun", move_to="misc"))
    book.refuse(cmd.DeleteCategory(category_id="food", move_to="fun"), Invalid, "move_to")
    book.refuse(cmd.DeleteCategory(category_id="fun", move_to="food"), NotFound)
    book.refuse(txn("t", "nope", 1), Invalid, "account_id")


def test_r_c4_delete_moves_lines_transfers_and_assignments_to_the_target() -> None:
    book = Book()
    food, misc, rent = book.category("food"), book.category("misc"), book.category("rent")
    book.account("chk", opening=10_000)
    book.account("house", "asset")
    book.run(txn("plain", "chk", -100, food))
    book.run(split("parts", "chk", -300, [(food, -120), (rent, -180)]))
    book.run(transfer("xfer", "chk", "house", 500, category_id=food))
    book.run(cmd.Assign(month="2026-01", category_id=food, assigned=40))
    book.run(cmd.Assign(month="2026-02", category_id=food, assigned=60))
    book.run(cmd.Assign(month="2026-02", category_id=misc, assigned=5))
    book.run(cmd.Assign(month="2026-03", category_id=food, assigned=-5))
    book.run(cmd.Assign(month="2026-03", category_id=misc, assigned=5))

    assert book.run(cmd.DeleteCategory(category_id=food, move_to=misc)) == [
        ev.CategoryDeleted(category_id=food, moved_to=misc)]

    state = book.state
    assert state.categories[food].deleted
    assert state.transactions["plain"].lines == (ev.Line(category_id=misc, amount=-100),)
    assert [ln.category_id for ln in state.transactions["parts"].lines] == [misc, rent]
    assert state.transfers["xfer"].category_id == misc
    assert state.transactions[derived_id("xfer", "from")].lines[0].category_id == misc
    # The assignments of both categories add up; a month that sums to zero is no entry.
    assert state.assigned == {(misc, "2026-01"): 40, (misc, "2026-02"): 65}
    assert book.balance("chk") == 10_000 - 100 - 300 - 500
    assert book.refolded() == state


def test_r_c1_name_of_a_deleted_category_is_free_again() -> None:
    book = Book()
    book.category("food", "Food")
    book.category("misc", "Misc")
    book.run(cmd.DeleteCategory(category_id="food", move_to="misc"))
    book.category("food2", "FOOD")
    assert book.state.categories["food2"].name == "FOOD"


def test_r_c2_no_line_may_use_a_payment_category() -> None:
    book = Book()
    book.account("chk", opening=100)
    book.account("visa", "credit_card")
    payment = book.payment_category("visa")
    book.refuse(txn("t", "chk", -10, payment), CategoryNotAllowed, "lines[0].category_id")
    book.refuse(txn("t", "visa", -10, payment), CategoryNotAllowed, "lines[0].category_id")
    book.account("house", "asset")
    book.refuse(transfer("x", "chk", "house", 10, category_id=payment), CategoryNotAllowed,
                "category_id")
