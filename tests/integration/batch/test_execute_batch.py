"""A batch of commands lands as one transaction and equals the same commands one by one."""

import pytest

from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.domain import commands as cmd
from dojo.domain.errors import SplitDoesNotAddUp
from dojo.domain.events import Line
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.projections import queries
from dojo.projections.rebuild import differences

B = "00000000-0000-4000-a000-000000000001"
CHK = "00000000-0000-4000-8000-000000000001"
GROUP = "00000000-0000-4000-8000-000000000002"
FOOD = "00000000-0000-4000-8000-000000000003"


def _commands() -> list[cmd.Command]:
    out: list[cmd.Command] = [
        cmd.CreateBudget(budget_id=B, name="Batch", currency="USD"),
        cmd.OpenAccount(account_id=CHK, name="Checking", account_type="checking",
                        opening_balance=50000, opening_date="2026-01-01"),
        cmd.CreateCategoryGroup(group_id=GROUP, name="Everyday"),
        cmd.CreateCategory(category_id=FOOD, group_id=GROUP, name="Food"),
        cmd.Assign(month="2026-01", category_id=FOOD, assigned=20000),
    ]
    for i in range(5):
        out.append(cmd.RecordTransaction(
            transaction_id=f"00000000-0000-4000-9000-{i:012d}", account_id=CHK,
            date=f"2026-01-{i + 10}", amount=-3000, lines=(Line(category_id=FOOD,
                                                                 amount=-3000),)))
    return out


def _fresh() -> Dojo:
    con = connect(":memory:")
    migrate(con)
    return Dojo(con, FixedClock.on("2026-02-20"), SequentialIds())


def _months(dojo: Dojo) -> list[queries.MonthView]:
    with dojo.con.cursor() as cur:
        return [queries.month_view(cur, B, m) for m in ("2026-01", "2026-02")]


def test_batch_equals_the_same_commands_one_by_one() -> None:
    one_by_one, batched = _fresh(), _fresh()
    for command in _commands():
        one_by_one.execute(B, command)
    result = batched.execute_batch(B, _commands())
    assert result.events == 11
    assert _months(batched) == _months(one_by_one)
    assert _months(batched)[0].categories[0].available == 5000
    assert differences(batched.con, progress=lambda _: None) == []


def test_a_refused_command_leaves_the_whole_batch_out() -> None:
    dojo = _fresh()
    dojo.execute_batch(B, _commands()[:4])
    bad = cmd.RecordTransaction(transaction_id="00000000-0000-4000-9000-000000000099",
                                account_id=CHK, date="2026-01-05", amount=-100,
                                lines=(Line(category_id=FOOD, amount=-90),))
    with dojo.con.cursor() as cur:
        before = cur.execute("SELECT count(*) FROM events").fetchone()
    with pytest.raises(SplitDoesNotAddUp):
        dojo.execute_batch(B, [_commands()[4], bad])
    with dojo.con.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM events").fetchone() == before
    assert _months(dojo)[0].assigned == 0
    dojo.execute_batch(B, [_commands()[4]])
    assert _months(dojo)[0].assigned == 20000
