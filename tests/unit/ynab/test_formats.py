"""YNAB's amounts, dates and months read exactly, whatever the budget's formats."""

import pytest

from dojo.ynab.formats import FormatProblem, parse_amount, parse_month
from dojo.ynab.read import YnabFormatError, read_exports

HEADER = ('"Account","Flag","Date","Payee","Category Group/Category","Category Group",'
          '"Category","Memo","Outflow","Inflow","Cleared"\n')
PLAN = ('"Month","Category Group/Category","Category Group","Category","Assigned","Activity",'
        '"Available"\n"Jan 2026","Bills: Rent","Bills","Rent","{a}","{a}","{a}"\n')


def register(*rows: tuple[str, str, str]) -> str:
    """Rows of (date, outflow, inflow) on Checking, categorized to Rent."""
    return HEADER + "".join(f'"Checking","","{d}","Landlord","Bills: Rent","Bills","Rent","",'
                            f'"{o}","{i}","Cleared"\n' for d, o, i in rows)


@pytest.mark.parametrize(("text", "exponent", "minor"), [
    ("$1,234.56", 2, 123456), ("-$5.00", 2, -500), ("$-5.00", 2, -500),
    ("1.234,56€", 2, 123456), ("€1.234,56", 2, 123456), ("(5.00)", 2, -500),
    ("¥1,234", 0, 1234), ("1,23,456.78 ₹", 2, 12345678), ("12 345,67 kr", 2, 1234567),
    ("CHF 1'234.50", 2, 123450), ("\u22125.00", 2, -500), ("1.234", 3, 1234),
    ("0.5", 2, 50), ("", 2, 0), ("$0.00", 2, 0),
])
def test_amounts_read_exactly_as_minor_units(text: str, exponent: int, minor: int) -> None:
    assert parse_amount(text, exponent) == minor


@pytest.mark.parametrize(("text", "exponent"), [
    ("1.5", 0), (".50", 2), ("5.", 2), ("1,2,3", 2), ("--5", 2), ("1.234.5", 2),
    ("1,234.5678", 2), ("9" * 30, 2), ("abc", 2), ("1.000,000.00", 2), ("5 $ 5", 2),
])
def test_amounts_that_are_ambiguous_or_malformed_are_refused(text: str, exponent: int) -> None:
    with pytest.raises(FormatProblem):
        parse_amount(text, exponent)


@pytest.mark.parametrize(("text", "month"), [("Jan 2026", "2026-01"), ("September 2025",
                                             "2025-09"), ("2026-12", "2026-12"),
                                             ("03/2026", "2026-03"), ("Sept 2025", "2025-09")])
def test_plan_months_read_as_iso_months(text: str, month: str) -> None:
    assert parse_month(text) == month


def test_the_date_format_is_the_first_that_reads_every_date() -> None:
    us = read_exports(register(("01/31/2026", "$5.00", "$0.00")), PLAN.format(a="$0.00"))
    european = read_exports(register(("31/01/2026", "5,00 €", "0,00 €"),
                                     ("05/01/2026", "5,00 €", "0,00 €")), PLAN.format(a="0,00 €"))
    assert [r.date for r in us.register] == ["2026-01-31"]
    assert [r.date for r in european.register] == ["2026-01-31", "2026-01-05"]
    assert (us.currency, european.currency) == ("USD", "EUR")
    assert european.register[0].amount == -500


def test_an_explicit_date_format_wins() -> None:
    found = read_exports(register(("05/01/2026", "$5.00", "")), PLAN.format(a="$0.00"),
                         date_format="DD/MM/YYYY")
    assert found.register[0].date == "2026-01-05"
    with pytest.raises(YnabFormatError, match=r"line 2: '02/30/2026' is not a real day"):
        read_exports(register(("02/30/2026", "$5.00", "")), PLAN.format(a="$0.00"),
                     date_format="MM/DD/YYYY")
    with pytest.raises(YnabFormatError, match=r"^--date-format: date format 'DD/YYYY'"):
        read_exports(register(("05/01/2026", "$5.00", "")), PLAN.format(a="$0.00"),
                     date_format="DD/YYYY")


def test_a_symbol_that_does_not_tell_the_currency_asks_for_it() -> None:
    text = register(("01/31/2026", "5,00 kr", ""))
    with pytest.raises(YnabFormatError, match=r"Register\.csv line 2: .*give it \(--currency\)"):
        read_exports(text, PLAN.format(a="0,00 kr"))
    assert read_exports(text, PLAN.format(a="0,00 kr"), currency="SEK").currency == "SEK"


def test_two_currencies_in_one_export_are_refused() -> None:
    with pytest.raises(YnabFormatError, match=r"Plan\.csv line 2: currency '€' differs"):
        read_exports(register(("01/31/2026", "$5.00", "")), PLAN.format(a="€0.00"))


def test_amounts_without_a_symbol_are_dollars_unless_told() -> None:
    assert read_exports(register(("01/31/2026", "5.00", "")), PLAN.format(a="0")).currency \
        == "USD"


def test_ynab4_headers_are_read_too() -> None:
    old_register = ('"Account","Flag","Check Number","Date","Payee","Category",'
                    '"Master Category","Sub Category","Memo","Outflow","Inflow","Cleared",'
                    '"Running Balance"\n"Checking","","","01/31/2026","Landlord",'
                    '"Bills: Rent","Bills","Rent","",$5.00,$0.00,"R",$-5.00\n')
    old_plan = ('"Month","Category","Master Category","Sub Category","Budgeted","Outflows",'
                '"Category Balance"\n"Jan 2026","Bills: Rent","Bills","Rent",$9.00,-$5.00,'
                '$4.00\n')
    with pytest.raises(YnabFormatError, match="line 2: cleared is 'R'"):
        read_exports(old_register, old_plan)
    found = read_exports(old_register.replace('"R"', '"Reconciled"'), old_plan)
    assert (found.register[0].group, found.register[0].category) == ("Bills", "Rent")
    assert (found.plan[0].assigned, found.plan[0].activity, found.plan[0].available) == (
        900, -500, 400)


def test_a_missing_column_is_named_at_the_header() -> None:
    with pytest.raises(YnabFormatError, match=r"Register\.csv line 1: no column 'Outflow'"):
        read_exports(HEADER.replace('"Outflow",', ""), PLAN.format(a="$0.00"))
