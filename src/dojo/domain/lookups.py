"""Finding what a command names, with the error a client can act on."""

from dojo.domain.errors import AccountClosed, CategoryNotAllowed, Invalid, NotFound
from dojo.domain.state import AccountState, BudgetState, CategoryState


def account(state: BudgetState, account_id: str, field: str | None = None) -> AccountState:
    """An account of the budget; an unknown id is a 404 in the path, a 422 in a body."""
    found = state.accounts.get(account_id)
    if found is None:
        if field is None:
            raise NotFound(f"account {account_id} not found")
        raise Invalid(f"account {account_id} does not exist in this budget", field)
    return found


def open_account(state: BudgetState, account_id: str, field: str | None = None) -> AccountState:
    """An account that takes transactions: it must not be closed (R-A5)."""
    found = account(state, account_id, field)
    if found.closed:
        raise AccountClosed(f"account {found.name!r} is closed", field)
    return found


def category(state: BudgetState, category_id: str, field: str | None = None) -> CategoryState:
    """A live category of the budget (deleted ones are gone)."""
    found = state.categories.get(category_id)
    if found is None or found.deleted:
        if field is None:
            raise NotFound(f"category {category_id} not found")
        raise Invalid(f"category {category_id} does not exist in this budget", field)
    return found


def line_category(state: BudgetState, category_id: str, field: str) -> CategoryState:
    """A category a transaction line may use: regular or Ready to Assign (R-C2, R-C3)."""
    found = category(state, category_id, field)
    if found.kind == "payment":
        raise CategoryNotAllowed(
            f"{found.name!r} is a credit card payment category; no line may use it", field
        )
    return found


def budget_category(state: BudgetState, category_id: str, field: str) -> CategoryState:
    """A category money can be assigned to: regular or payment, never Ready to Assign (R-B1)."""
    found = category(state, category_id, field)
    if found.kind == "income":
        raise CategoryNotAllowed("Ready to Assign cannot be assigned to", field)
    return found
