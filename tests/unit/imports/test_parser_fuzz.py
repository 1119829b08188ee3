"""Fuzzing the bank file parsers (issues 7 and 8): whatever the bytes, a parser answers with
rows or with a MalformedFile naming a line of the file, never another exception."""

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dojo.domain.money import in_int64
from dojo.imports.csv_mapping import CsvMapping
from dojo.imports.formats import FORMATS, parse_file
from dojo.imports.rows import MalformedFile
from tests.import_files import EXPECTED, MAPPINGS, read

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
SAMPLES = [read(name) for name in sorted(EXPECTED)]
MAPPING_CHOICES = [*MAPPINGS.values(), CsvMapping(date="Date", amount="Amount"),
                   CsvMapping(date="a", inflow="b", outflow="c", delimiter=";",
                              date_format="DD.MM.YY", decimal_separator=",")]


def check(data: bytes, file_format: str, mapping: CsvMapping | None,
          exponent: int = 2) -> None:
    """The property: rows that make sense, or an error on a line the file has."""
    try:
        rows = parse_file(data, file_format, exponent, "USD", csv=mapping)  # type: ignore[arg-type]
    except MalformedFile as exc:
        last = data.count(b"\n") + data.count(b"\r") + 1
        assert 1 <= exc.line <= last, (exc.line, last)
        assert exc.detail.startswith(f"line {exc.line}: ")
        return
    for row in rows:
        assert row.line >= 1
        assert in_int64(row.amount) and isinstance(row.amount, int)
        assert dt.date.fromisoformat(row.date).isoformat() == row.date
        assert row.payee is None or len(row.payee) <= 500


@FUZZ
@given(data=st.binary(max_size=2_000), file_format=st.sampled_from(FORMATS),
       mapping=st.sampled_from(MAPPING_CHOICES))
@example(data=b"\x00", file_format="csv", mapping=MAPPING_CHOICES[0])
@example(data=b"<OFX>\n</OFX>\n</OFX>", file_format="ofx", mapping=MAPPING_CHOICES[0])
@example(data=b"OFXHEADER:100\n\xff\xfe", file_format="ofx", mapping=MAPPING_CHOICES[0])
def test_arbitrary_bytes_give_rows_or_a_line_error(data: bytes, file_format: str,
                                                   mapping: CsvMapping) -> None:
    check(data, file_format, mapping)


@st.composite
def mutated_samples(draw: st.DrawFn) -> bytes:
    """A sample file with a few bytes replaced, inserted or cut: close enough to a real file
    to reach the parsers' inner paths."""
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "cut"]))
        chunk = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
            [b"<", b">", b"</STMTTRN>", b"^", b";", b",", b'"', b"\r\n", b"-", b"99999999999"]))
        if action == "cut":
            del data[at:at + len(chunk)]
        elif action == "insert":
            data[at:at] = chunk
        else:
            data[at:at + len(chunk)] = chunk
    return bytes(data)


@FUZZ
@given(data=mutated_samples(), file_format=st.sampled_from(FORMATS),
       mapping=st.sampled_from(MAPPING_CHOICES), exponent=st.sampled_from([0, 2, 3]))
def test_damaged_sample_files_give_rows_or_a_line_error(data: bytes, file_format: str,
                                                        mapping: CsvMapping,
                                                        exponent: int) -> None:
    check(data, file_format, mapping, exponent)


CELLS = st.one_of(
    st.sampled_from(["2026-02-01", "01/02/2026", "1.234,56", "-1,234.56", "(5.00)", "", "x",
                     "Pending", "31/02/2026", "1e5", '"quoted, cell"']),
    st.text(max_size=12))


@FUZZ
@given(header=st.lists(st.sampled_from(["Date", "Amount", "Payee", "a", "b", "c"]),
                       min_size=1, max_size=5),
       body=st.lists(st.lists(CELLS, max_size=6), max_size=8),
       delimiter=st.sampled_from([",", ";"]), newline=st.sampled_from(["\n", "\r\n", "\r"]),
       mapping=st.sampled_from(MAPPING_CHOICES))
def test_csv_made_of_bank_like_cells_gives_rows_or_a_line_error(
        header: list[str], body: list[list[str]], delimiter: str, newline: str,
        mapping: CsvMapping) -> None:
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in body]
    check(newline.join(lines).encode("utf-8", errors="replace"), "csv", mapping)
