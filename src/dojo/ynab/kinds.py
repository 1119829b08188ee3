"""What YNAB's names mean in Dojo: which categories are special, what type an account is."""

import re
from collections.abc import Iterable
from typing import Literal

from dojo.ynab.read import PlanRow, RegisterRow

CategoryKind = Literal["rta", "none", "payment", "regular"]
PAYMENTS_GROUP = "credit card payments"
_RTA = {"ready to assign", "to be budgeted", "available this month", "available next month"}
_TRANSFER = re.compile(r"^Transfer\s*:\s*(.+)$", re.DOTALL)
STARTING_BALANCE = "Starting Balance"
_TRACKING = (("mortgage", "mortgage"), ("loan", "loan"),
             ("invest|brokerage|401k|ira\\b|retire|stock|pension", "investment"))
_CASH = (("line of credit", "line_of_credit"), ("saving", "savings"), ("cash|wallet", "cash"))


def category_kind(group: str, name: str) -> CategoryKind:
    """Ready to Assign (`Inflow: Ready to Assign`, YNAB 4's `To be Budgeted`), no category
    (blank, `Uncategorized`), a card's payment category, or a regular one."""
    folded = name.casefold()
    if folded in _RTA:
        return "rta"
    if folded in ("", "uncategorized"):
        return "none"
    return "payment" if group.casefold() == PAYMENTS_GROUP else "regular"


def transfer_target(row: RegisterRow) -> str | None:
    """The other account of a `Transfer : <Account>` row."""
    found = _TRANSFER.match(row.payee)
    return found[1].strip() if found else None


def _by_name(name: str, rules: tuple[tuple[str, str], ...], default: str) -> str:
    folded = name.casefold()
    return next((kind for pattern, kind in rules if re.search(pattern, folded)), default)


def account_types(rows: list[RegisterRow], plan: Iterable[PlanRow]) -> dict[str, str]:
    """Each account's Dojo type: a card when the plan has its payment category; tracking when
    nothing on it is categorized and a row says it is off budget; otherwise a cash account."""
    cards = {r.category.casefold() for r in plan if r.group.casefold() == PAYMENTS_GROUP}
    names = list(dict.fromkeys(r.account for r in rows))
    categorized: set[str] = set()
    off_budget_hint: set[str] = set()
    balance = dict.fromkeys(names, 0)
    for row in rows:
        balance[row.account] += row.amount
        target = transfer_target(row)
        kind = category_kind(row.group, row.category)
        if kind != "none" and target is None:
            categorized.add(row.account)
        elif target is None:
            off_budget_hint.add(row.account)  # an uncategorized row that is not a transfer
        elif kind != "none":
            off_budget_hint.add(target)       # money leaving the budget names a category
    types = {}
    for name in names:
        if name.casefold() in cards:
            types[name] = _by_name(name, _CASH[:1], "credit_card")
        elif name not in categorized and name in off_budget_hint:
            default = "asset" if balance[name] >= 0 else "liability"
            types[name] = _by_name(name, _TRACKING, default)
        else:
            types[name] = _by_name(name, _CASH[1:], "checking")
    return types
