"""A bulk import leaves the same read models as the same transactions recorded one by one,
and a refused item leaves nothing of its batch (issue 6, decision 0008)."""

import pytest

from dojo.app.batch_ids import ItemRefused
from dojo.app.bulk import create_command_id, record_transactions
from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.domain import commands as cmd
from dojo.domain.errors import AccountClosed
from dojo.domain.events import Line
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.projections import queries
from dojo.projections.rebuild import differences
from dojo.projections.tables import COLUMNS

B = "00000000-0000-4000-a000-000000000001"
CHK = "00000000-0000-4000-8000-000000000001"
CARD = "00000000-0000-4000-8000-000000000002"
CLOSED = "00000000-0000-4000-8000-000000000003"
GROUP = "00000000-0000-4000-8000-000000000004"
CATEGORIES = [f"00000000-0000-4000-8000-0000000001{n:02d}" for n in range(6)]
MONTHS = ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]


def _setup() -> list[cmd.Command]:
    out: list[cmd.Command] = [
        cmd.CreateBudget(budget_id=B, name="Bulk", currency="USD"),
        cmd.OpenAccount(account_id=CHK, name="Checking", account_type="checking",
                        opening_balance=500_000, opening_date="2025-10-01"),
        cmd.OpenAccount(account_id=CARD, name="Card", account_type="credit_card",
                        opening_balance=0, opening_date="2025-10-01"),
        cmd.OpenAccount(account_id=CLOSED, name="Old", account_type="cash",
                        opening_balance=0, opening_date="2025-10-01"),
        cmd.CloseAccount(account_id=CLOSED),
        cmd.CreateCategoryGroup(group_id=GROUP, name="Everyday"),
    ]
    out += [cmd.CreateCategory(category_id=c, group_id=GROUP, name=f"C{n}")
            for n, c in enumerate(CATEGORIES)]
    out += [cmd.Assign(month=m, category_id=c, assigned=5_000)
            for m in MONTHS[:3] for c in CATEGORIES[:3]]
    return out


def _items(count: int) -> list[cmd.RecordTransaction]:
    """Plain, split and card transactions over five months, out of date order."""
    out = []
    for n in range(count):
        amount = -(n * 37 % 9_000 + 50)
        category = CATEGORIES[n % len(CATEGORIES)]
        lines = (Line(category_id=category, amount=amount),)
        if n % 7 == 3:
            lines = (Line(category_id=category, amount=amount + 20),
                     Line(category_id=CATEGORIES[0], amount=-20, memo="split"))
        out.append(cmd.RecordTransaction(
            transaction_id=f"00000000-0000-4000-9000-{n:012d}",
            account_id=CARD if n % 3 == 0 else CHK,
            date=f"{MONTHS[n * 7 % len(MONTHS)]}-{n % 28 + 1:02d}", amount=amount,
            payee=f"Payee {n % 11}", lines=lines))
    return out


def _fresh() -> Dojo:
    con = connect(":memory:")
    migrate(con)
    dojo = Dojo(con, FixedClock.on("2026-02-20"), SequentialIds())
    dojo.execute_batch(B, _setup())
    return dojo


def _tables(dojo: Dojo) -> dict[str, list[tuple]]:
    with dojo.con.cursor() as cur:
        return {table: cur.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                for table in COLUMNS}


def _months(dojo: Dojo) -> list[queries.MonthView]:
    with dojo.con.cursor() as cur:
        return [queries.month_view(cur, B, m) for m in [*MONTHS, "2026-03"]]


def _events(dojo: Dojo) -> int:
    with dojo.con.cursor() as cur:
        return int(cur.execute("SELECT count(*) FROM events").fetchone()[0])


def test_bulk_import_equals_the_same_transactions_one_by_one() -> None:
    one_by_one, bulk = _fresh(), _fresh()
    for command in _items(60):
        one_by_one.execute(B, command,
                           command_id=create_command_id(B, command.transaction_id))
    done = record_transactions(bulk, B, _items(60))
    assert all(done.created) and len(done.ids) == 60
    assert _months(bulk) == _months(one_by_one)
    assert _tables(bulk) == _tables(one_by_one)
    assert differences(bulk.con, progress=lambda _: None) == []
    assert _months(bulk)[1].activity != 0


def test_a_refused_item_leaves_its_whole_batch_out_and_a_fixed_retry_lands() -> None:
    dojo = _fresh()
    items = _items(50)
    items[31] = cmd.RecordTransaction(transaction_id=items[31].transaction_id,
                                      account_id=CLOSED, date="2026-01-05", amount=-100,
                                      lines=(Line(category_id=CATEGORIES[0], amount=-100),))
    before, tables = _events(dojo), _tables(dojo)
    with pytest.raises(ItemRefused) as refused:
        record_transactions(dojo, B, items)
    assert refused.value.index == 31
    assert isinstance(refused.value.error, AccountClosed)
    assert (_events(dojo), _tables(dojo)) == (before, tables)
    done = record_transactions(dojo, B, _items(50))
    assert all(done.created) and _events(dojo) == before + 50
    again = record_transactions(dojo, B, _items(50))
    assert not any(again.created) and again.version == done.version
    assert differences(dojo.con, progress=lambda _: None) == []
