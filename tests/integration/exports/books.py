"""Budgets to export: the demo household and the shared scenarios, built through commands."""

from pathlib import Path

import duckdb

from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.demo import create_demo
from dojo.domain import commands as cmd
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from tests.scenario_driver import Driver, load

SCENARIO_BUDGET = "00000000-0000-4000-a000-000000000001"
TODAY = "2026-02-20"


def fresh_dojo(today: str = TODAY) -> Dojo:
    con = connect(":memory:")
    migrate(con, clock=FixedClock.on("2026-01-01"))
    return Dojo(con, FixedClock.on(today), SequentialIds())


def demo_books(years: int = 3) -> tuple[Dojo, str]:
    """The demo budget: several years, cards, a mortgage, transfers, splits, refunds."""
    dojo = fresh_dojo()
    return dojo, create_demo(dojo, years=years, seed=7)


def scenario_books(path: Path) -> tuple[Dojo, str]:
    scenario = load(path)
    dojo = fresh_dojo(scenario["today"])
    dojo.execute(SCENARIO_BUDGET, cmd.CreateBudget(
        budget_id=SCENARIO_BUDGET, name=scenario["name"],
        currency=scenario["budget"]["currency"]))
    driver = Driver(dojo, SCENARIO_BUDGET, scenario)
    for step in scenario["steps"]:
        driver.step(step)
    return dojo, SCENARIO_BUDGET


def balances(con: duckdb.DuckDBPyConnection, budget_id: str) -> dict[str, int]:
    """Dojo's balance of every account (R-A2)."""
    with con.cursor() as cur:
        return {r[0]: int(r[1]) for r in cur.execute(
            "SELECT account_id, balance FROM rm_accounts WHERE budget_id = ?",
            [budget_id]).fetchall()}


def exponent(con: duckdb.DuckDBPyConnection, budget_id: str) -> int:
    with con.cursor() as cur:
        return int(cur.execute("SELECT currency_exponent FROM rm_budgets WHERE budget_id = ?",
                               [budget_id]).fetchone()[0])
