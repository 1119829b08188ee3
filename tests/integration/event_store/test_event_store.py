"""The event store and the command service around it: expected versions, gapless positions,
metadata, idempotent command ids, If-Match, and one transaction per command."""

import datetime as dt
import re
from pathlib import Path

import duckdb
import msgspec
import pytest

from dojo.app.service import CommandResult, Dojo
from dojo.app.transaction import transaction
from dojo.clock import FixedClock
from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.errors import (
    AccountClosed,
    AmountOutOfRange,
    DomainError,
    IdempotencyConflict,
    PreconditionFailed,
    SplitDoesNotAddUp,
    VersionConflict,
)
from dojo.eventstore.store import EventStore, Metadata
from dojo.ids import SequentialIds
from dojo.projections import runner
from dojo.projections.rebuild import differences
from dojo.projections.tables import COLUMNS

REPO = Path(__file__).resolve().parents[3]
HOME, CABIN = "budget-home", "budget-cabin"
STATE_TABLES = ("events", "commands", "projection_positions", *COLUMNS)


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of the log, the command table and every read model."""
    with con.cursor() as cur:
        return {t: cur.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in STATE_TABLES}


def count_events(con: duckdb.DuckDBPyConnection) -> int:
    with con.cursor() as cur:
        return int(cur.execute("SELECT count(*) FROM events").fetchone()[0])


def create(dojo: Dojo, budget_id: str = HOME, **kw: object) -> CommandResult:
    return dojo.execute(budget_id, cmd.CreateBudget(budget_id=budget_id, name=budget_id,
                                                    currency="USD"), **kw)  # type: ignore[arg-type]


def setup_budget(dojo: Dojo, budget_id: str = HOME) -> None:
    """A budget with checking `chk` (1000 opening) and category `food`."""
    create(dojo, budget_id)
    dojo.execute(budget_id, cmd.OpenAccount(account_id="chk", name="Checking",
                                            account_type="checking", opening_balance=1000,
                                            opening_date="2026-01-01"))
    dojo.execute(budget_id, cmd.CreateCategoryGroup(group_id="g", name="Everyday"))
    dojo.execute(budget_id, cmd.CreateCategory(category_id="food", group_id="g", name="Food"))


def spend(transaction_id: str, amount: int = -25, date: str = "2026-02-10") -> cmd.Command:
    return cmd.RecordTransaction(transaction_id=transaction_id, account_id="chk", date=date,
                                 amount=amount,
                                 lines=(ev.Line(category_id="food", amount=amount),))


# --- optimistic concurrency ------------------------------------------------------------


def test_append_with_a_stale_expected_version_raises_and_appends_nothing(
        con: duckdb.DuckDBPyConnection) -> None:
    store = EventStore()
    created = ev.BudgetCreated(budget_id="s", name="S", currency="USD", currency_exponent=2,
                               income_category_id="i", income_group_id="ig",
                               payments_group_id="pg")
    now = dt.datetime(2026, 2, 20, 12, tzinfo=dt.UTC)
    with con.cursor() as cur, transaction(cur):
        assert store.append(cur, "s", 0, [created], Metadata("c1"), now) == [1]
    with pytest.raises(VersionConflict, match="at version 1, expected 0"), \
            con.cursor() as cur, transaction(cur):
        store.append(cur, "s", 0, [ev.BudgetRenamed(name="T")], Metadata("c2"), now)
    with con.cursor() as cur:
        assert cur.execute("SELECT position, version, type FROM events").fetchall() == [
            (1, 1, "BudgetCreated")]
        assert EventStore.read_stream(cur, "s") == [created]


def test_log_refuses_a_second_event_with_the_same_stream_version(
        con: duckdb.DuckDBPyConnection, dojo: Dojo) -> None:
    create(dojo)
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO events SELECT 99, stream_id, version, type, schema_version, "
                    "data, 'other', NULL, NULL, NULL, recorded_at, NULL FROM events")
    assert count_events(con) == 1


def test_writer_with_a_stale_view_gets_a_version_conflict_and_can_retry(
        con: duckdb.DuckDBPyConnection, clock: FixedClock) -> None:
    first, second = Dojo(con, clock, SequentialIds()), Dojo(con, clock, SequentialIds(100))
    setup_budget(first)
    second.execute(HOME, cmd.RenameBudget(name="Renamed by the other writer"))
    before = snapshot(con)
    with pytest.raises(VersionConflict):
        first.execute(HOME, spend("t1"))
    assert snapshot(con) == before
    result = first.execute(HOME, spend("t1"))        # the stale state was dropped
    assert (result.version, result.events) == (len(before["events"]) + 1, 1)


def test_versions_count_per_stream_and_positions_are_gapless_across_budgets(
        con: duckdb.DuckDBPyConnection, dojo: Dojo) -> None:
    create(dojo, HOME)
    create(dojo, CABIN)
    for n, budget_id in enumerate((HOME, CABIN, HOME)):   # three events each
        dojo.execute(budget_id, cmd.OpenAccount(
            account_id=f"visa-{n}", name=f"Visa {n}", account_type="credit_card",
            opening_balance=-50, opening_date="2026-01-01"))
    dojo.execute(CABIN, cmd.RenameBudget(name="Lake"))
    with con.cursor() as cur:
        rows = cur.execute("SELECT position, stream_id, version FROM events "
                           "ORDER BY position").fetchall()
        assert [r[0] for r in rows] == list(range(1, 13))
        for budget_id, n in ((HOME, 7), (CABIN, 5)):
            assert [r[2] for r in rows if r[1] == budget_id] == list(range(1, n + 1))
        # Each command row points at the last position it appended.
        assert cur.execute("SELECT position FROM commands ORDER BY position").fetchall() == [
            (1,), (2,), (5,), (8,), (11,), (12,)]
        batches = list(EventStore.read_batches(cur, batch=5))
    assert [len(b) for b in batches] == [5, 5, 2]
    assert [p for batch in batches for p, _, _ in batch] == list(range(1, 13))
    assert isinstance(batches[0][0][2], ev.BudgetCreated)


def test_event_rows_carry_metadata_and_the_injected_clocks_time(
        con: duckdb.DuckDBPyConnection, dojo: Dojo) -> None:
    create(dojo, command_id="cmd-create", actor="alice", correlation_id="corr-1")
    dojo.execute(HOME, cmd.OpenAccount(account_id="visa", name="Visa",
                                       account_type="credit_card", opening_balance=-900,
                                       opening_date="2026-01-01"))
    with con.cursor() as cur:
        rows = cur.execute(
            "SELECT position, version, type, schema_version, command_id, actor, causation_id, "
            "correlation_id, recorded_at, data FROM events ORDER BY position").fetchall()
    noon = dt.datetime(2026, 2, 20, 12, 0)
    generated = "00000000-0000-0000-0000-000000000001"     # SequentialIds' first id
    assert [r[:9] for r in rows] == [
        (1, 1, "BudgetCreated", 1, "cmd-create", "alice", None, "corr-1", noon),
        (2, 2, "AccountOpened", 1, generated, None, None, None, noon),
        (3, 3, "CategoryCreated", 1, generated, None, None, None, noon),
        (4, 4, "TransactionRecorded", 1, generated, None, None, None, noon),
    ]
    for row in rows:
        event = ev.decode_event(row[9])
        assert ev.event_type(event) == row[2]
        assert msgspec.json.decode(row[9])["type"] == row[2]


def test_recorded_at_is_stored_in_utc(con: duckdb.DuckDBPyConnection) -> None:
    tokyo = dt.timezone(dt.timedelta(hours=9))
    dojo = Dojo(con, FixedClock(dt.datetime(2026, 2, 21, 3, 30, tzinfo=tokyo)), SequentialIds())
    create(dojo)
    assert con.execute("SELECT recorded_at FROM events").fetchone()[0] == dt.datetime(
        2026, 2, 20, 18, 30)


# --- idempotent command ids ------------------------------------------------------------


def test_same_command_id_and_content_returns_the_first_result_and_appends_nothing(
        con: duckdb.DuckDBPyConnection, dojo: Dojo) -> None:
    setup_budget(dojo)
    first = dojo.execute(HOME, spend("t1"), command_id="k-1")
    dojo.execute(HOME, spend("t2"))
    before = snapshot(con)
    again = dojo.execute(HOME, spend("t1"), command_id="k-1")
    assert again == msgspec.structs.replace(first, repeated=True)
    assert (again.version, again.events, again.repeated) == (first.version, 1, True)
    assert snapshot(con) == before


def test_same_command_id_with_different_content_is_an_idempotency_conflict(
        con: duckdb.DuckDBPyConnection, dojo: Dojo) -> None:
    setup_budget(dojo)
    setup_budget(dojo, CABIN)
    dojo.execute(HOME, spend("t1"), command_id="k-1")
    before = snapshot(con)
    with pytest.raises(IdempotencyConflict) as caught:
        dojo.execute(HOME, spend("t1", amount=-26), command_id="k-1")
    assert caught.value.status == 409
    with pytest.raises(IdempotencyConflict):
        dojo.execute(CABIN, spend("t1"), command_id="k-1")     # same command, other budget
    assert snapshot(con) == before


def test_refused_command_is_not_remembered_under_its_id(dojo: Dojo) -> None:
    setup_budget(dojo)
    with pytest.raises(SplitDoesNotAddUp):
        dojo.execute(HOME, cmd.RecordTransaction(
            transaction_id="t1", account_id="chk", date="2026-02-01", amount=-10,
            lines=(ev.Line(category_id="food", amount=-9),)), command_id="k-1")
    assert not dojo.execute(HOME, spend("t1"), command_id="k-1").repeated


# --- If-Match ------------------------------------------------------------------------


def test_if_match_with_a_stale_budget_version_is_a_precondition_failure(
        con: duckdb.DuckDBPyConnection, dojo: Dojo) -> None:
    setup_budget(dojo)
    read = dojo.execute(HOME, spend("t1"))
    dojo.execute(HOME, spend("t2"))
    before = snapshot(con)
    with pytest.raises(PreconditionFailed) as caught:
        dojo.execute(HOME, spend("t3"), if_match=read.version)
    assert caught.value.status == 412
    assert snapshot(con) == before
    current = dojo.execute(HOME, spend("t3"), if_match=read.version + 1)
    assert current.version == read.version + 2


# --- one transaction per command -------------------------------------------------------


def test_refused_command_appends_nothing_and_leaves_read_models_unchanged(
        con: duckdb.DuckDBPyConnection, dojo: Dojo) -> None:
    setup_budget(dojo)
    dojo.execute(HOME, spend("t1", amount=-1000))
    dojo.execute(HOME, cmd.CloseAccount(account_id="chk"))
    before = snapshot(con)
    with pytest.raises(AccountClosed) as caught:
        dojo.execute(HOME, spend("t2"))
    assert isinstance(caught.value, DomainError)
    assert snapshot(con) == before


def test_command_that_changes_nothing_appends_nothing(
        con: duckdb.DuckDBPyConnection, dojo: Dojo) -> None:
    setup_budget(dojo)
    before = snapshot(con)
    result = dojo.execute(HOME, cmd.UpdateCategory(category_id="food", name="Food"))
    assert (result.version, result.events) == (len(before["events"]), 0)
    assert snapshot(con) == before


class ProjectorDown(RuntimeError):
    pass


def _fail(*args: object, **kwargs: object) -> None:
    raise ProjectorDown("failure after the append")


@pytest.mark.parametrize("target", ["projection", "command record"])
def test_failure_after_the_append_rolls_back_everything_and_the_next_command_works(
        target: str, con: duckdb.DuckDBPyConnection, dojo: Dojo,
        monkeypatch: pytest.MonkeyPatch) -> None:
    setup_budget(dojo)
    dojo.execute(HOME, spend("t1"))
    before = snapshot(con)
    with monkeypatch.context() as patch:
        if target == "projection":
            patch.setattr(runner, "apply", _fail)
        else:
            patch.setattr(EventStore, "record_commands", staticmethod(_fail))
        with pytest.raises(ProjectorDown):
            dojo.execute(HOME, spend("t2", amount=-40), command_id="k-2")
    assert snapshot(con) == before, "a failed command must leave no event, command or row"
    # The service dropped its cached state: t2 is not there, so recording it again works.
    result = dojo.execute(HOME, spend("t2", amount=-40), command_id="k-2")
    assert (result.version, result.repeated) == (len(before["events"]) + 1, False)
    with con.cursor() as cur:
        assert cur.execute("SELECT balance FROM rm_accounts WHERE account_id = 'chk'"
                           ).fetchone() == (1000 - 25 - 40,)
    assert differences(con, progress=lambda _: None) == []


def test_failure_while_creating_a_budget_leaves_no_budget(
        con: duckdb.DuckDBPyConnection, dojo: Dojo, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(con)
    with monkeypatch.context() as patch:
        patch.setattr(runner, "apply", _fail)
        with pytest.raises(ProjectorDown):
            create(dojo)
    assert snapshot(con) == before
    assert create(dojo).version == 1


INT64_MAX = 2**63 - 1


def _asset(account_id: str, opening: int) -> cmd.Command:
    return cmd.OpenAccount(account_id=account_id, name=account_id, account_type="asset",
                           opening_balance=opening, opening_date="2026-01-01")


def _tracking_line(transaction_id: str, amount: int, cleared: str) -> cmd.Command:
    return cmd.RecordTransaction(transaction_id=transaction_id, account_id="h1",
                                 date="2026-01-02", amount=amount, cleared=cleared,  # type: ignore[arg-type]
                                 lines=(ev.Line(category_id=None, amount=amount),))


# Each command is fine on its own; only a number derived by the read models leaves int64.
# `chk` already holds 1000, so the tracking account starts at INT64_MAX - 1000.
DERIVED_OUT_OF_RANGE = {
    "month assigned total": [
        cmd.Assign(month="2026-01", category_id="food", assigned=INT64_MAX),
        cmd.CreateCategory(category_id="rent", group_id="g", name="Rent"),
        cmd.Assign(month="2026-01", category_id="rent", assigned=INT64_MAX)],
    "net worth assets": [_asset("h1", INT64_MAX - 1000), _asset("h2", 1)],
    "cleared balance": [_asset("h1", INT64_MAX - 1000),
                        _tracking_line("u", -(INT64_MAX - 1000), "uncleared"),
                        _tracking_line("c", 1001, "cleared")],
}


@pytest.mark.parametrize("steps", DERIVED_OUT_OF_RANGE.values(), ids=DERIVED_OUT_OF_RANGE)
def test_r_b3_command_whose_derived_amount_leaves_int64_is_refused_and_rolled_back(
        steps: list[cmd.Command], con: duckdb.DuckDBPyConnection, dojo: Dojo) -> None:
    setup_budget(dojo)
    *before_steps, last = steps
    for command in before_steps:
        dojo.execute(HOME, command)
    before = snapshot(con)
    error: Exception | None = None
    try:
        dojo.execute(HOME, last)
    except Exception as exc:   # the type of the error is what this test checks
        error = exc
    assert snapshot(con) == before, "a refused command must change nothing"
    assert isinstance(error, AmountOutOfRange), (
        f"R-B3: a derived amount out of int64 must be refused as AmountOutOfRange (409), "
        f"got {error!r}")
    dojo.execute(HOME, spend("after"))          # and the service still works


# --- the log is append-only ------------------------------------------------------------

_MUTATIONS = re.compile(
    r"\b(UPDATE\s+(\w+\.)?events\b|DELETE\s+FROM\s+(\w+\.)?events\b|TRUNCATE\s+(TABLE\s+)?"
    r"(\w+\.)?events\b)", re.IGNORECASE)


def test_no_code_updates_or_deletes_events() -> None:
    # The one exception: migration 0004 fills the new hash column of existing events once
    # (it adds the tamper-evident chain; no event's content changes).
    backfill = REPO / "sql" / "migrations" / "0004_event_hash_chain.sql"
    files = [p for folder in ("src", "sql") for p in (REPO / folder).rglob("*")
             if p.is_file() and p.suffix in (".py", ".sql") and p != backfill]
    assert any(p.name == "store.py" for p in files), "the scan must see the event store"
    found = [f"{p.relative_to(REPO)}: {m.group(0)}" for p in files
             for m in _MUTATIONS.finditer(p.read_text(encoding="utf-8"))]
    assert found == [], "the event log is append-only"


def test_mutation_scan_would_catch_an_update_or_delete() -> None:
    for sql in ("UPDATE events SET data = '{}'", "delete from main.events where 1",
                "TRUNCATE TABLE events"):
        assert _MUTATIONS.search(sql), sql
    assert not _MUTATIONS.search("DELETE FROM rm_events_view")
