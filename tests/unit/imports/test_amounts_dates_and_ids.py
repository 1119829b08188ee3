"""Amounts to minor units without floats, date formats, import ids, CSV mappings."""

import pytest

from dojo.domain.errors import Invalid
from dojo.imports.amounts import AmountError, parse_amount
from dojo.imports.csv_mapping import CsvMapping, check_mapping
from dojo.imports.dates import DateError, compile_format, parse_date
from dojo.imports.import_ids import generated_id, with_import_ids
from dojo.imports.rows import ParsedRow


@pytest.mark.parametrize(("text", "exponent", "decimal", "thousands", "minor"), [
    ("1.234,56", 2, ",", ".", 123456),
    ("-1,234.56", 2, ".", ",", -123456),
    ("1 234,5", 2, ",", " ", 123450),
    ("1'234.05", 2, ".", "'", 123405),
    ("(12.30)", 2, ".", "", -1230),
    ("12.30-", 2, ".", "", -1230),
    ("+7", 2, ".", "", 700),
    (".5", 2, ".", "", 50),
    ("$ 1,000.00", 2, ".", ",", 100000),
    ("1000.00", 0, ".", "", 1000),
    ("1.234", 3, ".", "", 1234),
    ("0.10000", 2, ".", "", 10),
    ("92233720368547758.07", 2, ".", "", 2**63 - 1),
])
def test_amounts_become_exact_minor_units(text: str, exponent: int, decimal: str,
                                          thousands: str, minor: int) -> None:
    assert parse_amount(text, exponent, decimal, thousands) == minor


@pytest.mark.parametrize(("text", "exponent", "decimal", "message"), [
    ("1.005", 2, ".", "more decimals than the currency's 2"),
    ("10.5", 0, ".", "more decimals than the currency's 0"),
    ("1,5", 2, ".", "not an amount"),
    ("1.234,5", 2, ",", "not an amount with ','"),
    ("", 2, ".", "empty"),
    ("-", 2, ".", "not an amount"),
    ("1e3", 2, ".", "not an amount"),
    ("٣", 2, ".", "not an amount"),
    ("92233720368547758.08", 2, ".", "out of range"),
    ("9" * 5000, 2, ".", "out of range"),
])
def test_what_is_not_an_exact_amount_is_refused(text: str, exponent: int, decimal: str,
                                                message: str) -> None:
    with pytest.raises(AmountError, match=message):
        parse_amount(text, exponent, decimal)


@pytest.mark.parametrize(("pattern", "text", "day"), [
    ("DD/MM/YYYY", "03/02/2026", "2026-02-03"),
    ("DD/MM/YYYY", "3/2/2026", "2026-02-03"),
    ("MM/DD/YYYY", "02/03/2026", "2026-02-03"),
    ("DD.MM.YY", "03.02.26", "2026-02-03"),
    ("YYYY-MM-DD", "2026-02-03T10:00:00", "2026-02-03"),
    ("YYYYMMDD", "20260203", "2026-02-03"),
    ("MM/DD/YY", "12/31/69", "1969-12-31"),
])
def test_date_formats_read_the_day(pattern: str, text: str, day: str) -> None:
    assert parse_date(compile_format(pattern), text) == day


def test_dates_that_do_not_fit_or_do_not_exist_are_refused() -> None:
    with pytest.raises(DateError, match="does not fit"):
        parse_date(compile_format("DD/MM/YYYY"), "2026-02-03")
    with pytest.raises(DateError, match="not a real day"):
        parse_date(compile_format("DD/MM/YYYY"), "30/02/2026")
    with pytest.raises(DateError, match="needs one each"):
        compile_format("MM/YYYY")


def test_import_ids_are_fitids_or_ynab_style_with_occurrences() -> None:
    rows = [ParsedRow(1, "2026-02-01", -500, None, None, None),
            ParsedRow(2, "2026-02-01", -500, None, None, "FIT-1"),
            ParsedRow(3, "2026-02-01", -500, None, None, None, pending=True),
            ParsedRow(4, "2026-02-01", -500, None, None, None),
            ParsedRow(5, "2026-02-02", -500, None, None, None)]
    assert [r.import_id for r in with_import_ids(rows, 2)] == [
        "YNAB:-5000:2026-02-01:1", "FIT-1", "pending:3", "YNAB:-5000:2026-02-01:2",
        "YNAB:-5000:2026-02-02:1"]


@pytest.mark.parametrize(("exponent", "wanted"), [
    (0, "YNAB:-1234000:2026-02-01:1"), (2, "YNAB:-12340:2026-02-01:1"),
    (3, "YNAB:-1234:2026-02-01:1"), (4, "-1234:2026-02-01:1")])
def test_generated_ids_are_in_milliunits_where_the_currency_allows(exponent: int,
                                                                   wanted: str) -> None:
    assert generated_id(-1234, "2026-02-01", 1, exponent) == wanted


@pytest.mark.parametrize(("mapping", "field"), [
    (CsvMapping(date="D"), "csv.amount"),
    (CsvMapping(date="D", amount="A", inflow="I"), "csv.amount"),
    (CsvMapping(date="D", amount="A", decimal_separator=",", thousands_separator=","),
     "csv.thousands_separator"),
    (CsvMapping(date="D", amount="A", date_format="DD/MM"), "csv.date_format"),
])
def test_a_mapping_that_cannot_work_is_refused_naming_the_field(mapping: CsvMapping,
                                                                field: str) -> None:
    with pytest.raises(Invalid) as caught:
        check_mapping(mapping)
    assert caught.value.field == field
