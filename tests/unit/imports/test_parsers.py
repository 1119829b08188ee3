"""Every sample file parses to the expected rows; malformed files name their line."""

import codecs

import pytest

from dojo.imports.csv_mapping import CsvMapping, parse_csv
from dojo.imports.formats import detect, parse_file
from dojo.imports.import_ids import with_import_ids
from dojo.imports.ofx import parse_ofx
from dojo.imports.qif import parse_qif
from dojo.imports.rows import MalformedFile
from tests.import_files import EXPECTED, MALFORMED, MAPPINGS, REJECTED, read


def rows_of(name: str, currency: str = "USD", exponent: int = 2):
    data = read(name)
    return with_import_ids(parse_file(data, detect(data), exponent, currency,
                                      csv=MAPPINGS.get(name)), exponent)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_file_parses_to_its_transactions(name: str) -> None:
    rows = [r for r in rows_of(name) if not r.pending]
    assert [(r.date, r.amount, r.payee, r.memo, r.import_id) for r in rows] == EXPECTED[name]


def test_the_pending_row_of_a_csv_is_flagged_with_its_line() -> None:
    pending = [(r.line, r.pending) for r in rows_of("bank_eu.csv") if r.pending]
    assert pending == [(line, True) for line, _ in REJECTED["bank_eu.csv"]]


@pytest.mark.parametrize(("name", "line"), sorted(MALFORMED.items()))
def test_a_malformed_file_names_the_line_of_its_problem(name: str, line: int) -> None:
    with pytest.raises(MalformedFile) as caught:
        rows_of(name)
    assert caught.value.line == line
    assert caught.value.detail.startswith(f"line {line}: ")
    assert caught.value.status == 422 and caught.value.field == "content"


@pytest.mark.parametrize(("name", "wanted"), [
    ("checking_v1.ofx", "ofx"), ("savings_v2.ofx", "ofx"), ("card.qfx", "qfx"),
    ("bank_us.qif", "qif"), ("card_dmy.qif", "qif"), ("bank_eu.csv", "csv")])
def test_the_format_is_detected_from_the_first_bytes(name: str, wanted: str) -> None:
    assert detect(read(name)) == wanted


def test_rows_carry_the_line_of_their_transaction() -> None:
    assert [r.line for r in parse_ofx(read("checking_v1.ofx"), 2, "USD")] == [39, 47, 54]
    assert [r.line for r in parse_qif(read("bank_us.qif"), 2)] == [2, 9, 13, 19]


def test_an_ofx_statement_in_another_currency_is_refused() -> None:
    with pytest.raises(MalformedFile, match="line 30: the statement is in USD, the budget in EUR"):
        parse_ofx(read("checking_v1.ofx"), 2, "EUR")


def test_an_ofx_file_with_two_statements_is_refused_at_the_second() -> None:
    text = read("savings_v2.ofx").decode("utf-8-sig")
    start, end = text.index("<STMTTRNRS>"), text.index("</STMTTRNRS>") + len("</STMTTRNRS>")
    doubled = text[:end] + "\n" + text[start:end] + text[end:]
    with pytest.raises(MalformedFile, match="holds 2 statements") as caught:
        parse_ofx(doubled.encode(), 2, "USD")
    assert caught.value.line == doubled[:doubled.index("<STMTRS>", text.index("<STMTRS>") + 1)
                                        ].count("\n") + 1


@pytest.mark.parametrize(("data", "line", "message"), [
    (b"OFXHEADER:100\r\nDATA:OFXSGML\r\nbroken\r\n<OFX></OFX>", 1, "OFX header is not valid"),
    (b"OFXHEADER:100\nnothing else", 1, "no <OFX> element"),
    (b"<OFX>\n<SIGNONMSGSRSV1>\n</OFX>", 3, "markup is broken: </OFX> closes <SIGNONMSGSRSV1>"),
    (b"<OFX>\n<BANKMSGSRSV1>\n", 2, "<BANKMSGSRSV1> is never closed"),
    (b"<OFX>\n</OFX>", 1, "no bank or credit card statement"),
])
def test_broken_ofx_gives_a_clean_error(data: bytes, line: int, message: str) -> None:
    with pytest.raises(MalformedFile, match=message) as caught:
        parse_ofx(data, 2, "USD")
    assert caught.value.line == line


def test_an_ofx_file_without_a_header_is_read_as_utf8_sgml() -> None:
    body = read("card.qfx").decode("latin-1")
    rows = parse_ofx(body[body.index("<OFX>"):].encode(), 2, "USD")
    assert [r.amount for r in rows] == [-6340, 20000]


def test_qif_dates_mixing_day_first_and_month_first_are_refused() -> None:
    data = b"!Type:Bank\nD13/01/2026\nT-1.00\n^\nD01/13/2026\nT-2.00\n^\n"
    with pytest.raises(MalformedFile, match=r"line 5: .*mix day-first and month-first"):
        parse_qif(data, 2)


def test_qif_date_order_and_decimal_comma_can_be_given() -> None:
    data = b"!Type:Bank\nD02/03/2026\nT-1.234,50\n^\n"
    (row,) = parse_qif(data, 2, "dmy", ",")
    assert (row.date, row.amount) == ("2026-03-02", -123450)
    (row,) = parse_qif(data.replace(b"-1.234,50", b"-1,234.50"), 2)
    assert (row.date, row.amount) == ("2026-02-03", -123450)


def test_qif_lists_and_investment_accounts() -> None:
    lists = b"!Type:Cat\nNFood\n^\n!Type:Bank\nD2026-02-01\nT5\n^\n"
    assert [(r.date, r.amount) for r in parse_qif(lists, 2)] == [("2026-02-01", 500)]
    with pytest.raises(MalformedFile, match="line 1: investment accounts"):
        parse_qif(b"!Type:Invst\nD1/1/26\n^\n", 2)
    with pytest.raises(MalformedFile, match="line 1: a QIF file starts with"):
        parse_qif(b"D1/1/26\nT1\n^\n", 2)
    with pytest.raises(MalformedFile, match="line 2: the transaction has no date"):
        parse_qif(b"!Type:Bank\nT1\n^\n", 2)


def test_csv_names_a_missing_column_on_the_header_line() -> None:
    mapping = CsvMapping(date="When", amount="Amount")
    with pytest.raises(MalformedFile, match="line 1: no column named 'When'"):
        parse_csv(b"Date,Amount\n2026-02-01,1\n", 2, mapping)


def test_csv_short_rows_and_empty_files_name_their_line() -> None:
    mapping = CsvMapping(date="Date", amount="Amount")
    with pytest.raises(MalformedFile, match="line 3: 1 cells"):
        parse_csv(b"Date,Amount\n2026-02-01,1\n2026-02-02\n", 2, mapping)
    with pytest.raises(MalformedFile, match="no header row"):
        parse_csv(b"\n\n", 2, mapping)


def test_csv_in_utf16_and_windows_1252_is_read() -> None:
    mapping = CsvMapping(date="Date", payee="Payee", amount="Amount")
    text = "Date,Payee,Amount\r\n2026-02-01,Café,-3.50\r\n"
    for data in (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), text.encode("cp1252")):
        (row,) = parse_csv(data, 2, mapping)
        assert (row.payee, row.amount, row.line) == ("Café", -350, 2)


def test_long_payees_are_cut_to_what_a_transaction_keeps() -> None:
    mapping = CsvMapping(date="Date", payee="Payee", amount="Amount")
    (row,) = parse_csv(b"Date,Payee,Amount\n2026-02-01," + b"x" * 600 + b",1\n", 2, mapping)
    assert row.payee == "x" * 500


def test_a_large_ofx_file_keeps_every_rows_line() -> None:
    rows = "".join(f"<STMTTRN><DTPOSTED>20260201<TRNAMT>-{i}.00<FITID>F{i}</STMTTRN>\n"
                   for i in range(1, 3001))
    data = ("<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>\n" + rows +
            "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>").encode()
    parsed = parse_ofx(data, 2, "USD")
    assert [(r.line, r.amount) for r in parsed[::1000]] == [(2, -100), (1002, -100100),
                                                            (2002, -200100)]
    assert parsed[-1].line == 3001


def test_an_unclosed_cdata_section_is_refused_on_its_line() -> None:
    data = b"<OFX>\n<BANKMSGSRSV1><NAME><![CDATA[" + b"<A><![CDATA[x" * 1000 + b"\n</OFX>"
    with pytest.raises(MalformedFile, match="line 2: a CDATA section is not closed"):
        parse_ofx(data, 2, "USD")
