"""The demo budget (dojo.demo): real events, exact transaction counts, repeatable.

"Transactions" counts RecordTransaction and RecordTransfer commands; opening balances are
not counted. In rm_transactions a transfer is two rows with one transfer_id, so the count
is: rows without a transfer_id (opening balances left out) + distinct transfer_ids.
"""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dojo.app.service import Dojo
from dojo.cli import main
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.demo import create_demo, demo_budget_id
from dojo.domain.commands import CreateBudget
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.projections.rebuild import differences

TRANSACTIONS = 300
COUNT = ("SELECT count(*) FILTER (WHERE transfer_id IS NULL AND payee IS DISTINCT FROM "
         "'Starting Balance') + count(DISTINCT transfer_id) FROM rm_transactions "
         "WHERE budget_id = ?")
EVENTS = "SELECT type, data FROM events ORDER BY position"


def fresh_dojo() -> Dojo:
    """Like the conftest `dojo` fixture: in memory, migrated, clock on 2026-02-20."""
    con = connect(":memory:")
    migrate(con, clock=FixedClock.on("2026-01-01"))
    return Dojo(con, FixedClock.on("2026-02-20"), SequentialIds())


@pytest.fixture(scope="module")
def built() -> Iterator[tuple[Dojo, str]]:
    """One demo, built once for the module: a year of history, 300 transactions."""
    dojo = fresh_dojo()
    budget_id = create_demo(dojo, years=1, transactions=TRANSACTIONS, seed=0)
    yield dojo, budget_id
    dojo.con.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, *args: object) -> list[tuple]:
    return con.execute(sql, list(args)).fetchall()


def test_demo_records_exactly_the_transactions_asked_for(built: tuple[Dojo, str]) -> None:
    dojo, budget_id = built
    assert rows(dojo.con, COUNT, budget_id) == [(TRANSACTIONS,)]
    assert rows(dojo.con, "SELECT count(*) FROM rm_transactions WHERE budget_id = ? "
                "AND payee = 'Starting Balance'", budget_id) == [(6,)]


def test_demo_budget_is_named_demo_in_usd_with_its_accounts(built: tuple[Dojo, str]) -> None:
    dojo, budget_id = built
    assert rows(dojo.con, "SELECT name, currency FROM rm_budgets") == [("Demo", "USD")]
    accounts = rows(dojo.con, "SELECT name, type, on_budget, balance FROM rm_accounts "
                    "WHERE budget_id = ? ORDER BY sort_key", budget_id)
    assert [(name, kind, on) for name, kind, on, _ in accounts] == [
        ("Checking", "checking", True), ("Savings", "savings", True),
        ("Visa", "credit_card", True), ("Wallet", "cash", True),
        ("Home Mortgage", "mortgage", False), ("Brokerage", "investment", False),
    ]
    balances = {name: balance for name, _, _, balance in accounts}
    assert balances["Home Mortgage"] < 0 < balances["Brokerage"]
    categories = rows(dojo.con, "SELECT name FROM rm_categories WHERE budget_id = ? "
                      "AND kind = 'regular'", budget_id)
    assert 15 <= len(categories) <= 20
    assert {"Mortgage", "Groceries", "Dining", "Vacation", "Emergency fund"} <= {
        name for (name,) in categories}


def test_demo_has_a_year_of_months_each_with_assignments(built: tuple[Dojo, str]) -> None:
    dojo, budget_id = built
    months = rows(dojo.con, "SELECT month, assigned, income FROM rm_months "
                  "WHERE budget_id = ? ORDER BY month", budget_id)
    assert [m for m, _, _ in months] == [f"2025-{m:02d}" for m in range(3, 13)] + [
        "2026-01", "2026-02"]
    assert all(assigned > 0 and income > 0 for _, assigned, income in months)
    assert rows(dojo.con, "SELECT max(date) <= DATE '2026-02-20', min(date) "
                "FROM rm_transactions WHERE budget_id = ?", budget_id) == [
        (True, dt.date(2025, 3, 1))]


def test_demo_has_splits_refunds_transfers_and_moves(built: tuple[Dojo, str]) -> None:
    dojo, budget_id = built
    splits = rows(dojo.con, "SELECT count(*) FROM (SELECT transaction_id FROM "
                  "rm_transaction_lines WHERE budget_id = ? GROUP BY 1 HAVING count(*) > 1)",
                  budget_id)[0][0]
    transfers = rows(dojo.con, "SELECT count(*) FROM rm_transfers WHERE budget_id = ?",
                     budget_id)[0][0]
    types = dict(rows(dojo.con, "SELECT type, count(*) FROM events GROUP BY 1"))
    assert splits > 0 and transfers >= 12 * 4
    assert types["AssignmentSet"] >= 12 * 15
    assert types.get("MoneyMoved", 0) > 0


def test_demo_overspends_somewhere(built: tuple[Dojo, str]) -> None:
    dojo, budget_id = built
    overspent = rows(dojo.con, "SELECT count(*) FROM rm_months WHERE budget_id = ? AND "
                     "(cash_overspent > 0 OR credit_overspent > 0)", budget_id)[0][0]
    assert overspent > 0


def test_demo_read_models_equal_a_replay(built: tuple[Dojo, str]) -> None:
    dojo, _ = built
    assert differences(dojo.con) == []


def test_demo_again_returns_the_same_budget_and_adds_nothing(built: tuple[Dojo, str]) -> None:
    dojo, budget_id = built
    before = rows(dojo.con, "SELECT count(*) FROM events")
    assert create_demo(dojo, years=1, transactions=TRANSACTIONS, seed=0) == budget_id
    assert create_demo(dojo, years=3, seed=7) == budget_id
    assert rows(dojo.con, "SELECT count(*) FROM events") == before


def test_demo_same_seed_same_events(built: tuple[Dojo, str], dojo: Dojo) -> None:
    first, budget_id = built
    assert create_demo(dojo, years=1, transactions=TRANSACTIONS, seed=0) == budget_id
    assert rows(dojo.con, EVENTS) == rows(first.con, EVENTS)


def test_demo_refuses_nonsense() -> None:
    dojo = fresh_dojo()
    with pytest.raises(ValueError):
        create_demo(dojo, years=0)
    with pytest.raises(ValueError):
        create_demo(dojo, years=1, transactions=-1)
    with pytest.raises(ValueError):
        create_demo(dojo, years=60)
    assert rows(dojo.con, "SELECT count(*) FROM events") == [(0,)]
    dojo.con.close()


def test_cli_demo_then_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.duckdb")
    assert main(["demo", "--db", db, "--years", "1", "--transactions", "200"]) == 0
    budget_id = capsys.readouterr().out.strip()
    assert main(["verify", "--db", db]) == 0
    con = connect(db)
    assert rows(con, COUNT, budget_id) == [(200,)]
    con.close()


def test_demo_renamed_is_not_built_twice(dojo: Dojo) -> None:
    budget_id = demo_budget_id(5)
    dojo.execute(budget_id, CreateBudget(budget_id=budget_id, name="Ours now", currency="EUR"))
    with pytest.raises(ValueError, match="renamed"):
        create_demo(dojo, years=1, transactions=0, seed=5)
    assert rows(dojo.con, "SELECT count(*) FROM events") == [(1,)]
