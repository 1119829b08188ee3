"""The month arithmetic of budget-rules.md sections 6 and 7 on hand-computed cases, and net
worth (R-N1). Facts are built by hand: this is the pure function the projector feeds."""

import pytest

from dojo.domain.errors import AmountOutOfRange
from dojo.domain.month_math import (
    CategoryMonth,
    CategorySpec,
    CreditLine,
    MonthFacts,
    Opening,
    assigned_in_future,
    run_months,
)
from dojo.domain.net_worth import NetWorth, net_worth_by_month
from tests.unit.domain import INT64_MAX

FOOD = CategorySpec("food", "regular")
RENT = CategorySpec("rent", "regular")
VISA_PAYMENT = CategorySpec("pay-visa", "payment", "visa")
AMEX_PAYMENT = CategorySpec("pay-amex", "payment", "amex")
SPECS = [FOOD, RENT, VISA_PAYMENT]


def card(date: str, amount: int, txn: str = "t", index: int = 0,
         card_id: str = "visa") -> CreditLine:
    return CreditLine(date, amount, txn, index, card_id)


def row(assigned: int = 0, activity: int = 0, available: int = 0, carryover: int = 0,
        cash: int = 0, credit: int = 0) -> CategoryMonth:
    return CategoryMonth(assigned, activity, available, carryover, cash, credit)


def one_month(facts: MonthFacts, specs: list[CategorySpec] = SPECS,
              opening: Opening | None = None):  # type: ignore[no-untyped-def]
    [result] = run_months(specs, opening or Opening(), [("2026-01", facts)])
    return result


# --- section 11, the worked example -----------------------------------------------------


def january(food_assigned: int) -> MonthFacts:
    """Steps 1-4: chk opens with 100000, food assigned, chk -8000 and visa -50000 on food."""
    return MonthFacts(assigned={"food": food_assigned}, cash_activity={"food": -8000},
                      credit_lines={"food": [card("2026-01-10", -50_000, "t4")]},
                      income=100_000)


def test_worked_example_step_4_card_spending_is_funded_up_to_what_food_holds() -> None:
    result = one_month(january(30_000))
    assert result.categories["food"] == row(30_000, -58_000, -28_000, 0, 0, 28_000)
    assert result.categories["pay-visa"] == row(0, 22_000, 22_000)
    assert (result.rta, result.income, result.assigned) == (70_000, 100_000, 30_000)
    assert (result.cash_overspent, result.credit_overspent) == (0, 28_000)


def test_worked_example_steps_5_to_7_assigning_later_funds_earlier_spending() -> None:
    february = MonthFacts(payment_transfers={"visa": 32_000})     # chk -> visa 32000
    jan, feb = run_months(SPECS, Opening(), [("2026-01", january(40_000)),
                                             ("2026-02", february)])
    assert jan.categories["food"] == row(40_000, -58_000, -18_000, 0, 0, 18_000)
    assert jan.categories["pay-visa"] == row(0, 32_000, 32_000)
    assert (jan.rta, jan.activity) == (60_000, -58_000)
    assert feb.categories["food"].is_zero()                           # R-M1 carryover 0
    assert feb.categories["pay-visa"] == row(0, -32_000, 0, 32_000)
    assert (feb.rta, feb.overspent_last_month) == (60_000, 0)
    # I-1: chk 100000 - 8000 - 32000 = 60000 = rta + sum(available) + credit overspent.
    assert feb.rta + sum(c.available for c in feb.categories.values()) + \
        feb.credit_overspent == 60_000


# --- R-CC2 / R-CC3: the funded walk with refunds ----------------------------------------


def test_r_cc3_refund_restores_unfunded_spending_before_moving_money() -> None:
    facts = MonthFacts(credit_lines={"food": [card("2026-01-01", -100, "a"),
                                              card("2026-01-02", 60, "b")]})
    result = one_month(facts)
    assert result.categories["food"] == row(0, -40, -40, 0, 0, 40)
    assert result.categories["pay-visa"].is_zero()


def test_r_cc3_refund_with_nothing_unfunded_makes_the_payment_category_negative() -> None:
    facts = MonthFacts(assigned={"food": 100},
                       credit_lines={"food": [card("2026-01-03", 60, "refund")]})
    jan, feb = run_months(SPECS, Opening(), [("2026-01", facts), ("2026-02", MonthFacts())])
    assert jan.categories["food"] == row(100, 60, 160)
    assert jan.categories["pay-visa"] == row(0, -60, -60, 0, 60)     # R-CC3 cash overspending
    assert (jan.cash_overspent, jan.rta) == (60, -100)
    assert (feb.overspent_last_month, feb.rta) == (60, -160)         # R-M2
    assert feb.categories["pay-visa"].is_zero()


def test_r_cc3_refund_after_partly_funded_purchase_moves_back_only_the_funded_rest() -> None:
    facts = MonthFacts(assigned={"food": 50},
                       credit_lines={"food": [card("2026-01-01", -100, "a"),
                                              card("2026-01-02", 80, "b")]})
    result = one_month(facts)
    assert result.categories["food"] == row(50, -20, 30)
    assert result.categories["pay-visa"] == row(0, 20, 20)


def test_r_cc2_on_one_day_the_most_negative_line_walks_first() -> None:
    # The refund sorts first by id, but on one day the purchase walks first.
    lines = [card("2026-01-05", 80, "a"), card("2026-01-05", -100, "b")]
    result = one_month(MonthFacts(assigned={"food": 50}, credit_lines={"food": lines}))
    assert result.categories["pay-visa"] == row(0, 20, 20)
    assert sorted(lines) == [lines[1], lines[0]]


def test_r_cc2_funding_order_is_date_amount_id_then_line_index() -> None:
    lines = [card("2026-01-02", -5, "a", 0), card("2026-01-01", -5, "z", 1),
             card("2026-01-01", -5, "z", 0), card("2026-01-01", -5, "b", 3)]
    assert sorted(lines) == [lines[3], lines[2], lines[1], lines[0]]


def test_r_cc2_funded_part_goes_to_the_card_it_was_spent_on() -> None:
    specs = [FOOD, VISA_PAYMENT, AMEX_PAYMENT]
    lines = [card("2026-01-01", -70, "a", card_id="visa"),
             card("2026-01-02", -70, "b", card_id="amex")]
    result = one_month(MonthFacts(assigned={"food": 100}, credit_lines={"food": lines}), specs)
    assert result.categories["pay-visa"].available == 70
    assert result.categories["pay-amex"].available == 30
    assert result.categories["food"] == row(100, -140, -40, 0, 0, 40)


# --- R-M1 / R-M2: cash against credit overspending ---------------------------------------


def test_r_m2_overspending_splits_into_cash_and_credit_parts() -> None:
    facts = MonthFacts(cash_activity={"food": -30},
                       credit_lines={"food": [card("2026-01-04", -50)]}, income=1000)
    jan, feb = run_months(SPECS, Opening(), [("2026-01", facts), ("2026-02", MonthFacts())])
    assert jan.categories["food"] == row(0, -80, -80, 0, 30, 50)
    assert (jan.rta, jan.cash_overspent, jan.credit_overspent) == (1000, 30, 50)
    assert feb.rta == 970                                   # only the cash part leaves RTA
    assert feb.categories["food"].is_zero()                 # negative available not carried


def test_r_cc2_cash_activity_is_taken_out_before_the_credit_walk() -> None:
    facts = MonthFacts(assigned={"food": 100}, cash_activity={"food": -20},
                       credit_lines={"food": [card("2026-01-01", -150)]})
    result = one_month(facts)
    assert result.categories["food"] == row(100, -170, -70, 0, 0, 70)
    assert result.categories["pay-visa"].available == 80


def test_r_m1_negative_assigned_is_overspending_and_positive_available_carries() -> None:
    opening = Opening(available={"food": 40, "rent": -10, "pay-visa": 5}, rta=200)
    facts = MonthFacts(assigned={"rent": -15, "pay-visa": -10})
    result = one_month(facts, opening=opening)
    assert result.categories["food"] == row(0, 0, 40, 40)
    assert result.categories["rent"] == row(-15, 0, -15, 0, 15)
    assert result.categories["pay-visa"] == row(-10, 0, -5, 5, 5)    # R-CC5
    assert (result.rta, result.assigned, result.cash_overspent) == (225, -25, 20)


def test_r_cc4_card_payment_and_cash_advance_change_the_payment_category() -> None:
    opening = Opening(available={"pay-visa": 100})
    paid = one_month(MonthFacts(payment_transfers={"visa": 130}), opening=opening)
    assert paid.categories["pay-visa"] == row(0, -130, -30, 100, 30)  # R-CC5
    advance = one_month(MonthFacts(payment_transfers={"visa": -40}), opening=opening)
    assert advance.categories["pay-visa"] == row(0, 40, 140, 100)


def test_r_r1_income_and_month_totals_follow_section_7() -> None:
    opening = Opening(rta=500, cash_overspent_total=70)
    facts = MonthFacts(assigned={"food": 100, "rent": 300, "pay-visa": 50}, income=-20,
                       cash_activity={"rent": -300})
    result = one_month(facts, opening=opening)
    assert result.rta == 500 - 70 - 20 - 450
    assert (result.income, result.assigned, result.activity) == (-20, 450, -300)
    assert result.overspent_last_month == 70
    assert list(result.categories) == ["food", "rent", "pay-visa"]


def test_r_b3_a_month_number_outside_int64_is_refused() -> None:
    with pytest.raises(AmountOutOfRange, match="2026-01"):
        one_month(MonthFacts(income=INT64_MAX), opening=Opening(rta=1))
    with pytest.raises(AmountOutOfRange):
        one_month(MonthFacts(assigned={"food": INT64_MAX}),
                  opening=Opening(available={"food": 1}))


# --- R-R2 assigned in future ------------------------------------------------------------


@pytest.mark.parametrize(("rtas", "totals", "expected"), [
    ([100, 50, -5, 30], [10, 40, 20, 5], [65, 25, 0, 0]),
    ([100, 0], [0, -20], [0, 0]),
    ([10, 10, 10], [0, 30, 0], [10, 0, 0]),
    ([], [], []),
])
def test_r_r2_assigned_in_future(rtas: list[int], totals: list[int],
                                 expected: list[int]) -> None:
    assert assigned_in_future(rtas, totals) == expected


# --- R-N1 net worth --------------------------------------------------------------------


def test_r_n1_net_worth_by_month_splits_balances_by_sign() -> None:
    changes = {"chk": {"2026-01": 100, "2026-03": -30}, "visa": {"2026-02": -200},
               "house": {"2025-12": 500}, "amex": {"2026-04": 15}}
    months = ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert net_worth_by_month(changes, months) == [
        NetWorth("2026-01", 600, 0, 600),
        NetWorth("2026-02", 600, -200, 400),
        NetWorth("2026-03", 570, -200, 370),
        NetWorth("2026-04", 585, -200, 385),       # a card in credit is an asset
    ]


def test_r_n1_no_accounts_is_zero_net_worth() -> None:
    assert net_worth_by_month({}, ["2026-01"]) == [NetWorth("2026-01", 0, 0, 0)]
