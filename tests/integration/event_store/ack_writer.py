"""The child process of the durability test: records transactions on a database file and
prints each transaction id only after `execute` returned, that is after its commit.

Run as `python -m tests.integration.event_store.ack_writer PATH`; it writes until killed.
"""

import sys

from dojo.bootstrap import open_dojo
from dojo.clock import FixedClock
from dojo.domain import commands as cmd
from dojo.domain.events import Line
from dojo.ids import SequentialIds

BUDGET = "durable"
LIMIT = 100_000  # a child the parent forgot still stops on its own


def transaction_id(n: int) -> str:
    return f"txn-{n:06d}"


def main(path: str) -> None:
    dojo = open_dojo(path, clock=FixedClock.on("2026-02-20"), ids=SequentialIds())
    dojo.execute(BUDGET, cmd.CreateBudget(budget_id=BUDGET, name="Durable", currency="USD"))
    dojo.execute(BUDGET, cmd.OpenAccount(account_id="chk", name="Checking",
                                         account_type="checking", opening_balance=1_000_000,
                                         opening_date="2026-01-01"))
    dojo.execute(BUDGET, cmd.CreateCategoryGroup(group_id="g", name="Everyday"))
    dojo.execute(BUDGET, cmd.CreateCategory(category_id="food", group_id="g", name="Food"))
    for n in range(1, LIMIT):
        amount = -(n % 97 + 1)
        dojo.execute(BUDGET, cmd.RecordTransaction(
            transaction_id=transaction_id(n), account_id="chk",
            date=f"2026-{n % 2 + 1:02d}-{n % 28 + 1:02d}", amount=amount,
            lines=(Line(category_id="food", amount=amount),)))
        print(transaction_id(n), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
