"""Rows of the entity read models, built from a budget's state."""

from collections.abc import Iterable

import duckdb

from dojo.domain.kinds import on_budget
from dojo.domain.state import BudgetState
from dojo.domain.validation import check_total
from dojo.projections.memo import Memo
from dojo.projections.register import register_of
from dojo.projections.tables import delete_keys, insert_rows
from dojo.projections.touched import Touched


def _positions(keys: Iterable[str]) -> dict[str, int]:
    return {key: index for index, key in enumerate(keys)}


def write_groups(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
                 ids: Iterable[str]) -> None:
    ids = sorted(ids)
    order = _positions(state.groups)
    delete_keys(cur, schema, "rm_category_groups", state.budget_id, "group_id", ids)
    insert_rows(cur, schema, "rm_category_groups", [
        (state.budget_id, g.id, g.name, g.system, g.hidden, order[g.id])
        for g in (state.groups[i] for i in ids if i in state.groups)
    ])


def write_categories(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
                     ids: Iterable[str]) -> None:
    ids = sorted(ids)
    order = _positions(state.categories)
    delete_keys(cur, schema, "rm_categories", state.budget_id, "category_id", ids)
    insert_rows(cur, schema, "rm_categories", [
        (state.budget_id, c.id, c.group_id, c.name, c.kind, c.hidden,
         c.payment_for_account_id, order[c.id])
        for c in (state.categories[i] for i in ids if i in state.categories)
        if not c.deleted
    ])


def write_transactions(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
                       ids: Iterable[str], new: set[str] | None = None,
                       ) -> tuple[list[tuple], list[tuple]]:
    """Register rows and their lines, with what the month arithmetic needs denormalised;
    `new` ones have no rows yet. The rows and lines written."""
    ids = sorted(ids)
    budget = state.budget_id
    old = [i for i in ids if i not in new] if new else ids
    delete_keys(cur, schema, "rm_transactions", budget, "transaction_id", old)
    delete_keys(cur, schema, "rm_transaction_lines", budget, "transaction_id", old)
    rows, lines = [], []
    for txn_id in ids:
        found = register_of(state, txn_id)
        if found is not None:
            rows.append(found[0])
            lines.extend(found[1])
    insert_rows(cur, schema, "rm_transactions", rows)
    insert_rows(cur, schema, "rm_transaction_lines", lines)
    return rows, lines


def write_transfers(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
                    ids: Iterable[str]) -> None:
    ids = sorted(ids)
    delete_keys(cur, schema, "rm_transfers", state.budget_id, "transfer_id", ids)
    insert_rows(cur, schema, "rm_transfers", [
        (state.budget_id, t.transfer_id, t.from_account_id, t.to_account_id, t.date, t.amount,
         t.category_id, t.memo, t.from_transaction_id, t.to_transaction_id)
        for t in (state.transfers[i] for i in ids if i in state.transfers)
    ])


def write_assignments(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
                      keys: Iterable[tuple[str, str]]) -> None:
    keys = sorted(keys)
    if keys:
        cur.execute(f"DELETE FROM {schema}.rm_assignments WHERE budget_id = ? AND "
                    "category_id || '/' || month IN (SELECT unnest(?))",
                    [state.budget_id, [f"{c}/{m}" for c, m in keys]])
    insert_rows(cur, schema, "rm_assignments", [
        (state.budget_id, category_id, month, state.assigned[(category_id, month)])
        for category_id, month in keys if (category_id, month) in state.assigned
    ])


def write_accounts(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
                   ids: Iterable[str], memo: Memo | None = None) -> None:
    """Account rows with balances summed from the register rows already written (R-A2)."""
    ids = sorted(ids)
    if not ids:
        return
    sums = {
        account_id: (int(total), int(cleared))
        for account_id, total, cleared in cur.execute(
            f"SELECT account_id, sum(amount), coalesce(sum(amount) FILTER "
            f"(cleared <> 'uncleared'), 0) FROM {schema}.rm_transactions "
            "WHERE budget_id = ? AND account_id IN (SELECT unnest(?)) GROUP BY account_id",
            [state.budget_id, ids],
        ).fetchall()
    }
    order = _positions(state.accounts)
    delete_keys(cur, schema, "rm_accounts", state.budget_id, "account_id", ids)
    rows = []
    for account_id in ids:
        a = state.accounts[account_id]
        total, cleared = sums.get(account_id, (0, 0))
        for value in (total, cleared, total - cleared):
            check_total(value, f"a balance of account {a.name!r}")  # R-B3
        rows.append((state.budget_id, a.id, a.name, a.type, a.kind, on_budget(a.kind), a.closed,
                     a.opened_on, total, cleared, total - cleared, a.payment_category_id,
                     order[a.id]))
    insert_rows(cur, schema, "rm_accounts", rows)
    if memo is not None and memo.balances is not None:
        for account_id in ids:
            memo.balances[account_id] = list(sums.get(account_id, (0, 0)))


def grow_balances(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
                  new: set[str], memo: Memo) -> bool:
    """Add new register rows to their accounts' balances as the memo knows them, reading
    nothing; False when an account has no row yet."""
    deltas: dict[str, list[int]] = {}
    for txn in (state.transactions[i] for i in new if i in state.transactions):
        delta = deltas.setdefault(txn.account_id, [0, 0])
        delta[0] += txn.amount
        delta[1] += txn.amount if txn.cleared != "uncleared" else 0
    if not deltas:
        return True
    known = memo.account_balances(cur, schema)
    rows = [(a, *known[a]) for a in sorted(deltas) if a in known]
    if len(rows) != len(deltas):
        return False
    updated = []
    for account_id, balance, cleared in rows:
        total, now_cleared = balance + deltas[account_id][0], cleared + deltas[account_id][1]
        for value in (total, now_cleared, total - now_cleared):
            check_total(value, f"a balance of account {state.accounts[account_id].name!r}")
        updated.append((account_id, total, now_cleared, total - now_cleared))
    for account_id, total, now_cleared, _ in updated:
        known[account_id] = [total, now_cleared]
    if len(updated) == 1:  # the common case, in the cheaper statement
        account_id, total, now_cleared, uncleared = updated[0]
        cur.execute(f"UPDATE {schema}.rm_accounts SET balance = ?, cleared_balance = ?, "
                    "uncleared_balance = ? WHERE budget_id = ? AND account_id = ?",
                    [total, now_cleared, uncleared, state.budget_id, account_id])
        return True
    cur.execute(
        f"UPDATE {schema}.rm_accounts AS a SET balance = u.b, cleared_balance = u.c, "
        "uncleared_balance = u.n FROM (SELECT unnest($2) AS id, unnest($3) AS b, "
        "unnest($4) AS c, unnest($5) AS n) AS u WHERE a.budget_id = $1 AND a.account_id = u.id",
        [state.budget_id, *map(list, zip(*updated, strict=True))])
    return True


def write_touched(cur: duckdb.DuckDBPyConnection, schema: str, state: BudgetState,
                  touched: Touched, memo: Memo | None = None) -> None:
    """Rewrite every entity row the events changed; register rows before balances. The
    memo follows the register's change (or, lines having moved between categories, reads
    it again when next needed)."""
    write_groups(cur, schema, state, touched.groups)
    write_categories(cur, schema, state, touched.categories)
    rows, lines = write_transactions(cur, schema, state, touched.transactions,
                                     touched.new_transactions)
    write_transfers(cur, schema, state, touched.transfers)
    write_assignments(cur, schema, state, touched.assignments)
    if not (touched.growing and memo is not None  # a rebuild never grows: it writes all
            and grow_balances(cur, schema, state, touched.new_transactions, memo)):
        write_accounts(cur, schema, state, touched.accounts, memo)
    if memo is not None and touched.remapped:
        memo.forget_register()
    elif memo is not None:
        memo.follow(state.income_category_id, touched.before.values(), rows, lines,
                    {key: state.assigned.get(key) for key in touched.assignments})


def everything(state: BudgetState) -> Touched:
    """Every row of a budget, for a rebuild into tables that hold none of its rows: no
    register row needs looking for first."""
    touched = Touched(
        accounts=set(state.accounts), groups=set(state.groups),
        categories=set(state.categories), transactions=set(state.transactions),
        transfers=set(state.transfers), assignments=set(state.assigned),
        new_transactions=set(state.transactions),
    )
    touched.from_month = "0000-01"
    touched.growing = False
    return touched
