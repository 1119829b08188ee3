"""The README's curl journey: set up, token, budget, account, category, assign, spend, read."""

from litestar.testing import TestClient


def test_first_user_budgets_and_reads_a_month(client: TestClient, auth: dict[str, str]) -> None:
    budget = client.post("/api/v1/budgets", json={"name": "Home", "currency": "USD"},
                         headers=auth)
    assert budget.status_code == 201, budget.text
    b = budget.json()["id"]
    account = client.post(f"/api/v1/budgets/{b}/accounts", headers=auth, json={
        "name": "Checking", "type": "checking", "opening_balance": 100000,
        "opening_date": "2026-02-01"})
    assert account.status_code == 201, account.text
    group = client.post(f"/api/v1/budgets/{b}/category-groups", json={"name": "Bills"},
                        headers=auth).json()
    food = client.post(f"/api/v1/budgets/{b}/categories", headers=auth,
                       json={"group_id": group["id"], "name": "Food"})
    assert food.status_code == 201, food.text
    c = food.json()["id"]
    assigned = client.put(f"/api/v1/budgets/{b}/months/2026-02/categories/{c}",
                          json={"assigned": 30000}, headers=auth)
    assert assigned.status_code == 200, assigned.text
    spent = client.post(f"/api/v1/budgets/{b}/transactions", headers=auth, json={
        "account_id": account.json()["id"], "date": "2026-02-05", "amount": -1250,
        "category_id": c, "payee": "Grocer"})
    assert spent.status_code == 201, spent.text
    month = client.get(f"/api/v1/budgets/{b}/months/2026-02", headers=auth)
    assert month.status_code == 200
    assert month.json()["ready_to_assign"] == 70000
    row = next(x for x in month.json()["categories"] if x["category_id"] == c)
    assert (row["assigned"], row["activity"], row["available"]) == (30000, -1250, 28750)
    assert month.headers["etag"]
    assert month.headers["x-request-id"]
