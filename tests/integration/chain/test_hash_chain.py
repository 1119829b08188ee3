"""The tamper-evident chain: each event's hash covers the one before and its own fields."""

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from dojo.app.service import Dojo
from dojo.cli import main
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.domain import commands as cmd
from dojo.eventstore.chain import event_hash, first_break
from dojo.ids import SequentialIds
from dojo.migrations import default_migrations_dir, migrate

B = "00000000-0000-4000-a000-000000000001"


def _budget(dojo: Dojo, n: int = 3) -> None:
    dojo.execute(B, cmd.CreateBudget(budget_id=B, name="Chain", currency="USD"))
    for i in range(n):
        dojo.execute(B, cmd.CreateCategoryGroup(group_id=f"00000000-0000-4000-8000-{i:012d}",
                                                name=f"Group {i}"))


def test_every_appended_event_continues_the_chain(dojo: Dojo,
                                                  con: duckdb.DuckDBPyConnection) -> None:
    _budget(dojo)
    rows = con.execute("SELECT position, stream_id, version, type, data, command_id, actor, "
                       "recorded_at, hash FROM events ORDER BY position").fetchall()
    previous = ""
    for position, stream, version, type_, data, command_id, actor, when, stored in rows:
        previous = event_hash(previous, position, stream, version, type_, data, command_id,
                              actor, when)
        assert stored == previous
    assert first_break(con) is None


@pytest.mark.parametrize("change", [
    "UPDATE events SET data = replace(data::VARCHAR, 'Group 1', 'Group X') WHERE position = 3",
    "UPDATE events SET actor = 'mallory' WHERE position = 3",
    "DELETE FROM events WHERE position = 3",
])
def test_a_changed_or_removed_event_breaks_the_chain_there(
        dojo: Dojo, con: duckdb.DuckDBPyConnection, change: str) -> None:
    _budget(dojo)
    con.execute(change)
    assert first_break(con) in (3, 4)


def test_verify_names_the_first_broken_position(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chain.duckdb"
    con = connect(path)
    migrate(con)
    _budget(Dojo(con, FixedClock.on("2026-02-20"), SequentialIds()))
    con.execute("UPDATE events SET command_id = 'forged' WHERE position = 2")
    con.close()
    assert main(["verify", "--db", str(path)]) == 1
    assert "the hash chain breaks at position 2" in capsys.readouterr().out


def test_the_migration_chains_an_existing_log(tmp_path: Path) -> None:
    older = tmp_path / "older"
    older.mkdir()
    for sql in sorted(default_migrations_dir().glob("000[1-3]_*.sql")):
        shutil.copy(sql, older / sql.name)
    con = connect(":memory:")
    migrate(con, older)
    when = dt.datetime(2026, 2, 20, 12, 0, 0, 123456)
    for position in (1, 2, 3):
        con.execute("INSERT INTO events VALUES (?, 's', ?, 'BudgetRenamed', 1, ?, 'c', "
                    "NULL, NULL, NULL, ?)",
                    [position, position, '{"type":"BudgetRenamed","name":"n"}', when])
    migrate(con)
    stored = [r[0] for r in con.execute("SELECT hash FROM events ORDER BY position").fetchall()]
    previous, expected = "", []
    for position in (1, 2, 3):
        previous = event_hash(previous, position, "s", position, "BudgetRenamed",
                              '{"type":"BudgetRenamed","name":"n"}', "c", None, when)
        expected.append(previous)
    assert stored == expected
    assert first_break(con) is None
