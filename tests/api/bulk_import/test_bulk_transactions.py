"""POST /transactions/bulk: up to 10,000 creates, all or nothing, a refused item named by its
index, idempotent per item id and per Idempotency-Key (issue 6; decision 0008)."""

from typing import Any

import pytest
from litestar.testing import TestClient

from dojo.access import Access
from dojo.app.service import Dojo
from tests.api.idempotency.test_idempotency_and_concurrency import (
    BASE,
    CHK,
    FOOD,
    RENT,
    SAV,
    events,
    ok,
    problem,
    uid,
)
from tests.conftest import CHEAP, PASSWORD

BULK = f"{BASE}/transactions/bulk"


def item(n: int, amount: int = -100, **extra: Any) -> dict[str, Any]:
    return {"id": uid(0xC, n), "account_id": CHK, "date": f"2026-02-{n % 28 + 1:02d}",
            "amount": amount, "category_id": FOOD, "payee": f"Shop {n}", **extra}


def split(n: int) -> dict[str, Any]:
    return {"id": uid(0xC, n), "account_id": CHK, "date": "2026-02-14", "amount": -1500,
            "lines": [{"category_id": FOOD, "amount": -1000},
                      {"category_id": RENT, "amount": -500, "memo": "half"}]}


def register(client: TestClient, auth: dict[str, str]) -> list[dict[str, Any]]:
    return list(ok(client.get(f"{BASE}/transactions?limit=500", headers=auth))["items"])


def test_items_are_created_and_answered_with_their_ids_and_the_version(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    before = events(dojo)
    body = {"transactions": [item(1), split(2), {**item(3), "id": None}]}
    answer = client.post(BULK, json=body, headers=home)
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert [i["status"] for i in result["items"]] == ["created"] * 3
    assert [i["id"] for i in result["items"][:2]] == [uid(0xC, 1), uid(0xC, 2)]
    assert (result["created"], result["existing"]) == (3, 0)
    assert events(dojo) == before + 3
    assert answer.headers["etag"] == f'"{result["version"]}"'
    budget = ok(client.get(BASE, headers=home))
    assert budget["version"] == result["version"]
    ids = {t["id"]: t for t in register(client, home)}
    assert {i["id"] for i in result["items"]} <= set(ids)
    assert [line["amount"] for line in ids[uid(0xC, 2)]["lines"]] == [-1000, -500]
    food = next(c for c in ok(client.get(f"{BASE}/months/2026-02", headers=home))["categories"]
                if c["category_id"] == FOOD)
    assert food["activity"] == -100 - 1000 - 100


BAD_ITEMS = {
    "split that does not add up": (
        {"lines": [{"category_id": FOOD, "amount": -10}], "category_id": None}, 422, "lines"),
    "unknown account": ({"account_id": uid(0xD, 1)}, 422, "account_id"),
    "category and lines both": (
        {"lines": [{"category_id": FOOD, "amount": -100}]}, 422, "category_id"),
    "reconciled by hand": ({"cleared": "reconciled"}, 422, "cleared"),
    "tracking account with a category": ({"account_id": uid(0xE, 1)}, 409, "lines[0]"),
}


@pytest.mark.parametrize("kind", list(BAD_ITEMS))
def test_a_refused_item_in_the_middle_leaves_everything_out_and_is_named_by_index(
        kind: str, client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    ok(client.post(f"{BASE}/accounts", headers=home, json={
        "id": uid(0xE, 1), "name": "House", "type": "asset", "opening_date": "2026-01-01"}))
    change, status, field = BAD_ITEMS[kind]
    items = [item(n) for n in range(40)]
    items[17] = {**items[17], **change}
    before, registered = events(dojo), register(client, home)
    body = problem(client.post(BULK, json={"transactions": items}, headers=home), status)
    assert body["detail"].startswith("transactions[17]: ")
    assert body["errors"][0]["field"].startswith(f"transactions[17].{field}")
    assert events(dojo) == before
    assert register(client, home) == registered


def test_more_than_10000_items_or_none_are_refused(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    before = events(dojo)
    plain = {k: v for k, v in item(0).items() if k != "id"}
    too_many = problem(client.post(BULK, json={"transactions": [plain] * 10_001},
                                   headers=home), 422)
    assert too_many["errors"][0]["field"] == "transactions"
    assert "10000" in too_many["detail"]
    problem(client.post(BULK, json={"transactions": []}, headers=home), 422)
    assert events(dojo) == before


def test_a_body_beyond_the_size_limit_is_413(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    before = events(dojo)
    padded = b'{"transactions": [' + b" " * (33 * 1024 * 1024) + b"]}"
    answer = client.post(BULK, content=padded,
                         headers={**home, "Content-Type": "application/json"})
    problem(answer, 413)
    assert events(dojo) == before


def test_a_retried_request_appends_nothing_and_answers_the_same_ids(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    body = {"transactions": [item(n) for n in range(25)] + [split(30)]}
    first = ok(client.post(BULK, json=body, headers=home), 201)
    after_first, registered = events(dojo), register(client, home)
    again = client.post(BULK, json=body, headers=home)
    assert again.status_code == 200, again.text
    second = again.json()
    assert events(dojo) == after_first
    assert register(client, home) == registered
    assert [i["id"] for i in second["items"]] == [i["id"] for i in first["items"]]
    assert {i["status"] for i in second["items"]} == {"existing"}
    assert (second["created"], second["existing"], second["version"]) == (0, 26,
                                                                          first["version"])


def test_a_retry_with_new_items_creates_only_those(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    ok(client.post(BULK, json={"transactions": [item(1), item(2)]}, headers=home), 201)
    before = events(dojo)
    answer = ok(client.post(BULK, json={"transactions": [item(1), item(2), item(3)]},
                            headers=home), 201)
    assert [i["status"] for i in answer["items"]] == ["existing", "existing", "created"]
    assert events(dojo) == before + 1


def test_an_idempotency_key_makes_items_without_ids_repeat_too(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    plain = [{k: v for k, v in item(n).items() if k != "id"} for n in range(5)]
    key = {**home, "Idempotency-Key": "import-2026-02"}
    first = ok(client.post(BULK, json={"transactions": plain}, headers=key), 201)
    after_first = events(dojo)
    second = ok(client.post(BULK, json={"transactions": plain}, headers=key), 200)
    assert events(dojo) == after_first
    assert [i["id"] for i in second["items"]] == [i["id"] for i in first["items"]]
    changed = problem(client.post(BULK, json={"transactions": plain[:4]}, headers=key), 409)
    assert changed["type"] == "urn:dojo:problem:idempotency-conflict"
    assert events(dojo) == after_first


def test_an_id_reused_with_other_content_is_409_for_the_whole_request(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    ok(client.post(BULK, json={"transactions": [item(1), item(2)]}, headers=home), 201)
    before, registered = events(dojo), register(client, home)
    body = problem(client.post(BULK, json={"transactions": [
        item(5), item(1), item(2, amount=-999), item(6)]}, headers=home), 409)
    assert body["type"] == "urn:dojo:problem:idempotency-conflict"
    assert body["detail"].startswith("transactions[2]: ")
    assert events(dojo) == before
    assert register(client, home) == registered


def test_the_same_id_twice_in_one_request(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    before = events(dojo)
    twice = ok(client.post(BULK, json={"transactions": [item(1), item(1)]}, headers=home), 201)
    assert [i["status"] for i in twice["items"]] == ["created", "existing"]
    assert events(dojo) == before + 1
    body = problem(client.post(BULK, json={"transactions": [item(7), item(7, amount=-5)]},
                               headers=home), 409)
    assert body["errors"][0]["field"] == "transactions[1]"
    assert events(dojo) == before + 1


def test_bulk_items_and_single_creates_repeat_each_other(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    ok(client.post(f"{BASE}/transactions", json=item(1), headers=home), 201)
    mixed = ok(client.post(BULK, json={"transactions": [item(1), item(2)]}, headers=home), 201)
    assert [i["status"] for i in mixed["items"]] == ["existing", "created"]
    before = events(dojo)
    assert client.post(f"{BASE}/transactions", json=item(2), headers=home).status_code == 200
    problem(client.post(f"{BASE}/transactions", json=item(2, amount=-7), headers=home), 409)
    assert events(dojo) == before


def test_a_transfer_side_or_unknown_budget_is_refused(
        client: TestClient, home: dict[str, str], dojo: Dojo) -> None:
    problem(client.post(f"/api/v1/budgets/{uid(0xF, 1)}/transactions/bulk",
                        json={"transactions": [item(1)]}, headers=home), 404)
    transfer = ok(client.post(f"{BASE}/transfers", headers=home, json={
        "from_account_id": CHK, "to_account_id": SAV, "date": "2026-02-04", "amount": 100}))
    side = {**item(1), "id": transfer["from_transaction_id"]}
    body = problem(client.post(BULK, json={"transactions": [item(2), side]}, headers=home),
                   409)
    assert body["detail"].startswith("transactions[1]: ")


def test_a_viewer_may_not_import(client: TestClient, home: dict[str, str],
                                 dojo: Dojo) -> None:
    access = Access(dojo, CHEAP)
    viewer = access.add_user("viewer", PASSWORD)
    access.set_member(BASE.rsplit("/", 1)[1], "viewer", "viewer")
    _, secret = access.issue_token(viewer, "tests")
    before = events(dojo)
    problem(client.post(BULK, json={"transactions": [item(1)]},
                        headers={"Authorization": f"Bearer {secret}"}), 403)
    assert events(dojo) == before
