"""Any one character of an events file changed: `dojo import-events` refuses it with an error
naming the line (never a traceback, never a database left behind), or, when the change
does not alter what the line says, loads exactly the original log."""

import contextlib
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dojo.app.service import Dojo
from dojo.cli import main
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.eventlog_io import write_events
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from tests.integration.backup.instance import leftovers
from tests.integration.rebuild.test_replay_and_verify import build_budget


def _log() -> tuple[list[bytes], list[tuple]]:
    con = connect(":memory:")
    migrate(con, clock=FixedClock.on("2026-01-01"))
    build_budget(Dojo(con, FixedClock.on("2026-02-20"), SequentialIds()))
    out = io.BytesIO()
    with con.cursor() as cur:
        write_events(cur, out)
        rows = cur.execute("SELECT * FROM events ORDER BY position").fetchall()
    con.close()
    return out.getvalue().splitlines(keepends=True), rows


LINES, ROWS = _log()
REPLACEMENTS = st.sampled_from('0123456789abcdefz{}[]":,. -\\\nZé\x00')


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_one_changed_character_is_refused_naming_its_line(data: st.DataObject) -> None:
    number = data.draw(st.integers(1, len(LINES)), label="line")
    line = LINES[number - 1].decode()
    at = data.draw(st.integers(0, len(line) - 2), label="at")  # never the line's own \n
    char = data.draw(REPLACEMENTS.filter(lambda c: c != line[at]), label="replacement")
    changed = list(LINES)
    changed[number - 1] = (line[:at] + char + line[at + 1:]).encode()
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "events.jsonl", Path(folder) / "new.duckdb"
        source.write_bytes(b"".join(changed))
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["import-events", str(source), "--db", str(target)])
        if code == 0:  # the same content spelled another way, such as an escaped character
            con = connect(target, read_only=True)
            assert con.execute("SELECT * FROM events ORDER BY position").fetchall() == ROWS
            con.close()
            return
        assert code == 1
        assert err.getvalue().startswith(f"error: line {number}: "), err.getvalue()
        assert "Traceback" not in err.getvalue()
        assert leftovers(Path(folder), source) == [], "nothing is left behind"


def test_the_unchanged_file_loads() -> None:
    assert len(LINES) > 20
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "events.jsonl"
        source.write_bytes(b"".join(LINES))
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["import-events", str(source), "--db", f"{folder}/new.duckdb"]) == 0


@pytest.mark.parametrize("junk", [b"\xff\xfe not utf-8\n", b"{}\n", b"[1, 2]\n", b"null\n"])
def test_a_line_that_is_not_an_event_is_refused(junk: bytes,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "events.jsonl"
        source.write_bytes(b"".join(LINES[:3]) + junk + b"".join(LINES[3:]))
        assert main(["import-events", str(source), "--db", f"{folder}/new.duckdb"]) == 1
        assert capsys.readouterr().err.startswith("error: line 4: not a stored event")
        assert leftovers(Path(folder), source) == []
