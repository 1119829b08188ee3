"""The text formats of YNAB's exports: amounts with symbols and separators, and months like
`Jan 2026` (dates are read by `dojo.imports.dates`). Amounts are exact, never floats."""

import re
import unicodedata

from dojo.domain.money import currency_exponent

# Symbols that name one currency; ambiguous ones ("kr", "$" outside the US) need --currency.
SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
           "₩": "KRW", "R$": "BRL", "zł": "PLN", "₽": "RUB", "₺": "TRY", "₪": "ILS",
           "₱": "PHP", "₫": "VND", "CHF": "CHF", "A$": "AUD", "C$": "CAD", "NZ$": "NZD",
           "HK$": "HKD", "S$": "SGD", "Kč": "CZK", "Ft": "HUF", "lei": "RON"}
_NUMBER = re.compile("\\d(?:[\\d.,'\u2019 \u00a0\u202f]*\\d)?", re.ASCII)
_GROUPING = ",.'\u2019 \u00a0\u202f"
_MINUS = "-\u2212"  # and the Unicode minus sign
MAX_DIGITS = 19  # beyond that no amount fits int64 (R-B3); keeps int() of huge text cheap

DATE_FORMATS = ("YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYY/MM/DD",
                "DD-MM-YYYY", "MM/DD/YY", "DD/MM/YY", "DD.MM.YY")
MONTH_NAMES = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_MONTH = re.compile(r"^\s*(?:(?P<name>[A-Za-z]+)\.?\s+(?P<y1>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{2})"
                    r"|(?P<m3>\d{1,2})/(?P<y3>\d{4}))\s*$", re.ASCII)


class FormatProblem(ValueError):
    """A value that does not read; the reader adds the file and line."""


def _is_symbol(text: str) -> bool:
    """Letters and currency signs, with a dot only after a letter (`Fr.`), never digits."""
    kinds = [unicodedata.category(c) for c in text]
    return all(k[0] == "L" or k == "Sc" or c == "." for c, k in zip(text, kinds, strict=True)) \
        and ("." not in text or any(k[0] == "L" for k in kinds))


def split_amount(text: str) -> tuple[bool, str, str]:
    """(negative, digits with separators, currency symbol) of an amount as YNAB writes it."""
    body = text.strip()
    negative = False
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1].strip()
    numbers = _NUMBER.findall(body)
    if len(numbers) != 1:
        raise FormatProblem(f"{text!r} is not an amount")
    before, _, after = body.partition(numbers[0])
    rest = (before + after).replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    signs = sum(rest.count(m) for m in _MINUS)
    if signs > 1 or (signs and negative):
        raise FormatProblem(f"{text!r} is not an amount")
    symbol = rest.replace("-", "").replace("\u2212", "").removeprefix("+")
    if not _is_symbol(symbol):
        raise FormatProblem(f"{text!r} is not an amount")
    return negative or signs == 1, numbers[0], symbol.rstrip(".")


def _grouped(text: str, whole: str) -> str:
    """The digits of an integer part; groups after a separator have 2 or 3 digits (lakh
    grouping included) and the last has 3, so that `1.5` is never read as 15."""
    separators = {c for c in whole if not c.isdigit()}
    groups = re.split("[" + re.escape(_GROUPING) + "]", whole)
    if len(separators) > 1 or any(len(g) not in (2, 3) for g in groups[1:-1]) or (
            len(groups) > 1 and len(groups[-1]) != 3):
        raise FormatProblem(f"{text!r} is not an amount")
    return "".join(groups)


def parse_amount(text: str, exponent: int) -> int:
    """Minor units of an amount such as `$1,234.56`, `-$5.00` or `1.234,56€`; blank is 0."""
    if not text.strip():
        return 0
    negative, number, _ = split_amount(text)
    whole, fraction = number, ""
    last = max(number.rfind("."), number.rfind(","))
    if last >= 0 and exponent > 0 and 0 < len(number) - last - 1 <= exponent:
        whole, fraction = number[:last], number[last + 1:]
        if not fraction.isdigit() or number[last] in whole:
            raise FormatProblem(f"{text!r} is not an amount")
    digits = _grouped(text, whole).lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise FormatProblem(f"{text!r} is out of range")
    value = int(digits or "0") * 10**exponent + int(fraction.ljust(exponent, "0") or "0")
    return -value if negative else value


def currency_for(symbol: str) -> str | None:
    """The ISO 4217 code a symbol stands for, or None when it does not tell."""
    if symbol in SYMBOLS:
        return SYMBOLS[symbol]
    code = symbol.upper()
    return code if len(code) == 3 and currency_exponent(code) is not None else None


def parse_month(text: str) -> str:
    """`YYYY-MM` of a plan month: `Jan 2026`, `January 2026`, `2026-01` or `01/2026`."""
    found = _MONTH.match(text)
    if not found:
        raise FormatProblem(f"{text!r} is not a month like 'Jan 2026'")
    if found["name"]:
        number = MONTH_NAMES.get(found["name"].lower())
        if number is None:
            raise FormatProblem(f"{text!r} is not a month like 'Jan 2026'")
        year = found["y1"]
    else:
        number, year = int(found["m2"] or found["m3"]), found["y2"] or found["y3"]
    if not 1 <= number <= 12:
        raise FormatProblem(f"{text!r} is not a month like 'Jan 2026'")
    return f"{year}-{number:02d}"
