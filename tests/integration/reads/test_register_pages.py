"""Register pages look in a window of recent months first (reads._newest); paging through
must still give every row once, newest first, with and without filters."""

import pytest

from dojo.api import reads
from dojo.app.service import Dojo
from dojo.demo import create_demo


def _all_pages(dojo: Dojo, budget_id: str, limit: int, **filters: str | None) -> list[str]:
    ids: list[str] = []
    cursor = None
    with dojo.con.cursor() as cur:
        while True:
            page = reads.transactions(cur, budget_id, limit, cursor, filters.get("account"),
                                      None, filters.get("since"), filters.get("until"))
            ids += [t.id for t in page.items]
            if page.next_cursor is None:
                return ids
            cursor = page.next_cursor


@pytest.mark.parametrize("limit", [1, 7, 100, 1000])
def test_pages_hold_every_row_once_newest_first(dojo: Dojo, limit: int) -> None:
    budget_id = create_demo(dojo, years=3, transactions=400)
    expected = [r[0] for r in dojo.con.execute(
        "SELECT transaction_id FROM rm_transactions WHERE budget_id = ? "
        "ORDER BY date DESC, transaction_id DESC", [budget_id]).fetchall()]
    assert _all_pages(dojo, budget_id, limit) == expected
    account = dojo.con.execute("SELECT account_id FROM rm_accounts WHERE budget_id = ? "
                               "ORDER BY sort_key LIMIT 1", [budget_id]).fetchone()[0]
    mine = [r[0] for r in dojo.con.execute(
        "SELECT transaction_id FROM rm_transactions WHERE budget_id = ? AND account_id = ? "
        "AND date <= DATE '2025-06-30' ORDER BY date DESC, transaction_id DESC",
        [budget_id, account]).fetchall()]
    assert mine
    assert _all_pages(dojo, budget_id, limit, account=account, until="2025-06-30") == mine
