"""`dojo import-json`: JSON lines in all-or-nothing batches; a failed batch leaves earlier ones
in place, and a rerun after fixing the file skips what landed (decision 0008)."""

import json
from pathlib import Path
from typing import Any

import pytest

from dojo import import_json
from dojo.cli import main
from dojo.db import connect
from tests.integration.bulk_import.budget import CARD, CHK, FOOD, RENT, B, budget_file


def item(n: int, **change: Any) -> dict[str, Any]:
    """Items 0, 3, 6... have no id of their own; every seventh is a split on the card."""
    out: dict[str, Any] = {"account_id": CHK, "date": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                           "amount": -(n + 1) * 10, "category_id": FOOD, "payee": f"Shop {n}"}
    if n % 3:
        out["id"] = f"00000000-0000-4000-b000-{n:012d}"
    if n % 7 == 6:
        out.update(account_id=CARD, category_id=None, lines=[
            {"category_id": FOOD, "amount": -(n + 1) * 5},
            {"category_id": RENT, "amount": -(n + 1) * 5, "memo": "half"}])
    return {**out, **change}


def write(path: Path, items: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(i) + "\n" for i in items))
    return str(path)


def counts(db: str) -> tuple[int, int]:
    """Events and register rows."""
    with connect(db) as con:
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        rows = con.execute("SELECT count(*) FROM rm_transactions").fetchone()[0]
    return int(events), int(rows)


def run(db: str, file: str, *extra: str) -> int:
    return main(["import-json", "--db", db, "--budget", B, *extra, file])


@pytest.fixture
def db(tmp_path: Path) -> str:
    return budget_file(tmp_path / "dojo.duckdb")


@pytest.mark.parametrize("keep", [100_000, 3], ids=["read once", "read again"])
def test_a_file_is_imported_in_batches_and_the_read_models_equal_a_replay(
        keep: int, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_json, "KEEP", keep)
    before = counts(db)
    file = tmp_path / "items.jsonl"
    write(file, [item(n) for n in range(25)])
    file.write_text(file.read_text().replace("\n", "\n\n", 1))  # a blank line is skipped
    assert run(db, str(file), "--batch-size", "10") == 0
    out = capsys.readouterr().out
    assert "imported 25 items in 3 batch(es): 25 created, 0 already there" in out
    assert "batch 3 (lines 22-26): 5 created, 0 existing" in out
    assert counts(db) == (before[0] + 25, before[1] + 25)
    assert main(["verify", "--db", db]) == 0
    with connect(db) as con:
        split = con.execute("SELECT count(*) FROM rm_transaction_lines WHERE memo = 'half'")
        assert split.fetchone()[0] == 3


def test_a_rerun_of_the_same_file_appends_nothing(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "items.jsonl", [item(n) for n in range(12)] + [item(0)])
    assert run(db, file, "--batch-size", "5") == 0
    after_first = counts(db)
    assert "13 created" in capsys.readouterr().out  # the same line twice: two purchases
    assert run(db, file) == 0
    assert "0 created, 13 already there" in capsys.readouterr().out
    assert counts(db) == after_first


def test_a_refused_item_in_batch_3_keeps_batches_1_and_2_and_a_fixed_rerun_finishes(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = counts(db)
    items = [item(n) for n in range(30)]
    items[24] = item(24, account_id="00000000-0000-4000-a000-0000000000ff")
    file = tmp_path / "items.jsonl"
    assert run(db, write(file, items), "--batch-size", "10") == 1
    err = capsys.readouterr().err
    assert err.startswith("error: item 25: account_id: ")
    assert "2 batch(es) imported before it (20 created)" in err
    assert counts(db) == (before[0] + 20, before[1] + 20)
    items[24] = item(24)
    assert run(db, write(file, items), "--batch-size", "10") == 0
    assert "10 created, 20 already there" in capsys.readouterr().out
    assert counts(db) == (before[0] + 30, before[1] + 30)


BAD_LINES = {
    "not json": (b'{"account_id": ', "item 3: not valid JSON"),
    "not utf-8": (b'{"payee": "\xff"}', "item 3: not valid JSON"),
    "unknown field": (json.dumps({**item(2), "colour": "red"}).encode(),
                      "item 3: Object contains unknown field `colour`"),
    "float amount": (json.dumps({**item(2), "amount": 1.5}).encode(),
                     "item 3: Expected `int`, got `float` - at `$.amount`"),
    "category and lines": (json.dumps({**item(2), "lines": [
        {"category_id": FOOD, "amount": -30}]}).encode(), "item 3: category_id: give"),
}


@pytest.mark.parametrize("kind", list(BAD_LINES))
def test_a_bad_line_anywhere_stops_the_import_before_anything_lands(
        kind: str, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, message = BAD_LINES[kind]
    before = counts(db)
    file = tmp_path / "items.jsonl"
    good = [json.dumps(item(n)).encode() for n in range(4)]
    file.write_bytes(b"\n".join([*good[:2], line, *good[2:]]) + b"\n")
    assert run(db, str(file), "--batch-size", "1") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {message}"), err
    assert "0 batch(es) imported" in err
    assert counts(db) == before


def test_a_missing_file_or_budget_is_an_error_line(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, str(tmp_path / "nothing.jsonl")) == 1
    assert capsys.readouterr().err.startswith("error: no file ")
    file = write(tmp_path / "items.jsonl", [item(1)])
    assert main(["import-json", "--db", db, "--budget", CHK, file]) == 1
    assert capsys.readouterr().err == "error: budget not found\n"
    assert run(db, file, "--batch-size", "0") == 1
    assert "--batch-size" in capsys.readouterr().err
