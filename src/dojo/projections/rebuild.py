"""Rebuilding every read model from the log: `replay` swaps the result in, `verify`
compares it with the live tables row by row."""

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from dojo.app.transaction import transaction
from dojo.domain import events as ev
from dojo.domain.state import BudgetState, evolve, start
from dojo.projections import runner
from dojo.projections.entities import everything, write_touched
from dojo.projections.months import recompute
from dojo.projections.tables import COLUMNS

TABLES = (*COLUMNS, "projection_positions")
BATCH = 10_000

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RebuildStats:
    events: int
    budgets: int
    seconds: float

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else float(self.events)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fresh_schema(cur: duckdb.DuckDBPyConnection, schema: str) -> None:
    cur.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    for table in TABLES:
        cur.execute(f"DROP TABLE IF EXISTS {schema}.{table}")
        cur.execute(f"CREATE TABLE {schema}.{table} AS SELECT * FROM main.{table} LIMIT 0")


def drop_schema(cur: duckdb.DuckDBPyConnection, schema: str) -> None:
    for table in TABLES:
        cur.execute(f"DROP TABLE IF EXISTS {schema}.{table}")
    cur.execute(f"DROP SCHEMA IF EXISTS {schema}")


def _fold_stream(cur: duckdb.DuckDBPyConnection, stream_id: str,
                 counter: list[int], progress: Progress) -> tuple[BudgetState, int, int]:
    """A budget's state, its first and last position, read a version range at a time."""
    state: BudgetState | None = None
    created = last = 0
    after = 0
    while True:
        rows = cur.execute(
            "SELECT position, data FROM events WHERE stream_id = ? AND version > ? "
            "AND version <= ? ORDER BY version", [stream_id, after, after + BATCH],
        ).fetchall()
        if not rows:
            break
        for position, data in rows:
            event = ev.decode_event(data)
            if state is None:
                if not isinstance(event, ev.BudgetCreated):
                    raise ValueError(f"stream {stream_id} does not start with BudgetCreated")
                state, created = start(event), position
            else:
                evolve(state, event)
            last = position
        after += BATCH
        before = counter[0] // 100_000
        counter[0] += len(rows)
        if counter[0] // 100_000 > before:
            progress(f"replayed {counter[0]} events")
    assert state is not None
    return state, created, last


def build(cur: duckdb.DuckDBPyConnection, schema: str,
          progress: Progress = _stderr) -> RebuildStats:
    """Every read model, rebuilt from the whole log into `schema`."""
    began = time.perf_counter()
    _fresh_schema(cur, schema)
    streams = [r[0] for r in cur.execute(
        "SELECT stream_id FROM events GROUP BY stream_id ORDER BY min(position)").fetchall()]
    counter = [0]
    for stream_id in streams:
        state, created, last = _fold_stream(cur, stream_id, counter, progress)
        write_touched(cur, schema, state, everything(state))
        first_month, last_month = recompute(cur, schema, state, "0000-01")
        runner.write_budget(cur, schema, state, last, first_month, last_month, created)
    row = cur.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()
    runner.record_position(cur, schema, int(row[0]) if row else 0)
    return RebuildStats(counter[0], len(streams), time.perf_counter() - began)


def replay(con: duckdb.DuckDBPyConnection, progress: Progress = _stderr) -> RebuildStats:
    """Rebuild into fresh tables, then swap them in, all in one transaction."""
    with con.cursor() as cur, transaction(cur):
        stats = build(cur, "rebuild", progress)
        for table in TABLES:
            cur.execute(f"DELETE FROM main.{table}")
            cur.execute(f"INSERT INTO main.{table} SELECT * FROM rebuild.{table}")
        drop_schema(cur, "rebuild")
    return stats


def differences(con: duckdb.DuckDBPyConnection, progress: Progress = _stderr,
                limit: int = 50) -> list[str]:
    """Every row where the live read models and a fresh rebuild disagree (I-4)."""
    out: list[str] = []
    with con.cursor() as cur:
        cur.execute("BEGIN TRANSACTION")
        try:
            build(cur, "verify", progress)
            for table in TABLES:
                for label, a, b in (("live only", "main", "verify"),
                                    ("replay only", "verify", "main")):
                    rows = cur.execute(
                        f"SELECT * FROM {a}.{table} EXCEPT ALL SELECT * FROM {b}.{table} "
                        f"ORDER BY ALL LIMIT {limit}").fetchall()
                    out.extend(f"{table}: {label}: {row}" for row in rows)
        finally:
            cur.execute("ROLLBACK")  # the scratch build is never kept
    return out
