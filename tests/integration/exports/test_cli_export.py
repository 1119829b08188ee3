"""`dojo export --db PATH --budget ID --format F [--out FILE]`: the same bytes as the API's
export, to stdout by default; a refusal writes nothing."""

from pathlib import Path

import pytest

from dojo.bootstrap import open_dojo
from dojo.cli import main
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.demo import create_demo
from dojo.ids import SequentialIds
from tests.integration.exports.tools import exported


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("cli") / "dojo.duckdb"
    dojo = open_dojo(path, clock=FixedClock.on("2026-02-20"), ids=SequentialIds())
    budget_id = create_demo(dojo, years=1, seed=3)
    dojo.con.close()
    return path, budget_id


@pytest.mark.parametrize("name", ["csv", "events", "hledger", "beancount"])
def test_export_to_a_file_writes_the_same_bytes_as_the_exporter(
        database: tuple[Path, str], tmp_path: Path, name: str) -> None:
    path, budget_id = database
    out = tmp_path / f"budget.{name}"
    assert main(["export", "--db", str(path), "--budget", budget_id, "--format", name,
                 "--out", str(out)]) == 0
    con = connect(path, read_only=True)
    try:
        assert out.read_bytes() == exported(con, budget_id, name)
    finally:
        con.close()
    assert not list(tmp_path.glob("*.partial"))


def test_export_writes_to_stdout_by_default(database: tuple[Path, str],
                                           capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path, budget_id = database
    assert main(["export", "--db", str(path), "--budget", budget_id, "--format", "csv"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"date,account,payee,category_group,")


def test_export_of_an_unknown_budget_fails_and_leaves_no_file(
        database: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = database
    out = tmp_path / "nothing.journal"
    assert main(["export", "--db", str(path), "--budget", "no-such-budget", "--format",
                 "hledger", "--out", str(out)]) == 1
    assert "error: budget not found" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_without_a_database_file_fails(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.duckdb"
    assert main(["export", "--db", str(missing), "--budget", "b", "--format", "csv"]) == 1
    assert "no database" in capsys.readouterr().err
    assert not missing.exists()


def test_export_refuses_an_unknown_format(database: tuple[Path, str]) -> None:
    path, budget_id = database
    with pytest.raises(SystemExit) as refused:
        main(["export", "--db", str(path), "--budget", budget_id, "--format", "xml"])
    assert refused.value.code == 2
