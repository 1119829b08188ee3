"""The two linked transactions a transfer records (R-T3)."""

from dojo.domain.events import Line, Transaction, Transfer
from dojo.domain.kinds import AccountKind, on_budget


def categorized_side(from_kind: AccountKind, to_kind: AccountKind) -> str | None:
    """Which side carries the category: the on-budget one when exactly one side is on budget."""
    if on_budget(from_kind) == on_budget(to_kind):
        return None
    return "from" if on_budget(from_kind) else "to"


def transfer_sides(
    transfer: Transfer, from_kind: AccountKind, to_kind: AccountKind
) -> tuple[Transaction, Transaction]:
    """The outflow on `from` and the inflow on `to`, with opposite amounts and one date."""
    side = categorized_side(from_kind, to_kind)

    def one(role: str, txn_id: str, account_id: str, amount: int, cleared: str) -> Transaction:
        category = transfer.category_id if side == role else None
        return Transaction(
            transaction_id=txn_id,
            account_id=account_id,
            date=transfer.date,
            amount=amount,
            memo=transfer.memo,
            cleared=cleared,  # type: ignore[arg-type]
            lines=(Line(category_id=category, amount=amount, memo=None),),
        )

    return (
        one("from", transfer.from_transaction_id, transfer.from_account_id, -transfer.amount,
            transfer.from_cleared),
        one("to", transfer.to_transaction_id, transfer.to_account_id, transfer.amount,
            transfer.to_cleared),
    )
