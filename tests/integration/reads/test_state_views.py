"""A write answers with the transaction as its command left it, built from the budget's
state (reads.transaction_in); it must be exactly what reading the register gives."""

from dojo.api import reads
from dojo.app.service import Dojo
from dojo.demo import create_demo
from dojo.domain import commands as cmd


def test_every_transaction_from_state_equals_the_register_row(dojo: Dojo) -> None:
    budget_id = create_demo(dojo, years=2, transactions=300)
    account, first, second = dojo.con.execute(
        "SELECT (SELECT account_id FROM rm_accounts WHERE kind = 'cash' LIMIT 1), "
        "min(category_id), max(category_id) FROM rm_categories WHERE kind = 'regular'",
    ).fetchone()
    dojo.execute(budget_id, cmd.RecordTransaction(
        transaction_id=dojo.ids.new_id(), account_id=account, date="2026-02-03",
        amount=-3000, payee="Market", memo="weekly", cleared="cleared",
        lines=(cmd.Line(category_id=first, amount=-1000, memo="a"),
               cmd.Line(category_id=second, amount=-2000))))
    with dojo.con.cursor() as cur:
        state = dojo._state(cur, budget_id)
        assert state is not None
        kinds = {"split": 0, "transfer": 0}
        for txn_id, txn in state.transactions.items():
            kinds["split"] += len(txn.lines) > 1
            kinds["transfer"] += txn_id in state.transfer_of
            assert reads.transaction_in(state, txn_id) == reads.transaction(cur, budget_id,
                                                                            txn_id)
    assert kinds["split"] and kinds["transfer"]  # both shapes were compared
    assert reads.transaction_in(state, "no such id") is None
