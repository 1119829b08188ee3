"""The commands the clients send, and which of them the server acknowledged."""

import itertools
import threading
import time
from dataclasses import dataclass
from typing import Any

from tests.crash.api import Api

Lines = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Txn:
    """Record a transaction with a client-chosen id: plain with one line, split with more."""

    id: str
    account_id: str
    date: str
    lines: Lines

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "account_id": self.account_id, "date": self.date,
                                "amount": sum(a for _, a in self.lines), "payee": "crash"}
        if len(self.lines) == 1:
            return {**body, "category_id": self.lines[0][0]}
        return {**body, "lines": [{"category_id": c, "amount": a} for c, a in self.lines]}

    def send(self, api: Api, budget: str) -> tuple[int, Any]:
        return api.call("POST", f"/api/v1/budgets/{budget}/transactions", self.body())

    def matches(self, stored: dict[str, Any]) -> bool:
        """Whether a transaction the API or the log gives back is wholly this one."""
        lines = tuple((x["category_id"], x["amount"]) for x in stored["lines"])
        return (stored["account_id"], stored["date"], stored["amount"], lines) == (
            self.account_id, self.date, sum(a for _, a in self.lines), self.lines)


@dataclass(frozen=True)
class Move:
    """Move money in the current month; the amount is unique in the run, so the event log
    shows which move an event belongs to (events carry no command id)."""

    key: str
    from_id: str | None
    to_id: str | None
    amount: int

    def send(self, api: Api, budget: str) -> tuple[int, Any]:
        body = {"from_category_id": self.from_id, "to_category_id": self.to_id,
                "amount": self.amount}
        return api.call("POST", f"/api/v1/budgets/{budget}/months/current/moves", body,
                        {"Idempotency-Key": self.key})

    def matches(self, data: dict[str, Any]) -> bool:
        return (data["from_category_id"], data["to_category_id"], data["amount"]) == (
            self.from_id, self.to_id, self.amount)


Command = Txn | Move


class Ledger:
    """Shared by the client threads: acknowledged commands, and those whose answer was lost."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._amounts = itertools.count(1)
        self._round_acks = 0
        self._killed_at: float | None = None
        self.acked: list[Command] = []
        self.unknown: list[Command] = []
        self.unsent: list[Command] = []
        self.refused: list[str] = []

    def move_amount(self) -> int:
        with self._cond:
            return next(self._amounts)

    def new_round(self) -> None:
        with self._cond:
            self._round_acks = 0
            self._killed_at = None
            self.unknown = []
            self.unsent = []

    def mark_killed(self) -> None:
        """The server is dead from now: a request begun later cannot have reached it."""
        with self._cond:
            self._killed_at = time.monotonic()

    def ack(self, command: Command) -> None:
        with self._cond:
            self.acked.append(command)
            self._round_acks += 1
            self._cond.notify_all()

    def lost(self, command: Command, sent: bool, began: float) -> None:
        """No answer: `unknown` if the request may have reached the server, else `unsent`."""
        with self._cond:
            after = self._killed_at is not None and began > self._killed_at
            (self.unknown if sent and not after else self.unsent).append(command)

    def refuse(self, command: Command, status: int, body: Any) -> None:
        """A 4xx or 5xx to a valid command is a bug, not a crash effect."""
        with self._cond:
            self.refused.append(f"{command} answered {status}: {body}")
            self._cond.notify_all()

    def wait_acks(self, count: int, seconds: float) -> bool:
        """Block until this round has `count` acknowledgements (False on timeout or refusal)."""
        with self._cond:
            self._cond.wait_for(lambda: self._round_acks >= count or self.refused, seconds)
            return self._round_acks >= count and not self.refused
