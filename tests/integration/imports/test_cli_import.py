"""`dojo import FILE --db --budget --account [--format] [--dry-run]` on a database file."""

from pathlib import Path

import msgspec
import pytest

from dojo.bootstrap import open_dojo
from dojo.cli import main
from dojo.domain import commands as cmd
from tests.import_files import FIXTURES, US_MAPPING

B = "00000000-0000-4000-a000-000000000001"
CARD = "00000000-0000-4000-8000-000000000001"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "dojo.duckdb")
    dojo = open_dojo(path)
    dojo.execute(B, cmd.CreateBudget(budget_id=B, name="Home", currency="USD"))
    dojo.execute(B, cmd.OpenAccount(account_id=CARD, name="Visa", account_type="credit_card",
                                    opening_balance=0, opening_date="2026-01-01"))
    dojo.con.close()
    return path


def run(db: str, name: str, *extra: str) -> int:
    return main(["import", str(FIXTURES / name), "--db", db, "--budget", B, "--account", CARD,
                 *extra])


def imported(db: str) -> int:
    dojo = open_dojo(db)
    try:
        row = dojo.con.execute("SELECT count(*) FROM rm_transactions WHERE import_id IS NOT "
                               "NULL").fetchone()
        return int(row[0]) if row else 0
    finally:
        dojo.con.close()


def test_dry_run_prints_the_preview_and_changes_nothing(db: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "card.qfx", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "2026-02-04          -63.40  new        GROCERY OUTLET #12" in out
    assert "2 new, 0 matched, 0 duplicate, 0 rejected" in out
    assert "dry run" in out
    assert imported(db) == 0


def test_import_commits_and_a_second_run_finds_nothing_new(db: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "card.qfx") == 0
    assert "imported: 2 transactions" in capsys.readouterr().out
    assert imported(db) == 2
    assert run(db, "card.qfx", "--format", "ofx") == 0
    out = capsys.readouterr().out
    assert "0 new, 0 matched, 2 duplicate" in out and "nothing new to import" in out
    assert imported(db) == 2


def test_csv_takes_a_mapping_file_then_remembers_it(db: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_bytes(msgspec.json.encode(US_MAPPING))
    assert run(db, "card_us.csv") == 1
    assert "needs a column mapping" in capsys.readouterr().err
    assert run(db, "card_us.csv", "--csv-mapping", str(mapping)) == 0
    assert imported(db) == 3
    assert run(db, "card_us.csv", "--dry-run") == 0
    assert "0 new, 0 matched, 3 duplicate" in capsys.readouterr().out


def test_a_malformed_file_is_an_error_naming_the_line(db: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "malformed.ofx") == 1
    assert "error: line 50: TRNAMT: '25OO.00' is not an amount" in capsys.readouterr().err
    assert imported(db) == 0


def test_unreadable_inputs_are_errors(db: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "no-such-file.ofx") == 1
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"date": 1}')
    assert run(db, "card_us.csv", "--csv-mapping", str(bad)) == 1
    assert "CSV mapping" in capsys.readouterr().err
    assert main(["import", str(FIXTURES / "card.qfx"), "--db", db, "--budget", B,
                 "--account", "00000000-0000-4000-8000-00000000ffff"]) == 1
    assert "not found" in capsys.readouterr().err
