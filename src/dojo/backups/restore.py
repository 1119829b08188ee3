"""Restoring a backup, or loading an events file, into a new database file: built beside the
target under another name and moved there only when everything succeeded."""

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from dojo.app.transaction import transaction
from dojo.backups.archive import EVENTS, Manifest, check, lines, opened, table_file
from dojo.backups.tables import BadBackup, load_table
from dojo.clock import Clock
from dojo.db import connect
from dojo.eventlog_io import load_events, rebuild_read_models
from dojo.eventstore.chain import first_break
from dojo.migrations import Migration, default_migrations_dir, load_migrations, migrate


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}.wal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


@contextmanager
def new_database(target: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a database that appears at `target` only if the block succeeds; on
    any error (or an interrupt) nothing is left behind."""
    if target.exists() or Path(f"{target}.wal").exists():
        raise BadBackup(f"{target} exists; restore into a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    _remove(building)
    con = connect(building)
    try:
        yield con
        con.execute("CHECKPOINT")
        con.close()
        os.replace(building, target)
    except BaseException:
        con.close()
        _remove(building)
        raise


def _compatible(manifest: Manifest, known: list[Migration], source: str) -> None:
    """The backup's migrations must be a prefix of this version's, unchanged."""
    for entry in manifest.migrations:
        ours = known[entry.id - 1] if 0 < entry.id <= len(known) else None
        if ours is None:
            raise BadBackup(f"{source} was taken by a newer Dojo (migration {entry.id:04d}_"
                            f"{entry.name}); restore it with that version or a later one")
        if (ours.name, ours.checksum) != (entry.name, entry.checksum):
            raise BadBackup(f"{source}: migration {entry.id:04d}_{entry.name} differs from "
                            f"this version's {ours.label}")
    if [m.id for m in manifest.migrations] != list(range(1, len(manifest.migrations) + 1)):
        raise BadBackup(f"{source}: the migrations applied are not 0001..N")


def _matches(con: duckdb.DuckDBPyConnection, manifest: Manifest, source: str) -> None:
    with con.cursor() as cur:
        broken = first_break(cur)
        row = cur.execute("SELECT count(*), coalesce(max(position), 0), coalesce(max_by(hash, "
                          "position), '') FROM events").fetchone()
    want = manifest.events
    if broken is not None or row != (want.count, want.last_position, want.last_hash):
        raise BadBackup(f"{source}: the restored log does not end where the manifest says "
                        f"({row} instead of {want.count}, {want.last_position}, "
                        f"{want.last_hash})")


def restore(source: str, target: Path, clock: Clock | None = None) -> Manifest:
    """Check the backup whole, then build a database from it at `target`: migrated to the
    backup's level, its tables and log loaded, migrated on, read models rebuilt."""
    with opened(source) as tar:
        manifest = check(tar, source)
        _compatible(manifest, load_migrations(default_migrations_dir()), source)
        with new_database(target) as con:
            migrate(con, clock=clock, upto=len(manifest.migrations))
            with con.cursor() as cur, transaction(cur):
                for table in manifest.tables:
                    name = table_file(table.name)
                    rows = load_table(cur, table.name, table.columns, lines(tar, name), name)
                    if rows != table.rows:
                        raise BadBackup(f"{source}: {name} has {rows} rows, the manifest "
                                        f"says {table.rows}")
            load_events(con, lines(tar, EVENTS), rebuild=False)
            migrate(con, clock=clock)
            rebuild_read_models(con)
            _matches(con, manifest, source)
    return manifest


def import_events(source: Iterable[bytes], target: Path, clock: Clock | None = None,
                  then: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> int:
    """Load an events file into a new database at `target`, and run `then` on it before it
    is moved there; the number of events."""
    with new_database(target) as con:
        migrate(con, clock=clock)
        count = load_events(con, source)
        if then is not None:
            then(con)
    return count
