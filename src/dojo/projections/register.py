"""One transaction's register row and lines, as the read models store them."""

from dojo.domain.kinds import on_budget
from dojo.domain.months import month_of
from dojo.domain.state import BudgetState

Register = tuple[tuple, list[tuple]]


def register_of(state: BudgetState, txn_id: str) -> Register | None:
    """The rm_transactions row and rm_transaction_lines rows of a transaction, with what
    the month arithmetic needs denormalised; None when the state has no such transaction."""
    txn = state.transactions.get(txn_id)
    if txn is None:
        return None
    budget = state.budget_id
    transfer_id = state.transfer_of.get(txn_id)
    peer_on_budget = None
    if transfer_id is not None:
        transfer = state.transfers[transfer_id]
        peer = (transfer.to_account_id if transfer.from_transaction_id == txn_id
                else transfer.from_account_id)
        peer_on_budget = on_budget(state.accounts[peer].kind)
    month = month_of(txn.date)
    row = (budget, txn_id, txn.account_id, txn.date, month, txn.amount, txn.payee, txn.memo,
           txn.cleared, transfer_id, txn.import_id)
    kind = state.accounts[txn.account_id].kind
    lines = [(budget, txn_id, index, txn.account_id, kind, txn.date, month, line.category_id,
              line.amount, line.memo, peer_on_budget)
             for index, line in enumerate(txn.lines)]
    return row, lines
