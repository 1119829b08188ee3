"""Bank file imports over HTTP: import an OFX file, see the preview, commit, import it again
and see nothing new; bad files are 422 problems naming the line (issue 8)."""

import base64
from typing import Any

import msgspec
import pytest
from litestar.testing import TestClient

from tests.import_files import EU_MAPPING, EXPECTED, read

B = "00000000-0000-4000-a000-000000000001"
CHK = "00000000-0000-4000-8000-000000000001"


@pytest.fixture
def setup(client: TestClient, auth: dict[str, str]) -> TestClient:
    for path, body in (("/api/v1/budgets", {"id": B, "name": "Home", "currency": "USD"}),
                       (f"/api/v1/budgets/{B}/accounts",
                        {"id": CHK, "name": "Checking", "type": "checking",
                         "opening_balance": 100_000, "opening_date": "2026-01-01"})):
        assert client.post(path, json=body, headers=auth).status_code == 201
    client.headers.update(auth)
    return client


IMPORTS = f"/api/v1/budgets/{B}/accounts/{CHK}/imports"


def post_file(client: TestClient, name: str, **options: Any):  # type: ignore[no-untyped-def]
    text = read(name).decode("latin-1" if name.endswith((".ofx", ".qfx")) else "utf-8-sig")
    return client.post(IMPORTS, json={"content": text, **options})


def event_count(client: TestClient) -> int:
    return len(client.get(f"/api/v1/budgets/{B}/events", params={"limit": 1000}
                          ).json()["items"])


def test_import_an_ofx_file_preview_commit_and_import_it_again(setup: TestClient) -> None:
    client = setup
    answer = post_file(client, "checking_v1.ofx")
    assert answer.status_code == 201, answer.text
    preview = answer.json()
    assert preview["format"] == "ofx" and preview["committed"] is False
    assert preview["counts"] == {"new": 3, "matched": 0, "duplicate": 0, "rejected": 0}
    assert [(r["line"], r["date"], r["amount"], r["payee"], r["status"])
            for r in preview["rows"]] == [
        (39, "2026-02-03", -4217, "CAFÉ DU MONDE", "new"),
        (47, "2026-02-05", 250000, "ACME PAYROLL", "new"),
        (54, "2026-02-10", -123450, "SMITH & SONS RENT", "new")]
    before = event_count(client)
    assert client.get(f"{IMPORTS}/{preview['id']}").json() == preview

    done = client.post(f"{IMPORTS}/{preview['id']}/commit")
    assert done.status_code == 200, done.text
    assert done.json()["committed"] is True
    assert done.headers["etag"] == f'"{before + 3}"'
    register = client.get(f"/api/v1/budgets/{B}/transactions",
                          params={"account_id": CHK}).json()["items"]
    assert sorted(t["import_id"] for t in register if t["import_id"]) == [
        "2026020301", "2026020501", "2026021001"]
    assert client.get(f"/api/v1/budgets/{B}/accounts/{CHK}").json()["balance"] == \
        100_000 - 4217 + 250_000 - 123_450

    again = post_file(client, "checking_v1.ofx").json()
    assert again["counts"] == {"new": 0, "matched": 0, "duplicate": 3, "rejected": 0}
    assert client.post(f"{IMPORTS}/{again['id']}/commit").status_code == 200
    assert event_count(client) == before + 3


def test_committing_twice_appends_nothing_the_second_time(setup: TestClient) -> None:
    preview = post_file(setup, "card.qfx").json()
    assert setup.post(f"{IMPORTS}/{preview['id']}/commit").status_code == 200
    after = event_count(setup)
    second = setup.post(f"{IMPORTS}/{preview['id']}/commit")
    assert second.status_code == 200 and second.json()["committed"] is True
    assert event_count(setup) == after


@pytest.mark.parametrize(("name", "line"), [("malformed.ofx", 50), ("malformed.qif", 13)])
def test_a_malformed_file_is_a_422_naming_the_line_and_stores_nothing(
        setup: TestClient, name: str, line: int) -> None:
    before = event_count(setup)
    answer = post_file(setup, name)
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["type"] == "urn:dojo:problem:malformed-file"
    assert problem["detail"].startswith(f"line {line}: ")
    assert problem["errors"] == [{"field": "content", "message": problem["detail"]}]
    assert event_count(setup) == before


def test_a_csv_mapping_is_remembered_per_account_and_exposed(setup: TestClient) -> None:
    mapping_url = f"/api/v1/budgets/{B}/accounts/{CHK}/import-mapping"
    assert setup.get(mapping_url).json() == {"csv": None}
    without = post_file(setup, "bank_eu.csv")
    assert without.status_code == 422 and without.json()["errors"][0]["field"] == "csv"
    mapping = msgspec.to_builtins(EU_MAPPING)
    preview = post_file(setup, "bank_eu.csv", csv=mapping).json()
    assert preview["counts"] == {"new": 4, "matched": 0, "duplicate": 0, "rejected": 1}
    assert preview["rows"][4]["reason"].startswith("pending at the bank")
    assert setup.get(mapping_url).json() == {"csv": None}  # remembered on commit only
    setup.post(f"{IMPORTS}/{preview['id']}/commit")
    assert setup.get(mapping_url).json() == {"csv": mapping}
    again = post_file(setup, "bank_eu.csv").json()
    assert again["counts"]["duplicate"] == len(EXPECTED["bank_eu.csv"])


def test_base64_content_keeps_the_files_own_charset(setup: TestClient) -> None:
    content = base64.b64encode(read("checking_v1.ofx")).decode()
    answer = setup.post(IMPORTS, json={"content": content, "encoding": "base64",
                                       "format": "ofx"})
    assert answer.status_code == 201
    assert answer.json()["rows"][0]["payee"] == "CAFÉ DU MONDE"
    bad = setup.post(IMPORTS, json={"content": "not base64!", "encoding": "base64"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "content"


def test_a_commit_after_the_account_changed_is_a_409(setup: TestClient) -> None:
    preview = post_file(setup, "checking_v1.ofx").json()
    group = setup.post(f"/api/v1/budgets/{B}/category-groups", json={"name": "G"}).json()
    food = setup.post(f"/api/v1/budgets/{B}/categories",
                      json={"group_id": group["id"], "name": "Food"}).json()
    assert setup.post(f"/api/v1/budgets/{B}/transactions", json={
        "account_id": CHK, "date": "2026-02-04", "amount": -4217, "payee": "Café",
        "category_id": food["id"]}).status_code == 201
    before = event_count(setup)
    refused = setup.post(f"{IMPORTS}/{preview['id']}/commit")
    assert refused.status_code == 409
    assert refused.json()["type"] == "urn:dojo:problem:import-outdated"
    assert event_count(setup) == before
    assert post_file(setup, "checking_v1.ofx").json()["counts"]["matched"] == 1


def test_unknown_accounts_and_previews_are_404_and_bad_options_422(setup: TestClient) -> None:
    other = f"/api/v1/budgets/{B}/accounts/00000000-0000-4000-8000-00000000ffff/imports"
    assert setup.post(other, json={"content": "x"}).status_code == 404
    assert setup.get(f"{IMPORTS}/nope").status_code == 404
    assert setup.post(f"{IMPORTS}/nope/commit").status_code == 404
    for body in ({"content": ""}, {"content": "x", "format": "xls"},
                 {"content": "x", "csv": {"date": "D", "amount": "A", "extra": 1}},
                 {"content": "x", "csv": {"date": "D"}}):
        assert setup.post(IMPORTS, json=body).status_code == 422, body


def test_a_closed_account_takes_no_import(setup: TestClient) -> None:
    closed = "00000000-0000-4000-8000-000000000002"
    assert setup.post(f"/api/v1/budgets/{B}/accounts", json={
        "id": closed, "name": "Old", "type": "cash", "opening_balance": 0,
        "opening_date": "2026-01-01"}).status_code == 201
    assert setup.post(f"/api/v1/budgets/{B}/accounts/{closed}/close").status_code == 200
    refused = setup.post(f"/api/v1/budgets/{B}/accounts/{closed}/imports",
                         json={"content": read("card.qfx").decode("latin-1")})
    assert refused.status_code == 409
    assert refused.json()["type"] == "urn:dojo:problem:account-closed"


def test_an_unknown_category_for_new_rows_is_refused_at_preview(setup: TestClient) -> None:
    answer = post_file(setup, "card.qfx", category_id="00000000-0000-4000-8000-00000000cccc")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "category_id"
