"""What a batch of events changes: which rows to rewrite and from which month to recompute."""

from dataclasses import dataclass, field

from dojo.domain import events as ev
from dojo.domain.months import month_of
from dojo.domain.state import BudgetState
from dojo.projections.register import Register, register_of


@dataclass
class Touched:
    accounts: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    transactions: set[str] = field(default_factory=set)
    transfers: set[str] = field(default_factory=set)
    assignments: set[tuple[str, str]] = field(default_factory=set)
    # Transactions that have no read-model rows yet: written without a DELETE first.
    new_transactions: set[str] = field(default_factory=set)
    from_month: str | None = None
    to_month: str | None = None
    # Only new register rows (and names): balances move by the new rows' amounts and the
    # budget's month range can only widen, so neither needs the whole register read.
    growing: bool = True
    # Each touched transaction's register row and lines before the batch (None: it had
    # none), so that the writer's memo can take out what they added (decision 0014).
    before: dict[str, Register | None] = field(default_factory=dict)
    # Lines moved from one category to another (a category deleted): the memo reads again.
    remapped: bool = False

    def mark(self, state: BudgetState, txn_id: str) -> None:
        """A transaction whose rows change; call before the state changes."""
        if txn_id not in self.before:
            self.before[txn_id] = register_of(state, txn_id)
        self.transactions.add(txn_id)

    def recorded(self, state: BudgetState, txn_id: str) -> None:
        if txn_id not in state.transactions and txn_id not in self.transactions:
            self.new_transactions.add(txn_id)

    def month(self, month: str) -> None:
        if self.from_month is None or month < self.from_month:
            self.from_month = month
        if self.to_month is None or month > self.to_month:
            self.to_month = month

    def transaction(self, state: BudgetState, txn: ev.Transaction | None) -> None:
        if txn is not None:
            self.mark(state, txn.transaction_id)
            self.accounts.add(txn.account_id)
            self.month(month_of(txn.date))


def _transfer(touched: Touched, state: BudgetState, transfer: ev.Transfer | None) -> None:
    if transfer is None:
        return
    touched.transfers.add(transfer.transfer_id)
    for txn_id in (transfer.from_transaction_id, transfer.to_transaction_id):
        touched.transaction(state, state.transactions.get(txn_id))


def _deleted_category(touched: Touched, state: BudgetState, source: str, target: str) -> None:
    touched.categories.update((source, target))
    touched.remapped = True
    for txn in state.transactions.values():
        if any(line.category_id == source for line in txn.lines):
            touched.transaction(state, txn)
    for transfer in state.transfers.values():
        if transfer.category_id == source:
            _transfer(touched, state, transfer)
    for category_id, month in list(state.assigned):
        if category_id == source:
            touched.assignments.update(((source, month), (target, month)))
            touched.month(month)


# Events that change no money and remove nothing.
_NAMES = (ev.CategoryGroupCreated, ev.CategoryGroupRenamed, ev.CategoryGroupHidden,
          ev.CategoryCreated, ev.CategoryRenamed, ev.CategoryRegrouped, ev.CategoryHidden)


def _grows(state: BudgetState, event: ev.Event) -> bool:
    if isinstance(event, ev.TransactionRecorded):
        return event.transaction.transaction_id not in state.transactions
    if isinstance(event, ev.TransferRecorded):
        return event.transfer.transfer_id not in state.transfers and not (
            {event.transfer.from_transaction_id, event.transfer.to_transaction_id}
            & state.transactions.keys())
    return isinstance(event, _NAMES)


def note(touched: Touched, state: BudgetState, event: ev.Event) -> None:
    """Record what `event` will change; call it before evolving the state with it."""
    if touched.growing and not _grows(state, event):
        touched.growing = False
    match event:
        case ev.AccountOpened() | ev.AccountRenamed() | ev.AccountClosed() | ev.AccountReopened():
            touched.accounts.add(event.account_id)
        case ev.AccountReconciled(reconciled_transaction_ids=ids):
            touched.accounts.add(event.account_id)
            for txn_id in ids:
                touched.mark(state, txn_id)
        case ev.CategoryGroupCreated() | ev.CategoryGroupRenamed() | ev.CategoryGroupHidden():
            touched.groups.add(event.group_id)
        case ev.CategoryCreated() | ev.CategoryRenamed() | ev.CategoryRegrouped():
            touched.categories.add(event.category_id)
        case ev.CategoryHidden():
            touched.categories.add(event.category_id)
        case ev.CategoryDeleted(category_id=source, moved_to=target):
            _deleted_category(touched, state, source, target)
        case ev.TransactionRecorded(transaction=txn) | ev.TransactionEdited(transaction=txn):
            touched.recorded(state, txn.transaction_id)
            touched.transaction(state, state.transactions.get(txn.transaction_id))
            touched.transaction(state, txn)
        case ev.TransactionDeleted(transaction_id=txn_id):
            touched.transaction(state, state.transactions.get(txn_id))
        case ev.TransactionClearedSet(transaction_id=txn_id):
            txn = state.transactions[txn_id]
            touched.mark(state, txn_id)
            touched.accounts.add(txn.account_id)
        case ev.TransferRecorded(transfer=transfer) | ev.TransferEdited(transfer=transfer):
            touched.recorded(state, transfer.from_transaction_id)
            touched.recorded(state, transfer.to_transaction_id)
            _transfer(touched, state, state.transfers.get(transfer.transfer_id))
            touched.transfers.add(transfer.transfer_id)
            touched.mark(state, transfer.from_transaction_id)
            touched.mark(state, transfer.to_transaction_id)
            touched.accounts.update((transfer.from_account_id, transfer.to_account_id))
            touched.month(month_of(transfer.date))
        case ev.TransferDeleted(transfer_id=transfer_id):
            _transfer(touched, state, state.transfers.get(transfer_id))
        case ev.AssignmentSet(month=month, category_id=category_id):
            touched.assignments.add((category_id, month))
            touched.month(month)
        case ev.MoneyMoved(month=month):
            for category_id in (event.from_category_id, event.to_category_id):
                if category_id is not None:
                    touched.assignments.add((category_id, month))
            touched.month(month)
