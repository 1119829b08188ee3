"""`dojo backup --db` then `dojo restore`: the restored database passes `dojo verify`, has the
same log, tables, months and net worth as the original, and its users can still sign in."""

import tarfile
from pathlib import Path

import pytest

from dojo.access import Access
from dojo.backups.archive import EVENTS, MANIFEST
from dojo.cli import main
from dojo.db import connect
from dojo.migrations import migrate
from tests.conftest import CHEAP
from tests.integration.backup.instance import (
    PASSWORD,
    Instance,
    copy_of,
    open_file,
    read,
)


@pytest.fixture(scope="module")
def instance(template: Instance, tmp_path_factory: pytest.TempPathFactory) -> Instance:
    return copy_of(template, tmp_path_factory.mktemp("original"))


@pytest.fixture(scope="module")
def backup(instance: Instance, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("backups") / "dojo.tar"
    assert main(["backup", "--db", str(instance.path), str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def restored(backup: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("restored") / "dojo.duckdb"
    assert main(["restore", str(backup), "--db", str(target)]) == 0
    return target


def test_a_backup_is_a_tar_whose_manifest_comes_first(backup: Path) -> None:
    with tarfile.open(backup) as tar:
        names = tar.getnames()
    assert names[0] == MANIFEST
    assert EVENTS in names
    assert "tables/sessions.jsonl.gz" not in names, "sessions are not kept"
    assert {"tables/users.jsonl.gz", "tables/api_tokens.jsonl.gz",
            "tables/budget_members.jsonl.gz", "tables/instance_admins.jsonl.gz"} <= set(names)


def test_the_restored_database_passes_verify(restored: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--db", str(restored)]) == 0
    assert "the read models equal a replay of the log" in capsys.readouterr().out


def test_every_month_of_every_budget_and_the_log_are_identical(instance: Instance,
                                                              restored: Path) -> None:
    months, rows = read(instance.path)
    months_after, rows_after = read(restored)
    assert len(months) == 2 and all(len(v) > 12 for v in months.values())
    assert months_after == months
    assert rows_after["events"] == rows["events"], "positions, hashes, times: byte for byte"
    assert rows_after == rows


def test_users_sign_in_and_tokens_work_after_a_restore_but_sessions_end(
        instance: Instance, restored: Path) -> None:
    dojo = open_file(restored)
    try:
        access = Access(dojo, CHEAP)
        alice = access.authenticate("alice", PASSWORD)
        assert alice is not None
        assert access.authenticate("alice", "not the password") is None
        assert access.token_user(instance.tokens["alice"]) == alice
        assert access.role(instance.demo, alice) == "owner"
        admin = access.token_user(instance.tokens["admin"])
        assert admin is not None and access.is_admin(admin) and not access.is_admin(alice)
        assert access.session_user(instance.session) is None
    finally:
        dojo.con.close()


def test_a_backup_never_overwrites_and_keep_prunes_only_its_own_older_backups(
        instance: Instance, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = str(tmp_path / "dojo-{timestamp}.tar")
    for stamp in ("20250101T020000Z", "20250102T020000Z", "20250103T020000Z"):
        (tmp_path / f"dojo-{stamp}.tar").write_bytes(b"an older backup")
    other = tmp_path / "notes.txt"
    other.write_text("not a backup")
    assert main(["backup", "--db", str(instance.path), "--keep", "2", template]) == 0
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept[0] == "dojo-20250103T020000Z.tar"
    assert len(kept) == 3 and kept[2] == "notes.txt"
    newest = tmp_path / kept[1]
    assert main(["backup", "--db", str(instance.path), str(newest)]) == 1
    assert "never overwrites" in capsys.readouterr().err
    assert main(["backup", "--db", str(instance.path), "--keep", "2",
                 str(tmp_path / "fixed.tar")]) == 1


def test_a_backup_from_before_a_migration_restores_under_the_new_version(
        tmp_path: Path) -> None:
    """Restored at its own migration level, then migrated on: 0005 makes the first user
    the administrator, as it does on a live database."""
    old = tmp_path / "old.duckdb"
    con = connect(old)
    migrate(con, upto=4)
    con.execute("INSERT INTO users VALUES ('u1', 'first', 'scrypt$16$1$1$00$00', "
                "TIMESTAMP '2025-01-01 00:00:00'), ('u2', 'second', 'scrypt$16$1$1$00$00', "
                "TIMESTAMP '2025-02-01 00:00:00')")
    con.close()
    out, target = tmp_path / "old.tar", tmp_path / "new.duckdb"
    assert main(["backup", "--db", str(old), str(out)]) == 0
    assert main(["restore", str(out), "--db", str(target)]) == 0
    con = connect(target, read_only=True)
    try:
        assert con.execute("SELECT max(id) FROM applied_migrations").fetchone()[0] >= 5
        assert con.execute("SELECT user_id FROM instance_admins").fetchall() == [("u1",)]
    finally:
        con.close()
