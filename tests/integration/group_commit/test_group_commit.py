"""Group commit: commands queued while a commit is in flight are decided in turn against the
latest state and committed together; each caller gets the sequential result, and a refused
command never takes down the others of its group."""

import threading
from collections.abc import Callable

import duckdb
import pytest

from dojo.app import group_commit
from dojo.app.service import CommandResult, Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.domain import commands as cmd
from dojo.domain.errors import DomainError, Invalid
from dojo.domain.events import Line
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.projections import queries
from dojo.projections.rebuild import differences

B = "budget-group"


def _fresh() -> Dojo:
    """A budget with a checking account and a category; its set-up commands are not grouped."""
    con = connect(":memory:")
    migrate(con)
    dojo = Dojo(con, FixedClock.on("2026-02-20"), SequentialIds())
    dojo.execute(B, cmd.CreateBudget(budget_id=B, name="Group", currency="USD"))
    dojo.execute(B, cmd.OpenAccount(account_id="chk", name="Checking", account_type="checking",
                                    opening_balance=100_000, opening_date="2026-01-01"))
    dojo.execute(B, cmd.CreateCategoryGroup(group_id="g", name="Everyday"))
    dojo.execute(B, cmd.CreateCategory(category_id="food", group_id="g", name="Food"))
    return dojo


def _spend(i: int, account: str = "chk") -> cmd.Command:
    return cmd.RecordTransaction(transaction_id=f"t{i}", account_id=account, date="2026-02-10",
                                 amount=-100 - i, lines=(Line(category_id="food",
                                                              amount=-100 - i),))


def _run_grouped(dojo: Dojo, calls: list[Callable[[], CommandResult]]) -> list[object]:
    """Start every call while the writer is busy, so that all of them queue and commit as
    one group when it is free; returns each call's result or exception."""
    out: list[object] = [None] * len(calls)

    def call(i: int) -> None:
        try:
            out[i] = calls[i]()
        except Exception as exc:
            out[i] = exc

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(calls))]
    with dojo._lock:
        for thread in threads:
            thread.start()
        while len(dojo._queue) < len(calls):
            threading.Event().wait(0.001)
    for thread in threads:
        thread.join(10)
    return out


@pytest.fixture
def sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    seen: list[int] = []
    real = group_commit.GroupCommit.run

    def run(self: group_commit.GroupCommit) -> None:
        seen.append(len(self.group))
        real(self)

    monkeypatch.setattr(group_commit.GroupCommit, "run", run)
    return seen


def _month(dojo: Dojo) -> queries.MonthView:
    with dojo.con.cursor() as cur:
        return queries.month_view(cur, B, "2026-02")


def test_queued_commands_commit_as_one_group_with_the_sequential_result(
        sizes: list[int]) -> None:
    grouped, sequential = _fresh(), _fresh()
    base = grouped.store.last_position(grouped.con.cursor())
    sizes.clear()
    results = _run_grouped(grouped, [lambda i=i: grouped.execute(B, _spend(i))
                                     for i in range(8)])
    assert sizes == [8], results
    assert sorted(r.version for r in results) == list(range(base + 1, base + 9))
    for i in range(8):
        sequential.execute(B, _spend(i))
    assert _month(grouped) == _month(sequential)
    assert differences(grouped.con) == []


def test_a_refused_command_never_takes_down_the_others_of_its_group(sizes: list[int]) -> None:
    dojo = _fresh()
    sizes.clear()
    calls = [lambda i=i: dojo.execute(B, _spend(i)) for i in range(5)]
    calls.insert(2, lambda: dojo.execute(B, _spend(99, account="nowhere")))
    results = _run_grouped(dojo, calls)
    assert sizes == [6]
    assert isinstance(results[2], Invalid)
    assert all(isinstance(r, CommandResult) and r.events == 1
               for i, r in enumerate(results) if i != 2)
    assert _month(dojo).activity == -sum(100 + i for i in range(5))
    assert differences(dojo.con) == []


def test_a_failing_transaction_retries_the_group_one_by_one(sizes: list[int]) -> None:
    dojo = _fresh()
    sizes.clear()

    def broken(cur: duckdb.DuckDBPyConnection) -> None:
        raise RuntimeError("a side effect that fails inside the transaction")

    calls = [lambda i=i: dojo.execute(B, _spend(i)) for i in range(4)]
    calls.append(lambda: dojo.execute(B, _spend(50), also=broken))
    results = _run_grouped(dojo, calls)
    assert sizes[0] == 5 and sizes[1:] == [1] * 5
    assert isinstance(results[4], RuntimeError)
    assert [r.events for r in results[:4]] == [1, 1, 1, 1]  # type: ignore[union-attr]
    with dojo.con.cursor() as cur:
        ids = {r[0] for r in cur.execute("SELECT transaction_id FROM rm_transactions").fetchall()}
    assert {"t0", "t1", "t2", "t3"} <= ids and "t50" not in ids
    assert differences(dojo.con) == []


def test_the_same_command_id_twice_in_a_group_is_carried_out_once(sizes: list[int]) -> None:
    dojo = _fresh()
    sizes.clear()
    before = dojo.store.last_position(dojo.con.cursor())
    results = _run_grouped(dojo, [lambda: dojo.execute(B, _spend(1), command_id="same")] * 3)
    assert [r.repeated for r in results].count(False) == 1  # type: ignore[union-attr]
    assert {r.version for r in results} == {before + 1}  # type: ignore[union-attr]
    assert dojo.store.last_position(dojo.con.cursor()) == before + 1


def test_if_match_sees_the_versions_left_by_earlier_commands_of_the_group(
        sizes: list[int]) -> None:
    dojo = _fresh()
    sizes.clear()
    version = dojo.budget_version(dojo.con.cursor(), B)
    results = _run_grouped(dojo, [lambda: dojo.execute(B, _spend(1), if_match=version),
                                  lambda: dojo.execute(B, _spend(2), if_match=version)])
    assert sizes == [2]
    assert isinstance(results[0], CommandResult)
    assert isinstance(results[1], DomainError) and results[1].status == 412
