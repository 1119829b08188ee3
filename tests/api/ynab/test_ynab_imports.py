"""POST /api/v1/ynab-imports: a signed-in user moves in from YNAB; the new budget is theirs."""

from litestar.testing import TestClient

from tests.fixtures.ynab.make_exports import texts

URL = "/api/v1/ynab-imports"


def test_the_export_imports_into_a_budget_the_caller_owns(
        client: TestClient, auth: dict[str, str]) -> None:
    register, plan = texts()
    answer = client.post(URL, json={"register": register, "plan": plan, "name": "Household"},
                         headers=auth)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    report = body["report"]
    assert (body["currency"], report["compared"], report["matched"]) == ("USD", 48, 44)
    assert [(m["month"], m["category"], m["reason"]) for m in report["mismatches"]] == [
        ("2025-12", "Visa", "funding-order"), ("2025-12", "Mastercard", "funding-order"),
        ("2026-01", "Visa", "carried"), ("2026-01", "Mastercard", "carried")]
    budget = client.get(f"/api/v1/budgets/{body['budget_id']}", headers=auth)
    assert budget.status_code == 200 and budget.json()["name"] == "Household"
    members = client.get(f"/api/v1/budgets/{body['budget_id']}/members", headers=auth).json()
    assert members["items"] == [{"username": "owner", "role": "owner"}]
    month = client.get(f"/api/v1/budgets/{body['budget_id']}/months/2025-10", headers=auth)
    rent = next(c for c in month.json()["categories"] if c["name"] == "Rent")
    assert (rent["assigned"], rent["available"]) == (140000, 0)


def test_a_malformed_file_is_a_422_naming_file_and_line_and_creates_nothing(
        client: TestClient, auth: dict[str, str]) -> None:
    register, plan = texts()
    plan = plan.replace('"Oct 2025"', '"Octember 2025"', 1)
    answer = client.post(URL, json={"register": register, "plan": plan}, headers=auth)
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["detail"] == "plan line 2: 'Octember 2025' is not a month like 'Jan 2026'"
    assert problem["errors"] == [{"field": "plan", "message": problem["detail"]}]
    assert client.get("/api/v1/budgets", headers=auth).json()["items"] == []


def test_an_unknown_currency_is_a_422_on_its_field(client: TestClient,
                                                   auth: dict[str, str]) -> None:
    register, plan = texts()
    answer = client.post(URL, json={"register": register, "plan": plan, "currency": "ABC"},
                         headers=auth)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "currency"


def test_amounts_of_the_wrong_json_type_and_unknown_fields_are_refused(
        client: TestClient, auth: dict[str, str]) -> None:
    for body in ({"register": 1, "plan": ""}, {"register": "", "plan": "", "owner": "x"}):
        assert client.post(URL, json=body, headers=auth).status_code == 422


def test_anonymous_callers_are_refused(client: TestClient) -> None:
    assert client.post(URL, json={"register": "", "plan": ""}).status_code == 401
