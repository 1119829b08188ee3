"""Amounts as exact decimal strings; ledger account names that the tools accept and that
never collide, whatever the Dojo names were."""

from decimal import Decimal

from beancount.core import account
from hypothesis import given, settings
from hypothesis import strategies as st

from dojo.domain.money import INT64_MAX, INT64_MIN, decimal_text
from dojo.exports.journal import Ref
from dojo.exports.names import beancount_component, hledger_component, unique_names

names = st.text(min_size=1, max_size=30)


def test_decimal_text_places_the_point_by_the_currency_exponent() -> None:
    assert [decimal_text(-1234, 2), decimal_text(5, 2), decimal_text(-5, 3),
            decimal_text(0, 2), decimal_text(7, 0), decimal_text(INT64_MIN, 2)] == [
        "-12.34", "0.05", "-0.005", "0.00", "7", "-92233720368547758.08"]


@settings(max_examples=200)
@given(st.integers(INT64_MIN, INT64_MAX), st.sampled_from([0, 2, 3, 4]))
def test_decimal_text_is_exact_for_every_int64(amount: int, exponent: int) -> None:
    text = decimal_text(amount, exponent)
    assert Decimal(text).scaleb(exponent) == amount
    assert "e" not in text.lower() and text.count(".") == (1 if exponent else 0)


@settings(max_examples=200)
@given(names)
def test_beancount_components_follow_beancount_rules(name: str) -> None:
    assert account.is_valid(f"Expenses:{beancount_component(name)}")


@settings(max_examples=200)
@given(names)
def test_hledger_components_have_no_colon_no_double_space_no_control(name: str) -> None:
    component = hledger_component(name)
    assert component and component == component.strip()
    assert ":" not in component and "  " not in component
    assert not any(ch in component for ch in "\t\n\r")


@settings(max_examples=100)
@given(st.lists(st.tuples(names, names), min_size=1, max_size=12))
def test_unique_names_never_give_two_refs_the_same_name(paths: list[tuple[str, str]]) -> None:
    refs = [Ref(("Expenses", group, name), f"category:id{i:04d}")
            for i, (group, name) in enumerate(paths)]
    for component in (hledger_component, beancount_component):
        found = unique_names(refs, component)
        assert len(set(found.values())) == len(refs)
        assert found == unique_names(list(reversed(refs)), component)


def test_names_that_sanitise_alike_keep_the_first_by_name_and_suffix_the_other() -> None:
    refs = [Ref(("Expenses", "Food", "Food & Drink"), "category:aaaa-1111"),
            Ref(("Expenses", "Food", "Food-Drink"), "category:bbbb-2222")]
    assert unique_names(refs, beancount_component) == {
        "category:aaaa-1111": "Expenses:Food:Food-Drink",
        "category:bbbb-2222": "Expenses:Food:Food-Drink-bbbb2222"}
