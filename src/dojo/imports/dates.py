"""Dates as banks write them, to ISO days."""

import datetime as dt
import re

_TOKENS = re.compile(r"YYYY|YY|MM|DD|M|D")
_GROUPS = {"YYYY": "y", "YY": "yy", "MM": "m", "M": "m", "DD": "d", "D": "d"}


class DateError(ValueError):
    """A cell that is not a date; the parsers add the line."""


def full_year(digits: str) -> int:
    """Two-digit years pivot as POSIX does: 69..99 are 19xx, 00..68 are 20xx."""
    year = int(digits)
    if len(digits) <= 2:
        year += 1900 if year >= 69 else 2000
    return year


def iso_day(year: int, month: int, day: int, text: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as exc:
        raise DateError(f"{text.strip()!r} is not a real day ({exc})") from exc


def compile_format(pattern: str) -> re.Pattern[str]:
    """A regex for a format such as DD/MM/YYYY, YYYY-MM-DD or YYYYMMDD: one year, one month
    and one day token with any separators; one- or two-digit days and months when there
    are separators. A time after the date is ignored."""
    if sorted(_GROUPS[t] for t in _TOKENS.findall(pattern)) not in (["d", "m", "y"],
                                                                     ["d", "m", "yy"]):
        raise DateError(f"date format {pattern!r} needs one each of YYYY (or YY), MM and DD")
    separated = bool(_TOKENS.sub("", pattern))
    parts = []
    position = 0
    for match in _TOKENS.finditer(pattern):
        parts.append(re.escape(pattern[position:match.start()]))
        token = match[0]
        width = {"YYYY": "4", "YY": "2"}.get(token, "1,2" if separated else "2")
        parts.append(f"(?P<{_GROUPS[token]}>[0-9]{{{width}}})")
        position = match.end()
    parts.append(re.escape(pattern[position:]))
    return re.compile("".join(parts) + r"(?:[ T].*)?")


def parse_date(regex: re.Pattern[str], text: str) -> str:
    """The ISO day of `text` in a compiled format."""
    match = regex.fullmatch(text.strip())
    if match is None:
        raise DateError(f"{text.strip()!r} does not fit the date format")
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else full_year(groups["yy"])
    return iso_day(year, int(groups["m"]), int(groups["d"]), text)
