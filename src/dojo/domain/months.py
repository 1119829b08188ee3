"""Calendar months as `YYYY-MM` strings and dates as ISO `YYYY-MM-DD` strings."""

import datetime as dt
import re

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIRST_MONTH = "1970-01"


def is_month(text: str) -> bool:
    """Whether `text` is a well-formed `YYYY-MM` month."""
    return bool(_MONTH.match(text))


def parse_date(text: str) -> dt.date | None:
    """The date of an ISO `YYYY-MM-DD` string, or None when it is not a real day."""
    if not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def month_of(date: str) -> str:
    """The month a date belongs to."""
    return date[:7]


def month_index(month: str) -> int:
    """Months since year 0, so that months can be counted and compared."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_from_index(index: int) -> str:
    """The inverse of `month_index`."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def add_months(month: str, n: int) -> str:
    """The month `n` months after `month` (before it when `n` is negative)."""
    return month_from_index(month_index(month) + n)


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` through `last`, inclusive."""
    return [month_from_index(i) for i in range(month_index(first), month_index(last) + 1)]


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
