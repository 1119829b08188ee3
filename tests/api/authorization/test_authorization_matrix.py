"""Who may call what: every operation of contracts/openapi.json, called as an anonymous
client, a signed-in user who is not a member of the budget, and the budget's viewer, editor
and owner, with the status each must get (api.md, "Authentication"):

- anonymous: 401, except the public operations (health, setup, login, logout);
- non-member: 404 for everything under /api/v1/budgets/{budget_id};
- viewer: reads succeed, writes are 403;
- editor: reads and writes succeed, member management is 403;
- owner: everything succeeds;
- admin (the instance's administrator, a member of no budget): the instance-wide operations
  (backups) succeed, other signed-in users get 403; under a budget it is a non-member (404).

Every call is one that succeeds for a role that is allowed: real ids, fresh ids for creates,
and objects of their own (made just before the call) for deletes, closes, reopens and
reconciliations, so that calls do not depend on each other. A refusal therefore comes from
the role, not from a missing object.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from dojo.access import Access
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

DOCUMENT = Path(__file__).resolve().parents[3] / "contracts" / "openapi.json"
ROLES = ("anonymous", "admin", "non-member", "viewer", "editor", "owner")
USERS = {"admin": "matrix-admin", "non-member": "matrix-stranger", "viewer": "matrix-viewer",
         "editor": "matrix-editor", "owner": "matrix-owner"}
TODAY = "2026-02-20"
DAY = "2026-02-10"
MONTH = "2026-02"

# What an operation needs: nothing, a signed-in user, a role on the budget, or an
# administrator of the instance.
PUBLIC, USER, READ, WRITE, OWN, ADMIN = "public", "user", "read", "write", "own", "admin"
ALLOWED = {READ: {"viewer", "editor", "owner"}, WRITE: {"editor", "owner"}, OWN: {"owner"}}


@dataclass
class World:
    """One budget with an account, a group, categories, a transaction and a transfer; a user
    per role with a personal access token; a client over the app."""

    client: TestClient
    dojo: Dojo
    access: Access
    user_ids: dict[str, str]
    tokens: dict[str, str]
    budget_id: str = ""
    ids: dict[str, str] = field(default_factory=dict)
    counter: int = 0

    def new_id(self) -> str:
        return self.dojo.ids.new_id()

    def run(self, command: cmd.Command) -> None:
        self.dojo.execute(self.budget_id, command, actor=self.user_ids["owner"])

    def fresh_name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter}"

    # Objects of their own, for the calls that use them up.
    def fresh_account(self, closed: bool = False) -> str:
        account_id = self.new_id()
        self.run(cmd.OpenAccount(account_id=account_id, name=self.fresh_name("Wallet"),
                                 account_type="cash", opening_balance=0, opening_date=DAY))
        if closed:
            self.run(cmd.CloseAccount(account_id=account_id))
        return account_id

    def fresh_category(self) -> str:
        category_id = self.new_id()
        self.run(cmd.CreateCategory(category_id=category_id, group_id=self.ids["group"],
                                    name=self.fresh_name("Spare")))
        return category_id

    def fresh_transaction(self) -> str:
        txn_id = self.new_id()
        self.run(cmd.RecordTransaction(transaction_id=txn_id, account_id=self.ids["checking"],
                                       date=DAY, amount=-100,
                                       lines=(Line(category_id=self.ids["food"], amount=-100),)))
        return txn_id

    def fresh_transfer(self) -> str:
        transfer_id = self.new_id()
        self.run(cmd.RecordTransfer(transfer_id=transfer_id, from_account_id=self.ids["checking"],
                                    to_account_id=self.ids["savings"], date=DAY, amount=100))
        return transfer_id

    def fresh_user(self) -> str:
        username = self.fresh_name("matrix-user")
        self.access.add_user(username, PASSWORD)
        return username

    def fresh_member(self) -> str:
        username = self.fresh_user()
        self.access.set_member(self.budget_id, username, "viewer")
        return username

    def fresh_token(self, role: str) -> str:
        owner = self.user_ids.get(role, self.user_ids["owner"])
        token_id, _ = self.access.issue_token(owner, "to revoke")
        return token_id


@dataclass(frozen=True)
class Call:
    """What to send: path parameters (besides budget_id), a JSON body, a query."""

    path: dict[str, str] = field(default_factory=dict)
    body: Any = None
    query: dict[str, str] | None = None


@dataclass(frozen=True)
class Op:
    need: str
    ok: int  # the status when the caller may do it
    call: Callable[[World, str], Call] = lambda w, role: Call()


def _transaction_body(w: World) -> dict[str, Any]:
    return {"account_id": w.ids["checking"], "date": DAY, "amount": -500,
            "category_id": w.ids["food"], "payee": "Grocer"}


def _transfer_body(w: World) -> dict[str, Any]:
    return {"from_account_id": w.ids["checking"], "to_account_id": w.ids["savings"],
            "date": DAY, "amount": 2_500}


IMPORT_CSV = {"content": "Date,Amount\n2026-02-10,-1.00\n", "format": "csv",
              "csv": {"date": "Date", "amount": "Amount"}}


def _import_preview(w: World) -> str:
    """A stored import preview of the checking account, for a call that reads or commits it."""
    from dojo.imports import previews
    from dojo.imports.csv_mapping import CsvMapping

    upload = previews.ImportFile(IMPORT_CSV["content"].encode(), "csv",
                                 CsvMapping(date="Date", amount="Amount"))
    planned = previews.plan_file(w.dojo, w.budget_id, w.ids["checking"], upload, w.new_id())
    previews.store(w.dojo, w.budget_id, planned, None)
    return planned.preview.id


def _credentials(role: str) -> dict[str, str]:
    return {"username": USERS.get(role, USERS["owner"]), "password": PASSWORD}


# The smallest YNAB export: one account with its starting balance, one category.
YNAB_EXPORT = {
    "register": '"Account","Flag","Date","Payee","Category Group/Category","Category Group",'
                '"Category","Memo","Outflow","Inflow","Cleared"\n"Checking","","02/01/2026",'
                '"Starting Balance","Inflow: Ready to Assign","Inflow","Ready to Assign","",'
                '$0.00,$100.00,"Cleared"\n',
    "plan": '"Month","Category Group/Category","Category Group","Category","Assigned",'
            '"Activity","Available"\n"Feb 2026","Bills: Rent","Bills","Rent",$50.00,$0.00,'
            '$50.00\n',
}

B = "/api/v1/budgets/{budget_id}"
MATRIX: dict[tuple[str, str], Op] = {
    # Public: the same answer whoever asks.
    ("GET", "/healthz"): Op(PUBLIC, 200),
    ("GET", "/readyz"): Op(PUBLIC, 200),
    ("GET", "/api/v1/setup"): Op(PUBLIC, 200),
    # A user exists, so setup is refused (409) for everyone: never 401, 403 or 404.
    ("POST", "/api/v1/setup"): Op(PUBLIC, 409, lambda w, r: Call(body=_credentials(r))),
    ("POST", "/api/v1/session"): Op(PUBLIC, 200, lambda w, r: Call(body=_credentials(r))),
    ("DELETE", "/api/v1/session"): Op(PUBLIC, 204),
    # Any signed-in user, about themselves.
    ("GET", "/api/v1/me"): Op(USER, 200),
    ("GET", "/api/v1/tokens"): Op(USER, 200),
    ("POST", "/api/v1/tokens"): Op(USER, 201, lambda w, r: Call(body={"name": "matrix"})),
    ("DELETE", "/api/v1/tokens/{token_id}"): Op(
        USER, 204, lambda w, r: Call({"token_id": w.fresh_token(r)})),
    ("GET", "/api/v1/budgets"): Op(USER, 200),
    ("POST", "/api/v1/budgets"): Op(USER, 201, lambda w, r: Call(body={
        "id": w.new_id(), "name": w.fresh_name("Budget"), "currency": "EUR"})),
    ("POST", "/api/v1/ynab-imports"): Op(USER, 201, lambda w, r: Call(body=YNAB_EXPORT)),
    # The whole instance.
    ("GET", "/api/v1/backup"): Op(ADMIN, 200),
    # The budget's data.
    ("GET", B): Op(READ, 200),
    ("GET", B + "/members"): Op(READ, 200),
    ("POST", B + "/members"): Op(OWN, 200, lambda w, r: Call(body={
        "username": w.fresh_user(), "role": "viewer"})),
    ("DELETE", B + "/members/{username}"): Op(
        OWN, 204, lambda w, r: Call({"username": w.fresh_member()})),
    ("GET", B + "/accounts"): Op(READ, 200),
    ("POST", B + "/accounts"): Op(WRITE, 201, lambda w, r: Call(body={
        "id": w.new_id(), "name": w.fresh_name("Account"), "type": "checking",
        "opening_balance": 1_000, "opening_date": DAY})),
    ("GET", B + "/accounts/{account_id}"): Op(
        READ, 200, lambda w, r: Call({"account_id": w.ids["checking"]})),
    ("PATCH", B + "/accounts/{account_id}"): Op(
        WRITE, 200, lambda w, r: Call({"account_id": w.ids["savings"]},
                                      {"name": w.fresh_name("Savings")})),
    ("POST", B + "/accounts/{account_id}/close"): Op(
        WRITE, 200, lambda w, r: Call({"account_id": w.fresh_account()})),
    ("POST", B + "/accounts/{account_id}/reopen"): Op(
        WRITE, 200, lambda w, r: Call({"account_id": w.fresh_account(closed=True)})),
    ("POST", B + "/accounts/{account_id}/reconcile"): Op(
        WRITE, 200, lambda w, r: Call({"account_id": w.fresh_account()},
                                      {"statement_balance": 0, "date": TODAY})),
    ("POST", B + "/accounts/{account_id}/imports"): Op(
        WRITE, 201, lambda w, r: Call({"account_id": w.ids["checking"]}, IMPORT_CSV)),
    ("GET", B + "/accounts/{account_id}/imports/{preview_id}"): Op(
        READ, 200, lambda w, r: Call({"account_id": w.ids["checking"],
                                      "preview_id": _import_preview(w)})),
    ("POST", B + "/accounts/{account_id}/imports/{preview_id}/commit"): Op(
        WRITE, 200, lambda w, r: Call({"account_id": w.ids["checking"],
                                       "preview_id": _import_preview(w)})),
    ("GET", B + "/accounts/{account_id}/import-mapping"): Op(
        READ, 200, lambda w, r: Call({"account_id": w.ids["checking"]})),
    ("GET", B + "/category-groups"): Op(READ, 200),
    ("POST", B + "/category-groups"): Op(WRITE, 201, lambda w, r: Call(body={
        "id": w.new_id(), "name": w.fresh_name("Group")})),
    ("PATCH", B + "/category-groups/{group_id}"): Op(
        WRITE, 200, lambda w, r: Call({"group_id": w.ids["group"]},
                                      {"name": w.fresh_name("Bills")})),
    ("GET", B + "/categories"): Op(READ, 200),
    ("POST", B + "/categories"): Op(WRITE, 201, lambda w, r: Call(body={
        "id": w.new_id(), "group_id": w.ids["group"], "name": w.fresh_name("Category")})),
    ("GET", B + "/categories/{category_id}"): Op(
        READ, 200, lambda w, r: Call({"category_id": w.ids["food"]})),
    ("PATCH", B + "/categories/{category_id}"): Op(
        WRITE, 200, lambda w, r: Call({"category_id": w.ids["rent"]},
                                      {"name": w.fresh_name("Rent")})),
    ("DELETE", B + "/categories/{category_id}"): Op(
        WRITE, 204, lambda w, r: Call({"category_id": w.fresh_category()},
                                      query={"move_to": w.ids["rent"]})),
    ("GET", B + "/transactions"): Op(READ, 200),
    ("POST", B + "/transactions"): Op(
        WRITE, 201, lambda w, r: Call(body={"id": w.new_id(), **_transaction_body(w)})),
    ("POST", B + "/transactions/bulk"): Op(
        WRITE, 201, lambda w, r: Call(body={"transactions": [
            {"id": w.new_id(), **_transaction_body(w)}, _transaction_body(w)]})),
    ("GET", B + "/transactions/{transaction_id}"): Op(
        READ, 200, lambda w, r: Call({"transaction_id": w.ids["transaction"]})),
    ("PUT", B + "/transactions/{transaction_id}"): Op(
        WRITE, 200, lambda w, r: Call({"transaction_id": w.ids["transaction"]},
                                      _transaction_body(w))),
    ("PATCH", B + "/transactions/{transaction_id}"): Op(
        WRITE, 200, lambda w, r: Call({"transaction_id": w.ids["transaction"]},
                                      {"cleared": "cleared"})),
    ("DELETE", B + "/transactions/{transaction_id}"): Op(
        WRITE, 204, lambda w, r: Call({"transaction_id": w.fresh_transaction()})),
    ("GET", B + "/transfers"): Op(READ, 200),
    ("POST", B + "/transfers"): Op(
        WRITE, 201, lambda w, r: Call(body={"id": w.new_id(), **_transfer_body(w)})),
    ("GET", B + "/transfers/{transfer_id}"): Op(
        READ, 200, lambda w, r: Call({"transfer_id": w.ids["transfer"]})),
    ("PUT", B + "/transfers/{transfer_id}"): Op(
        WRITE, 200, lambda w, r: Call({"transfer_id": w.ids["transfer"]}, _transfer_body(w))),
    ("DELETE", B + "/transfers/{transfer_id}"): Op(
        WRITE, 204, lambda w, r: Call({"transfer_id": w.fresh_transfer()})),
    ("GET", B + "/months/{month}"): Op(READ, 200, lambda w, r: Call({"month": MONTH})),
    ("GET", B + "/months"): Op(READ, 200),
    ("PUT", B + "/months/{month}/categories/{category_id}"): Op(
        WRITE, 200, lambda w, r: Call({"month": MONTH, "category_id": w.ids["food"]},
                                      {"assigned": 20_000})),
    ("POST", B + "/months/{month}/moves"): Op(
        WRITE, 200, lambda w, r: Call({"month": MONTH}, {
            "from_category_id": None, "to_category_id": w.ids["food"], "amount": 100})),
    ("GET", B + "/net-worth"): Op(READ, 200),
    ("GET", B + "/events"): Op(READ, 200),
    ("GET", B + "/export"): Op(READ, 200, lambda w, r: Call(query={"format": "csv"})),
}


def expected(op: Op, role: str, path: str) -> int:
    if op.need == PUBLIC:
        return op.ok
    if role == "anonymous":
        return 401
    if op.need == USER:
        return op.ok
    if op.need == ADMIN:
        return op.ok if role == "admin" else 403
    assert path.startswith(B), path
    if role in ("non-member", "admin"):
        return 404
    return op.ok if role in ALLOWED[op.need] else 403


def document_operations() -> set[tuple[str, str]]:
    paths = json.loads(DOCUMENT.read_text())["paths"]
    return {(method.upper(), path) for path, item in paths.items() for method in item
            if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace")}


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    con = connect(":memory:")
    migrate(con, clock=FixedClock.on("2026-01-01"))
    dojo = Dojo(con, FixedClock.on(TODAY), SequentialIds())
    app = create_app(Settings(db=":memory:", login_slowdown_seconds=0), dojo=dojo, cost=CHEAP)
    access = Access(dojo, CHEAP)
    user_ids = {role: access.add_user(name, PASSWORD, admin=role == "admin")
                for role, name in USERS.items()}
    tokens = {role: access.issue_token(uid, "matrix")[1] for role, uid in user_ids.items()}
    with TestClient(app) as client:
        w = World(client, dojo, access, user_ids, tokens)
        w.budget_id = w.new_id()
        dojo.execute(w.budget_id, cmd.CreateBudget(budget_id=w.budget_id, name="Home",
                                                   currency="USD"),
                     actor=user_ids["owner"],
                     also=access.member_sql(w.budget_id, user_ids["owner"], "owner"))
        access.set_member(w.budget_id, USERS["editor"], "editor")
        access.set_member(w.budget_id, USERS["viewer"], "viewer")
        w.ids = {name: w.new_id() for name in
                 ("checking", "savings", "group", "food", "rent", "transaction", "transfer")}
        w.run(cmd.OpenAccount(account_id=w.ids["checking"], name="Checking",
                              account_type="checking", opening_balance=500_000,
                              opening_date="2026-02-01"))
        w.run(cmd.OpenAccount(account_id=w.ids["savings"], name="Savings",
                              account_type="savings", opening_balance=100_000,
                              opening_date="2026-02-01"))
        w.run(cmd.CreateCategoryGroup(group_id=w.ids["group"], name="Bills"))
        w.run(cmd.CreateCategory(category_id=w.ids["food"], group_id=w.ids["group"],
                                 name="Food"))
        w.run(cmd.CreateCategory(category_id=w.ids["rent"], group_id=w.ids["group"],
                                 name="Rent"))
        w.run(cmd.RecordTransaction(transaction_id=w.ids["transaction"],
                                    account_id=w.ids["checking"], date=DAY, amount=-500,
                                    payee="Grocer",
                                    lines=(Line(category_id=w.ids["food"], amount=-500),)))
        w.run(cmd.RecordTransfer(transfer_id=w.ids["transfer"],
                                 from_account_id=w.ids["checking"],
                                 to_account_id=w.ids["savings"], date=DAY, amount=2_500))
        yield w
    con.close()


def test_the_matrix_has_every_operation_of_the_document() -> None:
    documented = document_operations()
    missing = sorted(documented - MATRIX.keys())
    stale = sorted(MATRIX.keys() - documented)
    assert not missing, f"operations of {DOCUMENT.name} missing from MATRIX: {missing}"
    assert not stale, f"MATRIX operations that {DOCUMENT.name} no longer has: {stale}"


def test_the_document_says_which_operations_need_credentials() -> None:
    """Public operations must be documented as such (`security: []`), the others must
    inherit or declare a requirement; otherwise clients and fuzzers get auth wrong."""
    document = json.loads(DOCUMENT.read_text())
    default = document.get("security", [])
    wrong = []
    for (method, path), op in sorted(MATRIX.items()):
        declared = document["paths"].get(path, {}).get(method.lower(), {})
        security = declared.get("security", default)
        public = not security or {} in security
        if public != (op.need == PUBLIC):
            wrong.append(f"{method} {path}: documented as "
                         f"{'public' if public else f'needing {security}'}, "
                         f"but it is {'public' if op.need == PUBLIC else 'not public'}")
    assert not wrong, "the document's security requirements are wrong:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path"), sorted(MATRIX),
                         ids=[f"{method} {path}" for method, path in sorted(MATRIX)])
def test_role_gets_the_expected_status(world: World, method: str, path: str, role: str) -> None:
    op = MATRIX[(method, path)]
    call = op.call(world, role)
    url = path.format(budget_id=world.budget_id, **call.path)
    headers = {} if role == "anonymous" else {"Authorization": f"Bearer {world.tokens[role]}"}
    world.client.cookies.clear()  # a login answer sets a session cookie: never carry it on
    response = world.client.request(method, url, headers=headers, params=call.query,
                                    json=call.body)
    world.client.cookies.clear()
    want = expected(op, role, path)
    assert response.status_code == want, (
        f"{method} {path} as {role}: expected {want}, got {response.status_code}\n"
        f"request: {method} {url} query={call.query} body={call.body}\n"
        f"response: {response.text[:500]}")
