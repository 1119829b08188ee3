"""Account types and the kind of account each is (R-A1)."""

from typing import Literal

AccountKind = Literal["cash", "credit", "tracking"]

ACCOUNT_KINDS: dict[str, AccountKind] = {
    "checking": "cash",
    "savings": "cash",
    "cash": "cash",
    "credit_card": "credit",
    "line_of_credit": "credit",
    "asset": "tracking",
    "investment": "tracking",
    "liability": "tracking",
    "mortgage": "tracking",
    "loan": "tracking",
}


def on_budget(kind: AccountKind) -> bool:
    """Cash and credit accounts are on budget; tracking accounts are not."""
    return kind != "tracking"
