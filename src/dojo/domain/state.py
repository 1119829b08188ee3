"""The state of one budget: a fold of its events (`evolve`), read by the decisions."""

from dataclasses import dataclass, field

from dojo.domain import events as ev
from dojo.domain.kinds import ACCOUNT_KINDS, AccountKind
from dojo.domain.transfers import transfer_sides


@dataclass(slots=True)
class AccountState:
    id: str
    name: str
    type: str
    kind: AccountKind
    opened_on: str
    payment_category_id: str | None
    closed: bool = False
    balance: int = 0


@dataclass(slots=True)
class GroupState:
    id: str
    name: str
    system: bool = False
    hidden: bool = False


@dataclass(slots=True)
class CategoryState:
    id: str
    group_id: str
    name: str
    kind: str
    payment_for_account_id: str | None = None
    hidden: bool = False
    deleted: bool = False


@dataclass(slots=True)
class BudgetState:
    """Everything the decisions need about one budget; `version` is its stream version."""

    budget_id: str
    name: str
    currency: str
    currency_exponent: int
    income_category_id: str
    payments_group_id: str
    version: int = 0
    groups: dict[str, GroupState] = field(default_factory=dict)
    categories: dict[str, CategoryState] = field(default_factory=dict)
    accounts: dict[str, AccountState] = field(default_factory=dict)
    transactions: dict[str, ev.Transaction] = field(default_factory=dict)
    transfer_of: dict[str, str] = field(default_factory=dict)
    transfers: dict[str, ev.Transfer] = field(default_factory=dict)
    assigned: dict[tuple[str, str], int] = field(default_factory=dict)
    # Import ids of deleted imported transactions, per account: a re-import skips them.
    deleted_imports: dict[str, set[str]] = field(default_factory=dict)

    def live_categories(self) -> list[CategoryState]:
        """Categories that are not deleted, in creation order."""
        return [c for c in self.categories.values() if not c.deleted]


def start(event: ev.BudgetCreated) -> BudgetState:
    """The state right after a budget is created, with its system group and income category."""
    state = BudgetState(
        budget_id=event.budget_id,
        name=event.name,
        currency=event.currency,
        currency_exponent=event.currency_exponent,
        income_category_id=event.income_category_id,
        payments_group_id=event.payments_group_id,
        version=1,
    )
    state.groups[event.income_group_id] = GroupState(event.income_group_id, "Inflow", True)
    state.groups[event.payments_group_id] = GroupState(
        event.payments_group_id, "Credit Card Payments", True
    )
    state.categories[event.income_category_id] = CategoryState(
        event.income_category_id, event.income_group_id, "Ready to Assign", "income"
    )
    return state


def _put_transaction(state: BudgetState, txn: ev.Transaction) -> None:
    old = state.transactions.get(txn.transaction_id)
    if old is not None:
        state.accounts[old.account_id].balance -= old.amount
    state.transactions[txn.transaction_id] = txn
    state.accounts[txn.account_id].balance += txn.amount


def _drop_transaction(state: BudgetState, transaction_id: str) -> None:
    old = state.transactions.pop(transaction_id)
    state.accounts[old.account_id].balance -= old.amount
    state.transfer_of.pop(transaction_id, None)
    if old.import_id is not None:
        state.deleted_imports.setdefault(old.account_id, set()).add(old.import_id)


def _put_transfer(state: BudgetState, transfer: ev.Transfer) -> None:
    old = state.transfers.get(transfer.transfer_id)
    if old is not None:
        _drop_transaction(state, old.from_transaction_id)
        _drop_transaction(state, old.to_transaction_id)
    state.transfers[transfer.transfer_id] = transfer
    for side in transfer_sides(transfer, state.accounts[transfer.from_account_id].kind,
                               state.accounts[transfer.to_account_id].kind):
        _put_transaction(state, side)
        state.transfer_of[side.transaction_id] = transfer.transfer_id


def _set_cleared(state: BudgetState, transaction_id: str, cleared: ev.Cleared) -> None:
    transfer_id = state.transfer_of.get(transaction_id)
    if transfer_id is None:
        txn = state.transactions[transaction_id]
        state.transactions[transaction_id] = ev.msgspec_replace(txn, cleared=cleared)
        return
    transfer = state.transfers[transfer_id]
    side = "from_cleared" if transfer.from_transaction_id == transaction_id else "to_cleared"
    _put_transfer(state, ev.msgspec_replace(transfer, **{side: cleared}))


def _move_category(state: BudgetState, source: str, target: str) -> None:
    """Lines and assignments of a deleted category go to its target (R-C4)."""
    for txn_id, txn in list(state.transactions.items()):
        if txn_id in state.transfer_of or all(ln.category_id != source for ln in txn.lines):
            continue
        lines = tuple(
            ev.msgspec_replace(ln, category_id=target) if ln.category_id == source else ln
            for ln in txn.lines
        )
        state.transactions[txn_id] = ev.msgspec_replace(txn, lines=lines)
    for transfer in list(state.transfers.values()):
        if transfer.category_id == source:
            _put_transfer(state, ev.msgspec_replace(transfer, category_id=target))
    for (category_id, month), amount in list(state.assigned.items()):
        if category_id == source:
            del state.assigned[(category_id, month)]
            _add_assigned(state, target, month, amount)


def _add_assigned(state: BudgetState, category_id: str, month: str, delta: int) -> None:
    value = state.assigned.get((category_id, month), 0) + delta
    if value:
        state.assigned[(category_id, month)] = value
    else:
        state.assigned.pop((category_id, month), None)


def evolve(state: BudgetState, event: ev.Event) -> BudgetState:
    """Apply one event to the state, in place (a fold over 100k transactions must not copy)."""
    match event:
        case ev.BudgetRenamed(name=name):
            state.name = name
        case ev.AccountOpened():
            state.accounts[event.account_id] = AccountState(
                event.account_id, event.name, event.account_type,
                ACCOUNT_KINDS[event.account_type], event.opened_on, event.payment_category_id,
            )
        case ev.AccountRenamed(account_id=account_id, name=name):
            state.accounts[account_id].name = name
        case ev.AccountClosed(account_id=account_id):
            state.accounts[account_id].closed = True
        case ev.AccountReopened(account_id=account_id):
            state.accounts[account_id].closed = False
        case ev.AccountReconciled(reconciled_transaction_ids=ids):
            for transaction_id in ids:
                _set_cleared(state, transaction_id, "reconciled")
        case ev.CategoryGroupCreated(group_id=group_id, name=name):
            state.groups[group_id] = GroupState(group_id, name)
        case ev.CategoryGroupRenamed(group_id=group_id, name=name):
            state.groups[group_id].name = name
        case ev.CategoryGroupHidden(group_id=group_id, hidden=hidden):
            state.groups[group_id].hidden = hidden
        case ev.CategoryCreated():
            state.categories[event.category_id] = CategoryState(
                event.category_id, event.group_id, event.name, event.kind,
                event.payment_for_account_id,
            )
        case ev.CategoryRenamed(category_id=category_id, name=name):
            state.categories[category_id].name = name
        case ev.CategoryRegrouped(category_id=category_id, group_id=group_id):
            state.categories[category_id].group_id = group_id
        case ev.CategoryHidden(category_id=category_id, hidden=hidden):
            state.categories[category_id].hidden = hidden
        case ev.CategoryDeleted(category_id=category_id, moved_to=moved_to):
            _move_category(state, category_id, moved_to)
            state.categories[category_id].deleted = True
        case ev.TransactionRecorded(transaction=txn) | ev.TransactionEdited(transaction=txn):
            _put_transaction(state, txn)
        case ev.TransactionDeleted(transaction_id=transaction_id):
            _drop_transaction(state, transaction_id)
        case ev.TransactionClearedSet(transaction_id=transaction_id, cleared=cleared):
            _set_cleared(state, transaction_id, cleared)
        case ev.TransferRecorded(transfer=transfer) | ev.TransferEdited(transfer=transfer):
            _put_transfer(state, transfer)
        case ev.TransferDeleted(transfer_id=transfer_id):
            transfer = state.transfers.pop(transfer_id)
            _drop_transaction(state, transfer.from_transaction_id)
            _drop_transaction(state, transfer.to_transaction_id)
        case ev.AssignmentSet(month=month, category_id=category_id, assigned=assigned):
            _add_assigned(state, category_id, month,
                          assigned - state.assigned.get((category_id, month), 0))
        case ev.MoneyMoved(month=month, amount=amount):
            if event.from_category_id is not None:
                _add_assigned(state, event.from_category_id, month, -amount)
            if event.to_category_id is not None:
                _add_assigned(state, event.to_category_id, month, amount)
        case _:
            raise TypeError(f"no evolve rule for {type(event).__name__}")
    state.version += 1
    return state


def fold(events: list[ev.Event]) -> BudgetState:
    """The state after a budget's whole stream, from its BudgetCreated on."""
    first = events[0]
    if not isinstance(first, ev.BudgetCreated):
        raise ValueError("a budget stream starts with BudgetCreated")
    state = start(first)
    for event in events[1:]:
        evolve(state, event)
    return state
