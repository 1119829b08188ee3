"""Checks shared by the decisions: names, dates, months, amounts."""

import datetime as dt

from dojo.domain.errors import AmountOutOfRange, DateOutOfRange, Invalid, NameTaken
from dojo.domain.money import in_int64
from dojo.domain.months import FIRST_MONTH, add_months, add_years, is_month, parse_date

MAX_NAME = 200
EARLIEST_DAY = dt.date(1970, 1, 1)


def clean_name(name: str, field: str = "name") -> str:
    """A name trimmed of surrounding space; blank or overlong names are refused."""
    cleaned = name.strip()
    if not cleaned:
        raise Invalid(f"{field} must not be blank", field)
    if len(cleaned) > MAX_NAME:
        raise Invalid(f"{field} must be at most {MAX_NAME} characters", field)
    return cleaned


def ensure_unique(name: str, taken: list[str], what: str) -> None:
    """Names are unique after Unicode case folding (R-C1)."""
    folded = name.casefold()
    if any(other.casefold() == folded for other in taken):
        raise NameTaken(f"{what} named {name!r} already exists", "name")


def check_date(
    text: str, today: dt.date, field: str = "date", latest: dt.date | None = None
) -> str:
    """A real day from 1970-01-01 through five years after today (R-T4)."""
    day = parse_date(text)
    if day is None:
        raise Invalid(f"{field} must be a date YYYY-MM-DD, got {text!r}", field)
    upper = latest if latest is not None else add_years(today, 5)
    if not EARLIEST_DAY <= day <= upper:
        raise DateOutOfRange(
            f"{field} {text} is outside {EARLIEST_DAY.isoformat()} .. {upper.isoformat()}", field
        )
    return text


def check_month(month: str, today: dt.date) -> str:
    """A month from 1970-01 through 60 months after today's month (R-B1)."""
    if not is_month(month):
        raise Invalid(f"month must be YYYY-MM, got {month!r}", "month")
    latest = add_months(today.isoformat()[:7], 60)
    if not FIRST_MONTH <= month <= latest:
        raise DateOutOfRange(f"month {month} is outside {FIRST_MONTH} .. {latest}", "month")
    return month


def check_amount(value: int, field: str = "amount") -> int:
    """Amounts are integers in the signed 64-bit range (R-B3)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{field} must be an integer count of minor units", field)
    if not in_int64(value):
        raise AmountOutOfRange(f"{field} is outside the signed 64-bit range", field)
    return value


def check_total(value: int, what: str) -> None:
    """A derived amount that must stay in the signed 64-bit range (R-B3)."""
    if not in_int64(value):
        raise AmountOutOfRange(f"{what} would leave the signed 64-bit range")
