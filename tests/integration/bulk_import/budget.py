"""A small budget in a database file for the import-json tests: checking, a card, a house
(tracking) and two categories."""

from pathlib import Path

from dojo.bootstrap import open_dojo
from dojo.clock import FixedClock
from dojo.domain import commands as cmd
from dojo.ids import SequentialIds

B = "00000000-0000-4000-a000-000000000001"
CHK = "00000000-0000-4000-a000-000000000002"
CARD = "00000000-0000-4000-a000-000000000003"
HOUSE = "00000000-0000-4000-a000-000000000004"
GROUP = "00000000-0000-4000-a000-000000000005"
FOOD = "00000000-0000-4000-a000-000000000006"
RENT = "00000000-0000-4000-a000-000000000007"
SETUP: list[cmd.Command] = [
    cmd.CreateBudget(budget_id=B, name="Import", currency="USD"),
    cmd.OpenAccount(account_id=CHK, name="Checking", account_type="checking",
                    opening_balance=1_000_000, opening_date="2025-01-01"),
    cmd.OpenAccount(account_id=CARD, name="Card", account_type="credit_card",
                    opening_balance=0, opening_date="2025-01-01"),
    cmd.OpenAccount(account_id=HOUSE, name="House", account_type="asset",
                    opening_balance=0, opening_date="2025-01-01"),
    cmd.CreateCategoryGroup(group_id=GROUP, name="Everyday"),
    cmd.CreateCategory(category_id=FOOD, group_id=GROUP, name="Food"),
    cmd.CreateCategory(category_id=RENT, group_id=GROUP, name="Rent"),
]


def budget_file(path: Path) -> str:
    """Create the budget in a new database file; returns the file's name."""
    dojo = open_dojo(path, clock=FixedClock.on("2026-02-20"), ids=SequentialIds())
    dojo.execute_batch(B, SETUP)
    dojo.con.close()
    return str(path)
