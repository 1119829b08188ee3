"""Reading YNAB's two exports (`<Budget> - Register.csv` and `<Budget> - Plan.csv`, YNAB 4
and nYNAB headers) into typed rows. Anything that does not read is a `YnabFormatError`
naming the file and line; no other exception leaves this module."""

import re
from dataclasses import dataclass

from dojo.domain.events import Cleared
from dojo.domain.money import currency_exponent
from dojo.imports.dates import DateError, compile_format, parse_date
from dojo.ynab.formats import (
    DATE_FORMATS,
    FormatProblem,
    currency_for,
    parse_amount,
    parse_month,
    split_amount,
)
from dojo.ynab.table import Table, YnabFormatError, category_of, read_table

DEFAULT_CURRENCY = "USD"
_SPLIT = re.compile(r"^Split \((\d+)/(\d+)\) ?(.*)$", re.DOTALL)
_CLEARED: dict[str, Cleared] = {"": "uncleared", "uncleared": "uncleared",
                                "cleared": "cleared", "reconciled": "reconciled"}
# Column keys and the header names that give them, first found wins.
_REGISTER = {"account": ("account",), "flag": ("flag",), "date": ("date",),
             "payee": ("payee",), "memo": ("memo",), "outflow": ("outflow",),
             "inflow": ("inflow",), "cleared": ("cleared",)}
_PLAN = {"month": ("month",), "assigned": ("assigned", "budgeted"),
         "activity": ("activity", "outflows"), "available": ("available", "category balance")}

__all__ = ["Exports", "PlanRow", "RegisterRow", "YnabFormatError", "read_exports"]


@dataclass(frozen=True)
class RegisterRow:
    """One row of the register export (one line of a split)."""

    line: int
    account: str
    flag: str
    date: str                       # ISO
    payee: str
    group: str                      # "" when uncategorized
    category: str
    memo: str                       # without the split marker
    amount: int                     # inflow - outflow, in minor units
    cleared: Cleared
    split: tuple[int, int] | None   # (index, count) of a split's line, 1-based


@dataclass(frozen=True)
class PlanRow:
    """One month and category of the plan export."""

    line: int
    month: str                      # YYYY-MM
    group: str
    category: str
    assigned: int
    activity: int
    available: int


@dataclass(frozen=True)
class Exports:
    """Both files read, in one currency."""

    currency: str
    register: list[RegisterRow]
    plan: list[PlanRow]


def _currency(tables: list[tuple[Table, tuple[str, ...]]], given: str | None) -> str:
    if given is not None:
        if currency_exponent(given) is None:
            raise YnabFormatError("--currency", None, f"{given!r} is not an ISO 4217 code")
        return given
    found: tuple[str, int, str] | None = None  # symbol, line, file
    for table, keys in tables:
        for line, fields in table.rows:
            for key in keys:
                try:
                    symbol = split_amount(fields[key])[2] if fields[key] else ""
                except FormatProblem as exc:
                    raise YnabFormatError(table.file, line, str(exc)) from None
                if symbol and found and symbol != found[0]:
                    raise YnabFormatError(table.file, line, f"currency {symbol!r} differs from "
                                          f"{found[0]!r} of {found[2]} line {found[1]}")
                found = found or ((symbol, line, table.file) if symbol else None)
    if found is None:
        return DEFAULT_CURRENCY
    code = currency_for(found[0])
    if code is None:
        raise YnabFormatError(found[2], found[1], f"the symbol {found[0]!r} does not tell the "
                              "currency; give it (--currency)")
    return code


def _reads(text: str, pattern: re.Pattern[str]) -> bool:
    try:
        parse_date(pattern, text)
    except DateError:
        return False
    return True


def _dates(table: Table, date_format: str | None) -> list[str]:
    texts = [(line, fields["date"]) for line, fields in table.rows]
    try:
        formats = [date_format] if date_format else list(DATE_FORMATS)
        patterns = [compile_format(f) for f in formats]
    except DateError as exc:
        raise YnabFormatError("--date-format", None, str(exc)) from None
    best, best_failed = patterns[0], len(texts) + 1
    for pattern in patterns:
        failed = sum(1 for _, text in texts if not _reads(text, pattern))
        if failed < best_failed:
            best, best_failed = pattern, failed
        if not failed:
            break
    out = []
    for line, text in texts:
        try:
            out.append(parse_date(best, text))
        except DateError as exc:
            raise YnabFormatError(table.file, line, f"{exc} (give --date-format)") from None
    return out


def _register(table: Table, exponent: int, date_format: str | None) -> list[RegisterRow]:
    rows = []
    for (line, fields), date in zip(table.rows, _dates(table, date_format), strict=True):
        try:
            amount = parse_amount(fields["inflow"], exponent) - parse_amount(
                fields["outflow"], exponent)
        except FormatProblem as exc:
            raise YnabFormatError(table.file, line, str(exc)) from None
        cleared = _CLEARED.get(fields.get("cleared", "").casefold())
        if cleared is None:
            raise YnabFormatError(table.file, line, f"cleared is {fields['cleared']!r}, not "
                                  "Cleared, Uncleared or Reconciled")
        if not fields["account"]:
            raise YnabFormatError(table.file, line, "the account is blank")
        memo, split = fields.get("memo", ""), None
        marker = _SPLIT.match(memo)
        if marker:
            split, memo = (int(marker[1]), int(marker[2])), marker[3]
            if not 1 <= split[0] <= split[1]:
                raise YnabFormatError(table.file, line, f"split line {split[0]} of {split[1]}")
        group, category = category_of(fields)
        rows.append(RegisterRow(line, fields["account"], fields.get("flag", ""), date,
                                fields["payee"], group, category, memo.strip(), amount,
                                cleared, split))
    return rows


def _plan(table: Table, exponent: int) -> list[PlanRow]:
    rows = []
    for line, fields in table.rows:
        try:
            month = parse_month(fields["month"])
            assigned, activity, available = (parse_amount(fields[k], exponent)
                                             for k in ("assigned", "activity", "available"))
        except FormatProblem as exc:
            raise YnabFormatError(table.file, line, str(exc)) from None
        group, category = category_of(fields)
        if not category:
            raise YnabFormatError(table.file, line, "the category is blank")
        rows.append(PlanRow(line, month, group, category, assigned, activity, available))
    return rows


def read_exports(register: str, plan: str, *, currency: str | None = None,
                 date_format: str | None = None,
                 names: tuple[str, str] = ("Register.csv", "Plan.csv")) -> Exports:
    """Both exports read; the currency is `currency`, else told by the amounts' symbol."""
    register_table = read_table(register, names[0], _REGISTER)
    plan_table = read_table(plan, names[1], _PLAN)
    code = _currency([(register_table, ("outflow", "inflow")),
                      (plan_table, ("assigned", "activity", "available"))], currency)
    exponent = currency_exponent(code) or 0
    return Exports(code, _register(register_table, exponent, date_format),
                   _plan(plan_table, exponent))
