"""The harness's judgement, on made-up logs: a crash test that cannot fail proves nothing."""

from tests.crash.checks import Log
from tests.crash.ledger import Ledger, Move, Txn

SPLIT = Txn("t1", "acct", "2026-11-20", (("food", -300), ("fuel", -200)))
MOVE = Move("k1", None, "food", 7)


def _stored(txn: Txn, lines: tuple[tuple[str, int], ...] | None = None) -> dict:
    lines = txn.lines if lines is None else lines
    return {"id": txn.id, "transaction_id": txn.id, "account_id": txn.account_id,
            "date": txn.date, "amount": sum(a for _, a in lines),
            "lines": [{"category_id": c, "amount": a, "memo": None} for c, a in lines]}


def _log(stored: list[dict], logged: list[dict], moves: list[dict]) -> Log:
    by_id: dict[str, list[dict]] = {}
    for txn in logged:
        by_id.setdefault(txn["transaction_id"], []).append(txn)
    by_amount: dict[int, list[dict]] = {}
    for move in moves:
        by_amount.setdefault(move["amount"], []).append(move)
    return Log({t["id"]: t for t in stored}, by_id, by_amount, len(logged) + len(moves))


def _moved(amount: int, to: str = "food") -> dict:
    return {"month": "2026-11", "from_category_id": None, "to_category_id": to,
            "amount": amount}


def test_a_transaction_in_the_log_and_the_register_is_wholly_applied() -> None:
    assert _log([_stored(SPLIT)], [_stored(SPLIT)], []).has(SPLIT) is True


def test_a_transaction_in_neither_is_wholly_absent() -> None:
    assert _log([], [], []).has(SPLIT) is False


def test_a_transaction_in_the_log_but_not_the_register_is_torn() -> None:
    assert _log([], [_stored(SPLIT)], []).has(SPLIT) is None
    assert _log([_stored(SPLIT)], [], []).has(SPLIT) is None


def test_a_split_with_a_line_missing_is_half_applied() -> None:
    half = _stored(SPLIT, SPLIT.lines[:1])
    assert _log([half], [half], []).has(SPLIT) is None


def test_a_transaction_recorded_twice_is_not_exactly_once() -> None:
    assert _log([_stored(SPLIT)], [_stored(SPLIT)] * 2, []).has(SPLIT) is None


def test_a_move_applied_twice_or_elsewhere_is_caught() -> None:
    assert _log([], [], [_moved(7)]).has(MOVE) is True
    assert _log([], [], []).has(MOVE) is False
    assert _log([], [], [_moved(7)] * 2).has(MOVE) is None
    assert _log([], [], [_moved(7, to="fuel")]).has(MOVE) is None


def test_a_request_begun_after_the_kill_never_reached_the_server() -> None:
    ledger = Ledger()
    ledger.new_round()
    ledger.lost(SPLIT, sent=True, began=0.0)
    ledger.mark_killed()
    ledger.lost(MOVE, sent=True, began=float("inf"))
    assert (ledger.unknown, ledger.unsent) == ([SPLIT], [MOVE])
