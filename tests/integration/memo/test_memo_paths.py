"""The writer's memo (decision 0014) on the paths the random state machine reaches least:
a budget emptied and filled again, lines moved by a category deletion, then old edits.
After each step the live read models must equal a rebuild (I-4)."""

import duckdb

from dojo.app.service import Dojo
from dojo.domain import commands as cmd
from dojo.projections.rebuild import differences

B = "00000000-0000-4000-a000-0000000000b1"
GROUP = "00000000-0000-4000-a000-0000000000b2"
FOOD, FUN = "00000000-0000-4000-a000-0000000000b3", "00000000-0000-4000-a000-0000000000b4"
CASH, CARD = "00000000-0000-4000-a000-0000000000b5", "00000000-0000-4000-a000-0000000000b6"


def _same_as_rebuild(con: duckdb.DuckDBPyConnection) -> None:
    assert differences(con, progress=lambda _message: None) == []


def _spend(dojo: Dojo, txn: str, account: str, day: str, amount: int, category: str) -> None:
    dojo.execute(B, cmd.RecordTransaction(
        transaction_id=txn, account_id=account, date=day, amount=amount,
        lines=(cmd.Line(category_id=category, amount=amount),)))


def _setup(dojo: Dojo) -> None:
    dojo.execute(B, cmd.CreateBudget(budget_id=B, name="memo", currency="EUR"))
    dojo.execute(B, cmd.CreateCategoryGroup(group_id=GROUP, name="Everyday"))
    for category, name in ((FOOD, "Food"), (FUN, "Fun")):
        dojo.execute(B, cmd.CreateCategory(category_id=category, group_id=GROUP, name=name))
    dojo.execute(B, cmd.OpenAccount(account_id=CASH, name="Cash", account_type="cash",
                                    opening_date="2026-01-01"))
    dojo.execute(B, cmd.OpenAccount(account_id=CARD, name="Card", account_type="credit_card",
                                    opening_date="2026-01-01"))


def test_a_budget_emptied_and_filled_again(dojo: Dojo) -> None:
    _setup(dojo)
    txn = dojo.ids.new_id()
    _spend(dojo, txn, CASH, "2026-01-10", -500, FOOD)
    dojo.execute(B, cmd.DeleteTransaction(transaction_id=txn))
    assert dojo.con.execute("SELECT count(*) FROM rm_months").fetchone()[0] == 0
    _same_as_rebuild(dojo.con)
    _spend(dojo, dojo.ids.new_id(), CARD, "2025-11-03", -700, FUN)
    dojo.execute(B, cmd.Assign(month="2026-02", category_id=FUN, assigned=300))
    _same_as_rebuild(dojo.con)
    months = [r[0] for r in dojo.con.execute("SELECT month FROM rm_months ORDER BY month")
              .fetchall()]
    assert months == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_lines_moved_by_a_category_deletion_then_old_edits(dojo: Dojo) -> None:
    _setup(dojo)
    ids = [dojo.ids.new_id() for _ in range(4)]
    _spend(dojo, ids[0], CARD, "2026-01-05", -1_000, FOOD)
    _spend(dojo, ids[1], CARD, "2026-01-06", -2_000, FUN)
    _spend(dojo, ids[2], CASH, "2026-02-07", -300, FUN)
    dojo.execute(B, cmd.Assign(month="2026-01", category_id=FUN, assigned=2_500))
    _same_as_rebuild(dojo.con)
    dojo.execute(B, cmd.DeleteCategory(category_id=FUN, move_to=FOOD))
    _same_as_rebuild(dojo.con)
    dojo.execute(B, cmd.EditTransaction(
        transaction_id=ids[0], account_id=CARD, date="2026-01-04", amount=-1_500,
        lines=(cmd.Line(category_id=FOOD, amount=-1_500),)))
    _spend(dojo, ids[3], CARD, "2026-03-01", -50, FOOD)
    dojo.execute(B, cmd.DeleteTransaction(transaction_id=ids[1]))
    _same_as_rebuild(dojo.con)
    food = dojo.con.execute("SELECT activity FROM rm_category_months WHERE category_id = ? "
                            "AND month = '2026-01'", [FOOD]).fetchone()[0]
    assert food == -1_500
