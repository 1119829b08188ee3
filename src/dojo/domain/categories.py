"""Category groups and categories: create, rename, regroup, hide, delete (R-C)."""

from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain import lookups
from dojo.domain.errors import CategoryNotAllowed, Conflict, Invalid, NotFound
from dojo.domain.state import BudgetState, GroupState
from dojo.domain.validation import clean_name, ensure_unique


def _group(state: BudgetState, group_id: str, field: str | None = None) -> GroupState:
    found = state.groups.get(group_id)
    if found is None:
        if field is None:
            raise NotFound(f"category group {group_id} not found")
        raise Invalid(f"category group {group_id} does not exist in this budget", field)
    return found


def _user_group(state: BudgetState, group_id: str, field: str | None = None) -> GroupState:
    found = _group(state, group_id, field)
    if found.system:
        raise CategoryNotAllowed(f"group {found.name!r} is managed by Dojo", field)
    return found


def _category_names(state: BudgetState, except_id: str | None = None) -> list[str]:
    return [c.name for c in state.live_categories() if c.id != except_id]


def create_group(state: BudgetState, command: cmd.CreateCategoryGroup) -> list[ev.Event]:
    """A named group; group names are unique after case folding (R-C1)."""
    if command.group_id in state.groups:
        raise Conflict(f"category group {command.group_id} already exists")
    name = clean_name(command.name)
    ensure_unique(name, [g.name for g in state.groups.values()], "a category group")
    return [ev.CategoryGroupCreated(group_id=command.group_id, name=name)]


def update_group(state: BudgetState, command: cmd.UpdateCategoryGroup) -> list[ev.Event]:
    """Rename or hide a user group."""
    group = _user_group(state, command.group_id)
    events: list[ev.Event] = []
    if command.name is not None:
        name = clean_name(command.name)
        others = [g.name for g in state.groups.values() if g.id != group.id]
        ensure_unique(name, others, "a category group")
        events.append(ev.CategoryGroupRenamed(group_id=group.id, name=name))
    if command.hidden is not None:
        events.append(ev.CategoryGroupHidden(group_id=group.id, hidden=command.hidden))
    return events


def create_category(state: BudgetState, command: cmd.CreateCategory) -> list[ev.Event]:
    """A regular category in a user group; names unique budget-wide (R-C1)."""
    if command.category_id in state.categories:
        raise Conflict(f"category {command.category_id} already exists")
    group = _user_group(state, command.group_id, "group_id")
    name = clean_name(command.name)
    ensure_unique(name, _category_names(state), "a category")
    return [ev.CategoryCreated(category_id=command.category_id, group_id=group.id, name=name)]


def update_category(state: BudgetState, command: cmd.UpdateCategory) -> list[ev.Event]:
    """Rename, regroup or hide; payment categories follow their account (R-C2, R-C4)."""
    category = lookups.category(state, command.category_id)
    if category.kind == "income":
        raise CategoryNotAllowed("Ready to Assign cannot be changed")
    payment = category.kind == "payment"
    events: list[ev.Event] = []
    if command.name is not None and command.name.strip() != category.name:
        if payment:
            raise CategoryNotAllowed("a payment category is named after its account; "
                                     "rename the account", "name")
        name = clean_name(command.name)
        ensure_unique(name, _category_names(state, category.id), "a category")
        events.append(ev.CategoryRenamed(category_id=category.id, name=name))
    if command.group_id is not None and command.group_id != category.group_id:
        if payment:
            raise CategoryNotAllowed("payment categories stay in Credit Card Payments",
                                     "group_id")
        group = _user_group(state, command.group_id, "group_id")
        events.append(ev.CategoryRegrouped(category_id=category.id, group_id=group.id))
    if command.hidden is not None and command.hidden != category.hidden:
        account_id = category.payment_for_account_id
        if command.hidden and account_id is not None and not state.accounts[account_id].closed:
            raise CategoryNotAllowed("a payment category cannot be hidden while its account "
                                     "is open", "hidden")
        events.append(ev.CategoryHidden(category_id=category.id, hidden=command.hidden))
    return events


def delete_category(state: BudgetState, command: cmd.DeleteCategory) -> list[ev.Event]:
    """Lines and assignments move to another regular category (R-C4)."""
    category = lookups.category(state, command.category_id)
    if category.kind != "regular":
        raise CategoryNotAllowed(f"{category.name!r} cannot be deleted")
    target = lookups.category(state, command.move_to, "move_to")
    if target.kind != "regular" or target.id == category.id:
        raise CategoryNotAllowed("the target must be another regular category", "move_to")
    return [ev.CategoryDeleted(category_id=category.id, moved_to=target.id)]
