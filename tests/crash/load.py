"""The budget the clients work on and the client threads that drive it."""

import datetime as dt
import random
import threading
import time
import uuid
from dataclasses import dataclass

from tests.crash.api import Api, Unreachable
from tests.crash.ledger import Command, Ledger, Move, Txn

CATEGORIES = 4


def new_id(rng: random.Random) -> str:
    """A UUID (the API's id format) drawn from the seeded generator."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


@dataclass(frozen=True)
class Plan:
    """The budget, account and categories the load writes to."""

    budget: str
    account: str
    categories: tuple[str, ...]
    opening: frozenset[str]  # transactions set-up made (the opening balance)

    def command(self, rng: random.Random, ledger: Ledger) -> Command:
        """A transaction (plain or split) or a move; ids and keys from the seed."""
        if rng.random() < 0.6:
            day = dt.datetime.now(dt.UTC).date().isoformat()
            lines = tuple((rng.choice(self.categories), -rng.randint(1, 50_000))
                          for _ in range(rng.choice((1, 1, 2, 3))))
            return Txn(new_id(rng), self.account, day, lines)
        ends = [None, *self.categories]
        source = rng.choice(ends)
        target = rng.choice([c for c in ends if c != source and (c or source)])
        return Move(new_id(rng), source, target, ledger.move_amount())


def set_up(api: Api, rng: random.Random) -> Plan:
    """A budget with one funded checking account and a few categories, through the API."""
    budget = api.ok("POST", "/api/v1/budgets",
                    {"id": new_id(rng), "name": "Crash", "currency": "USD"})["id"]
    base = f"/api/v1/budgets/{budget}"
    opened = dt.datetime.now(dt.UTC).date().replace(day=1).isoformat()
    account = api.ok("POST", base + "/accounts", {
        "id": new_id(rng), "name": "Checking", "type": "checking",
        "opening_balance": 10**12, "opening_date": opened})["id"]
    group = api.ok("POST", base + "/category-groups", {"id": new_id(rng), "name": "Load"})["id"]
    categories = tuple(
        api.ok("POST", base + "/categories",
               {"id": new_id(rng), "group_id": group, "name": f"Category {n}"})["id"]
        for n in range(CATEGORIES))
    opening = frozenset(t["id"] for t in api.ok("GET", base + "/transactions")["items"])
    return Plan(budget, account, categories, opening)


def drive(api: Api, plan: Plan, rng: random.Random, stop: threading.Event,
          ledger: Ledger) -> None:
    """One client: send commands until stopped or until the server stops answering."""
    try:
        while not stop.is_set():
            command = plan.command(rng, ledger)
            began = time.monotonic()
            try:
                status, body = command.send(api, plan.budget)
            except Unreachable as exc:
                ledger.lost(command, exc.sent, began)
                return
            if status not in (200, 201):
                ledger.refuse(command, status, body)
                return
            ledger.ack(command)
    finally:
        api.close()
