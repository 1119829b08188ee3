"""Amounts as banks write them, to integer minor units: never through a float."""

import re

from dojo.domain.money import in_int64

# Currency signs and spaces (the no-break and narrow ones included) banks put around numbers.
_NOISE = str.maketrans("", "", " \t\u00a0\u202f$€£¥₹")
_NUMBER = re.compile(r"([0-9]+)(?:\.([0-9]*))?|\.([0-9]+)")


class AmountError(ValueError):
    """A cell that is not an amount; the parsers add the line."""


def _sign(text: str) -> tuple[int, str]:
    """A leading or trailing sign, or parentheses, as -1 or 1 and the rest."""
    if text.startswith("(") and text.endswith(")"):
        return -1, text[1:-1]
    for mark, sign in (("-", -1), ("+", 1), ("\u2212", -1)):
        if text.startswith(mark):
            return sign, text[1:]
        if text.endswith(mark):
            return sign, text[:-1]
    return 1, text


def parse_amount(text: str, exponent: int, decimal: str = ".", thousands: str = "") -> int:
    """Minor units of `text`; more decimals than the currency has are refused unless they
    are zeros (a bank writing 1000.00 yen means 1000)."""
    raw = text.translate(_NOISE)
    if not raw:
        raise AmountError("the amount is empty")
    sign, rest = _sign(raw)
    if thousands:
        rest = rest.replace(thousands, "")
    if decimal != ".":
        if "." in rest:
            raise AmountError(f"{text.strip()!r} is not an amount with {decimal!r} as the "
                              "decimal separator")
        rest = rest.replace(decimal, ".")
    match = _NUMBER.fullmatch(rest)
    if match is None:
        raise AmountError(f"{text.strip()!r} is not an amount")
    whole = match[1] or "0"
    fraction = match[2] if match[2] is not None else (match[3] or "")
    extra = fraction[exponent:]
    if extra.strip("0"):
        raise AmountError(f"{text.strip()!r} has more decimals than the currency's {exponent}")
    fraction = fraction[:exponent].ljust(exponent, "0")
    if len(whole) > 25:
        raise AmountError(f"{text.strip()!r} is out of range")
    value = sign * (int(whole) * 10**exponent + int(fraction or "0"))
    if not in_int64(value):
        raise AmountError(f"{text.strip()!r} is out of range")
    return value
