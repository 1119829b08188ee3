"""Behaviour of the SQL migration runner against real DuckDB databases."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from dojo.migrations import (
    MigrationError,
    check,
    cli_check,
    cli_migrate,
    default_migrations_dir,
    load_migrations,
    migrate,
)

START = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)

ACCOUNTS_SQL = "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL);\n"
SEED_SQL = (
    "INSERT INTO accounts VALUES (1, 'cash');\n"
    "INSERT INTO accounts VALUES (2, 'bank');\n"
    "CREATE TABLE envelopes (id INTEGER PRIMARY KEY);\n"
)


class FakeClock:
    """Deterministic clock advancing one second per reading."""

    def __init__(self, start: datetime = START) -> None:
        self.current = start

    def now(self) -> datetime:
        value = self.current
        self.current += timedelta(seconds=1)
        return value


def write(folder: Path, filename: str, sql: str) -> Path:
    """Write a migration file into folder and return its path."""
    path = folder / filename
    path.write_text(sql, encoding="utf-8")
    return path


def sha256(path: Path) -> str:
    """Checksum the runner is expected to record for path."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def applied_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Rows of applied_migrations in id order."""
    return con.execute(
        "SELECT id, name, checksum, applied_at FROM applied_migrations ORDER BY id"
    ).fetchall()


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether a table called name exists."""
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return row is not None and row[0] == 1


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Migration folder holding 0001_accounts and 0002_seed."""
    path = tmp_path / "migrations"
    path.mkdir()
    write(path, "0001_accounts.sql", ACCOUNTS_SQL)
    write(path, "0002_seed.sql", SEED_SQL)
    return path


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """Fresh in-memory database."""
    connection = duckdb.connect(":memory:")
    yield connection
    connection.close()


def test_fresh_database_applies_all_in_order_and_records_checksums(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    applied = migrate(con, folder, FakeClock())

    assert [m.label for m in applied] == ["0001_accounts", "0002_seed"]
    assert applied_rows(con) == [
        (1, "accounts", sha256(folder / "0001_accounts.sql"), datetime(2024, 3, 1, 9, 30, 0)),
        (2, "seed", sha256(folder / "0002_seed.sql"), datetime(2024, 3, 1, 9, 30, 1)),
    ]


def test_every_statement_of_a_multi_statement_file_runs(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    migrate(con, folder, FakeClock())

    assert con.execute("SELECT name FROM accounts ORDER BY id").fetchall() == [
        ("cash",),
        ("bank",),
    ]
    assert table_exists(con, "envelopes")


def test_applied_at_is_stored_as_utc_whatever_the_clock_zone(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    plus_two = timezone(timedelta(hours=2))
    migrate(con, folder, FakeClock(datetime(2024, 3, 1, 11, 30, tzinfo=plus_two)))

    assert applied_rows(con)[0][3] == datetime(2024, 3, 1, 9, 30)


def test_second_run_applies_nothing(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    migrate(con, folder, FakeClock())
    before = applied_rows(con)

    assert migrate(con, folder, FakeClock(START + timedelta(days=1))) == []
    assert applied_rows(con) == before


def test_new_file_is_applied_on_a_later_run(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    migrate(con, folder, FakeClock())
    write(folder, "0003_budgets.sql", "CREATE TABLE budgets (id INTEGER);")

    applied = migrate(con, folder, FakeClock(START + timedelta(days=1)))

    assert [m.label for m in applied] == ["0003_budgets"]
    assert applied_rows(con)[2][3] == datetime(2024, 3, 2, 9, 30)


def test_edited_applied_file_is_refused_and_nothing_new_is_applied(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    migrate(con, folder, FakeClock())
    before = applied_rows(con)
    old_checksum = sha256(folder / "0002_seed.sql")
    edited = write(folder, "0002_seed.sql", SEED_SQL + "-- sneaky edit\n")
    write(folder, "0003_budgets.sql", "CREATE TABLE budgets (id INTEGER);")

    with pytest.raises(MigrationError) as excinfo:
        migrate(con, folder, FakeClock())

    message = str(excinfo.value)
    assert "0002_seed" in message
    assert old_checksum in message
    assert sha256(edited) in message
    assert applied_rows(con) == before
    assert not table_exists(con, "budgets")


def test_renamed_applied_file_is_refused(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    migrate(con, folder, FakeClock())
    (folder / "0002_seed.sql").rename(folder / "0002_seed_data.sql")

    with pytest.raises(MigrationError, match=r"0002_seed.*0002_seed_data"):
        migrate(con, folder, FakeClock())


def test_applied_migration_without_file_is_refused(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    migrate(con, folder, FakeClock())
    (folder / "0002_seed.sql").unlink()

    with pytest.raises(MigrationError, match=r"0002_seed.*no file"):
        migrate(con, folder, FakeClock())


def test_applied_ids_with_a_hole_are_refused(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    migrate(con, folder, FakeClock())
    con.execute("DELETE FROM applied_migrations WHERE id = 1")

    with pytest.raises(MigrationError, match="0001_accounts is not applied"):
        migrate(con, folder, FakeClock())


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "0001_accounts.sql", ACCOUNTS_SQL)
    write(tmp_path, "0001_other.sql", "SELECT 1;")

    with pytest.raises(MigrationError, match="duplicate migration id 0001"):
        load_migrations(tmp_path)


@pytest.mark.parametrize(
    ("filenames", "missing"),
    [
        (["0001_a.sql", "0003_c.sql"], "0002"),
        (["0002_b.sql", "0003_c.sql"], "0001"),
    ],
)
def test_gap_in_ids_is_refused_naming_the_missing_id(
    tmp_path: Path, filenames: list[str], missing: str
) -> None:
    for filename in filenames:
        write(tmp_path, filename, "SELECT 1;")

    with pytest.raises(MigrationError, match=f"migration id {missing} is missing"):
        load_migrations(tmp_path)


@pytest.mark.parametrize(
    "filename",
    ["1_a.sql", "00001_a.sql", "0001-a.sql", "0001_A.sql", "0001_.sql", "0001_a.SQL", "0000_a.sql"],
)
def test_bad_file_name_is_refused(tmp_path: Path, filename: str) -> None:
    write(tmp_path, filename, "SELECT 1;")

    with pytest.raises(MigrationError, match="bad migration file name"):
        load_migrations(tmp_path)


def test_files_that_are_not_sql_are_ignored(folder: Path) -> None:
    write(folder, "README.md", "notes")
    (folder / "drafts").mkdir()

    assert [m.id for m in load_migrations(folder)] == [1, 2]


def test_loaded_migrations_are_sorted_and_checksummed(folder: Path) -> None:
    migrations = load_migrations(folder)

    assert [(m.id, m.name, m.sql) for m in migrations] == [
        (1, "accounts", ACCOUNTS_SQL),
        (2, "seed", SEED_SQL),
    ]
    assert migrations[1].checksum == sha256(folder / "0002_seed.sql")


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MigrationError, match="does not exist"):
        load_migrations(tmp_path / "nope")


@pytest.mark.parametrize(
    "broken_tail",
    [
        "INSERT INTO envelopes VALUES ('not a number');",  # fails while executing
        "SELEC broken;",  # fails while parsing
    ],
)
def test_failing_migration_rolls_back_alone_and_applies_once_fixed(
    con: duckdb.DuckDBPyConnection, folder: Path, broken_tail: str
) -> None:
    broken = (
        "INSERT INTO accounts VALUES (1, 'cash');\n"
        "CREATE TABLE envelopes (id INTEGER PRIMARY KEY);\n" + broken_tail
    )
    write(folder, "0002_seed.sql", broken)

    with pytest.raises(MigrationError, match="0002_seed") as excinfo:
        migrate(con, folder, FakeClock())

    assert isinstance(excinfo.value.__cause__, duckdb.Error)
    assert [row[:2] for row in applied_rows(con)] == [(1, "accounts")]
    assert table_exists(con, "accounts")
    assert con.execute("SELECT count(*) FROM accounts").fetchone() == (0,)
    assert not table_exists(con, "envelopes")

    write(folder, "0002_seed.sql", SEED_SQL)
    applied = migrate(con, folder, FakeClock(START + timedelta(hours=1)))

    assert [m.label for m in applied] == ["0002_seed"]
    assert applied_rows(con)[1][1:] == (
        "seed",
        sha256(folder / "0002_seed.sql"),
        datetime(2024, 3, 1, 10, 30),
    )


def test_migration_containing_commit_is_refused_before_running(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    write(folder, "0002_seed.sql", "CREATE TABLE envelopes (id INTEGER);\nCOMMIT;\n")

    with pytest.raises(MigrationError, match="0002_seed contains a transaction statement"):
        migrate(con, folder, FakeClock())

    assert not table_exists(con, "envelopes")
    assert [row[0] for row in applied_rows(con)] == [1]


def test_check_on_database_without_table_reports_everything_pending(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    report = check(con, folder)

    assert report.applied == []
    assert [m.label for m in report.pending] == ["0001_accounts", "0002_seed"]
    assert not table_exists(con, "applied_migrations")


def test_check_reports_applied_and_pending_without_applying(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    migrate(con, folder, FakeClock())
    write(folder, "0003_budgets.sql", "CREATE TABLE budgets (id INTEGER);")

    report = check(con, folder)

    assert [m.label for m in report.applied] == ["0001_accounts", "0002_seed"]
    assert [m.label for m in report.pending] == ["0003_budgets"]
    assert not table_exists(con, "budgets")


def test_check_refuses_checksum_drift(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    migrate(con, folder, FakeClock())
    write(folder, "0001_accounts.sql", ACCOUNTS_SQL + "-- edited\n")

    with pytest.raises(MigrationError, match="0001_accounts was applied with checksum"):
        check(con, folder)


def test_default_folder_loads_without_error() -> None:
    folder = default_migrations_dir()

    migrations = load_migrations(folder)

    assert folder.is_dir()
    assert [m.id for m in migrations] == list(range(1, len(migrations) + 1))


def test_cli_migrate_creates_database_and_prints_each_applied_migration(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "data" / "nested" / "dojo.duckdb"

    assert cli_migrate(str(db_path), str(folder)) == 0
    assert capsys.readouterr().out == "applied 0001_accounts\napplied 0002_seed\n"
    assert db_path.is_file()

    assert cli_migrate(str(db_path), str(folder)) == 0
    assert capsys.readouterr().out == "nothing to apply\n"


def test_cli_migrate_reports_failure_on_stderr_and_exits_1(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(folder, "0002_seed.sql", "SELEC broken;")

    assert cli_migrate(str(tmp_path / "dojo.duckdb"), str(folder)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: migration 0002_seed failed")


def test_cli_check_lists_pending_and_exits_1_without_creating_database(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "dojo.duckdb"

    assert cli_check(str(db_path), str(folder)) == 1
    assert capsys.readouterr().out == "pending 0001_accounts\npending 0002_seed\n"
    assert not db_path.exists()


def test_cli_check_is_ok_once_migrated(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = str(tmp_path / "dojo.duckdb")
    cli_migrate(db_path, str(folder))
    capsys.readouterr()

    assert cli_check(db_path, str(folder)) == 0
    assert capsys.readouterr().out == "ok: 2 applied, 0 pending\n"


def test_cli_check_reports_drift_on_stderr_and_exits_1(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = str(tmp_path / "dojo.duckdb")
    cli_migrate(db_path, str(folder))
    capsys.readouterr()
    write(folder, "0002_seed.sql", SEED_SQL + "-- edited\n")

    assert cli_check(db_path, str(folder)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: migration 0002_seed was applied with checksum")


def test_file_that_is_not_utf8_is_refused(folder: Path) -> None:
    (folder / "0003_latin1.sql").write_bytes("SELECT 'café';".encode("latin-1"))

    with pytest.raises(MigrationError, match=r"0003_latin1\.sql is not valid UTF-8"):
        load_migrations(folder)


def test_naive_clock_is_rejected_before_anything_is_applied(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    with pytest.raises(ValueError, match="aware UTC datetime"):
        migrate(con, folder, FakeClock(datetime(2024, 3, 1, 9, 30)))

    assert applied_rows(con) == []


def test_migrate_on_connection_with_open_transaction_is_refused(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> None:
    con.execute("BEGIN")

    with pytest.raises(MigrationError, match="0001_accounts could not start its transaction"):
        migrate(con, folder, FakeClock())

    con.execute("ROLLBACK")
    assert not table_exists(con, "accounts")
    assert [m.label for m in migrate(con, folder, FakeClock())] == ["0001_accounts", "0002_seed"]
