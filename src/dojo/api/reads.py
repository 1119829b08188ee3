"""SQL over the read-model tables, answered as response structs. Nothing here replays."""

import base64
import datetime as dt
import json
from collections.abc import Sequence

import duckdb

from dojo.api import schemas as s
from dojo.domain.errors import Invalid, NotFound
from dojo.domain.months import add_months, parse_date
from dojo.domain.state import BudgetState

MAX_LIMIT = 1000


def encode_cursor(values: Sequence[object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode()


def decode_cursor(cursor: str | None, *kinds: type) -> list | None:
    """The sort key a cursor carries, each value of the kind expected (`date` for a day)."""
    if cursor is None:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid("cursor is not one this API gave out", "cursor") from exc
    if (
        not isinstance(values, list)
        or len(values) != len(kinds)
        or not all(_fits(value, kind) for value, kind in zip(values, kinds, strict=False))
    ):
        raise Invalid("cursor is not one this API gave out", "cursor")
    return values


def _fits(value: object, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**62
    if kind is dt.date:
        return isinstance(value, str) and parse_date(value) is not None
    return isinstance(value, str) and len(value) <= 64


def check_day(value: str | None, field: str) -> str | None:
    """A query filter that must be a real day."""
    if value is not None and parse_date(value) is None:
        raise Invalid(f"{field} must be a real date YYYY-MM-DD", field)
    return value


def _page(rows: list[tuple], limit: int, key: int = 1) -> tuple[list[tuple], str | None]:
    """Rows of one page and the cursor after it; `key` leading columns are the sort key."""
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1][:key])


def _by_sort_key(
    cur: duckdb.DuckDBPyConnection, sql: str, budget_id: str, limit: int, cursor: str | None
) -> tuple[list[tuple], str | None]:
    """A page of a budget's rows in creation order (`sort_key` leads each row)."""
    after = decode_cursor(cursor, int)
    rows = cur.execute(
        f"{sql} WHERE budget_id = ? AND sort_key > ? ORDER BY sort_key LIMIT ?",
        [budget_id, after[0] if after else -1, limit + 1],
    ).fetchall()
    return _page(rows, limit)


BUDGET_SQL = (
    "SELECT budget_id, name, currency, currency_exponent, income_category_id, "
    "version, first_month FROM rm_budgets"
)


def budget(cur: duckdb.DuckDBPyConnection, budget_id: str) -> s.Budget:
    row = cur.execute(f"{BUDGET_SQL} WHERE budget_id = ?", [budget_id]).fetchone()
    if row is None:
        raise NotFound("budget not found")
    return s.Budget(*row)


def budgets(
    cur: duckdb.DuckDBPyConnection, user_id: str, limit: int, cursor: str | None
) -> s.BudgetPage:
    after = decode_cursor(cursor, int)
    rows = cur.execute(
        "SELECT b.created_position, b.budget_id, b.name, b.currency, b.currency_exponent, "
        "b.income_category_id, b.version, b.first_month FROM rm_budgets b "
        "JOIN budget_members m ON m.budget_id = b.budget_id AND m.user_id = ? "
        "WHERE b.created_position > ? ORDER BY b.created_position LIMIT ?",
        [user_id, after[0] if after else -1, limit + 1],
    ).fetchall()
    page, next_cursor = _page(rows, limit)
    return s.BudgetPage(items=[s.Budget(*r[1:]) for r in page], next_cursor=next_cursor)


ACCOUNT_SQL = (
    "SELECT sort_key, account_id, name, type, on_budget, closed, balance, "
    "cleared_balance, uncleared_balance, payment_category_id FROM rm_accounts"
)


def account(cur: duckdb.DuckDBPyConnection, budget_id: str, account_id: str) -> s.Account:
    row = cur.execute(
        f"{ACCOUNT_SQL} WHERE budget_id = ? AND account_id = ?", [budget_id, account_id]
    ).fetchone()
    if row is None:
        raise NotFound("account not found")
    return s.Account(*row[1:])


def accounts(
    cur: duckdb.DuckDBPyConnection, budget_id: str, limit: int, cursor: str | None
) -> s.AccountPage:
    page, next_cursor = _by_sort_key(cur, ACCOUNT_SQL, budget_id, limit, cursor)
    return s.AccountPage(items=[s.Account(*r[1:]) for r in page], next_cursor=next_cursor)


GROUP_SQL = "SELECT sort_key, group_id, name, system, hidden FROM rm_category_groups"


def group(cur: duckdb.DuckDBPyConnection, budget_id: str, group_id: str) -> s.Group:
    row = cur.execute(
        f"{GROUP_SQL} WHERE budget_id = ? AND group_id = ?", [budget_id, group_id]
    ).fetchone()
    if row is None:
        raise NotFound("category group not found")
    return s.Group(*row[1:])


def groups(
    cur: duckdb.DuckDBPyConnection, budget_id: str, limit: int, cursor: str | None
) -> s.GroupPage:
    page, next_cursor = _by_sort_key(cur, GROUP_SQL, budget_id, limit, cursor)
    return s.GroupPage(items=[s.Group(*r[1:]) for r in page], next_cursor=next_cursor)


CATEGORY_SQL = (
    "SELECT sort_key, category_id, group_id, name, kind, hidden, "
    "payment_for_account_id FROM rm_categories"
)


def category(cur: duckdb.DuckDBPyConnection, budget_id: str, category_id: str) -> s.Category:
    row = cur.execute(
        f"{CATEGORY_SQL} WHERE budget_id = ? AND category_id = ?", [budget_id, category_id]
    ).fetchone()
    if row is None:
        raise NotFound("category not found")
    return s.Category(*row[1:])


def categories(
    cur: duckdb.DuckDBPyConnection, budget_id: str, limit: int, cursor: str | None
) -> s.CategoryPage:
    page, next_cursor = _by_sort_key(cur, CATEGORY_SQL, budget_id, limit, cursor)
    return s.CategoryPage(items=[s.Category(*r[1:]) for r in page], next_cursor=next_cursor)


TXN_SQL = (
    "SELECT CAST(date AS VARCHAR), transaction_id, account_id, amount, payee, memo, "
    "cleared, transfer_id, import_id FROM rm_transactions"
)


def _lines(
    cur: duckdb.DuckDBPyConnection, budget_id: str, ids: list[str]
) -> dict[str, list[s.LineOut]]:
    out: dict[str, list[s.LineOut]] = {i: [] for i in ids}
    if ids:
        # The ids alone, as a list of values, so that their index answers (migration
        # 0007); then the budget.
        for budget, txn_id, category_id, amount, memo in cur.execute(
            "SELECT budget_id, transaction_id, category_id, amount, memo "
            f"FROM rm_transaction_lines WHERE transaction_id IN ({', '.join('?' * len(ids))}) "
            "ORDER BY transaction_id, line_index",
            ids,
        ).fetchall():
            if budget == budget_id:
                out[txn_id].append(s.LineOut(category_id, amount, memo))
    return out


def _transactions(
    cur: duckdb.DuckDBPyConnection, budget_id: str, rows: list[tuple]
) -> list[s.Transaction]:
    lines = _lines(cur, budget_id, [r[1] for r in rows])
    return [
        s.Transaction(
            id=r[1],
            account_id=r[2],
            date=r[0],
            amount=r[3],
            payee=r[4],
            memo=r[5],
            cleared=r[6],
            lines=lines[r[1]],
            transfer_id=r[7],
            import_id=r[8],
        )
        for r in rows
    ]


def transaction_in(state: BudgetState, txn_id: str) -> s.Transaction | None:
    """A transaction as `transaction` reads it, from a budget's state instead (the state a
    command just left: see `Dojo.execute_looking`)."""
    txn = state.transactions.get(txn_id)
    if txn is None:
        return None
    return s.Transaction(
        id=txn.transaction_id, account_id=txn.account_id, date=txn.date, amount=txn.amount,
        payee=txn.payee, memo=txn.memo, cleared=txn.cleared,
        lines=[s.LineOut(line.category_id, line.amount, line.memo) for line in txn.lines],
        transfer_id=state.transfer_of.get(txn_id), import_id=txn.import_id)


def transaction(cur: duckdb.DuckDBPyConnection, budget_id: str, txn_id: str) -> s.Transaction:
    rows = [r[1:] for r in cur.execute(  # the id alone uses its index (migration 0007)
        f"SELECT budget_id, {TXN_SQL.removeprefix('SELECT ')} WHERE transaction_id = ?",
        [txn_id],
    ).fetchall() if r[0] == budget_id]
    if not rows:
        raise NotFound("transaction not found")
    return _transactions(cur, budget_id, rows)[0]


def transactions(
    cur: duckdb.DuckDBPyConnection,
    budget_id: str,
    limit: int,
    cursor: str | None,
    account_id: str | None,
    category_id: str | None,
    since: str | None,
    until: str | None,
) -> s.TransactionPage:
    """The register, newest first; filters combine."""
    where, args = ["budget_id = ?"], [budget_id]
    if account_id:
        where.append("account_id = ?")
        args.append(account_id)
    if category_id:
        where.append(
            "transaction_id IN (SELECT transaction_id FROM rm_transaction_lines "
            "WHERE budget_id = ? AND category_id = ?)"
        )
        args += [budget_id, category_id]
    if check_day(since, "since"):
        where.append("date >= CAST(? AS DATE)")
        args.append(since)
    if check_day(until, "until"):
        where.append("date <= CAST(? AS DATE)")
        args.append(until)
    after = decode_cursor(cursor, dt.date, str)
    if after:
        where.append("(date < CAST(? AS DATE) OR (date = CAST(? AS DATE) AND transaction_id < ?))")
        args += [after[0], after[0], after[1]]
    rows = _newest(cur, budget_id, " AND ".join(where), args, limit + 1,
                   after[0] if after else None)
    page, next_cursor = _page(rows, limit, key=2)
    return s.TransactionPage(items=_transactions(cur, budget_id, page), next_cursor=next_cursor)


# Months back from the newest month (or the cursor's) that a register page first looks in.
WINDOWS = (2, 12)


def _newest(cur: duckdb.DuckDBPyConnection, budget_id: str, where: str, args: list,
            count: int, before: dt.date | str | None) -> list[tuple]:
    """The first `count` rows newest first. Rows sit in the file roughly in date order, so a
    lower bound on the date lets DuckDB skip most of the register; if a window holds fewer
    than `count` rows it is widened, and the last try has no bound. A window that holds
    `count` rows holds the newest `count` (every row outside it is older)."""
    order = f"{TXN_SQL} WHERE {where} {{}} ORDER BY date DESC, transaction_id DESC LIMIT ?"
    row = cur.execute("SELECT last_month FROM rm_budgets WHERE budget_id = ?",
                      [budget_id]).fetchone()
    newest = row[0] if row and row[0] else None
    if newest is not None and before is not None:
        newest = min(newest, str(before)[:7])
    if newest is not None:
        for months in WINDOWS:
            lower = add_months(newest, -months)
            rows = cur.execute(order.format("AND month >= ?"), [*args, lower, count]).fetchall()
            if len(rows) >= count:
                return rows
    return cur.execute(order.format(""), [*args, count]).fetchall()


TRANSFER_SQL = (
    "SELECT CAST(date AS VARCHAR), transfer_id, from_account_id, to_account_id, "
    "amount, category_id, from_transaction_id, to_transaction_id FROM rm_transfers"
)


def _transfer(r: tuple) -> s.Transfer:
    return s.Transfer(
        id=r[1],
        from_account_id=r[2],
        to_account_id=r[3],
        date=r[0],
        amount=r[4],
        category_id=r[5],
        from_transaction_id=r[6],
        to_transaction_id=r[7],
    )


def transfer(cur: duckdb.DuckDBPyConnection, budget_id: str, transfer_id: str) -> s.Transfer:
    found = [r[1:] for r in cur.execute(  # the id alone uses its index (migration 0007)
        f"SELECT budget_id, {TRANSFER_SQL.removeprefix('SELECT ')} WHERE transfer_id = ?",
        [transfer_id],
    ).fetchall() if r[0] == budget_id]
    row = found[0] if found else None
    if row is None:
        raise NotFound("transfer not found")
    return _transfer(row)


def transfers(
    cur: duckdb.DuckDBPyConnection, budget_id: str, limit: int, cursor: str | None
) -> s.TransferPage:
    after = decode_cursor(cursor, dt.date, str)
    where, args = "budget_id = ?", [budget_id]
    if after:
        where += " AND (date < CAST(? AS DATE) OR (date = CAST(? AS DATE) AND transfer_id < ?))"
        args += [after[0], after[0], after[1]]
    rows = cur.execute(
        f"{TRANSFER_SQL} WHERE {where} ORDER BY date DESC, transfer_id DESC LIMIT ?",
        [*args, limit + 1],
    ).fetchall()
    page, next_cursor = _page(rows, limit, key=2)
    return s.TransferPage(items=[_transfer(r) for r in page], next_cursor=next_cursor)


def events(cur: duckdb.DuckDBPyConnection, budget_id: str, after: int, limit: int) -> s.EventPage:
    rows = cur.execute(
        "SELECT position, type, strftime(recorded_at, '%Y-%m-%dT%H:%M:%S.%fZ'), data, actor "
        "FROM events WHERE stream_id = ? AND position > ? ORDER BY position LIMIT ?",
        [budget_id, after, limit + 1],
    ).fetchall()
    page = rows[:limit]
    items = [
        s.Event(position=r[0], type=r[1], recorded_at=r[2], data=json.loads(r[3]), actor=r[4])
        for r in page
    ]
    next_after = page[-1][0] if len(rows) > limit else None
    return s.EventPage(items=items, next_after=next_after)
