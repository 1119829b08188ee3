"""The `events` export loaded into a fresh database (`load_events`, as `dojo import-events`
does) gives identical read models: every month view, every account, and the same bytes in
every other export format."""

import io
from pathlib import Path

import duckdb
import pytest

from dojo.app.service import Dojo
from dojo.db import connect
from dojo.domain.months import add_months, month_range
from dojo.eventlog_io import load_events
from dojo.migrations import migrate
from dojo.projections import queries
from tests.integration.exports.books import scenario_books
from tests.integration.exports.tools import exported
from tests.scenario_driver import scenario_files


def _views(con: duckdb.DuckDBPyConnection, budget_id: str) -> dict:
    with con.cursor() as cur:
        first, last = queries.budget_range(cur, budget_id)
        months = month_range(first, add_months(last, 2)) if first and last else []
        accounts = cur.execute(
            "SELECT account_id, name, type, closed, balance, cleared_balance FROM rm_accounts "
            "WHERE budget_id = ? ORDER BY sort_key", [budget_id]).fetchall()
        return {"months": [queries.month_view(cur, budget_id, m) for m in months],
                "accounts": accounts,
                "net_worth": queries.net_worth(cur, budget_id, months)}


def assert_round_trip(dojo: Dojo, budget_id: str) -> None:
    log = exported(dojo.con, budget_id, "events")
    fresh = connect(":memory:")
    try:
        migrate(fresh)
        loaded = load_events(fresh, io.BytesIO(log))
        assert loaded == log.count(b"\n") > 0
        assert _views(fresh, budget_id) == _views(dojo.con, budget_id)
        for name in ("csv", "hledger", "beancount", "events"):
            assert exported(fresh, budget_id, name) == exported(dojo.con, budget_id, name)
    finally:
        fresh.close()


def test_demo_events_export_loads_into_identical_read_models(demo: tuple[Dojo, str]) -> None:
    assert_round_trip(*demo)


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_scenario_events_export_loads_into_identical_read_models(path: Path) -> None:
    dojo, budget_id = scenario_books(path)
    try:
        assert_round_trip(dojo, budget_id)
    finally:
        dojo.con.close()
