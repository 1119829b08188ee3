"""Forward-only SQL migrations: numbered files applied once each, in order, one transaction each."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import duckdb

FILE_PATTERN = re.compile(r"(\d{4})_([a-z0-9_]+)\.sql")

CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS applied_migrations (
    id INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    checksum VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""

# The CLI must never fetch extensions from the network behind the operator's back.
CONNECT_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class MigrationError(Exception):
    """A migration folder or database is in a state we refuse to migrate."""


class Clock(Protocol):
    """Source of the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


class _SystemClock:
    """Wall clock; the only default clock in the project."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class Migration:
    """One migration file: its id, name, SQL text and sha256 of its bytes."""

    id: int
    name: str
    sql: str
    checksum: str

    @property
    def label(self) -> str:
        """File stem such as 0001_events, used in every message."""
        return f"{self.id:04d}_{self.name}"


@dataclass(frozen=True)
class CheckReport:
    """Migrations already applied and those still pending, both in id order."""

    applied: list[Migration]
    pending: list[Migration]


def default_migrations_dir() -> Path:
    """Packaged sql/migrations in an installed wheel, else the repository folder."""
    packaged = importlib.resources.files("dojo") / "sql" / "migrations"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "sql" / "migrations"


def load_migrations(folder: Path) -> list[Migration]:
    """Read and validate every migration file in folder, sorted by id."""
    if not folder.is_dir():
        raise MigrationError(f"migrations folder {folder} does not exist")
    by_id: dict[int, Migration] = {}
    for path in sorted(folder.iterdir()):
        # Compare the suffix case-insensitively so 0001_X.SQL is refused, not silently skipped.
        if not path.is_file() or path.suffix.lower() != ".sql":
            continue
        match = FILE_PATTERN.fullmatch(path.name)
        if match is None:
            raise MigrationError(
                f"bad migration file name {path.name!r}: expected NNNN_name.sql "
                "with a 4-digit id and a name of [a-z0-9_]"
            )
        migration_id, name = int(match[1]), match[2]
        if migration_id == 0:
            raise MigrationError(f"bad migration file name {path.name!r}: ids start at 0001")
        if migration_id in by_id:
            raise MigrationError(
                f"duplicate migration id {migration_id:04d}: "
                f"{by_id[migration_id].label}.sql and {path.name}"
            )
        data = path.read_bytes()
        try:
            sql = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MigrationError(f"migration {path.name} is not valid UTF-8: {exc}") from exc
        by_id[migration_id] = Migration(migration_id, name, sql, hashlib.sha256(data).hexdigest())
    migrations = [by_id[key] for key in sorted(by_id)]
    for expected, migration in enumerate(migrations, start=1):
        if migration.id != expected:
            raise MigrationError(
                f"migration id {expected:04d} is missing in {folder} "
                f"(found {migration.label} next); ids must run 0001..N without gaps"
            )
    return migrations


def _has_table(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether applied_migrations exists in the current schema."""
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'applied_migrations' "
        "AND table_schema = current_schema() AND table_catalog = current_database()"
    ).fetchone()
    return row is not None and row[0] > 0


def _plan(con: duckdb.DuckDBPyConnection, migrations: list[Migration]) -> CheckReport:
    """Split migrations into applied and pending, refusing any drift from the records."""
    if not _has_table(con):
        return CheckReport(applied=[], pending=list(migrations))
    rows = con.execute("SELECT id, name, checksum FROM applied_migrations ORDER BY id").fetchall()
    by_id = {m.id: m for m in migrations}
    for applied_id, name, checksum in rows:
        migration = by_id.get(applied_id)
        if migration is None:
            raise MigrationError(
                f"migration {applied_id:04d}_{name} is recorded as applied "
                "but has no file in the migrations folder"
            )
        if migration.name != name:
            raise MigrationError(
                f"migration {applied_id:04d} was applied as {applied_id:04d}_{name} "
                f"but the file is now {migration.label}"
            )
        if migration.checksum != checksum:
            raise MigrationError(
                f"migration {migration.label} was applied with checksum {checksum} "
                f"but the file now has {migration.checksum}"
            )
    applied_ids = [row[0] for row in rows]
    if applied_ids != list(range(1, len(rows) + 1)):
        missing = next(i for i in range(1, len(rows) + 1) if i not in applied_ids)
        raise MigrationError(
            f"migration {by_id[missing].label} is not applied but later migrations are; "
            "applied migrations must be 0001..k without gaps"
        )
    return CheckReport(applied=migrations[: len(rows)], pending=migrations[len(rows) :])


def _apply(con: duckdb.DuckDBPyConnection, migration: Migration, clock: Clock) -> None:
    """Run one migration and record it in a single transaction, or roll it back."""
    try:
        statements = con.extract_statements(migration.sql)
    except duckdb.Error as exc:
        raise MigrationError(f"migration {migration.label} failed: {exc}") from exc
    # A COMMIT or ROLLBACK inside the file would end our transaction and break atomicity.
    if any(s.type == duckdb.StatementType.TRANSACTION for s in statements):
        raise MigrationError(
            f"migration {migration.label} contains a transaction statement "
            "(BEGIN/COMMIT/ROLLBACK); the runner wraps each file in its own transaction"
        )
    now = clock.now()
    if now.tzinfo is None:
        raise ValueError("clock.now() must return an aware UTC datetime")
    # Stored naive so the session TimeZone setting can never shift the recorded instant.
    applied_at = now.astimezone(UTC).replace(tzinfo=None)
    try:
        con.execute("BEGIN")
    except duckdb.Error as exc:
        # The caller holds an open transaction (now aborted by DuckDB); it is theirs to end.
        raise MigrationError(
            f"migration {migration.label} could not start its transaction "
            f"(is one already open on this connection?): {exc}"
        ) from exc
    try:
        con.execute(migration.sql)
        con.execute(
            "INSERT INTO applied_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
            [migration.id, migration.name, migration.checksum, applied_at],
        )
        con.execute("COMMIT")
    except Exception as exc:
        # DuckDB's COMMIT after a failed statement silently discards the work, so roll back
        # explicitly; if the failed COMMIT already ended the transaction there is nothing left.
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise MigrationError(
            f"migration {migration.label} failed and was rolled back: {exc}"
        ) from exc


def migrate(
    con: duckdb.DuckDBPyConnection, folder: Path | None = None, clock: Clock | None = None,
    upto: int | None = None,
) -> list[Migration]:
    """Apply every pending migration in order (or those through id `upto`, as a restore
    does before loading an older backup) and return the ones applied now."""
    migrations = load_migrations(folder if folder is not None else default_migrations_dir())
    con.execute(CREATE_TABLE)
    pending = [m for m in _plan(con, migrations).pending if upto is None or m.id <= upto]
    clock = clock if clock is not None else _SystemClock()
    for migration in pending:
        _apply(con, migration, clock)
    return pending


def check(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> CheckReport:
    """Report applied and pending migrations without changing the database."""
    migrations = load_migrations(folder if folder is not None else default_migrations_dir())
    return _plan(con, migrations)


def _folder(folder: str | None) -> Path | None:
    """CLI folder argument as a Path, None meaning the default folder."""
    return Path(folder) if folder is not None else None


def cli_migrate(db_path: str, folder: str | None) -> int:
    """Apply pending migrations to the database at db_path; return the exit code."""
    try:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        with duckdb.connect(db_path, config=CONNECT_CONFIG) as con:
            applied = migrate(con, _folder(folder))
    except (MigrationError, duckdb.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for migration in applied:
        print(f"applied {migration.label}")
    if not applied:
        print("nothing to apply")
    return 0


def cli_check(db_path: str, folder: str | None) -> int:
    """Report migration status of the database at db_path; 0 only when up to date."""
    try:
        exists = Path(db_path).is_file()
        # Checking must not create a database file; a missing one simply has nothing applied.
        target = db_path if exists else ":memory:"
        with duckdb.connect(target, read_only=exists, config=CONNECT_CONFIG) as con:
            report = check(con, _folder(folder))
    except (MigrationError, duckdb.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for migration in report.pending:
        print(f"pending {migration.label}")
    if report.pending:
        return 1
    print(f"ok: {len(report.applied)} applied, 0 pending")
    return 0
