"""Bad input of every kind is a 4xx RFC 9457 problem document and changes nothing; no
request, however malformed, gets a 500 (api.md, Conventions; R-T4, R-B1, R-B3)."""

import base64
import itertools
import json
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from litestar.testing import TestClient

from dojo.api import create_app
from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.settings import Settings
from tests.conftest import CHEAP, PASSWORD, csrf

TODAY = "2026-02-20"
B = "00000000-0000-4000-a000-000000000001"
B2 = "00000000-0000-4000-a000-000000000002"
CHK = "00000000-0000-4000-a000-000000000011"
SAV = "00000000-0000-4000-a000-000000000012"
VISA = "00000000-0000-4000-a000-000000000013"
HOUSE = "00000000-0000-4000-a000-000000000014"
OTHER_ACCOUNT = "00000000-0000-4000-a000-000000000015"
GROUP = "00000000-0000-4000-a000-000000000021"
OTHER_GROUP = "00000000-0000-4000-a000-000000000022"
FOOD = "00000000-0000-4000-a000-000000000031"
RENT = "00000000-0000-4000-a000-000000000032"
OTHER_FOOD = "00000000-0000-4000-a000-000000000033"
T1 = "00000000-0000-4000-a000-000000000041"
X1 = "00000000-0000-4000-a000-000000000051"
UNKNOWN = "00000000-0000-4000-a000-00000000dead"
BASE = f"/api/v1/budgets/{B}"
PROBLEM = "application/problem+json"
MAX_BODY = Settings(db=":memory:").max_body_bytes

# Every answer this file got: (method, url, status). Checked for 500s at the end.
SEEN: list[tuple[str, str, int]] = []


class World(NamedTuple):
    client: TestClient
    auth: dict[str, str]
    dojo: Dojo
    income: str  # Ready to Assign of B
    visa_payment: str


def ok(answer: Any) -> Any:
    assert 200 <= answer.status_code < 300, f"setup: {answer.status_code} {answer.text}"
    return answer.json() if answer.content else None


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    """Budget B (checking, savings, visa, a tracking asset, Food, Rent, one transaction, one
    transfer) and budget B2 with a category and an account of its own, on an app of this
    module's own so that every case runs against the same state."""
    con = connect(":memory:")
    migrate(con, clock=FixedClock.on("2026-01-01"))
    dojo = Dojo(con, FixedClock.on(TODAY), SequentialIds())
    app = create_app(Settings(db=":memory:", login_slowdown_seconds=0), dojo=dojo, cost=CHEAP)
    with TestClient(app) as client:
        ok(client.post("/api/v1/setup", json={"username": "owner", "password": PASSWORD}))
        token = ok(client.post("/api/v1/tokens", json={"name": "tests"},
                               headers=csrf(client)))["token"]
        client.cookies.clear()
        auth = {"Authorization": f"Bearer {token}"}

        def post(path: str, body: dict[str, Any]) -> Any:
            return ok(client.post(path, json=body, headers=auth))

        income = post("/api/v1/budgets", {"id": B, "name": "Home", "currency": "USD"})[
            "income_category_id"]
        post("/api/v1/budgets", {"id": B2, "name": "Other", "currency": "USD"})
        for aid, name, kind, opening in ((CHK, "Checking", "checking", 100000),
                                         (SAV, "Savings", "savings", 0),
                                         (VISA, "Visa", "credit_card", 0),
                                         (HOUSE, "House", "asset", 0)):
            account = post(f"{BASE}/accounts", {"id": aid, "name": name, "type": kind,
                                                "opening_balance": opening,
                                                "opening_date": "2026-01-01"})
            if aid == VISA:
                visa_payment = account["payment_category_id"]
        post(f"{BASE}/category-groups", {"id": GROUP, "name": "Bills"})
        post(f"{BASE}/categories", {"id": FOOD, "group_id": GROUP, "name": "Food"})
        post(f"{BASE}/categories", {"id": RENT, "group_id": GROUP, "name": "Rent"})
        post(f"{BASE}/transactions", {"id": T1, "account_id": CHK, "date": "2026-02-02",
                                      "amount": -1000, "category_id": FOOD})
        post(f"{BASE}/transfers", {"id": X1, "from_account_id": CHK, "to_account_id": SAV,
                                   "date": "2026-02-03", "amount": 500})
        other = f"/api/v1/budgets/{B2}"
        post(f"{other}/category-groups", {"id": OTHER_GROUP, "name": "Bills"})
        post(f"{other}/categories", {"id": OTHER_FOOD, "group_id": OTHER_GROUP, "name": "Food"})
        post(f"{other}/accounts", {"id": OTHER_ACCOUNT, "name": "Checking", "type": "checking",
                                   "opening_balance": 500, "opening_date": "2026-01-01"})
        yield World(client, auth, dojo, income, visa_payment)
    con.close()


def event_count(world: World) -> int:
    with world.dojo.con.cursor() as cur:
        return int(cur.execute("SELECT count(*) FROM events").fetchone()[0])


class Case(NamedTuple):
    method: str
    path: str  # {income} and {visa_payment} are filled in from the world
    body: Any = None  # a dict is sent as JSON, bytes as they are, None as no body
    status: int | tuple[int, ...] = 422


def send(world: World, case: Case) -> Any:
    path = case.path.format(income=world.income, visa_payment=world.visa_payment)
    headers = dict(world.auth)
    if isinstance(case.body, bytes):
        headers["Content-Type"] = "application/json"
        answer = world.client.request(case.method, path, content=case.body, headers=headers)
    else:
        body = _fill(case.body, world)
        answer = world.client.request(case.method, path, json=body, headers=headers)
    SEEN.append((case.method, path, answer.status_code))
    assert answer.status_code != 500, f"{case.method} {path} got a 500: {answer.text}"
    return answer


def _fill(body: Any, world: World) -> Any:
    if body is None:
        return None
    text = json.dumps(body).replace("{income}", world.income)
    return json.loads(text.replace("{visa_payment}", world.visa_payment))


def assert_problem(answer: Any, wanted: int | tuple[int, ...]) -> None:
    allowed = wanted if isinstance(wanted, tuple) else (wanted,)
    where = f"{answer.request.method} {answer.request.url}"
    assert answer.status_code in allowed, (
        f"{where}: wanted {allowed}, got {answer.status_code}: {answer.text[:500]}")
    assert answer.headers.get("content-type", "").startswith(PROBLEM), (
        f"{where}: content-type {answer.headers.get('content-type')!r}, not {PROBLEM}")
    doc = answer.json()
    for field in ("type", "title", "detail"):
        assert isinstance(doc.get(field), str) and doc[field], f"{where}: no {field} in {doc}"
    assert doc.get("status") == answer.status_code, f"{where}: status field {doc}"
    if answer.status_code == 422:
        errors = doc.get("errors")
        assert isinstance(errors, list) and errors, f"{where}: a 422 without errors: {doc}"
        for error in errors:
            assert isinstance(error.get("field"), str) and error["field"], f"{where}: {error}"
            assert isinstance(error.get("message"), str) and error["message"], f"{where}: {error}"


def check(world: World, case: Case) -> None:
    before = event_count(world)
    answer = send(world, case)
    assert_problem(answer, case.status)
    assert event_count(world) == before, f"{case.method} {case.path} changed the event log"


# --- amounts ----------------------------------------------------------------------------

AMOUNT = "__amount__"
BAD_AMOUNTS = {"1.5": "1.5", "1.0": "1.0", "1e3": "1e3", "string": '"10"', "bool": "true",
               "2**63": str(2**63), "-2**63-1": str(-(2**63) - 1), "10**30": str(10**30),
               "null": "null", "object": '{"cents": 5}'}
AMOUNT_BODIES = {
    "transaction": ("POST", f"{BASE}/transactions", {
        "account_id": CHK, "date": "2026-02-05", "amount": AMOUNT, "category_id": FOOD}),
    "split line": ("POST", f"{BASE}/transactions", {
        "account_id": CHK, "date": "2026-02-05", "amount": -10,
        "lines": [{"category_id": FOOD, "amount": AMOUNT}, {"category_id": RENT, "amount": -5}]}),
    "edit": ("PUT", f"{BASE}/transactions/{T1}", {
        "account_id": CHK, "date": "2026-02-02", "amount": AMOUNT, "category_id": FOOD}),
    "opening_balance": ("POST", f"{BASE}/accounts", {
        "name": "Jar", "type": "cash", "opening_balance": AMOUNT, "opening_date": "2026-02-01"}),
    "assigned": ("PUT", f"{BASE}/months/2026-02/categories/{FOOD}", {"assigned": AMOUNT}),
    "move": ("POST", f"{BASE}/months/2026-02/moves", {
        "from_category_id": None, "to_category_id": FOOD, "amount": AMOUNT}),
    "transfer": ("POST", f"{BASE}/transfers", {
        "from_account_id": CHK, "to_account_id": SAV, "date": "2026-02-05", "amount": AMOUNT}),
    "reconcile": ("POST", f"{BASE}/accounts/{CHK}/reconcile", {
        "statement_balance": AMOUNT, "date": "2026-02-10"}),
}


@pytest.mark.parametrize(("target", "amount"), list(itertools.product(AMOUNT_BODIES,
                                                                      BAD_AMOUNTS)))
def test_amount_that_is_not_an_int64_integer_is_422(world: World, target: str,
                                                    amount: str) -> None:
    method, path, body = AMOUNT_BODIES[target]
    raw = json.dumps(body).replace(json.dumps(AMOUNT), BAD_AMOUNTS[amount]).encode()
    check(world, Case(method, path, raw, 422))


# --- dates and months -------------------------------------------------------------------

DATE = "__date__"
BAD_DATES = {"2026-02-30": "2026-02-30", "2026-13-01": "2026-13-01", "yesterday": "yesterday",
             "five years and a day ahead": "2031-02-21", "before 1970": "1969-12-31",
             "2026-2-1": "2026-2-1", "with time": "2026-02-01T00:00:00"}
DATE_BODIES = {
    "transaction": ("POST", f"{BASE}/transactions", {
        "account_id": CHK, "date": DATE, "amount": -10, "category_id": FOOD}),
    "edit": ("PUT", f"{BASE}/transactions/{T1}", {
        "account_id": CHK, "date": DATE, "amount": -1000, "category_id": FOOD}),
    "opening_date": ("POST", f"{BASE}/accounts", {
        "name": "Jar", "type": "cash", "opening_balance": 100, "opening_date": DATE}),
    "transfer": ("POST", f"{BASE}/transfers", {
        "from_account_id": CHK, "to_account_id": SAV, "date": DATE, "amount": 10}),
    "reconcile": ("POST", f"{BASE}/accounts/{CHK}/reconcile", {
        "statement_balance": 100, "date": DATE}),
}


@pytest.mark.parametrize(("target", "date"), list(itertools.product(DATE_BODIES, BAD_DATES)))
def test_impossible_or_out_of_range_date_is_422(world: World, target: str, date: str) -> None:
    method, path, body = DATE_BODIES[target]
    check(world, Case(method, path, {**body, **{k: BAD_DATES[date] for k, v in body.items()
                                                if v == DATE}}, 422))


BAD_MONTHS = {"1969-12": "1969-12", "61 months ahead": "2031-03", "2026-1": "2026-1",
              "2026-13": "2026-13", "2026-00": "2026-00", "word": "soon"}
MONTH_CASES = {
    "get month": ("GET", BASE + "/months/{m}", None),
    "assign": ("PUT", BASE + "/months/{m}/categories/" + FOOD, {"assigned": 100}),
    "move": ("POST", BASE + "/months/{m}/moves",
             {"from_category_id": None, "to_category_id": FOOD, "amount": 100}),
    "months from": ("GET", BASE + "/months?from={m}", None),
    "net worth to": ("GET", BASE + "/net-worth?to={m}", None),
}


@pytest.mark.parametrize(("target", "month"), list(itertools.product(MONTH_CASES, BAD_MONTHS)))
def test_month_out_of_range_or_malformed_is_422(world: World, target: str, month: str) -> None:
    method, path, body = MONTH_CASES[target]
    check(world, Case(method, path.replace("{m}", BAD_MONTHS[month]), body, 422))


# --- everything else --------------------------------------------------------------------

def _b64(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


TXN = {"account_id": CHK, "date": "2026-02-05", "amount": -1000}
MOVE = {"from_category_id": None, "to_category_id": FOOD, "amount": 100}
REFUSED = (404, 409, 422)  # a reference the budget cannot take; any of these is fine

CASES: dict[str, Case] = {
    # splits and categories (R-T1, R-T2, R-C2, R-C3)
    "split does not add up": Case("POST", f"{BASE}/transactions", {**TXN, "lines": [
        {"category_id": FOOD, "amount": -600}, {"category_id": RENT, "amount": -300}]}),
    "split edit does not add up": Case("PUT", f"{BASE}/transactions/{T1}", {**TXN, "lines": [
        {"category_id": FOOD, "amount": -600}, {"category_id": RENT, "amount": -300}]}),
    "split with no lines": Case("POST", f"{BASE}/transactions", {**TXN, "lines": []}),
    "category_id and lines": Case("POST", f"{BASE}/transactions", {
        **TXN, "category_id": FOOD, "lines": [{"category_id": FOOD, "amount": -1000}]}),
    "no category on an on-budget account": Case("POST", f"{BASE}/transactions", TXN),
    "category on a tracking account": Case("POST", f"{BASE}/transactions", {
        **TXN, "account_id": HOUSE, "category_id": FOOD}, REFUSED),
    "category of another budget": Case("POST", f"{BASE}/transactions", {
        **TXN, "category_id": OTHER_FOOD}, REFUSED),
    "split line of another budget": Case("POST", f"{BASE}/transactions", {**TXN, "lines": [
        {"category_id": FOOD, "amount": -500}, {"category_id": OTHER_FOOD, "amount": -500}]},
        REFUSED),
    "account of another budget": Case("POST", f"{BASE}/transactions", {
        **TXN, "account_id": OTHER_ACCOUNT, "category_id": FOOD}, REFUSED),
    "assign to a category of another budget": Case(
        "PUT", f"{BASE}/months/2026-02/categories/{OTHER_FOOD}", {"assigned": 100}, REFUSED),
    "move to a category of another budget": Case(
        "POST", f"{BASE}/months/2026-02/moves", {**MOVE, "to_category_id": OTHER_FOOD},
        REFUSED),
    "transfer category of another budget": Case("POST", f"{BASE}/transfers", {
        "from_account_id": CHK, "to_account_id": HOUSE, "date": "2026-02-05", "amount": 10,
        "category_id": OTHER_FOOD}, REFUSED),
    "payment category on a line": Case("POST", f"{BASE}/transactions", {
        **TXN, "category_id": "{visa_payment}"}, REFUSED),
    "payment category on a split line": Case("POST", f"{BASE}/transactions", {**TXN, "lines": [
        {"category_id": FOOD, "amount": -500}, {"category_id": "{visa_payment}",
                                                "amount": -500}]}, REFUSED),
    "payment category on a card line": Case("POST", f"{BASE}/transactions", {
        **TXN, "account_id": VISA, "category_id": "{visa_payment}"}, REFUSED),
    "assign to Ready to Assign": Case(
        "PUT", BASE + "/months/2026-02/categories/{income}", {"assigned": 100}, REFUSED),
    "move to Ready to Assign by id": Case(
        "POST", f"{BASE}/months/2026-02/moves", {**MOVE, "to_category_id": "{income}"},
        REFUSED),
    "move from Ready to Assign to itself": Case(
        "POST", f"{BASE}/months/2026-02/moves", {**MOVE, "to_category_id": None}),
    "move to the same category": Case(
        "POST", f"{BASE}/months/2026-02/moves", {**MOVE, "from_category_id": FOOD}),
    "move of zero": Case("POST", f"{BASE}/months/2026-02/moves", {**MOVE, "amount": 0}),
    "move of a negative amount": Case("POST", f"{BASE}/months/2026-02/moves",
                                      {**MOVE, "amount": -5}),
    # transfers (R-T3)
    "transfer to the same account": Case("POST", f"{BASE}/transfers", {
        "from_account_id": CHK, "to_account_id": CHK, "date": "2026-02-05", "amount": 10}),
    "transfer of zero": Case("POST", f"{BASE}/transfers", {
        "from_account_id": CHK, "to_account_id": SAV, "date": "2026-02-05", "amount": 0}),
    "transfer of a negative amount": Case("POST", f"{BASE}/transfers", {
        "from_account_id": CHK, "to_account_id": SAV, "date": "2026-02-05", "amount": -10}),
    "transfer edit to the same account": Case("PUT", f"{BASE}/transfers/{X1}", {
        "from_account_id": SAV, "to_account_id": SAV, "date": "2026-02-03", "amount": 500}),
    "category on an on-budget transfer": Case("POST", f"{BASE}/transfers", {
        "from_account_id": CHK, "to_account_id": SAV, "date": "2026-02-05", "amount": 10,
        "category_id": FOOD}, REFUSED),
    "no category on a transfer leaving the budget": Case("POST", f"{BASE}/transfers", {
        "from_account_id": CHK, "to_account_id": HOUSE, "date": "2026-02-05", "amount": 10},
        REFUSED),
    # bodies
    "unknown field in a transaction": Case("POST", f"{BASE}/transactions", {
        **TXN, "category_id": FOOD, "colour": "red"}),
    "unknown field in a split line": Case("POST", f"{BASE}/transactions", {**TXN, "lines": [
        {"category_id": FOOD, "amount": -1000, "tag": 1}]}),
    "unknown field in a budget": Case("POST", "/api/v1/budgets", {
        "name": "X", "currency": "USD", "owner": "me"}),
    "unknown field in an account": Case("POST", f"{BASE}/accounts", {
        "name": "Jar", "type": "cash", "opening_date": "2026-02-01", "on_budget": True}),
    "unknown field in an assignment": Case(
        "PUT", f"{BASE}/months/2026-02/categories/{FOOD}", {"assigned": 1, "note": "x"}),
    "unknown field in a move": Case("POST", f"{BASE}/months/2026-02/moves",
                                    {**MOVE, "memo": "x"}),
    "unknown field in a transfer": Case("POST", f"{BASE}/transfers", {
        "from_account_id": CHK, "to_account_id": SAV, "date": "2026-02-05", "amount": 10,
        "payee": "x"}),
    "unknown field in a reconcile": Case("POST", f"{BASE}/accounts/{CHK}/reconcile", {
        "statement_balance": 1, "date": "2026-02-10", "force": True}),
    "missing required field": Case("POST", f"{BASE}/transactions", {
        "account_id": CHK, "date": "2026-02-05", "category_id": FOOD}),
    "unknown account type": Case("POST", f"{BASE}/accounts", {
        "name": "Jar", "type": "piggy_bank", "opening_date": "2026-02-01"}),
    "unknown currency shape": Case("POST", "/api/v1/budgets", {"name": "X", "currency": "usd"}),
    "id that is not a uuid": Case("POST", f"{BASE}/transactions", {
        **TXN, "id": "t1", "category_id": FOOD}),
    "cleared set to reconciled": Case("POST", f"{BASE}/transactions", {
        **TXN, "category_id": FOOD, "cleared": "reconciled"}),
    "malformed JSON": Case("POST", f"{BASE}/transactions", b'{"account_id": '),
    "not JSON at all": Case("PUT", f"{BASE}/months/2026-02/categories/{FOOD}", b"assigned=5"),
    "JSON array": Case("POST", f"{BASE}/months/2026-02/moves", b"[1, 2]"),
    "JSON null": Case("POST", f"{BASE}/transfers", b"null"),
    "empty body": Case("POST", f"{BASE}/transactions", b""),
    "empty body on assign": Case("PUT", f"{BASE}/months/2026-02/categories/{FOOD}", b""),
    "invalid UTF-8": Case("POST", f"{BASE}/transactions", b'{"memo": "\xff\xfe"}'),
    "deeply nested JSON": Case("POST", f"{BASE}/transactions", b"[" * 100_000),
    "body over the size limit": Case("POST", f"{BASE}/transactions",
                                     b'{"memo": "' + b"x" * (3 * 1024 * 1024) + b'"}', 413),
    "body just over the size limit": Case(
        "POST", f"{BASE}/accounts", b'{"name": "' + b"x" * MAX_BODY + b'"}', 413),
    # unknown ids
    "unknown budget": Case("GET", f"/api/v1/budgets/{UNKNOWN}", None, 404),
    "budget id that is not a uuid": Case("GET", "/api/v1/budgets/nope", None, 404),
    "month of an unknown budget": Case("GET", f"/api/v1/budgets/{UNKNOWN}/months/2026-02",
                                       None, 404),
    "transaction in an unknown budget": Case("POST", f"/api/v1/budgets/{UNKNOWN}/transactions",
                                             {**TXN, "category_id": FOOD}, 404),
    "assign in an unknown budget": Case(
        "PUT", f"/api/v1/budgets/{UNKNOWN}/months/2026-02/categories/{FOOD}",
        {"assigned": 1}, 404),
    "unknown account": Case("GET", f"{BASE}/accounts/{UNKNOWN}", None, 404),
    "account of another budget by path": Case("GET", f"{BASE}/accounts/{OTHER_ACCOUNT}",
                                              None, 404),
    "rename an unknown account": Case("PATCH", f"{BASE}/accounts/{UNKNOWN}",
                                      {"name": "X"}, 404),
    "close an unknown account": Case("POST", f"{BASE}/accounts/{UNKNOWN}/close", None, 404),
    "reconcile an unknown account": Case("POST", f"{BASE}/accounts/{UNKNOWN}/reconcile",
                                         {"statement_balance": 1, "date": "2026-02-10"}, 404),
    "unknown transaction": Case("GET", f"{BASE}/transactions/{UNKNOWN}", None, 404),
    "edit an unknown transaction": Case("PUT", f"{BASE}/transactions/{UNKNOWN}",
                                        {**TXN, "category_id": FOOD}, 404),
    "delete an unknown transaction": Case("DELETE", f"{BASE}/transactions/{UNKNOWN}",
                                          None, 404),
    "delete a transaction as a transfer": Case("DELETE", f"{BASE}/transfers/{T1}", None, 404),
    "delete a transfer as a transaction": Case("DELETE", f"{BASE}/transactions/{X1}",
                                               None, 404),
    "unknown transfer": Case("GET", f"{BASE}/transfers/{UNKNOWN}", None, 404),
    "delete an unknown transfer": Case("DELETE", f"{BASE}/transfers/{UNKNOWN}", None, 404),
    "unknown category": Case("GET", f"{BASE}/categories/{UNKNOWN}", None, 404),
    "assign to an unknown category": Case(
        "PUT", f"{BASE}/months/2026-02/categories/{UNKNOWN}", {"assigned": 1}, REFUSED),
    # filters and pages
    "since an impossible day": Case("GET", f"{BASE}/transactions?since=2026-02-30"),
    "until an impossible day": Case("GET", f"{BASE}/transactions?until=9999-99-99"),
    "since not a day": Case("GET", f"{BASE}/transactions?since=yesterday"),
    **{f"cursor of the right size but wrong values on {what}": Case("GET", f"{path}?cursor={c}")
       for what, path, c in (("budgets", "/api/v1/budgets", _b64(["x"])),
                             ("accounts", f"{BASE}/accounts", _b64(["x"])),
                             ("categories", f"{BASE}/categories", _b64(["x"])),
                             ("transactions", f"{BASE}/transactions", _b64(["2026-13-40", "a"])),
                             ("transfers", f"{BASE}/transfers", _b64(["x", "a"])))},
    **{f"cursor {name} on {what}": Case("GET", f"{path}?cursor={cursor}")
       for (name, cursor), (what, path) in itertools.product(
           {"not base64": "!!!", "not a list": _b64({"a": 1}), "wrong size": _b64([1, 2, 3]),
            "bool": _b64([True]), "too long": "A" * 600, "not JSON": "bm90IGpzb24="}.items(),
           {"budgets": "/api/v1/budgets", "accounts": f"{BASE}/accounts",
            "transactions": f"{BASE}/transactions", "transfers": f"{BASE}/transfers",
            "categories": f"{BASE}/categories"}.items())},
    **{f"limit {limit} on {what}": Case("GET", f"{path}?limit={limit}")
       for limit, (what, path) in itertools.product(
           ("0", "1001", "-1", "ten"),
           {"budgets": "/api/v1/budgets", "accounts": f"{BASE}/accounts",
            "transactions": f"{BASE}/transactions", "events": f"{BASE}/events"}.items())},
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_request_is_a_problem_and_changes_nothing(world: World, name: str) -> None:
    check(world, CASES[name])


def test_the_world_is_intact_and_nothing_got_a_500(world: World) -> None:
    """Runs last: the budget still has exactly its setup, and no request of this file got a
    500 (each is also checked where it is sent)."""
    month = ok(world.client.get(f"{BASE}/months/2026-02", headers=world.auth))
    food = next(c for c in month["categories"] if c["category_id"] == FOOD)
    assert (food["assigned"], food["activity"]) == (0, -1000)
    accounts = ok(world.client.get(f"{BASE}/accounts", headers=world.auth))["items"]
    assert {a["id"]: a["balance"] for a in accounts} == {CHK: 98500, SAV: 500, VISA: 0,
                                                         HOUSE: 0}
    crashes = [seen for seen in SEEN if seen[2] >= 500]
    assert not crashes, f"requests that got a 5xx: {crashes}"
    assert len(SEEN) > 200
