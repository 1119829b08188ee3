"""What must hold after every restart, judged only through the HTTP API."""

import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.crash.api import Api
from tests.crash.ledger import Ledger, Move, Txn
from tests.crash.load import Plan


@dataclass
class Figures:
    """The run's reliability figures (docs/reliability.md)."""

    seed: int
    kills: int = 0
    acked_transactions: int = 0
    acked_moves: int = 0
    presence_checks: int = 0
    unacked_applied: int = 0
    unacked_absent: int = 0
    unsent_absent: int = 0
    retried: int = 0
    verify_runs: int = 0
    verify_passed: int = 0
    rebuilds_at_start: int = 0
    events_at_end: int = 0
    restart_seconds_max: float = 0.0
    seconds: float = 0.0
    phase_seconds: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        """Add the block's wall time to its phase (load, restart, check, verify)."""
        began = time.monotonic()
        try:
            yield
        finally:
            spent = time.monotonic() - began
            self.phase_seconds[phase] = round(self.phase_seconds.get(phase, 0.0) + spent, 2)
            if phase == "restart":
                self.restart_seconds_max = round(max(self.restart_seconds_max, spent), 2)


@dataclass
class Log:
    """The budget as the API shows it: the transaction list (a read model) and the event
    feed (the log), so a command torn between the two shows up too."""

    stored: dict[str, dict[str, Any]]
    logged: dict[str, list[dict[str, Any]]]
    moves: dict[int, list[dict[str, Any]]]
    events: int

    @classmethod
    def read(cls, api: Api, budget: str) -> "Log":
        base = f"/api/v1/budgets/{budget}"
        stored = {t["id"]: t for t in api.pages(base + "/transactions", "next_cursor", "cursor")}
        events = api.pages(base + "/events", "next_after", "after")
        logged: dict[str, list[dict[str, Any]]] = defaultdict(list)
        moves: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for e in events:
            if e["type"] == "TransactionRecorded":
                txn = e["data"]["transaction"]
                logged[txn["transaction_id"]].append(txn)
            elif e["type"] == "MoneyMoved":
                moves[e["data"]["amount"]].append(e["data"])
        return cls(stored, logged, moves, len(events))

    def has(self, command: Txn | Move) -> bool | None:
        """True when wholly applied, False when wholly absent, None when neither."""
        if isinstance(command, Txn):
            stored, logged = self.stored.get(command.id), self.logged.get(command.id, [])
            if stored is None:
                return False if not logged else None
            whole = len(logged) == 1 and command.matches(logged[0]) and command.matches(stored)
            return True if whole else None
        found = self.moves.get(command.amount, [])
        if not found:
            return False
        return True if len(found) == 1 and command.matches(found[0]) else None


def check_restart(api: Api, plan: Plan, ledger: Ledger, figures: Figures) -> None:
    """Every acknowledged command present, every unanswered one all there or not at all,
    nothing else there, the month's numbers equal to the log; then retry the unanswered."""
    log = Log.read(api, plan.budget)
    problems = figures.problems
    for command in ledger.acked:
        figures.presence_checks += 1
        if log.has(command) is not True:
            problems.append(f"acknowledged but not (wholly) present: {command}")
    for command in ledger.unknown:
        found = log.has(command)
        if isinstance(command, Txn) and found is not None:
            status, _ = api.call("GET", f"/api/v1/budgets/{plan.budget}/transactions/{command.id}")
            if status != (200 if found else 404):
                problems.append(f"GET by id ({status}) disagrees with the list: {command}")
        if found is None:
            problems.append(f"unacknowledged and half applied: {command}")
        elif found:
            figures.unacked_applied += 1
        else:
            figures.unacked_absent += 1
    for command in ledger.unsent:
        if log.has(command) is not False:
            problems.append(f"never reached the server, yet present: {command}")
        figures.unsent_absent += 1
    sent = [*ledger.acked, *ledger.unknown, *ledger.unsent]
    known_ids = {c.id for c in sent if isinstance(c, Txn)} | plan.opening
    known_amounts = {c.amount for c in sent if isinstance(c, Move)}
    problems.extend(f"transaction nobody sent: {i}"
                    for i in sorted((set(log.stored) | set(log.logged)) - known_ids))
    problems.extend(f"move nobody sent: {a}" for a in sorted(set(log.moves) - known_amounts))
    problems.extend(_month_problems(api, plan, log))
    figures.events_at_end = log.events
    _retry(api, plan, ledger, log, figures)


def _month_problems(api: Api, plan: Plan, log: Log) -> list[str]:
    """The month view's assigned and activity per category equal a sum over the log."""
    view = api.ok("GET", f"/api/v1/budgets/{plan.budget}/months/current")
    month = view["month"]
    assigned: Counter[str] = Counter()
    for data in (d for found in log.moves.values() for d in found if d["month"] == month):
        assigned[data["to_category_id"]] += data["amount"]
        assigned[data["from_category_id"]] -= data["amount"]
    activity: Counter[str] = Counter()
    for txn in (t for found in log.logged.values() for t in found if t["date"][:7] == month):
        for line in txn["lines"]:
            activity[line["category_id"]] += line["amount"]
    return [f"month {month}, category {row['category_id']}: assigned {row['assigned']} "
            f"activity {row['activity']}, the log says {assigned[c]} and {activity[c]}"
            for row in view["categories"] if (c := row["category_id"]) in plan.categories
            and (row["assigned"], row["activity"]) != (assigned[c], activity[c])]


def _retry(api: Api, plan: Plan, ledger: Ledger, log: Log, figures: Figures) -> None:
    """Resend each unanswered command as a client would; the next check proves it applied
    exactly once. A repeated create answers 200, a new one 201; a move always 200."""
    for command in [*ledger.unknown, *ledger.unsent]:
        status, body = command.send(api, plan.budget)
        expected = 201 if isinstance(command, Txn) and log.has(command) is False else 200
        if status != expected:
            figures.problems.append(f"retry answered {status} not {expected}: {command} {body}")
        ledger.acked.append(command)
        figures.retried += 1
    ledger.unknown, ledger.unsent = [], []
