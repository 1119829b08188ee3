"""QIF files (Quicken Interchange Format): `!Type:Bank` and its kin, records of `D` date,
`T` amount, `P` payee, `M` memo, each ended by `^`."""

import re
from dataclasses import dataclass, field
from typing import Literal

from dojo.imports.amounts import AmountError, parse_amount
from dojo.imports.dates import DateError, full_year, iso_day
from dojo.imports.rows import MalformedFile, ParsedRow, clean_text, decode, physical_lines

DateOrder = Literal["auto", "mdy", "dmy"]
_ACCOUNT_TYPES = {"bank", "cash", "ccard", "oth a", "oth l"}
# Quicken writes 1/ 2'05 for 2005 and 1/ 2/97 for 1997; others write 01/02/2005 or 2005-01-02.
_DATE = re.compile(r"([0-9]{1,4})[/.\-]([0-9]{1,2})('|/'|[/.\-])([0-9]{1,4})")


@dataclass
class _Record:
    line: int
    fields: dict[str, tuple[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Date:
    line: int
    text: str
    first: int
    second: int
    year: int
    iso_order: bool


def _split_date(line: int, text: str) -> _Date:
    match = _DATE.fullmatch(text.replace(" ", ""))
    if match is None:
        raise MalformedFile(line, f"{text.strip()!r} is not a QIF date")
    first, second, separator, year = match.groups()
    if len(first) == 4:
        return _Date(line, text, int(second), int(year), int(first), True)
    value = 2000 + int(year) if "'" in separator and len(year) <= 2 else full_year(year)
    return _Date(line, text, int(first), int(second), value, False)


def _order(dates: list[_Date], wanted: DateOrder) -> DateOrder:
    """Day first when some date's first part is above 12, month first when some second
    part is; US month-first when nothing tells."""
    if wanted != "auto":
        return wanted
    day_first = next((d for d in dates if not d.iso_order and d.first > 12), None)
    month_first = next((d for d in dates if not d.iso_order and d.second > 12), None)
    if day_first and month_first:
        raise MalformedFile(max(day_first.line, month_first.line),
                            f"dates {day_first.text.strip()!r} and {month_first.text.strip()!r} "
                            "mix day-first and month-first")
    return "dmy" if day_first else "mdy"


def _records(lines: list[str]) -> list[_Record]:
    section: str | None = None
    records: list[_Record] = []
    current: _Record | None = None
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        if text.startswith("!"):
            header = text[1:].strip().casefold()
            if header.startswith("type:"):
                kind = header[5:].strip()
                if kind == "invst":
                    raise MalformedFile(number, "investment accounts (!Type:Invst) cannot be "
                                                "imported")
                section = "bank" if kind in _ACCOUNT_TYPES else "skip"
            elif not header.startswith(("option", "clear")):
                section = "skip"  # !Account blocks and lists of categories or classes
            continue
        if section is None:
            raise MalformedFile(number, "a QIF file starts with a line such as !Type:Bank")
        if text == "^" or text.startswith("^"):
            if current is not None and section == "bank":
                records.append(current)
            current = None
        elif section == "bank":
            current = current or _Record(number)
            current.fields.setdefault(text[0].upper(), (number, text[1:]))
    if current is not None and section == "bank":
        records.append(current)  # a last record without its ^
    return records


def parse_qif(data: bytes, exponent: int, date_order: DateOrder = "auto",
              decimal: Literal[".", ","] = ".") -> list[ParsedRow]:
    """The rows of a QIF file's bank, cash and card sections."""
    records = _records(physical_lines(decode(data)))
    dates = []
    for record in records:
        if "D" not in record.fields:
            raise MalformedFile(record.line, "the transaction has no date (a D line)")
        dates.append(_split_date(*record.fields["D"]))
    order = _order(dates, date_order)
    thousands = "," if decimal == "." else "."
    rows = []
    for record, date in zip(records, dates, strict=True):
        month, day = (date.first, date.second) if order == "mdy" or date.iso_order else \
            (date.second, date.first)
        try:
            iso = iso_day(date.year, month, day, date.text)
        except DateError as exc:
            raise MalformedFile(date.line, str(exc)) from exc
        amount_line, amount_text = record.fields.get("T") or record.fields.get("U") or \
            (record.line, "")
        try:
            amount = parse_amount(amount_text, exponent, decimal, thousands)
        except AmountError as exc:
            raise MalformedFile(amount_line, f"amount: {exc}") from exc
        payee = record.fields.get("P", (0, None))[1]
        memo = record.fields.get("M", (0, None))[1]
        rows.append(ParsedRow(line=record.line, date=iso, amount=amount,
                              payee=clean_text(payee), memo=clean_text(memo), fitid=None))
    return rows
