"""A small instance on a database file, and what a restore must give back identically: the
event log, the kept tables, and every month (and net worth) of every budget."""

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from dojo.access import Access
from dojo.app.service import Dojo
from dojo.backups.tables import kept_tables
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.demo import create_demo
from dojo.domain import commands as cmd
from dojo.domain.months import add_months, month_range
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.projections import queries
from tests.conftest import CHEAP, PASSWORD
from tests.integration.rebuild.test_replay_and_verify import B as HOME
from tests.integration.rebuild.test_replay_and_verify import build_budget


@dataclass
class Instance:
    """Users `admin` (the administrator) and `alice` (owner of the demo, editor of Home),
    their tokens, a session of alice's, and two budgets."""

    path: Path
    demo: str
    tokens: dict[str, str]
    session: str


def open_file(path: Path | str, clock: str = "2026-02-20") -> Dojo:
    con = connect(path)
    migrate(con, clock=FixedClock.on("2026-01-01"))
    return Dojo(con, FixedClock.on(clock), SequentialIds())


def build_instance(path: Path, transactions: int = 150) -> Instance:
    dojo = open_file(path)
    access = Access(dojo, CHEAP)
    users = {name: access.add_user(name, PASSWORD) for name in ("admin", "alice")}
    demo = create_demo(dojo, years=1, transactions=transactions)
    build_budget(dojo)
    # Interleave the streams, so that a one-budget export has gaps in its positions.
    dojo.execute(demo, cmd.RenameBudget(name="Demo, renamed"))
    access.set_member(demo, "alice", "owner")
    access.set_member(HOME, "alice", "editor")
    tokens = {name: access.issue_token(uid, "tests")[1] for name, uid in users.items()}
    session = access.start_session(users["alice"])
    dojo.con.close()
    return Instance(path, demo, tokens, session)


def copy_of(instance: Instance, folder: Path) -> Instance:
    """The same instance in another file, for a test that may write to it."""
    path = folder / instance.path.name
    shutil.copyfile(instance.path, path)
    return replace(instance, path=path)


def month_views(cur: duckdb.DuckDBPyConnection) -> dict[str, list[object]]:
    """Every month of every budget, two months past the last one stored, and net worth."""
    views: dict[str, list[object]] = {}
    for (budget_id,) in cur.execute("SELECT budget_id FROM rm_budgets ORDER BY budget_id"
                                    ).fetchall():
        first, last = queries.budget_range(cur, budget_id)
        assert first and last, budget_id
        months = month_range(first, add_months(last, 2))
        views[budget_id] = [queries.month_view(cur, budget_id, m) for m in months]
        views[budget_id] += queries.net_worth(cur, budget_id, months)
    return views


def kept(cur: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """The event log and every kept table, row by row."""
    tables = {t: cur.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
              for t in kept_tables(cur)}
    return {"events": cur.execute("SELECT * FROM events ORDER BY position").fetchall(),
            **tables}


def read(path: Path) -> tuple[dict[str, list[object]], dict[str, list[tuple]]]:
    con = connect(path, read_only=True)
    try:
        with con.cursor() as cur:
            return month_views(cur), kept(cur)
    finally:
        con.close()


def leftovers(folder: Path, *keep: Path) -> list[str]:
    """Files in `folder` other than `keep`: a refused restore must leave none."""
    return sorted(p.name for p in folder.iterdir() if p not in keep)


__all__ = ["HOME", "PASSWORD", "Instance", "build_instance", "copy_of", "leftovers",
           "month_views", "open_file", "read"]
