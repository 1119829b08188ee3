"""How YNAB's rows become Dojo commands: account types, splits, transfers, names."""

import datetime as dt

import pytest

from dojo.domain import commands as cmd
from dojo.ynab.importer import checked_commands
from dojo.ynab.plan import build_plan
from dojo.ynab.read import YnabFormatError, read_exports

B = "00000000-0000-4000-a000-000000000001"
TODAY = dt.date(2026, 2, 20)
HEADER = ('"Account","Flag","Date","Payee","Category Group/Category","Category Group",'
          '"Category","Memo","Outflow","Inflow","Cleared"\n')
PLAN_HEADER = ('"Month","Category Group/Category","Category Group","Category","Assigned",'
               '"Activity","Available"\n')


def row(account: str, date: str, payee: str, category: str, memo: str, amount: int,
        cleared: str = "Cleared") -> str:
    group, _, name = category.partition(": ")
    out, into = (f"${-amount / 100:.2f}", "$0.00") if amount < 0 else ("$0.00",
                                                                       f"${amount / 100:.2f}")
    return (f'"{account}","","{date}","{payee}","{category}","{group}","{name}","{memo}",'
            f'{out},{into},"{cleared}"\n')


def plan_row(category: str, assigned: int = 0) -> str:
    group, _, name = category.partition(": ")
    return f'"Jan 2026","{category}","{group}","{name}",${assigned / 100:.2f},$0.00,$0.00\n'


def commands(register: str, plan: str) -> list[cmd.Command]:
    exports = read_exports(HEADER + register, PLAN_HEADER + plan)
    return checked_commands(build_plan(exports, B, "Test"), TODAY)


def of(found: list[cmd.Command], kind: type) -> list:
    return [c for c in found if isinstance(c, kind)]


def test_an_account_with_only_uncategorized_rows_and_a_categorized_transfer_is_tracking() -> None:
    found = commands(
        row("Checking", "01/01/2026", "Starting Balance", "Inflow: Ready to Assign", "", 500000)
        + row("Home Mortgage", "01/01/2026", "Starting Balance", "", "", -20000000)
        + row("Checking", "01/05/2026", "Transfer : Home Mortgage", "Bills: Mortgage", "",
              -150000)
        + row("Home Mortgage", "01/05/2026", "Transfer : Checking", "", "", 150000),
        plan_row("Bills: Mortgage", 150000))
    types = {c.name: c.account_type for c in of(found, cmd.OpenAccount)}
    assert types == {"Checking": "checking", "Home Mortgage": "mortgage"}
    (transfer,) = of(found, cmd.RecordTransfer)
    mortgage = next(c for c in of(found, cmd.CreateCategory) if c.name == "Mortgage")
    assert (transfer.amount, transfer.category_id) == (150000, mortgage.category_id)


def test_a_split_line_that_is_a_transfer_becomes_a_transfer_beside_the_split() -> None:
    found = commands(
        row("Checking", "01/01/2026", "Starting Balance", "Inflow: Ready to Assign", "", 90000)
        + row("Savings", "01/01/2026", "Starting Balance", "Inflow: Ready to Assign", "", 0)
        + row("Checking", "01/07/2026", "Market", "Everyday: Food", "Split (1/3) veg", -2000)
        + row("Checking", "01/07/2026", "Transfer : Savings", "", "Split (2/3) save", -5000)
        + row("Checking", "01/07/2026", "Market", "Everyday: Soap", "Split (3/3) ", -700)
        + row("Savings", "01/07/2026", "Transfer : Checking", "", "save", 5000),
        plan_row("Everyday: Food") + plan_row("Everyday: Soap"))
    (split,) = [c for c in of(found, cmd.RecordTransaction) if c.payee == "Market"]
    assert (split.amount, [(ln.amount, ln.memo) for ln in split.lines]) == (
        -2700, [(-2000, "veg"), (-700, None)])
    (transfer,) = of(found, cmd.RecordTransfer)
    assert (transfer.amount, transfer.memo, transfer.category_id) == (5000, "save", None)


def test_a_split_missing_a_line_is_refused_at_its_first_line() -> None:
    with pytest.raises(YnabFormatError, match="line 2: a split whose lines are not all here"):
        commands(row("Checking", "01/07/2026", "Market", "Everyday: Food", "Split (1/2) a", -1)
                 + row("Checking", "01/08/2026", "Market", "Everyday: Food", "", -1),
                 plan_row("Everyday: Food"))


def test_one_category_name_in_two_groups_and_a_card_name_get_unique_dojo_names() -> None:
    found = commands(
        row("Visa", "01/01/2026", "Starting Balance", "Inflow: Ready to Assign", "", -1000)
        + row("Visa", "01/03/2026", "Shop", "Home: Misc", "", -1000),
        plan_row("Home: Misc") + plan_row("Car: Misc") + plan_row("Gifts: Visa")
        + plan_row("Credit Card Payments: Visa", 1000))
    names = [c.name for c in of(found, cmd.CreateCategory)]
    assert names == ["Misc", "Misc (Car)", "Visa (Gifts)"]
    (card,) = of(found, cmd.OpenAccount)
    (assign,) = of(found, cmd.Assign)
    assert card.account_type == "credit_card" and assign.assigned == 1000


def test_reconciled_rows_are_recorded_cleared_then_reconciled_through_the_last_one() -> None:
    found = commands(
        row("Checking", "01/01/2026", "Starting Balance", "Inflow: Ready to Assign", "", 10000,
            "Reconciled")
        + row("Checking", "01/04/2026", "Shop", "Home: Misc", "", -1000, "Reconciled")
        + row("Checking", "01/09/2026", "Shop", "Home: Misc", "", -500, "Uncleared"),
        plan_row("Home: Misc"))
    assert [c.cleared for c in of(found, cmd.RecordTransaction)] == ["cleared", "uncleared"]
    (reconcile,) = of(found, cmd.Reconcile)
    assert (reconcile.date, reconcile.statement_balance) == ("2026-01-04", 9000)
