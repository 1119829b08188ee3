"""CSV files read through a column mapping: which header names the date, payee, memo and
amount (or inflow and outflow), how dates and numbers are written, which sign is money in."""

import csv
import io
import re
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from dojo.domain.errors import Invalid
from dojo.imports.amounts import AmountError, parse_amount
from dojo.imports.dates import DateError, compile_format, parse_date
from dojo.imports.rows import MalformedFile, ParsedRow, clean_text, decode

Column = Annotated[str, Meta(min_length=1, max_length=200)]
DateFormat = Annotated[str, Meta(pattern=r"^(YYYY|YY|MM|DD|M|D|[-/. ])+$", max_length=20,
                                 examples=["DD/MM/YYYY"])]


class CsvMapping(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """How to read one bank's CSV; columns are named by their header (case ignored)."""

    date: Column
    payee: Column | None = None
    memo: Column | None = None
    amount: Column | None = None
    inflow: Column | None = None
    outflow: Column | None = None
    # A row whose cell in this column says "pending" is pending.
    status: Column | None = None
    date_format: DateFormat = "YYYY-MM-DD"
    decimal_separator: Literal[".", ","] = "."
    thousands_separator: Literal["", ",", ".", " ", "'"] = ""
    sign: Literal["inflow_positive", "outflow_positive"] = "inflow_positive"
    delimiter: Literal[",", ";", "\t", "|"] = ","
    skip_lines: Annotated[int, Meta(ge=0, le=100)] = 0


def check_mapping(mapping: CsvMapping) -> None:
    """Refuse a mapping that cannot work, whatever the file (422 naming the field)."""
    if (mapping.amount is None) == (mapping.inflow is None and mapping.outflow is None):
        raise Invalid("name either an amount column or inflow and outflow columns",
                      "csv.amount")
    if mapping.thousands_separator == mapping.decimal_separator:
        raise Invalid("the thousands and decimal separators must differ",
                      "csv.thousands_separator")
    try:
        compile_format(mapping.date_format)
    except DateError as exc:
        raise Invalid(str(exc), "csv.date_format") from exc


def _columns(header: list[str], mapping: CsvMapping, line: int) -> dict[str, int]:
    names = [cell.strip().casefold() for cell in header]
    found = {}
    for role in ("date", "payee", "memo", "amount", "inflow", "outflow", "status"):
        wanted = getattr(mapping, role)
        if wanted is None:
            continue
        if wanted.strip().casefold() not in names:
            shown = ", ".join(repr(c.strip()) for c in header[:30])
            raise MalformedFile(line, f"no column named {wanted!r}; the header has {shown}")
        found[role] = names.index(wanted.strip().casefold())
    return found


def _amount(cells: dict[str, str], mapping: CsvMapping, exponent: int) -> int:
    def number(text: str) -> int:
        return parse_amount(text, exponent, mapping.decimal_separator,
                            mapping.thousands_separator)

    if mapping.amount is not None:
        value = number(cells["amount"])
        return -value if mapping.sign == "outflow_positive" else value
    inflow, outflow = cells.get("inflow", "").strip(), cells.get("outflow", "").strip()
    if not inflow and not outflow:
        raise AmountError("both the inflow and the outflow are empty")
    # Banks write an outflow as 12.00 or as -12.00 in its own column: both leave the account.
    return abs(number(inflow) if inflow else 0) - abs(number(outflow) if outflow else 0)


def _row(cells: dict[str, str], mapping: CsvMapping, exponent: int, line: int,
         date_regex: re.Pattern[str]) -> ParsedRow:
    try:
        date = parse_date(date_regex, cells["date"])
    except DateError as exc:
        raise MalformedFile(line, f"column {mapping.date!r}: {exc}") from exc
    try:
        amount = _amount(cells, mapping, exponent)
    except AmountError as exc:
        raise MalformedFile(line, f"amount: {exc}") from exc
    return ParsedRow(line=line, date=date, amount=amount, payee=clean_text(cells.get("payee")),
                     memo=clean_text(cells.get("memo")), fitid=None,
                     pending=cells.get("status", "").strip().casefold() == "pending")


def parse_csv(data: bytes, exponent: int, mapping: CsvMapping) -> list[ParsedRow]:
    """The rows of a CSV file, or a MalformedFile naming the line."""
    check_mapping(mapping)
    date_regex = compile_format(mapping.date_format)
    reader = csv.reader(io.StringIO(decode(data), newline=""), delimiter=mapping.delimiter)
    columns: dict[str, int] | None = None
    rows: list[ParsedRow] = []
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if start <= mapping.skip_lines or not any(cell.strip() for cell in record):
                continue
            if columns is None:
                columns = _columns(record, mapping, start)
                continue
            if len(record) <= max(columns.values()):
                raise MalformedFile(start, f"{len(record)} cells, fewer than the mapping needs")
            cells = {role: record[index] for role, index in columns.items()}
            rows.append(_row(cells, mapping, exponent, start, date_regex))
    except csv.Error as exc:
        raise MalformedFile(line, f"not valid CSV ({exc})") from exc
    if columns is None:
        raise MalformedFile(max(reader.line_num, 1), "the file has no header row")
    return rows
