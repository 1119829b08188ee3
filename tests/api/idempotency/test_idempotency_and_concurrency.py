"""Idempotent creates, Idempotency-Key, If-Match, and many writers on one budget (api.md,
Conventions; I-2 history independence)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from dojo.api import create_app
from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.settings import Settings
from tests.conftest import CHEAP, PASSWORD, csrf

B = "00000000-0000-4000-a000-000000000001"
CHK = "00000000-0000-4000-a000-000000000002"
SAV = "00000000-0000-4000-a000-000000000003"
GROUP = "00000000-0000-4000-a000-000000000004"
FOOD = "00000000-0000-4000-a000-000000000005"
RENT = "00000000-0000-4000-a000-000000000006"
BASE = f"/api/v1/budgets/{B}"
PROBLEM = "application/problem+json"


def uid(kind: int, n: int) -> str:
    return f"00000000-0000-4000-{kind:04x}-{n:012d}"


def events(dojo: Dojo) -> int:
    with dojo.con.cursor() as cur:
        return int(cur.execute("SELECT count(*) FROM events").fetchone()[0])


def ok(answer: Any, *codes: int) -> Any:
    assert answer.status_code in (codes or (200, 201, 204)), (
        f"{answer.request.method} {answer.request.url} answered {answer.status_code}: "
        f"{answer.text}")
    return answer.json() if answer.content else None


def problem(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, (
        f"{answer.request.method} {answer.request.url}: wanted {status}, "
        f"got {answer.status_code}: {answer.text}")
    assert answer.headers["content-type"].startswith(PROBLEM), answer.headers["content-type"]
    body = answer.json()
    assert body["status"] == status and body["type"] and body["title"] and body["detail"]
    return dict(body)


def build_budget(client: TestClient, auth: dict[str, str]) -> None:
    """A USD budget: checking with 100000, savings, one group with Food and Rent."""
    ok(client.post("/api/v1/budgets", headers=auth,
                   json={"id": B, "name": "Home", "currency": "USD"}))
    ok(client.post(f"{BASE}/accounts", headers=auth, json={
        "id": CHK, "name": "Checking", "type": "checking", "opening_balance": 100000,
        "opening_date": "2026-01-01"}))
    ok(client.post(f"{BASE}/accounts", headers=auth, json={
        "id": SAV, "name": "Savings", "type": "savings", "opening_date": "2026-01-01"}))
    ok(client.post(f"{BASE}/category-groups", headers=auth, json={"id": GROUP, "name": "Bills"}))
    for cid, name in ((FOOD, "Food"), (RENT, "Rent")):
        ok(client.post(f"{BASE}/categories", headers=auth,
                       json={"id": cid, "group_id": GROUP, "name": name}))


@pytest.fixture
def home(client: TestClient, auth: dict[str, str]) -> dict[str, str]:
    build_budget(client, auth)
    return auth


def category_row(client: TestClient, auth: dict[str, str], month: str, cid: str) -> Any:
    view = ok(client.get(f"{BASE}/months/{month}", headers=auth))
    return next(c for c in view["categories"] if c["category_id"] == cid)


# --- repeated creates -------------------------------------------------------------------

NEW = uid(0xB, 1)
CREATES: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {
    # kind: (path, body, the same body changed)
    "budget": ("/api/v1/budgets", {"id": NEW, "name": "Second", "currency": "EUR"},
               {"currency": "USD"}),
    "account": (f"{BASE}/accounts", {"id": NEW, "name": "Wallet", "type": "cash",
                                     "opening_balance": 5000, "opening_date": "2026-02-01"},
                {"opening_balance": 6000}),
    "group": (f"{BASE}/category-groups", {"id": NEW, "name": "Fun"}, {"name": "Fun 2"}),
    "category": (f"{BASE}/categories", {"id": NEW, "group_id": GROUP, "name": "Books"},
                 {"name": "Films"}),
    "transaction": (f"{BASE}/transactions", {"id": NEW, "account_id": CHK, "date": "2026-02-03",
                                             "amount": -1200, "category_id": FOOD},
                    {"amount": -1300}),
    "split": (f"{BASE}/transactions", {"id": NEW, "account_id": CHK, "date": "2026-02-03",
                                       "amount": -1500, "lines": [
                                           {"category_id": FOOD, "amount": -1000},
                                           {"category_id": RENT, "amount": -500}]},
              {"lines": [{"category_id": FOOD, "amount": -900},
                         {"category_id": RENT, "amount": -600}]}),
    "transfer": (f"{BASE}/transfers", {"id": NEW, "from_account_id": CHK,
                                       "to_account_id": SAV, "date": "2026-02-04",
                                       "amount": 2500},
                 {"date": "2026-02-05"}),
}


@pytest.mark.parametrize("kind", list(CREATES))
def test_repeated_create_returns_the_resource_once_and_a_changed_one_is_409(
    kind: str, client: TestClient, home: dict[str, str], dojo: Dojo
) -> None:
    path, body, change = CREATES[kind]
    first = client.post(path, json=body, headers=home)
    assert first.status_code == 201, first.text
    after_first = events(dojo)
    again = client.post(path, json=body, headers=home)
    assert again.status_code == 200, f"repeated {kind} create: {again.status_code} {again.text}"
    assert again.json() == first.json()
    assert events(dojo) == after_first, "a repeated create must add no event"

    conflict = client.post(path, json={**body, **change}, headers=home)
    problem(conflict, 409)
    assert events(dojo) == after_first, "a conflicting create must add no event"
    assert stored(client, home, path, NEW) == first.json(), (
        "the conflicting create must not change the resource")


def stored(client: TestClient, auth: dict[str, str], collection: str, rid: str) -> Any:
    """The resource as its collection lists it (budgets: GET /budgets/{id})."""
    if collection == "/api/v1/budgets":
        return ok(client.get(f"{collection}/{rid}", headers=auth))
    items = ok(client.get(collection, params={"limit": 1000}, headers=auth))["items"]
    return next(item for item in items if item["id"] == rid)


def test_repeated_create_counts_in_the_event_log_endpoint_too(
    client: TestClient, home: dict[str, str]
) -> None:
    def logged() -> int:
        return len(ok(client.get(f"{BASE}/events", params={"limit": 1000},
                                 headers=home))["items"])

    before = logged()
    body = {"id": NEW, "account_id": CHK, "date": "2026-02-03", "amount": -700,
            "category_id": FOOD}
    assert client.post(f"{BASE}/transactions", json=body, headers=home).status_code == 201
    assert logged() == before + 1
    for _ in range(3):
        assert client.post(f"{BASE}/transactions", json=body, headers=home).status_code == 200
    assert logged() == before + 1


# --- Idempotency-Key --------------------------------------------------------------------

def test_repeated_move_with_the_same_key_applies_once(
    client: TestClient, home: dict[str, str], dojo: Dojo
) -> None:
    url = f"{BASE}/months/2026-02/moves"
    body = {"from_category_id": None, "to_category_id": FOOD, "amount": 3000}
    keyed = {**home, "Idempotency-Key": "move-1"}
    before = events(dojo)
    first = client.post(url, json=body, headers=keyed)
    ok(first, 200)
    assert category_row(client, home, "2026-02", FOOD)["assigned"] == 3000
    after = events(dojo)
    assert after == before + 1
    again = client.post(url, json=body, headers=keyed)
    ok(again, 200)
    assert category_row(client, home, "2026-02", FOOD)["assigned"] == 3000, "moved twice"
    assert events(dojo) == after
    assert again.json() == first.json()

    problem(client.post(url, json={**body, "amount": 4000}, headers=keyed), 409)
    problem(client.post(url, json={**body, "to_category_id": RENT}, headers=keyed), 409)
    assert events(dojo) == after
    assert category_row(client, home, "2026-02", FOOD)["assigned"] == 3000

    # Another key is another move; no key at all is never deduplicated.
    ok(client.post(url, json=body, headers={**home, "Idempotency-Key": "move-2"}), 200)
    ok(client.post(url, json=body, headers=home), 200)
    ok(client.post(url, json=body, headers=home), 200)
    assert category_row(client, home, "2026-02", FOOD)["assigned"] == 12000
    assert events(dojo) == after + 3


def test_repeated_reconcile_with_the_same_key_adjusts_once(
    client: TestClient, home: dict[str, str], dojo: Dojo
) -> None:
    url = f"{BASE}/accounts/{CHK}/reconcile"
    body = {"statement_balance": 99000, "date": "2026-02-10"}
    keyed = {**home, "Idempotency-Key": "statement-2026-02"}
    before = events(dojo)
    first = ok(client.post(url, json=body, headers=keyed), 200)
    assert first["adjustment_transaction_id"] is not None
    assert first["account"]["balance"] == 99000
    after = events(dojo)
    assert after > before
    again = ok(client.post(url, json=body, headers=keyed), 200)
    assert again == first
    assert events(dojo) == after
    assert ok(client.get(f"{BASE}/accounts/{CHK}", headers=home))["balance"] == 99000
    problem(client.post(url, json={**body, "statement_balance": 98000}, headers=keyed), 409)
    assert events(dojo) == after


# --- If-Match ---------------------------------------------------------------------------

WRITES: dict[str, Callable[[TestClient, dict[str, str]], Any]] = {
    "record": lambda c, h: c.post(f"{BASE}/transactions", headers=h, json={
        "id": uid(0xC, 1), "account_id": CHK, "date": "2026-02-05", "amount": -100,
        "category_id": FOOD}),
    "assign": lambda c, h: c.put(f"{BASE}/months/2026-02/categories/{RENT}", headers=h,
                                 json={"assigned": 777}),
    "move": lambda c, h: c.post(f"{BASE}/months/2026-02/moves", headers=h, json={
        "from_category_id": None, "to_category_id": RENT, "amount": 777}),
    "open account": lambda c, h: c.post(f"{BASE}/accounts", headers=h, json={
        "id": uid(0xC, 2), "name": "Jar", "type": "cash", "opening_date": "2026-02-01"}),
    "delete": lambda c, h: c.delete(f"{BASE}/transactions/{uid(0xC, 9)}", headers=h),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_stale_if_match_is_412_and_changes_nothing(
    write: str, client: TestClient, home: dict[str, str], dojo: Dojo
) -> None:
    ok(client.post(f"{BASE}/transactions", headers=home, json={
        "id": uid(0xC, 9), "account_id": CHK, "date": "2026-02-02", "amount": -50,
        "category_id": FOOD}))
    stale = client.get(f"/api/v1/budgets/{B}", headers=home)
    etag = stale.headers["etag"]
    assert etag.strip('"') == str(stale.json()["version"])
    # Somebody else writes: the budget moves on.
    ok(client.put(f"{BASE}/months/2026-01/categories/{FOOD}", headers=home,
                  json={"assigned": 10}))
    before = events(dojo)
    month_before = ok(client.get(f"{BASE}/months/2026-02", headers=home))
    accounts_before = ok(client.get(f"{BASE}/accounts", headers=home))

    problem(WRITES[write](client, {**home, "If-Match": etag}), 412)
    assert events(dojo) == before
    assert ok(client.get(f"{BASE}/months/2026-02", headers=home)) == month_before
    assert ok(client.get(f"{BASE}/accounts", headers=home)) == accounts_before

    current = client.get(f"/api/v1/budgets/{B}", headers=home).headers["etag"]
    assert current != etag
    answer = WRITES[write](client, {**home, "If-Match": current})
    ok(answer)
    assert events(dojo) == before + 1
    if answer.status_code != 204:
        new_version = int(client.get(f"/api/v1/budgets/{B}", headers=home).json()["version"])
        assert answer.headers["etag"].strip('"') == str(new_version)


def test_if_match_from_a_month_read_works_and_garbage_is_refused(
    client: TestClient, home: dict[str, str], dojo: Dojo
) -> None:
    etag = client.get(f"{BASE}/months/2026-02", headers=home).headers["etag"]
    ok(client.put(f"{BASE}/months/2026-02/categories/{FOOD}",
                  headers={**home, "If-Match": etag}, json={"assigned": 5}))
    before = events(dojo)
    answer = client.put(f"{BASE}/months/2026-02/categories/{FOOD}",
                        headers={**home, "If-Match": "not-a-version"}, json={"assigned": 6})
    assert 400 <= answer.status_code < 500, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM)
    assert events(dojo) == before


# --- many writers -----------------------------------------------------------------------

WRITERS, TXNS, MOVES, READERS = 20, 3, 2, 2
MONTHS = ("2026-01", "2026-02", "2026-03")


def writer_requests(w: int) -> list[tuple[str, str, dict[str, Any], dict[str, str]]]:
    """Writer w's commands: TXNS transactions and MOVES keyed moves, all with distinct ids."""
    out: list[tuple[str, str, dict[str, Any], dict[str, str]]] = []
    for t in range(TXNS):
        out.append(("POST", f"{BASE}/transactions", {
            "id": uid(0xD000 + w, t), "account_id": CHK,
            "date": f"2026-0{1 + (w + t) % 3}-{1 + (w * 7 + t) % 27:02d}",
            "amount": -(100 + w * 10 + t), "category_id": (FOOD, RENT)[(w + t) % 2]}, {}))
    for m in range(MOVES):
        out.append(("POST", f"{BASE}/months/{MONTHS[(w + m) % 3]}/moves", {
            "from_category_id": None if m == 0 else FOOD,
            "to_category_id": RENT if m == 0 else None, "amount": 50 + w}, {
            "Idempotency-Key": f"writer-{w}-move-{m}"}))
    return out


def second_app() -> tuple[Litestar, Dojo]:
    con = connect(":memory:")
    migrate(con, clock=FixedClock.on("2026-01-01"))
    dojo = Dojo(con, FixedClock.on("2026-02-20"), SequentialIds())
    app = create_app(Settings(db=":memory:", login_slowdown_seconds=0), dojo=dojo, cost=CHEAP)
    return app, dojo


def token(client: TestClient) -> dict[str, str]:
    ok(client.post("/api/v1/setup", json={"username": "owner", "password": PASSWORD}), 201)
    issued = ok(client.post("/api/v1/tokens", json={"name": "tests"}, headers=csrf(client)),
                201)
    client.cookies.clear()
    return {"Authorization": f"Bearer {issued['token']}"}


def numbers(client: TestClient, auth: dict[str, str]) -> dict[str, Any]:
    return {
        "months": [ok(client.get(f"{BASE}/months/{m}", headers=auth)) for m in MONTHS],
        "accounts": ok(client.get(f"{BASE}/accounts", headers=auth))["items"],
        "net_worth": ok(client.get(f"{BASE}/net-worth", params={"from": "2026-01",
                                                                 "to": "2026-03"},
                                   headers=auth)),
    }


def test_twenty_concurrent_writers_lose_and_double_nothing(
    app: Litestar, client: TestClient, home: dict[str, str], dojo: Dojo
) -> None:
    """Each writer has its own TestClient (so its own event loop) over the one app. The
    clients are not entered: entering runs the app's lifespan, which the `client` fixture
    has done once already, as a real server does."""
    before = events(dojo)
    failures: list[str] = []
    reads = 0
    done = threading.Event()
    start = threading.Barrier(WRITERS + READERS, timeout=60)

    def write(w: int) -> None:
        mine = TestClient(app)
        try:
            start.wait()
            for method, url, body, extra in writer_requests(w):
                answer = mine.request(method, url, json=body, headers={**home, **extra})
                if answer.status_code not in (200, 201):
                    failures.append(f"writer {w}: {method} {url} -> {answer.status_code} "
                                    f"{answer.text}")
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(f"writer {w}: {exc!r}")

    def read() -> None:
        nonlocal reads
        mine = TestClient(app)
        try:
            start.wait()
            while not done.is_set():
                for url in (f"{BASE}/months/2026-02", f"{BASE}/accounts",
                            f"{BASE}/transactions", f"/api/v1/budgets/{B}"):
                    answer = mine.get(url, headers=home)
                    reads += 1
                    if answer.status_code != 200:
                        failures.append(f"reader: GET {url} -> {answer.status_code} "
                                        f"{answer.text}")
                done.wait(0.05)  # leave the writers most of the CPU
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(f"reader: {exc!r}")

    writers = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    readers = [threading.Thread(target=read) for _ in range(READERS)]
    for thread in writers + readers:
        thread.start()
    for thread in writers:
        thread.join(120)
    done.set()
    for thread in readers:
        thread.join(60)
    assert not any(t.is_alive() for t in writers + readers), "a thread is stuck"
    assert not failures, "\n".join(failures[:10])
    assert reads > 0

    assert events(dojo) - before == WRITERS * (TXNS + MOVES), "lost or doubled commands"
    listed = ok(client.get(f"{BASE}/transactions", params={"limit": 1000}, headers=home))
    ours = [t for t in listed["items"] if t["id"].split("-")[3].startswith("d")]
    assert len(ours) == WRITERS * TXNS
    assert len({t["id"] for t in ours}) == WRITERS * TXNS
    # Replaying a keyed move after the storm changes nothing either.
    method, url, body, extra = writer_requests(3)[-1]
    ok(client.request(method, url, json=body, headers={**home, **extra}), 200)
    assert events(dojo) - before == WRITERS * (TXNS + MOVES)

    # The same commands one after another on a fresh app give the same numbers (I-2).
    fresh_app, fresh_dojo = second_app()
    with TestClient(fresh_app) as fresh:
        auth = token(fresh)
        build_budget(fresh, auth)
        fresh_before = events(fresh_dojo)
        for w in range(WRITERS):
            for method, url, body, extra in writer_requests(w):
                ok(fresh.request(method, url, json=body, headers={**auth, **extra}), 200, 201)
        assert events(fresh_dojo) - fresh_before == WRITERS * (TXNS + MOVES)
        assert numbers(client, home) == numbers(fresh, auth)
    fresh_dojo.con.close()
