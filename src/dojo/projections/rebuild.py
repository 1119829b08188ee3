"""Rebuilding every read model from the log: `replay` rebuilds them in place, `verify`
compares a scratch rebuild with the live tables row by row."""

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from dojo.app.transaction import transaction
from dojo.domain import events as ev
from dojo.domain.state import BudgetState, evolve, start
from dojo.eventstore.corruption import CorruptEvent, decode_stored, not_applicable
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


def _fold_stream(cur: duckdb.DuckDBPyConnection, stream_id: str, counter: list[int],
                 progress: Progress, through: int | None = None) -> tuple[BudgetState, int, int]:
    """A budget's state (through a version, or all of it), its first and last position,
    read a version range at a time."""
    state: BudgetState | None = None
    created = last = 0
    after = 0
    while through is None or after < through:
        upto = after + BATCH if through is None else min(after + BATCH, through)
        rows = cur.execute(
            "SELECT position, type, data FROM events WHERE stream_id = ? AND version > ? "
            "AND version <= ? ORDER BY version", [stream_id, after, upto],
        ).fetchall()
        if not rows:
            break
        for position, type_, data in rows:
            event = decode_stored(position, stream_id, type_, data)
            last = position
            if state is None:
                if not isinstance(event, ev.BudgetCreated):
                    raise CorruptEvent(position, f"budget {stream_id} does not start with "
                                                 "BudgetCreated")
                state, created = start(event), position
                continue
            try:
                evolve(state, event)
            except Exception as exc:  # any failure to apply a stored event is corruption
                raise not_applicable(position, stream_id, exc) from exc
        after = upto
        before = counter[0] // 100_000
        counter[0] += len(rows)
        if counter[0] // 100_000 > before:
            progress(f"replayed {counter[0]} events")
    assert state is not None
    return state, created, last


def build(cur: duckdb.DuckDBPyConnection, schema: str,
          progress: Progress = _stderr) -> RebuildStats:
    """Every read model, rebuilt from the whole log into `schema` (emptied first)."""
    began = time.perf_counter()
    if schema == "main":
        for table in TABLES:
            cur.execute(f"DELETE FROM main.{table}")
    else:
        _fresh_schema(cur, schema)
    streams = [r[0] for r in cur.execute(
        "SELECT stream_id FROM events GROUP BY stream_id ORDER BY min(position)").fetchall()]
    counter = [0]
    for stream_id in streams:
        state, created, last = _fold_stream(cur, stream_id, counter, progress)
        try:
            _project(cur, schema, state, created, last)
        except duckdb.Error as exc:  # the transaction is aborted: nothing more can be tried
            raise CorruptEvent(last, f"the events of budget {stream_id} through this one "
                                     f"cannot be stored in the read models ({exc})") from exc
        except Exception as exc:  # e.g. a total beyond 64 bits: find the event that does it
            raise _first_unprojectable(cur, schema, stream_id, exc) from exc
    row = cur.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()
    runner.record_position(cur, schema, int(row[0]) if row else 0)
    return RebuildStats(counter[0], len(streams), time.perf_counter() - began)


def _project(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
             created: int, last: int) -> None:
    write_touched(cur, schema, state, everything(state))
    first_month, last_month = recompute(cur, schema, state, "0000-01")
    runner.write_budget(cur, schema, state, last, first_month, last_month, created)


def _first_unprojectable(cur: duckdb.DuckDBPyConnection, schema: str, stream_id: str,
                         error: Exception) -> CorruptEvent:
    """Every event folds, but together they cannot be projected: bisect for the first
    version whose prefix fails, so that the refusal names a position."""
    positions = [int(r[0]) for r in cur.execute(
        "SELECT position FROM events WHERE stream_id = ? ORDER BY version", [stream_id]
    ).fetchall()]
    good, bad = 0, len(positions)  # prefixes of `good` versions project, of `bad` do not
    while bad - good > 1:
        middle = (good + bad) // 2
        for table in COLUMNS:
            cur.execute(f"DELETE FROM {schema}.{table} WHERE budget_id = ?", [stream_id])
        state, created, last = _fold_stream(cur, stream_id, [0], _quiet, through=middle)
        try:
            _project(cur, schema, state, created, last)
            good = middle
        except duckdb.Error as exc:  # aborted: this prefix is as close as it gets
            return CorruptEvent(last, f"the events of budget {stream_id} through this one "
                                      f"cannot be stored in the read models ({exc})")
        except Exception as exc:
            bad, error = middle, exc
    return CorruptEvent(positions[bad - 1], f"from this event on, budget {stream_id} cannot "
                                            f"be projected ({type(error).__name__}: {error})")


def _quiet(_: str) -> None:
    """No progress lines while bisecting."""


def replay(con: duckdb.DuckDBPyConnection, progress: Progress = _stderr) -> RebuildStats:
    """Empty the live read models and rebuild them in place, in one transaction: a refusal
    rolls back to the tables as they were, and no scratch copy has to be swapped in."""
    with con.cursor() as cur, transaction(cur):
        return build(cur, "main", progress)


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
