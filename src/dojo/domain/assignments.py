"""Assigning money to categories and moving it between them (R-B)."""

import datetime as dt

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain import lookups
from dojo.domain.errors import Invalid
from dojo.domain.state import BudgetState
from dojo.domain.validation import check_amount, check_month, check_total


def assign(state: BudgetState, command: cmd.Assign, today: dt.date) -> list[ev.Event]:
    """Set assigned(c, m) to any amount, negative included (R-B1)."""
    month = check_month(command.month, today)
    category = lookups.budget_category(state, command.category_id, "category_id")
    amount = check_amount(command.assigned, "assigned")
    return [ev.AssignmentSet(month=month, category_id=category.id, assigned=amount)]


def move(state: BudgetState, command: cmd.MoveMoney, today: dt.date) -> list[ev.Event]:
    """Lower assigned(a, m) and raise assigned(b, m) by x; None is Ready to Assign (R-B2)."""
    month = check_month(command.month, today)
    if check_amount(command.amount) <= 0:
        raise Invalid("the amount to move must be positive", "amount")
    source, target = command.from_category_id, command.to_category_id
    if source == target:
        raise Invalid("money moves between two different categories", "to_category_id")
    for category_id, field, sign in ((source, "from_category_id", -1),
                                     (target, "to_category_id", 1)):
        if category_id is None:
            continue
        category = lookups.budget_category(state, category_id, field)
        current = state.assigned.get((category.id, month), 0)
        check_total(current + sign * command.amount, f"assigned of {category.name!r}")
    return [ev.MoneyMoved(month=month, from_category_id=source, to_category_id=target,
                          amount=command.amount)]
