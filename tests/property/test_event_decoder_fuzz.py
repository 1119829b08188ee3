"""Fuzzing the event decoders (issue 7): whatever ends up in one event's data or type column
of a valid log, replay, verify and the start-up rebuild either refuse it with a CorruptEvent
naming a position (the damaged one, or a later event that no longer fits), leaving the live
read models exactly as they were, or, when the row is still a valid event, rebuild from it.
The CLI says so in one `error: ... position N ...` line and exits 1, never a traceback."""

import contextlib
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import msgspec
import pytest
from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st

from dojo.bootstrap import open_dojo
from dojo.cli import main
from dojo.db import connect
from dojo.domain.events import decode_event, encode_event
from dojo.eventstore.corruption import CorruptEvent, decode_stored
from dojo.projections.rebuild import differences, replay
from tests.property.event_log_damage import (
    TAGS,
    Stored,
    build_template,
    copy_of,
    damage,
    damaged_data,
    ids_in,
    read_models,
)

EXAMPLES = 30
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


REASONS = (("does not decode", "data does not decode"), ("type column", "type mismatch"),
           ("beyond 64 bits", "bad value"), ("is not a", "bad value"),
           ("does not apply", "does not apply to the state"),
           ("cannot be projected", "cannot be projected"),
           ("cannot be stored", "cannot be stored"), ("does not start", "first event"),
           ("creates budget", "another budget's creation"))


def quiet(_: str) -> None:
    """Progress lines are not what these tests look at."""


Log = tuple[Path, list[Stored], tuple[str, ...]]


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Log:
    """A valid log (a small budget touching every kind of event), built once."""
    path = tmp_path_factory.mktemp("valid-log") / "dojo.duckdb"
    stored = build_template(path)
    return path, stored, tuple(ids_in(stored))


def _still_valid(stored: Stored, stream: str, type_: str, data: str) -> bool:
    try:
        decode_stored(stored.position, stream, type_, data)
    except CorruptEvent:
        return False
    return True


def _refused_or_rebuilt(path: str, damaged: int, valid: bool) -> bool:
    """Verify, then replay: both refuse (naming a position at or after the damage, live
    tables untouched) or both run. Returns whether they refused."""
    with connect(path) as con:
        live = read_models(con)
        outcomes = []
        for run in (differences, replay):
            try:
                run(con, quiet)
                outcomes.append(None)
            except CorruptEvent as exc:
                assert exc.position >= damaged, exc.detail
                assert f"position {exc.position}:" in exc.detail
                assert read_models(con) == live, f"{run.__name__} left read models changed"
                outcomes.append(exc.position)
                reason = next((label for words, label in REASONS if words in exc.detail),
                              "other")
        assert outcomes[0] == outcomes[1], outcomes
        refused = outcomes[0] is not None
        event(f"refused: {reason}" if refused else "rebuilt from a still valid event")
        assert refused or valid, "a row that does not decode was replayed"
        if not refused:
            assert differences(con, quiet) == []
    return refused


@FUZZ
@given(data=st.data())
def test_damaged_data_is_refused_with_its_position_or_rebuilt_when_still_valid(
        log: Log, data: st.DataObject) -> None:
    template, stored, ids = log
    row = data.draw(st.sampled_from(stored))
    value = data.draw(damaged_data(row.data, ids))
    if value == row.data:
        reject()
    with tempfile.TemporaryDirectory() as folder:
        path = copy_of(template, Path(folder))
        if not damage(path, row.position, "data", value):
            reject()
        _refused_or_rebuilt(path, row.position, _still_valid(row, "home", row.type, value))


@settings(FUZZ, max_examples=15)
@given(data=st.data())
def test_a_type_column_that_disagrees_with_the_data_is_refused(
        log: Log, data: st.DataObject) -> None:
    template, stored, _ = log
    row = data.draw(st.sampled_from(stored))
    value = data.draw(st.sampled_from(TAGS) | st.text(max_size=20))
    if value == row.type:
        reject()
    with tempfile.TemporaryDirectory() as folder:
        path = copy_of(template, Path(folder))
        assert damage(path, row.position, "type", value)
        assert _refused_or_rebuilt(path, row.position, valid=False)


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _never_serve(*_: object, **__: object) -> None:
    raise AssertionError("dojo serve went on to serve a corrupt log")


@pytest.fixture(scope="module")
def no_server() -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setattr("uvicorn.run", _never_serve)
    yield
    patch.undo()


def _mark_stale(path: str) -> None:
    with duckdb.connect(path) as con:
        con.execute("UPDATE projection_positions SET model_version = -1")


@settings(FUZZ, max_examples=8)
@given(data=st.data())
def test_start_up_and_the_cli_refuse_a_damaged_log_in_one_line(
        log: Log, no_server: None, data: st.DataObject) -> None:
    template, stored, ids = log
    row = data.draw(st.sampled_from(stored))
    value = data.draw(damaged_data(row.data, ids))
    if _still_valid(row, "home", row.type, value):
        reject()  # the rebuild is right to run; the tests above cover it
    with tempfile.TemporaryDirectory() as folder:
        path = copy_of(template, Path(folder))
        if not damage(path, row.position, "data", value):
            reject()
        _mark_stale(path)
        with connect(path) as con:
            live = read_models(con)
        with pytest.raises(CorruptEvent) as refused:
            open_dojo(path)
        assert refused.value.position >= row.position
        with connect(path) as con:
            assert read_models(con) == live
        for command in ("replay", "verify"):
            code, _, err = _cli(command, "--db", path)
            assert code == 1
            assert err.startswith("error: the event log is corrupt at position "), err
            assert err.count("\n") == 1 and "Traceback" not in err, err
        for command in ("demo", "serve"):  # both open the dojo: the start-up rebuild
            code, _, err = _cli(command, "--db", path)
            assert code == 1 and "Traceback" not in err, err
            assert err.splitlines()[-1].startswith("error: the event log is corrupt at position ")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_the_events_decoder_only_ever_raises_its_decode_error(raw: bytes) -> None:
    try:
        event = decode_event(raw)
    except msgspec.DecodeError:  # ValidationError is a DecodeError too
        return
    assert decode_event(encode_event(event)) == event


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.text(max_size=20), st.integers(1, 2**63 - 1))
def test_decoding_a_stored_row_only_ever_raises_corrupt_event(raw: bytes, type_: str,
                                                              position: int) -> None:
    try:
        decode_stored(position, "home", type_, raw)
    except CorruptEvent as exc:
        assert f"position {position}:" in exc.detail
