"""The composition root: a database opened, migrated, its read models current."""

import os
import sys
from pathlib import Path

import duckdb

from dojo.app.service import Dojo
from dojo.clock import Clock, SystemClock
from dojo.db import connect
from dojo.ids import IdFactory, RandomIds
from dojo.migrations import migrate
from dojo.projections.rebuild import replay
from dojo.projections.tables import MODEL_VERSION


def read_models_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether a read model was built by another model version or lags the log."""
    with con.cursor() as cur:
        last = cur.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()[0]
        rows = cur.execute("SELECT position, model_version FROM projection_positions").fetchall()
    if not rows:
        return last > 0
    return any(position != last or version != MODEL_VERSION for position, version in rows)


def ensure_read_models(con: duckdb.DuckDBPyConnection) -> bool:
    """Rebuild stale read models before serving (DOJO_SKIP_REBUILD=1 skips it)."""
    if os.environ.get("DOJO_SKIP_REBUILD") == "1" or not read_models_stale(con):
        return False
    print("read models are stale: rebuilding from the event log", file=sys.stderr)
    replay(con)
    return True


def open_dojo(path: str | Path, clock: Clock | None = None,
              ids: IdFactory | None = None) -> Dojo:
    """A Dojo on a database file, migrations applied and read models current."""
    con = connect(path)
    try:
        migrate(con, clock=clock)
        ensure_read_models(con)  # a corrupt log is refused here, the read models untouched
    except BaseException:
        con.close()  # nothing half-open keeps the file locked after a refusal
        raise
    return Dojo(con, clock or SystemClock(), ids or RandomIds())
