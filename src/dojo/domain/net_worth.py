"""Net worth by month over every account (R-N1)."""

from dataclasses import dataclass

from dojo.domain.errors import AmountOutOfRange
from dojo.domain.money import in_int64


@dataclass(frozen=True, slots=True)
class NetWorth:
    month: str
    assets: int
    liabilities: int
    net_worth: int


def net_worth_by_month(changes: dict[str, dict[str, int]], months: list[str]) -> list[NetWorth]:
    """`changes[account][month]` sums an account's transactions of a month. Balances are
    cumulative through each month; a positive balance is an asset, a negative one a
    liability, whatever the account's type."""
    pending = {account: sorted(by_month.items()) for account, by_month in changes.items()}
    balances = dict.fromkeys(pending, 0)
    cursor = dict.fromkeys(pending, 0)
    out = []
    for month in months:
        for account, items in pending.items():
            i = cursor[account]
            while i < len(items) and items[i][0] <= month:
                balances[account] += items[i][1]
                i += 1
            cursor[account] = i
        assets = sum(b for b in balances.values() if b > 0)
        liabilities = sum(b for b in balances.values() if b < 0)
        if not (in_int64(assets) and in_int64(liabilities) and in_int64(assets + liabilities)):
            raise AmountOutOfRange(f"net worth of {month} would leave the signed 64-bit range")
        out.append(NetWorth(month, assets, liabilities, assets + liabilities))
    return out
