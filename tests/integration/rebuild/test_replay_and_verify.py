"""Replay and verify (I-4): the read models kept up to date command by command equal a
rebuild from the log; tampering is found and repaired; the CLI and the start-up rebuild."""

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dojo import bootstrap
from dojo.app.service import Dojo
from dojo.cli import main
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.domain import commands as cmd
from dojo.domain.events import Line
from dojo.domain.ids import derived_id
from dojo.domain.months import add_months, month_range
from dojo.eventstore.corruption import CorruptEvent
from dojo.ids import SequentialIds
from dojo.projections import queries
from dojo.projections.rebuild import RebuildStats, differences, replay
from dojo.projections.tables import COLUMNS, MODEL_VERSION

B = "home"
RTA = derived_id(B, "ready-to-assign")
VISA_PAYMENT = derived_id("visa", "payment-category")
TABLES = (*COLUMNS, "projection_positions")


def quiet(_: str) -> None:
    """Progress output is not what these tests look at."""


def txn(transaction_id: str, account_id: str, date: str, parts: list[tuple[str | None, int]],
        edit: bool = False, cleared: str = "uncleared") -> cmd.RecordTransaction:
    kind = cmd.EditTransaction if edit else cmd.RecordTransaction
    return kind(transaction_id=transaction_id, account_id=account_id, date=date,
                amount=sum(a for _, a in parts), cleared=cleared,  # type: ignore[arg-type]
                lines=tuple(Line(category_id=c, amount=a) for c, a in parts))


def xfer(transfer_id: str, source: str, target: str, date: str, amount: int,
         category_id: str | None = None, edit: bool = False) -> cmd.RecordTransfer:
    kind = cmd.EditTransfer if edit else cmd.RecordTransfer
    return kind(transfer_id=transfer_id, from_account_id=source, to_account_id=target,
                date=date, amount=amount, category_id=category_id)


def build_budget(dojo: Dojo) -> None:
    """A small budget touching every kind of event: cash, card and tracking accounts,
    splits, transfers, edits, deletes, assignments, moves, a category delete, a reconcile."""
    for command in [
        cmd.CreateBudget(budget_id=B, name="Home", currency="USD"),
        cmd.OpenAccount(account_id="chk", name="Checking", account_type="checking",
                        opening_balance=500_000, opening_date="2026-01-01"),
        cmd.OpenAccount(account_id="sav", name="Savings", account_type="savings",
                        opening_date="2026-01-01"),
        cmd.OpenAccount(account_id="visa", name="Visa", account_type="credit_card",
                        opening_balance=-20_000, opening_date="2026-01-01"),
        cmd.OpenAccount(account_id="brk", name="Brokerage", account_type="investment",
                        opening_balance=100_000, opening_date="2026-01-01"),
        cmd.CreateCategoryGroup(group_id="g", name="Everyday"),
        cmd.CreateCategoryGroup(group_id="g2", name="Fun"),
        cmd.CreateCategory(category_id="food", group_id="g", name="Food"),
        cmd.CreateCategory(category_id="rent", group_id="g", name="Rent"),
        cmd.CreateCategory(category_id="fun", group_id="g2", name="Going out"),
        cmd.CreateCategory(category_id="misc", group_id="g2", name="Misc"),
        cmd.Assign(month="2026-01", category_id="food", assigned=40_000),
        cmd.Assign(month="2026-01", category_id="rent", assigned=100_000),
        cmd.Assign(month="2026-01", category_id="fun", assigned=10_000),
        cmd.Assign(month="2026-02", category_id="food", assigned=30_000),
        cmd.Assign(month="2026-01", category_id=VISA_PAYMENT, assigned=20_000),
        txn("rent1", "chk", "2026-01-03", [("rent", -100_000)], cleared="cleared"),
        txn("groceries", "chk", "2026-01-05", [("food", -9_000), ("misc", -3_000)]),
        txn("card1", "visa", "2026-01-10", [("food", -50_000)]),
        txn("refund1", "visa", "2026-01-12", [("food", 5_000)]),
        txn("movie", "chk", "2026-01-20", [("fun", -2_000)]),
        txn("paycheck", "chk", "2026-02-01", [(RTA, 250_000)], cleared="cleared"),
        txn("future", "chk", "2026-05-15", [("food", -7_000)]),
        txn("gone", "chk", "2026-02-02", [("fun", -1_500)]),
        xfer("pay1", "chk", "visa", "2026-01-25", 30_000),
        xfer("invest", "chk", "brk", "2026-02-03", 20_000, "fun"),
        xfer("save", "chk", "sav", "2026-02-04", 50_000),
        xfer("oops", "sav", "chk", "2026-02-05", 1_000),
        txn("card1", "visa", "2026-01-11", [("food", -45_000)], edit=True),
        txn("groceries", "visa", "2026-01-05", [("food", -8_000), ("misc", -4_000)], edit=True),
        xfer("save", "chk", "sav", "2026-02-06", 60_000, edit=True),
        cmd.DeleteTransaction(transaction_id="gone"),
        cmd.DeleteTransfer(transfer_id="oops"),
        cmd.MoveMoney(month="2026-02", from_category_id="food", to_category_id="misc",
                      amount=5_000),
        cmd.MoveMoney(month="2026-02", from_category_id=None, to_category_id="rent",
                      amount=1_000),
        cmd.MoveMoney(month="2026-02", from_category_id="fun", to_category_id=None,
                      amount=500),
        cmd.SetCleared(transaction_id=derived_id("pay1", "from"), cleared="cleared"),
        cmd.UpdateCategory(category_id="misc", hidden=True),
        cmd.UpdateCategoryGroup(group_id="g2", name="Fun & games", hidden=True),
        cmd.UpdateCategory(category_id="rent", group_id="g2"),
        cmd.RenameAccount(account_id="visa", name="Sapphire"),
        cmd.RenameBudget(name="Our home"),
        cmd.DeleteCategory(category_id="fun", move_to="misc"),
        cmd.Reconcile(account_id="chk", statement_balance=619_900, date="2026-02-15",
                      adjustment_transaction_id="adj1"),
        cmd.OpenAccount(account_id="old", name="Old", account_type="cash",
                        opening_date="2026-01-01"),
        cmd.CloseAccount(account_id="old"),
        cmd.ReopenAccount(account_id="old"),
        cmd.CloseAccount(account_id="old"),
    ]:
        dojo.execute(B, command)


def views(con: duckdb.DuckDBPyConnection) -> tuple[list, list, list]:
    """Every month view and summary from before the first month to after the last, and
    net worth."""
    with con.cursor() as cur:
        first, last = queries.budget_range(cur, B)
        assert first is not None and last is not None
        months = month_range(add_months(first, -1), add_months(last, 3))
        return ([queries.month_view(cur, B, m) for m in months],
                queries.month_summaries(cur, B, months),
                queries.net_worth(cur, B, months))


def read_models(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    with con.cursor() as cur:
        return {t: cur.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def file_dojo(path: Path, clock: FixedClock) -> Dojo:
    return bootstrap.open_dojo(path, clock=clock, ids=SequentialIds())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small budget built once through commands; each test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "dojo.duckdb"
    dojo = file_dojo(path, FixedClock.on("2026-02-20"))
    build_budget(dojo)
    dojo.con.close()
    return path


@pytest.fixture
def db_file(template: Path, tmp_path: Path) -> str:
    """A closed database file holding the small budget, private to the test."""
    for source in (template, template.with_name(template.name + ".wal")):
        if source.exists():
            shutil.copyfile(source, tmp_path / source.name)
    return str(tmp_path / template.name)


@pytest.fixture
def built(db_file: str) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(db_file)
    yield con
    con.close()


# --- I-4 -------------------------------------------------------


def test_i_4_models_kept_up_to_date_equal_a_replay(
        built: duckdb.DuckDBPyConnection) -> None:
    assert differences(built, quiet) == []
    with built.cursor() as cur:
        # The budget really holds what the commands said (the test is not vacuous).
        categories = {r[0] for r in cur.execute(
            "SELECT DISTINCT category_id FROM rm_transaction_lines").fetchall()}
        assert "fun" not in categories and "misc" in categories
        # Reconciled at 619 900 (an adjustment of -100); later: -30 000 - 20 000 - 60 000
        # in transfers dated before 02-15 but uncleared, and -7 000 in May.
        assert cur.execute("SELECT balance, cleared_balance FROM rm_accounts "
                           "WHERE account_id = 'chk'").fetchone() == (530_900, 619_900)
        assert cur.execute("SELECT count(*) FROM rm_months").fetchone()[0] == 5


def test_i_4_a_changed_number_is_reported_with_its_table_and_row(
        built: duckdb.DuckDBPyConnection) -> None:
    con = built
    con.execute("UPDATE rm_category_months SET available = available + 1 "
                "WHERE budget_id = ? AND month = '2026-01' AND category_id = 'food'", [B])
    found = differences(con, quiet)
    assert len(found) == 2, found
    live, rebuilt = sorted(found)
    assert live.startswith("rm_category_months: live only: ('home', '2026-01', 'food', ")
    assert rebuilt.startswith("rm_category_months: replay only: ('home', '2026-01', 'food', ")


def test_i_4_replay_repairs_tampering_and_the_month_views_come_back(
        built: duckdb.DuckDBPyConnection) -> None:
    con = built
    before_views, before_rows = views(con), read_models(con)
    con.execute("UPDATE rm_category_months SET available = available + 1 "
                "WHERE budget_id = ? AND month = '2026-01' AND category_id = 'food'", [B])
    con.execute("UPDATE rm_months SET ready_to_assign = 0 WHERE budget_id = ?", [B])
    assert views(con) != before_views
    stats = replay(con, quiet)
    assert (stats.events, stats.budgets) == (
        con.execute("SELECT count(*) FROM events").fetchone()[0], 1)
    assert differences(con, quiet) == []
    assert views(con) == before_views
    assert read_models(con) == before_rows


def test_i_4_a_deleted_row_and_an_extra_row_are_both_reported(
        built: duckdb.DuckDBPyConnection) -> None:
    con = built
    con.execute("DELETE FROM rm_transactions WHERE transaction_id = 'rent1'")
    con.execute("INSERT INTO rm_assignments VALUES (?, 'food', '2026-07', 5)", [B])
    found = differences(con, quiet)
    assert len(found) == 2, found
    assert any(f.startswith("rm_transactions: replay only: ('home', 'rent1', 'chk', ")
               for f in found), found
    assert "rm_assignments: live only: ('home', 'food', '2026-07', 5)" in found


LAST_MONTH_WITHDRAWN = {
    "transaction deleted": [
        txn("t", "chk", "2026-04-10", [(RTA, 50)]),
        cmd.DeleteTransaction(transaction_id="t")],
    "transfer deleted": [
        xfer("x", "chk", "sav", "2026-04-10", 50),
        cmd.DeleteTransfer(transfer_id="x")],
    "assignment set back to zero": [
        cmd.Assign(month="2026-04", category_id="food", assigned=50),
        cmd.Assign(month="2026-04", category_id="food", assigned=0)],
}


@pytest.mark.parametrize("steps", LAST_MONTH_WITHDRAWN.values(), ids=LAST_MONTH_WITHDRAWN)
def test_i_4_months_after_a_withdrawn_last_month_leave_no_rows_behind(
        steps: list[cmd.Command], dojo: Dojo, con: duckdb.DuckDBPyConnection) -> None:
    for command in [
        cmd.CreateBudget(budget_id=B, name="Home", currency="USD"),
        cmd.OpenAccount(account_id="chk", name="Checking", account_type="checking",
                        opening_balance=1_000, opening_date="2026-01-01"),
        cmd.OpenAccount(account_id="sav", name="Savings", account_type="savings",
                        opening_date="2026-01-01"),
        cmd.CreateCategoryGroup(group_id="g", name="Everyday"),
        cmd.CreateCategory(category_id="food", group_id="g", name="Food"),
        *steps,
    ]:
        dojo.execute(B, command)
    assert con.execute("SELECT first_month, last_month FROM rm_budgets").fetchone() == (
        "2026-01", "2026-01")
    found = differences(con, quiet)
    assert found == [], (
        "I-4: after the budget's last month moved back from 2026-04 to 2026-01, the "
        "incremental projection kept month rows past the new last month that a replay does "
        f"not have: {found}")


def test_differences_leave_no_scratch_tables_behind(
        built: duckdb.DuckDBPyConnection) -> None:
    before = read_models(built)
    differences(built, quiet)
    assert read_models(built) == before
    schemas = {r[0] for r in built.execute(
        "SELECT DISTINCT table_schema FROM information_schema.tables").fetchall()}
    assert "verify" not in schemas and "rebuild" not in schemas


def test_replay_of_an_empty_log_empties_the_read_models(
        con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO rm_assignments VALUES ('ghost', 'food', '2026-01', 5)")
    stats = replay(con, quiet)
    assert (stats.events, stats.budgets) == (0, 0)
    assert con.execute("SELECT count(*) FROM rm_assignments").fetchone() == (0,)
    assert differences(con, quiet) == []


def test_replay_refuses_a_stream_that_does_not_start_with_budget_created(
        built: duckdb.DuckDBPyConnection) -> None:
    before = read_models(built)
    built.execute("INSERT INTO events SELECT max(position) + 1, 'orphan', 1, 'BudgetRenamed', "
                  "1, '{\"type\":\"BudgetRenamed\",\"name\":\"x\"}', 'c', NULL, NULL, "
                  "NULL, now(), NULL FROM events")
    with pytest.raises(CorruptEvent, match="orphan does not start with BudgetCreated"):
        replay(built, quiet)
    assert read_models(built) == before


def test_events_per_second_of_an_instant_rebuild_is_the_event_count() -> None:
    assert RebuildStats(events=7, budgets=1, seconds=0.0).events_per_second == 7.0
    assert RebuildStats(events=10, budgets=1, seconds=2.0).events_per_second == 5.0


def test_replay_reports_progress_every_hundred_thousand_events(
        built: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    from dojo.projections import rebuild

    monkeypatch.setattr(rebuild, "BATCH", 10)
    messages: list[str] = []
    original = rebuild._fold_stream

    def counting(cur, stream_id, counter, progress):  # type: ignore[no-untyped-def]
        counter[0] += 99_990                               # as if a big log came before
        return original(cur, stream_id, counter, progress)

    monkeypatch.setattr(rebuild, "_fold_stream", counting)
    replay(built, messages.append)
    assert messages and messages[0].startswith("replayed 1000")
    assert differences(built, quiet) == []


# --- the CLI on a database file ---------------------------------------------------------


def test_cli_verify_exits_0_on_a_consistent_file_and_1_after_tampering(
        db_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--db", db_file]) == 0
    assert "verify: the read models equal a replay" in capsys.readouterr().out
    with duckdb.connect(db_file) as con:
        con.execute("UPDATE rm_accounts SET balance = balance - 1 WHERE account_id = 'sav'")
    assert main(["verify", "--db", db_file]) == 1
    out, err = capsys.readouterr()
    assert "rm_accounts: live only: ('home', 'sav', " in out
    assert "rm_accounts: replay only: ('home', 'sav', " in out
    assert "2 differences" in err


def test_cli_replay_rebuilds_the_file_and_prints_events_per_second(
        db_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    with duckdb.connect(db_file) as con:
        con.execute("DELETE FROM rm_category_months")
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert main(["replay", "--db", db_file]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"replayed {events} events of 1 budgets in \d+\.\d\d s "
                     r"\([\d,]+ events/s\)", out), out
    assert main(["verify", "--db", db_file]) == 0


def test_cli_db_migrate_twice_applies_nothing_the_second_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "new" / "dojo.duckdb")
    assert main(["db", "check", "--db", path]) == 1       # nothing applied yet
    capsys.readouterr()
    assert main(["db", "migrate", "--db", path]) == 0
    first = capsys.readouterr().out
    assert "applied 0001_event_store" in first and "nothing to apply" not in first
    assert main(["db", "migrate", "--db", path]) == 0
    assert capsys.readouterr().out.strip() == "nothing to apply"
    assert main(["db", "check", "--db", path]) == 0
    assert re.match(r"ok: \d+ applied, 0 pending", capsys.readouterr().out)


# --- the start-up rebuild (bootstrap) --------------------------------------------------


def tamper_with_model_version(path: str) -> None:
    """An older model version recorded, and a wrong number only a rebuild would fix."""
    with duckdb.connect(path) as con:
        con.execute("UPDATE projection_positions SET model_version = 999")
        con.execute("UPDATE rm_months SET income = income + 1")


def test_stale_model_version_is_rebuilt_when_a_dojo_opens(
        db_file: str, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    with duckdb.connect(db_file) as con:
        expected = read_models(con)
    tamper_with_model_version(db_file)
    dojo = file_dojo(Path(db_file), clock)
    try:
        assert "read models are stale" in capsys.readouterr().err
        assert not bootstrap.read_models_stale(dojo.con)
        assert {r[0] for r in dojo.con.execute(
            "SELECT model_version FROM projection_positions").fetchall()} == {MODEL_VERSION}
        assert read_models(dojo.con) == expected
        assert differences(dojo.con, quiet) == []
    finally:
        dojo.con.close()


def test_dojo_skip_rebuild_leaves_stale_models_alone(
        db_file: str, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    tamper_with_model_version(db_file)
    monkeypatch.setenv("DOJO_SKIP_REBUILD", "1")
    dojo = file_dojo(Path(db_file), clock)
    try:
        assert bootstrap.read_models_stale(dojo.con)
        assert not bootstrap.ensure_read_models(dojo.con)
        assert {r[0] for r in dojo.con.execute(
            "SELECT model_version FROM projection_positions").fetchall()} == {999}
        assert differences(dojo.con, quiet) != []
    finally:
        dojo.con.close()


def test_read_models_are_stale_when_they_lag_the_log_or_never_ran(
        con: duckdb.DuckDBPyConnection, built: duckdb.DuckDBPyConnection) -> None:
    assert not bootstrap.read_models_stale(con)                 # empty log, no positions
    con = built                                                 # the small budget
    assert not bootstrap.read_models_stale(con)
    assert not bootstrap.ensure_read_models(con)
    con.execute("UPDATE projection_positions SET position = position - 1")
    assert bootstrap.read_models_stale(con)
    con.execute("DELETE FROM projection_positions")
    assert bootstrap.read_models_stale(con)
    assert bootstrap.ensure_read_models(con)
    assert not bootstrap.read_models_stale(con)
    assert differences(con, quiet) == []
