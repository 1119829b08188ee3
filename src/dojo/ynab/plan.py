"""YNAB rows turned into Dojo commands, in an order the domain accepts: the budget, its
accounts with their starting balances, groups and categories, transactions (a split's lines
as lines), transfers (both `Transfer : <Account>` rows as one), cleared marks on transfer
sides, and every month's assignments from the plan's Assigned column. Ids are derived from
the budget id and the rows' lines, so the same files give the same commands."""

from itertools import chain, count

from dojo.domain import commands as cmd
from dojo.domain.events import Line
from dojo.domain.ids import derived_id
from dojo.ynab.kinds import (
    STARTING_BALANCE,
    account_types,
    category_kind,
    transfer_target,
)
from dojo.ynab.model import CardLine, ImportPlan
from dojo.ynab.read import Exports, RegisterRow, YnabFormatError
from dojo.ynab.transfers import pair_transfers


def _unique(name: str, taken: set[str], qualifier: str) -> str:
    """YNAB allows one category name in two groups; Dojo names are unique (R-C1)."""
    candidates = chain([name, f"{name} ({qualifier})"],
                       (f"{name} ({qualifier} {i})" for i in count(2)))
    chosen = next(c for c in candidates if c.casefold() not in taken)
    taken.add(chosen.casefold())
    return chosen


def _accounts(plan: ImportPlan, exports: Exports) -> set[int]:
    """Open every account with its starting balance; the lines used as openings."""
    rows = exports.register
    plan.types = account_types(rows, exports.plan)
    cards = {r.category for r in exports.plan if category_kind(r.group, r.category) == "payment"}
    first_day = min((r.month for r in exports.plan), default="1970-01") + "-01"
    for card in sorted(c for c in cards if c.casefold() not in
                       {a.casefold() for a in plan.types}):
        plan.types[card] = "credit_card"           # a card with no transactions
    used: set[int] = set()
    for name, account_type in plan.types.items():
        mine = [r for r in rows if r.account == name]
        opening = next((r for r in mine if r.payee == STARTING_BALANCE and r.split is None
                        and category_kind(r.group, r.category) in ("rta", "none")), None)
        if opening is not None:
            used.add(opening.line)
        day = opening.date if opening else min((r.date for r in mine), default=first_day)
        plan.accounts[name] = derived_id(plan.budget_id, f"ynab/account/{name}")
        plan.add(cmd.OpenAccount(account_id=plan.accounts[name], name=name,
                                 account_type=account_type,
                                 opening_balance=opening.amount if opening else 0,
                                 opening_date=day),
                 (plan.names[0], opening.line if opening else None))
    return used


def _categories(plan: ImportPlan, exports: Exports) -> None:
    taken = {"ready to assign"} | {name.casefold() for name in plan.accounts
                                   if plan.types[name] in ("credit_card", "line_of_credit")}
    groups: dict[str, str] = {}
    group_names = {"inflow", "credit card payments"}
    sources = [(r.group, r.category, (plan.names[1], r.line)) for r in exports.plan] + [
        (r.group, r.category, (plan.names[0], r.line)) for r in exports.register]
    for group, name, source in sources:
        if category_kind(group, name) != "regular" or (group, name) in plan.categories:
            continue
        if group not in groups:
            groups[group] = derived_id(plan.budget_id, f"ynab/group/{group}")
            plan.add(cmd.CreateCategoryGroup(
                group_id=groups[group], name=_unique(group or "Other", group_names, "YNAB")),
                source)
        category_id = derived_id(plan.budget_id, f"ynab/category/{group}/{name}")
        plan.categories[(group, name)] = category_id
        plan.add(cmd.CreateCategory(category_id=category_id, group_id=groups[group],
                                    name=_unique(name, taken, group)), source)


def _lines(plan: ImportPlan, rows: list[RegisterRow], file: str) -> tuple[Line, ...]:
    lines = []
    for row in rows:
        if category_kind(row.group, row.category) == "payment":
            raise YnabFormatError(file, row.line, "a transaction cannot use a credit card "
                                  "payment category")
        category = plan.category_id(row.account, row.group, row.category)
        lines.append(Line(category_id=category, amount=row.amount,
                          memo=(row.memo or None) if row.split else None))
        if category not in (None, plan.income_id) and plan.types[row.account] in (
                "credit_card", "line_of_credit"):
            plan.card_lines.append(CardLine(row.date[:7], category, plan.accounts[row.account],
                                            row.amount))
    return tuple(lines)


def _groups(rows: list[RegisterRow], used: set[int], file: str) -> list[list[RegisterRow]]:
    """Rows as transactions: a split's consecutive `Split (i/n)` rows make one."""
    out: list[list[RegisterRow]] = []
    pending: list[RegisterRow] = []
    key: tuple[str, str, int] | None = None
    for row in rows:
        if row.line in used:
            continue
        this = (row.account, row.date, row.split[1]) if row.split else None
        if pending and this != key:
            raise YnabFormatError(file, pending[0].line, "a split whose lines are not all here")
        if row.split is None:
            out.append([row])
            continue
        pending.append(row)
        key = this
        if len(pending) == row.split[1]:
            pending.sort(key=lambda r: r.split[0] if r.split else 0)
            if [r.split[0] for r in pending if r.split] != list(range(1, len(pending) + 1)):
                raise YnabFormatError(file, pending[0].line, "a split's lines are numbered "
                                      "wrongly")
            out.append(pending)
            pending = []
    if pending:
        raise YnabFormatError(file, pending[0].line, "a split whose lines are not all here")
    return out


def _transactions(plan: ImportPlan, exports: Exports, used: set[int]) -> None:
    file = plan.names[0]
    halves: list[RegisterRow] = []
    for group in _groups(exports.register, used, file):
        own = [r for r in group if transfer_target(r) is None]
        halves += [r for r in group if transfer_target(r) is not None]
        if not own:
            continue
        first = own[0]
        payee = next((r.payee for r in own if r.payee), None)
        txn_id = derived_id(plan.budget_id, f"ynab/transaction/{first.line}")
        plan.add(cmd.RecordTransaction(
            transaction_id=txn_id, account_id=plan.accounts[first.account], date=first.date,
            amount=sum(r.amount for r in own), payee=payee,
            memo=None if first.split else (first.memo or None),
            cleared="uncleared" if first.cleared == "uncleared" else "cleared",
            lines=_lines(plan, own, file)), (file, first.line))
    for row in exports.register:
        if row.cleared == "reconciled":
            account_id = plan.accounts[row.account]
            plan.reconciled[account_id] = max(row.date, plan.reconciled.get(account_id, ""))
    pair_transfers(plan, halves)


def _assignments(plan: ImportPlan, exports: Exports) -> None:
    for row in exports.plan:
        category = plan.category_id("", row.group, row.category)
        if row.assigned and category not in (None, plan.income_id):
            plan.add(cmd.Assign(month=row.month, category_id=category, assigned=row.assigned),
                     (plan.names[1], row.line))


def build_plan(exports: Exports, budget_id: str, name: str,
               names: tuple[str, str] = ("Register.csv", "Plan.csv")) -> ImportPlan:
    """Every command of one import, each with the file and line it comes from."""
    plan = ImportPlan(budget_id, names, derived_id(budget_id, "ready-to-assign"))
    plan.add(cmd.CreateBudget(budget_id=budget_id, name=name, currency=exports.currency),
             ("--name", None))
    used = _accounts(plan, exports)
    _categories(plan, exports)
    _transactions(plan, exports, used)
    _assignments(plan, exports)
    return plan

