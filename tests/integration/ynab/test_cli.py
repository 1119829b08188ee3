"""`dojo import-ynab REGISTER PLAN --db PATH --owner NAME` prints the new budget's id and
the report, or `error: FILE line N: ...` and exit 1 with nothing created."""

import re
import shutil
from pathlib import Path

import pytest

from dojo.access import Access
from dojo.bootstrap import open_dojo
from dojo.cli import main
from tests.conftest import CHEAP, PASSWORD
from tests.fixtures.ynab.make_exports import PLAN, REGISTER

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "dojo.duckdb")
    dojo = open_dojo(path)
    Access(dojo, CHEAP).add_user("alice", PASSWORD)
    dojo.con.close()
    return path


def _budgets(db: str) -> list[tuple]:
    dojo = open_dojo(db)
    with dojo.con.cursor() as cur:
        rows = cur.execute("SELECT b.budget_id, b.name, u.username, m.role FROM rm_budgets b "
                           "JOIN budget_members m USING (budget_id) JOIN users u USING (user_id)"
                           ).fetchall()
    dojo.con.close()
    return rows


def test_the_import_prints_the_budget_id_and_the_report(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import-ynab", str(REGISTER), str(PLAN), "--db", db, "--owner", "alice"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert UUID.match(out[0])
    assert out[1] == ("imported 4 accounts, 3 groups, 10 categories, 41 transactions, "
                      "9 transfers, 42 assignments (131 events)")
    assert out[2].endswith(": 44 match, 4 differ")
    assert sum("[funding-order]" in line for line in out) == 2
    assert _budgets(db) == [(out[0], "Household", "alice", "owner")]


def test_a_malformed_register_names_its_line_and_creates_nothing(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "Mine - Register.csv"
    text = REGISTER.read_bytes().decode("utf-8-sig").replace("Reconciled", "Maybe", 1)
    broken.write_text(text, encoding="utf-8")
    code = main(["import-ynab", str(broken), str(PLAN), "--db", db, "--owner", "alice"])
    assert code == 1
    assert capsys.readouterr().err.strip() == (
        "error: Mine - Register.csv line 2: cleared is 'Maybe', not Cleared, Uncleared or "
        "Reconciled")
    assert _budgets(db) == []


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "Plan.csv"
    shutil.copy(PLAN, plan)
    plan.write_bytes(plan.read_bytes().replace(b"Rent", b"R\xe9nt", 3))
    assert main(["import-ynab", str(REGISTER), str(plan), "--db", db, "--owner", "alice"]) == 1
    assert capsys.readouterr().err.strip() == "error: Plan.csv line 2: not UTF-8 text"


def test_an_unknown_owner_is_refused(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-ynab", str(REGISTER), str(PLAN), "--db", db, "--owner", "bob"]) == 1
    assert capsys.readouterr().err.strip() == "error: no user named 'bob'"
    assert _budgets(db) == []
