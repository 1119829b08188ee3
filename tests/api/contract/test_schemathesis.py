"""The OpenAPI contract, checked by schemathesis in process against the app itself.

Every operation of the served document is fuzzed (examples, coverage and fuzzing phases) as
the owner of a seeded budget, and then the stateful phase chains operations through the links
schemathesis infers. Path, query and body ids are drawn from dictionaries of the seeded ids
most of the time, so that cases get past the membership check and reach the handlers.

The app is built once for the module over a `Dojo` whose database is swapped for a fresh
in-memory one (`reset()`): before an operation's test when an earlier test wrote, and in the
state machine's `setup()`. Ids count up from 1 (`SequentialIds`) and the clock is fixed, so
every reset seeds the same ids and a run repeats (derandomized Hypothesis with a fixed seed,
no example database; set `PYTHONHASHSEED=0` for runs that must repeat byte for byte).

Cost: about 40 s of CPU for the file (MAX_EXAMPLES, and the stateful settings at the bottom);
65-110 s of wall time on the shared 2-core machine while other test runs compete for it.
"""

from dataclasses import dataclass
from typing import Any

import duckdb
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ensure_resource_availability,
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
    use_after_free,
)

from dojo.access import Access, hash_secret
from dojo.api import create_app
from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.domain import commands as cmd
from dojo.domain.events import Line
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.settings import Settings
from tests.conftest import CHEAP, PASSWORD

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]
# In sequences, also: a deleted resource stays gone, a created one can be read back.
STATEFUL_CHECKS = [*CHECKS, use_after_free, ensure_resource_availability]

# Not a secret: a fixed personal access token whose hash every seed writes, so that the
# schemathesis configuration (built once) stays valid after each reset.
TOKEN = "dojo_contract-tests-fixed-token-0000000000000"
OWNER = "contract-owner"
VIEWER = "contract-viewer"
STRANGER = "contract-stranger"
TODAY = "2026-02-20"
MAX_EXAMPLES = 20  # fuzzing-phase cases per operation; the coverage phase adds its own
STATEFUL_EXAMPLES = 10
STATEFUL_STEPS = 10
INT64 = range(-(2**63), 2**63)


@dataclass(frozen=True)
class Seed:
    """The ids of what every fresh database holds (the same after every reset)."""

    owner_id: str
    budget_id: str
    checking_id: str  # 100000 opening balance
    savings_id: str  # 50000 opening balance
    cash_id: str  # open, at zero: can be closed
    closed_id: str  # closed: can be reopened
    group_id: str
    food_id: str  # 30000 assigned in 2026-02
    rent_id: str
    transaction_id: str
    transfer_id: str

    @property
    def accounts(self) -> list[str]:
        return [self.checking_id, self.savings_id, self.cash_id, self.closed_id]


def _fresh_connection() -> duckdb.DuckDBPyConnection:
    con = connect(":memory:")
    migrate(con, clock=FixedClock.on("2026-01-01"))
    return con


def _seed(dojo: Dojo) -> Seed:
    access = Access(dojo, CHEAP)
    owner = access.add_user(OWNER, PASSWORD)
    token_id, _ = access.issue_token(owner, "contract")
    with dojo.writing() as cur:
        cur.execute("UPDATE api_tokens SET token_hash = ? WHERE token_id = ?",
                    [hash_secret(TOKEN), token_id])
    access.add_user(VIEWER, PASSWORD)
    access.add_user(STRANGER, PASSWORD)
    budget_id = dojo.ids.new_id()
    dojo.execute(budget_id, cmd.CreateBudget(budget_id=budget_id, name="Home", currency="USD"),
                 actor=owner, also=access.member_sql(budget_id, owner, "owner"))
    access.set_member(budget_id, VIEWER, "viewer")
    names = ("checking", "savings", "cash", "closed", "group", "food", "rent", "transaction",
             "transfer")
    ids = {name: dojo.ids.new_id() for name in names}

    def run(command: cmd.Command) -> None:
        dojo.execute(budget_id, command, actor=owner)

    for name, kind, balance in (("checking", "checking", 100_000), ("savings", "savings", 50_000),
                                ("cash", "cash", 0), ("closed", "cash", 0)):
        run(cmd.OpenAccount(account_id=ids[name], name=name.title(), account_type=kind,
                            opening_balance=balance, opening_date="2026-02-01"))
    run(cmd.CloseAccount(account_id=ids["closed"]))
    run(cmd.CreateCategoryGroup(group_id=ids["group"], name="Bills"))
    run(cmd.CreateCategory(category_id=ids["food"], group_id=ids["group"], name="Food"))
    run(cmd.CreateCategory(category_id=ids["rent"], group_id=ids["group"], name="Rent"))
    run(cmd.Assign(month="2026-02", category_id=ids["food"], assigned=30_000))
    run(cmd.RecordTransaction(transaction_id=ids["transaction"], account_id=ids["checking"],
                              date="2026-02-05", amount=-1_250, payee="Grocer",
                              lines=(Line(category_id=ids["food"], amount=-1_250),)))
    run(cmd.RecordTransfer(transfer_id=ids["transfer"], from_account_id=ids["checking"],
                           to_account_id=ids["savings"], date="2026-02-06", amount=5_000))
    return Seed(owner_id=owner, budget_id=budget_id, checking_id=ids["checking"],
                savings_id=ids["savings"], cash_id=ids["cash"], closed_id=ids["closed"],
                group_id=ids["group"], food_id=ids["food"], rent_id=ids["rent"],
                transaction_id=ids["transaction"], transfer_id=ids["transfer"])


DOJO = Dojo(_fresh_connection(), FixedClock.on(TODAY), SequentialIds())
APP = create_app(Settings(db=":memory:", login_slowdown_seconds=0), dojo=DOJO, cost=CHEAP)


def reset() -> Seed:
    """A fresh, seeded in-memory database under the same `Dojo` object (the app's start-up
    hook and its `Access` hold it): ids count from 1 again, its caches start empty."""
    old = DOJO.con
    DOJO.con = _fresh_connection()
    DOJO.ids = SequentialIds()
    DOJO.__post_init__()  # a new event store, lock and state caches
    old.close()
    return _seed(DOJO)


SEED = reset()


def _config() -> schemathesis.Config:
    s = SEED

    def bind(name: str, probability: float) -> dict[str, object]:
        return {"dictionary": name, "probability": probability}

    return schemathesis.Config.from_dict({
        "seed": 20260220,
        "cache": {"enabled": False},
        "auth": {"openapi": {"bearer": {"bearer": TOKEN}}},
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True,
                       "database": "none"},
        # Coverage-phase cases take no dictionary values, so its positive cases would mostly
        # ask for an unknown budget: keep its negative cases (boundaries, wrong types, missing
        # fields) and let the fuzzing phase, which draws seeded ids, make the positive ones.
        "phases": {"coverage": {"generation": {"mode": "negative"}},
                   "stateful": {"max-steps": STATEFUL_STEPS}},
        "dictionaries": {
            "budgets": {"values": [s.budget_id]},
            "accounts": {"values": s.accounts},
            "categories": {"values": [s.food_id, s.rent_id]},
            "groups": {"values": [s.group_id]},
            "transactions": {"values": [s.transaction_id]},
            "transfers": {"values": [s.transfer_id]},
            "months": {"values": ["2026-02", "2026-01", "current"]},
            "days": {"values": ["2026-02-10", TODAY]},
            "usernames": {"values": [VIEWER, STRANGER, OWNER]},
            "currencies": {"values": ["USD", "EUR", "JPY"]},
        },
        "parameters": {
            "path.budget_id": bind("budgets", 0.9),
            "path.account_id": bind("accounts", 0.8),
            "query.account_id": bind("accounts", 0.5),
            "body.account_id": bind("accounts", 0.8),
            "body.from_account_id": bind("accounts", 0.8),
            "body.to_account_id": bind("accounts", 0.8),
            "path.category_id": bind("categories", 0.8),
            "query.category_id": bind("categories", 0.5),
            "query.move_to": bind("categories", 0.8),
            "body.category_id": bind("categories", 0.8),
            "body.lines[*].category_id": bind("categories", 0.8),
            "body.from_category_id": bind("categories", 0.6),
            "body.to_category_id": bind("categories", 0.6),
            "path.group_id": bind("groups", 0.8),
            "body.group_id": bind("groups", 0.8),
            "path.transaction_id": bind("transactions", 0.8),
            "path.transfer_id": bind("transfers", 0.8),
            "path.month": bind("months", 0.8),
            "body.date": bind("days", 0.7),
            "body.opening_date": bind("days", 0.7),
            "path.username": bind("usernames", 0.7),
            "body.currency": bind("currencies", 0.7),
        },
        "operations": [
            # Only here: the credentials of setup and login keep their random usernames.
            {"include-operation-id": "set_member",
             "parameters": {"body.username": bind("usernames", 0.7)}},
        ],
    })


schema = schemathesis.openapi.from_asgi("/schema/openapi.json", APP, config=_config())


def _integral(value: Any) -> Any:
    """Integer-valued floats (schemathesis sends -11488.0 for an integer) as integers: the API
    refuses every float amount by design (api.md), which is not what these cases test."""
    if isinstance(value, float) and value.is_integer() and int(value) in INT64:
        return int(value)
    if isinstance(value, dict):
        return {k: _integral(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral(v) for v in value]
    return value


@schema.hook
def map_case(context: schemathesis.HookContext, case: schemathesis.Case) -> schemathesis.Case:
    """Positive cases only: satisfy the rules a JSON schema cannot say, so that more writes
    get past validation. Negative cases are sent exactly as generated."""
    if (case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE
            or not isinstance(case.body, dict)):
        return case
    body = case.body = _integral(case.body)
    method, path = case.operation.method.upper(), case.operation.path
    if method == "PUT" and path.endswith(("/transactions/{transaction_id}",
                                          "/transfers/{transfer_id}")):
        body.pop("id", None)  # the body id of an edit must repeat the path id
    if method in ("POST", "PUT") and "/transactions" in path:
        lines = body.get("lines")
        if lines:
            body.pop("category_id", None)  # a split has lines, not a category
            total = sum(x.get("amount", 0) for x in lines if isinstance(x, dict))
            if total in INT64:
                body["amount"] = total  # the lines add up to the amount
        elif body.get("category_id") is None:
            body["category_id"] = SEED.food_id  # on-budget accounts need a category
    if method in ("POST", "PUT") and "/transfers" in path:
        source = body.get("from_account_id")
        if source in SEED.accounts and body.get("to_account_id") == source:
            others = [a for a in SEED.accounts if a != source]
            body["to_account_id"] = others[0]  # two different accounts
    return case


# Reads change nothing, so their tests share the seeded database until a write dirties it.
_dirty = False


@pytest.fixture
def fresh(request: pytest.FixtureRequest) -> Seed:
    """The database as seeded: reset unless every test since the last reset was a read."""
    global _dirty
    if _dirty:
        assert reset() == SEED, "a reset must seed the same ids"
    _dirty = "[GET " not in request.node.name
    return SEED


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_conforms(case: schemathesis.Case, fresh: Seed) -> None:
    case.call_and_validate(checks=CHECKS)


class DojoStateMachine(schema.as_state_machine()):  # type: ignore[misc]
    """Sequences of linked calls, each sequence on a freshly seeded database."""

    def setup(self) -> None:
        global _dirty
        reset()
        _dirty = True

    def validate_response(self, response, case, additional_checks=None, **kwargs):  # type: ignore[no-untyped-def]
        case.validate_response(response, checks=STATEFUL_CHECKS,
                               transport_kwargs=kwargs or None, recorder=self.recorder)


TestStateful = DojoStateMachine.TestCase
TestStateful.settings = settings(
    max_examples=STATEFUL_EXAMPLES, stateful_step_count=STATEFUL_STEPS, derandomize=True,
    database=None, deadline=None, suppress_health_check=list(HealthCheck),
)
