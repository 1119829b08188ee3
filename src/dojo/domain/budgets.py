"""Creating and renaming budgets."""

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import Conflict, Invalid
from dojo.domain.ids import derived_id
from dojo.domain.money import currency_exponent
from dojo.domain.state import BudgetState
from dojo.domain.validation import clean_name


def create_budget(state: BudgetState | None, command: cmd.CreateBudget) -> list[ev.Event]:
    """A budget with one ISO 4217 currency, its income category and system groups."""
    if state is not None:
        raise Conflict(f"budget {command.budget_id} already exists")
    exponent = currency_exponent(command.currency)
    if exponent is None:
        raise Invalid(f"{command.currency!r} is not an ISO 4217 currency code", "currency")
    return [
        ev.BudgetCreated(
            budget_id=command.budget_id,
            name=clean_name(command.name),
            currency=command.currency,
            currency_exponent=exponent,
            income_category_id=derived_id(command.budget_id, "ready-to-assign"),
            income_group_id=derived_id(command.budget_id, "inflow"),
            payments_group_id=derived_id(command.budget_id, "credit-card-payments"),
        )
    ]


def rename_budget(state: BudgetState, command: cmd.RenameBudget) -> list[ev.Event]:
    """A new name for the budget."""
    return [ev.BudgetRenamed(name=clean_name(command.name))]
