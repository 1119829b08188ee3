"""Creating and renaming budgets, and the decide/fold entry points themselves."""

import msgspec
import pytest

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.decide import decide
from dojo.domain.errors import Conflict, Invalid, NotFound
from dojo.domain.ids import derived_id
from dojo.domain.state import evolve, fold
from tests.unit.domain import TODAY, Book


@pytest.mark.parametrize("code", ["XYZ", "usd", "US", "", "BTC"])
def test_unknown_currency_is_refused(code: str) -> None:
    with pytest.raises(Invalid) as caught:
        decide(None, cmd.CreateBudget(budget_id="b", name="Home", currency=code), TODAY)
    assert caught.value.field == "currency"


@pytest.mark.parametrize(("code", "exponent"), [("USD", 2), ("JPY", 0), ("KWD", 3), ("CLF", 4)])
def test_budget_records_its_currency_exponent(code: str, exponent: int) -> None:
    [created] = decide(None, cmd.CreateBudget(budget_id="b", name="Home", currency=code), TODAY)
    assert isinstance(created, ev.BudgetCreated)
    assert (created.currency, created.currency_exponent) == (code, exponent)


def test_budget_creation_derives_system_ids_and_starts_at_version_one() -> None:
    book = Book(group=False)
    state = book.state
    assert state.version == 1
    assert state.income_category_id == derived_id("budget", "ready-to-assign")
    assert state.categories[state.income_category_id].name == "Ready to Assign"
    assert state.categories[state.income_category_id].kind == "income"
    assert {g.name for g in state.groups.values()} == {"Inflow", "Credit Card Payments"}
    assert all(g.system for g in state.groups.values())


def test_budget_that_exists_cannot_be_created_again() -> None:
    book = Book()
    book.refuse(cmd.CreateBudget(budget_id="budget", name="Again", currency="USD"), Conflict)


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_blank_budget_name_is_refused(name: str) -> None:
    with pytest.raises(Invalid) as caught:
        decide(None, cmd.CreateBudget(budget_id="b", name=name, currency="USD"), TODAY)
    assert caught.value.field == "name"


def test_overlong_names_are_refused_and_200_characters_are_fine() -> None:
    book = Book()
    book.refuse(cmd.RenameBudget(name="x" * 201), Invalid, "name")
    book.run(cmd.RenameBudget(name="  " + "x" * 200 + "  "))
    assert book.state.name == "x" * 200


def test_rename_budget_trims_the_name() -> None:
    book = Book()
    assert book.run(cmd.RenameBudget(name="  Family  ")) == [ev.BudgetRenamed(name="Family")]
    assert book.state.name == "Family"


def test_command_on_a_missing_budget_is_not_found() -> None:
    with pytest.raises(NotFound):
        decide(None, cmd.RenameBudget(name="x"), TODAY)


def test_command_without_a_decision_is_a_programming_error() -> None:
    class Unknown(cmd.Command, frozen=True, kw_only=True, tag="Unknown"):
        pass

    with pytest.raises(TypeError, match="no decision for Unknown"):
        decide(Book().state, Unknown(), TODAY)


def test_fold_needs_a_stream_that_starts_with_budget_created() -> None:
    with pytest.raises(ValueError, match="starts with BudgetCreated"):
        fold([ev.BudgetRenamed(name="x")])


def test_evolve_refuses_an_event_it_has_no_rule_for() -> None:
    class Alien(ev.Event, frozen=True, kw_only=True, tag="Alien"):
        pass

    with pytest.raises(TypeError, match="no evolve rule for Alien"):
        evolve(Book().state, Alien())


def test_fold_of_the_log_equals_the_state_built_step_by_step() -> None:
    book = Book()
    book.account("chk", opening=5000)
    book.account("visa", "credit_card", opening=-700)
    food = book.category("food")
    book.run(cmd.Assign(month="2026-02", category_id=food, assigned=300))
    assert book.refolded() == book.state


def test_events_round_trip_through_their_canonical_json() -> None:
    book = Book()
    book.account("chk", opening=5000)
    book.account("visa", "credit_card", opening=-700)
    for event in book.log:
        data = ev.encode_event(event)
        assert ev.decode_event(data) == event
        assert msgspec.json.decode(data)["type"] == ev.event_type(event)
