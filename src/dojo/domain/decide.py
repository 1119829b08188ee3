"""One entry point from a command to the events it causes: `decide(state, command, today)`."""

import datetime as dt

from dojo.domain import accounts, assignments, budgets, categories, imports, transactions
from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import NotFound
from dojo.domain.state import BudgetState


def decide(state: BudgetState | None, command: cmd.Command, today: dt.date) -> list[ev.Event]:
    """The events a command causes against the budget's current state, or a DomainError."""
    if isinstance(command, cmd.CreateBudget):
        return budgets.create_budget(state, command)
    if state is None:
        raise NotFound("budget not found")
    match command:
        case cmd.RenameBudget():
            return budgets.rename_budget(state, command)
        case cmd.OpenAccount():
            return accounts.open_account(state, command, today)
        case cmd.RenameAccount():
            return accounts.rename_account(state, command)
        case cmd.CloseAccount():
            return accounts.close_account(state, command)
        case cmd.ReopenAccount():
            return accounts.reopen_account(state, command)
        case cmd.Reconcile():
            return accounts.reconcile(state, command, today)
        case cmd.CreateCategoryGroup():
            return categories.create_group(state, command)
        case cmd.UpdateCategoryGroup():
            return categories.update_group(state, command)
        case cmd.CreateCategory():
            return categories.create_category(state, command)
        case cmd.UpdateCategory():
            return categories.update_category(state, command)
        case cmd.DeleteCategory():
            return categories.delete_category(state, command)
        case cmd.EditTransaction():
            return transactions.edit(state, command, today)
        case cmd.RecordTransaction():
            return transactions.record(state, command, today)
        case cmd.DeleteTransaction():
            return transactions.delete(state, command)
        case cmd.SetCleared():
            return transactions.set_cleared(state, command)
        case cmd.EditTransfer():
            return transactions.edit_transfer(state, command, today)
        case cmd.RecordTransfer():
            return transactions.record_transfer(state, command, today)
        case cmd.DeleteTransfer():
            return transactions.delete_transfer(state, command)
        case cmd.Assign():
            return assignments.assign(state, command, today)
        case cmd.MoveMoney():
            return assignments.move(state, command, today)
        case cmd.ImportTransactions():
            return imports.import_rows(state, command, today)
    raise TypeError(f"no decision for {type(command).__name__}")
