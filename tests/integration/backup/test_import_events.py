"""`dojo import-events`: an events export (one budget or the whole log, gzipped or not) loads
into a fresh database with identical months; a one-budget export is renumbered and chained
anew, the whole log keeps its positions and hashes."""

import datetime as dt
import gzip
import io
from pathlib import Path
from typing import Any

import msgspec
import pytest

from dojo.access import Access
from dojo.cli import main
from dojo.db import connect
from dojo.eventlog_io import BadEventLog, EventLine, load_events, write_events
from dojo.eventstore.chain import event_hash
from dojo.migrations import migrate
from tests.conftest import CHEAP
from tests.integration.backup.instance import (
    HOME,
    PASSWORD,
    Instance,
    copy_of,
    leftovers,
    open_file,
    read,
)


@pytest.fixture(scope="module")
def instance(template: Instance, tmp_path_factory: pytest.TempPathFactory) -> Instance:
    return copy_of(template, tmp_path_factory.mktemp("original"))


def export(instance: Instance, folder: Path, budget_id: str | None, packed: bool = False
           ) -> Path:
    con = connect(instance.path, read_only=True)
    out = io.BytesIO()
    with con.cursor() as cur:
        write_events(cur, out, budget_id)
    con.close()
    path = folder / ("events.jsonl.gz" if packed else "events.jsonl")
    path.write_bytes(gzip.compress(out.getvalue()) if packed else out.getvalue())
    return path


def import_(path: Path, target: Path, monkeypatch: pytest.MonkeyPatch, *owner: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["--owner", owner[0]] if owner else []
    return main(["import-events", str(path), "--db", str(target), *args])


def test_a_one_budget_export_loads_with_identical_months_and_a_new_chain(
        instance: Instance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "demo.duckdb"
    assert import_(export(instance, tmp_path, instance.demo), target, monkeypatch, "bob") == 0
    months, rows = read(instance.path)
    months_after, rows_after = read(target)
    assert list(months_after) == [instance.demo]
    assert months_after[instance.demo] == months[instance.demo]
    positions = [r[0] for r in rows_after["events"]]
    original = [r[0] for r in rows["events"] if r[1] == instance.demo]
    assert positions == list(range(1, len(original) + 1))
    assert original != positions, "the demo's stream has a gap: it was renumbered"
    assert main(["verify", "--db", str(target)]) == 0, "the new chain holds"


def test_the_owner_given_can_sign_in_and_owns_every_budget_loaded(
        instance: Instance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "all.duckdb"
    assert import_(export(instance, tmp_path, None, packed=True), target, monkeypatch,
                   "bob") == 0
    dojo = open_file(target)
    try:
        access = Access(dojo, CHEAP)
        bob = access.authenticate("bob", PASSWORD)
        assert bob is not None
        assert access.role(instance.demo, bob) == access.role(HOME, bob) == "owner"
    finally:
        dojo.con.close()


def test_the_whole_log_loads_byte_for_byte(instance: Instance, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "all.duckdb"
    assert import_(export(instance, tmp_path, None), target, monkeypatch) == 0
    months, rows = read(instance.path)
    months_after, rows_after = read(target)
    assert months_after == months
    assert rows_after["events"] == rows["events"]


def test_an_events_file_never_loads_over_an_existing_database(
        instance: Instance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = export(instance, tmp_path, None)
    assert import_(source, instance.path, monkeypatch) == 1
    assert "exists" in capsys.readouterr().err
    con = connect(":memory:")
    migrate(con)
    lines = source.read_bytes().splitlines(keepends=True)
    assert load_events(con, lines[:3]) == 3
    with pytest.raises(BadEventLog, match="already has events"):
        load_events(con, lines)
    con.close()


def test_a_stream_must_start_with_its_budget_and_keep_its_versions(
        instance: Instance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    lines = export(instance, tmp_path, HOME).read_bytes().splitlines(keepends=True)
    for broken, why in ((lines[1:], "line 1: version 2"),
                        ([lines[0], lines[2]], "line 2: version 3"),
                        ([lines[0], b"\n"], "line 2: an empty line")):
        source = tmp_path / "broken.jsonl"
        source.write_bytes(b"".join(broken))
        assert import_(source, tmp_path / "new.duckdb", monkeypatch) == 1
        assert why in capsys.readouterr().err
        assert leftovers(tmp_path, source, tmp_path / "events.jsonl") == []


def rehashed(raw: bytes, **changes: Any) -> bytes:
    """A line with some fields changed and its hash made to match them again, as someone
    who knows the format would: only the checks beyond the line's own hash can catch it."""
    line = msgspec.structs.replace(msgspec.json.decode(raw, type=EventLine), **changes)
    when = line.recorded_at.astimezone(dt.UTC).replace(tzinfo=None)
    digest = event_hash(line.previous_hash, line.position, line.stream_id, line.version,
                        line.type, bytes(line.data).decode(), line.command_id, line.actor, when)
    return msgspec.json.encode(msgspec.structs.replace(line, hash=digest)) + b"\n"


def test_lines_rehashed_to_look_sound_are_still_refused(
        instance: Instance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    lines = export(instance, tmp_path, None).read_bytes().splitlines(keepends=True)
    last = len(lines)
    second = msgspec.json.decode(lines[1], type=EventLine)
    cases = {
        "swapped": ([*lines[:-2], lines[-1], lines[-2]],
                    f"line {last}: position {last - 1} does not follow {last}"),
        "schema": ([lines[0], rehashed(lines[1], schema_version=2)],
                   "line 2: schema version 2 is not one of"),
        "chain": ([lines[0], rehashed(lines[1], previous_hash="0" * 64)],
                  "line 2: the hash chain breaks"),
        "type": ([lines[0], rehashed(lines[1], type="BudgetRenamed")],
                 f"line 2: type 'BudgetRenamed' but the data is a {second.type}"),
        "stream": ([lines[0], rehashed(lines[1], stream_id="another", version=1)],
                   "line 2: a budget's stream starts with its BudgetCreated"),
    }
    unknown = msgspec.Raw(b'{"type":"AccountRenamed","account_id":"nowhere","name":"Y"}')
    cases["does not apply"] = (
        [lines[0], rehashed(lines[1], type="AccountRenamed", data=unknown)],
        "line 2: the event does not apply to its budget")
    # The control: a line rehashed without a change loads.
    control = tmp_path / "control"
    control.mkdir()
    (control / "ok.jsonl").write_bytes(b"".join([lines[0], rehashed(lines[1])]))
    assert import_(control / "ok.jsonl", control / "ok.duckdb", monkeypatch) == 0
    for broken, why in cases.values():
        source = tmp_path / "broken.jsonl"
        source.write_bytes(b"".join(broken))
        assert import_(source, tmp_path / "new.duckdb", monkeypatch) == 1
        assert why in capsys.readouterr().err
        assert leftovers(tmp_path, source, tmp_path / "events.jsonl", control) == []
