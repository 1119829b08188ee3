"""Fuzzing the command line (issue 7): `dojo.cli.main(argv)` with arbitrary arguments for
the core commands, on a temporary database, either returns an exit code or stops in argparse
(SystemExit 2, or 0 for --help); never any other exception, never a traceback.

`--db` always names the temporary database (it comes last, so it wins over any `--db` the
fuzzer makes up): arbitrary paths would make the fuzzer create files anywhere. `serve` runs
with a fake uvicorn that returns at once."""

import contextlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dojo.cli import main
from tests.conftest import PASSWORD

EXAMPLES = 150
MIGRATIONS = str(Path(__file__).resolve().parents[3] / "sql" / "migrations")
# Each command: how many positional names it takes, and its options (True: takes a value).
COMMANDS: dict[tuple[str, ...], tuple[int, dict[str, bool]]] = {
    ("replay",): (0, {}),
    ("verify",): (0, {}),
    ("demo",): (0, {"--years": True, "--transactions": True, "--seed": True, "--owner": True}),
    ("serve",): (0, {"--host": True, "--port": True}),
    ("user", "add"): (1, {"--admin": False}),
    ("token", "issue"): (1, {"--name": True}),
    ("db", "migrate"): (0, {"--migrations": True}),
    ("db", "check"): (0, {"--migrations": True}),
}
ODD = ("--", "-", "-h", "--help=x", "--years=", "--port=-1", "1e3", "0", "-1", "٣", "\x00",
       "2147483648", "9" * 30, "NaN", "--db=", " ", "--no-such-option", "alice", "nobody",
       "127.0.0.1", "65536", MIGRATIONS)
VALUES = st.sampled_from(ODD) | st.text(max_size=12) | st.integers(-3, 40).map(str)
SERVED: list[tuple[str, int]] = []


def _fake_uvicorn_run(app: object, host: str, port: int, **_: object) -> None:
    SERVED.append((host, port))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database with a user, a token and a small demo budget; the working folder moves
    there too, so that a made-up relative path stays inside it."""
    folder = tmp_path_factory.mktemp("cli-fuzz")
    path = str(folder / "dojo.duckdb")
    patch = pytest.MonkeyPatch()
    patch.chdir(folder)
    patch.setattr("uvicorn.run", _fake_uvicorn_run)
    patch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "alice", "--db", path]) == 0
    assert main(["demo", "--years", "1", "--transactions", "20", "--owner", "alice",
                 "--db", path]) == 0
    yield path
    patch.undo()


def _run(argv: list[str], stdin: str) -> int | SystemExit:
    out, err = io.StringIO(), io.StringIO()
    previous = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as stop:
                return stop
    finally:
        sys.stdin = previous
    assert "Traceback" not in err.getvalue()
    return code


@st.composite
def arguments(draw: st.DrawFn) -> list[str]:
    """A command with its names and some of its options, each with a value, plus now and
    then a stray token anywhere."""
    words = draw(st.sampled_from(sorted(COMMANDS)))
    names, options = COMMANDS[words]
    argv = [draw(VALUES) for _ in range(names)]
    for option in draw(st.lists(st.sampled_from(sorted(options)), unique=True)
                       if options else st.just([])):
        argv += [option, draw(VALUES)] if options[option] else [option]
    for _ in range(draw(st.sampled_from((0, 0, 0, 1, 2)))):  # mostly well-formed
        argv.insert(draw(st.integers(0, len(argv))), draw(VALUES))
    return [*words, *argv]


def _outcome_is_clean(outcome: int | SystemExit, argv: list[str]) -> None:
    if isinstance(outcome, SystemExit):
        helped = any(a in ("-h", "--help") for a in argv) or "--help" in " ".join(argv)
        assert outcome.code == 2 or (outcome.code == 0 and helped), (argv, outcome.code)
    else:
        assert isinstance(outcome, int) and outcome in (0, 1), (argv, outcome)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(argv=arguments(), stdin=st.text(max_size=30))
def test_core_commands_return_a_code_or_stop_in_argparse(db: str, argv: list[str],
                                                         stdin: str) -> None:
    outcome = _run([*argv, "--db", db], stdin)
    _outcome_is_clean(outcome, argv)
    code = outcome.code if isinstance(outcome, SystemExit) else outcome
    event(f"{' '.join(argv[:2] if argv[0] in ('db', 'user', 'token') else argv[:1])}: "
          f"{'argparse' if isinstance(outcome, SystemExit) else 'exit'} {code}")


@settings(max_examples=50, deadline=None)
@given(argv=st.lists(st.text(max_size=12), max_size=4))
def test_unknown_commands_stop_in_argparse(db: str, argv: list[str]) -> None:
    known = {words[0] for words in COMMANDS} | {"-h", "--help"}
    if argv and (argv[0] in known or argv[0].startswith("-")):
        argv = ["no-such-command", *argv]
    outcome = _run(argv, "")
    assert isinstance(outcome, SystemExit) and outcome.code == 2


@pytest.mark.parametrize("years", ["0", "-1", "51", "x", "٣٣٣٣"])
def test_demo_refuses_a_number_of_years_it_cannot_make_in_argparse(db: str, years: str) -> None:
    fresh = str(Path(db).with_name("no-demo-yet.duckdb"))
    outcome = _run(["demo", "--years", years, "--db", fresh], "")
    assert isinstance(outcome, SystemExit) and outcome.code == 2


def test_serve_reaches_the_server_with_the_parsed_host_and_port(db: str) -> None:
    assert _run(["serve", "--host", "127.0.0.2", "--port", "8123", "--db", db], "") == 0
    assert SERVED[-1] == ("127.0.0.2", 8123)
