"""Every shared scenario (tests/scenarios/*.json) driven through the HTTP API as a client
would drive it, every expected number read back over HTTP and compared."""

from typing import Any

import pytest
from litestar.testing import TestClient

from dojo.clock import FixedClock
from tests.scenario_driver import load, ref_ids, scenario_files

BUDGET = "00000000-0000-4000-a000-000000000001"
ROWS = ("assigned", "activity", "available", "carryover", "cash_overspent", "credit_overspent")


@pytest.fixture(params=scenario_files(), ids=lambda p: p.stem)
def scenario(request: pytest.FixtureRequest, clock: FixedClock) -> dict[str, Any]:
    """The scenario, with the clock set to its `today` before the app answers anything."""
    data = load(request.param)
    clock.at = FixedClock.on(data["today"]).at
    return data


class HttpDriver:
    """Turns scenario steps into requests, keeping each record's latest full version so that
    an edit can PUT the whole new version."""

    def __init__(self, client: TestClient, auth: dict[str, str], scenario: dict[str, Any]):
        self.client, self.auth = client, auth
        self.ids = ref_ids(scenario)
        self.names = {v: k for k, v in self.ids.items()}
        self.kinds: dict[str, str] = {}
        self.latest: dict[str, dict[str, Any]] = {}
        self.payment: dict[str, str] = {}  # account ref -> payment category id
        budget = self.call("POST", "/api/v1/budgets", {
            "id": BUDGET, "name": scenario["name"][:200],
            "currency": scenario["budget"]["currency"]})
        assert budget["id"] == BUDGET
        self.income = budget["income_category_id"]
        self.base = f"/api/v1/budgets/{BUDGET}"

    def call(self, method: str, url: str, body: Any = None, **params: str) -> Any:
        answer = self.client.request(method, url, json=body, headers=self.auth,
                                     params=params or None)
        assert 200 <= answer.status_code < 300, (
            f"{method} {url} {body!r} answered {answer.status_code}: {answer.text}")
        return answer.json() if answer.content else None

    def category(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        if ref == "ready_to_assign":
            return self.income
        if ref.startswith("payment:"):
            return self.payment[ref.removeprefix("payment:")]
        return self.ids[ref]

    def transaction_body(self, step: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.ids[step["ref"]],
                                "account_id": self.ids[step["account"]],
                                "date": step["date"], "amount": step["amount"]}
        for field in ("payee", "memo", "cleared"):
            if step.get(field) is not None:
                body[field] = step[field]
        if step.get("splits"):
            body["lines"] = [{"category_id": self.category(s["category"]), "amount": s["amount"]}
                             for s in step["splits"]]
        elif step.get("category") is not None:
            body["category_id"] = self.category(step["category"])
        return body

    def transfer_body(self, step: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.ids[step["ref"]],
                                "from_account_id": self.ids[step["from"]],
                                "to_account_id": self.ids[step["to"]],
                                "date": step["date"], "amount": step["amount"]}
        if step.get("category") is not None:
            body["category_id"] = self.category(step["category"])
        if step.get("memo") is not None:
            body["memo"] = step["memo"]
        return body

    def write(self, ref: str, step: dict[str, Any], edit: bool) -> None:
        kind = self.kinds[ref]
        body = self.transaction_body(step) if kind == "record" else self.transfer_body(step)
        path = f"{self.base}/{'transactions' if kind == 'record' else 'transfers'}"
        answer = (self.call("PUT", f"{path}/{body['id']}", body) if edit
                  else self.call("POST", path, body))
        assert answer["id"] == body["id"]
        assert answer["amount"] == body["amount"] and answer["date"] == body["date"]

    def step(self, step: dict[str, Any]) -> None:
        op, base = step["op"], self.base
        if op == "open_account":
            account = self.call("POST", f"{base}/accounts", {
                "id": self.ids[step["ref"]], "name": step["name"], "type": step["type"],
                "opening_balance": step.get("opening_balance", 0), "opening_date": step["date"]})
            if account["payment_category_id"]:
                self.payment[step["ref"]] = account["payment_category_id"]
        elif op == "create_group":
            self.call("POST", f"{base}/category-groups",
                      {"id": self.ids[step["ref"]], "name": step["name"]})
        elif op == "create_category":
            self.call("POST", f"{base}/categories", {
                "id": self.ids[step["ref"]], "group_id": self.ids[step["group"]],
                "name": step["name"]})
        elif op in ("record", "transfer"):
            self.kinds[step["ref"]] = op
            self.latest[step["ref"]] = dict(step)
            self.write(step["ref"], step, edit=False)
        elif op == "edit":
            merged = {**self.latest[step["ref"]], **step}
            if ("category" in step or "amount" in step) and "splits" not in step:
                merged.pop("splits", None)
            self.latest[step["ref"]] = merged
            self.write(step["ref"], merged, edit=True)
        elif op == "delete":
            kind = "transactions" if self.kinds[step["ref"]] == "record" else "transfers"
            self.call("DELETE", f"{base}/{kind}/{self.ids[step['ref']]}")
        elif op == "assign":
            category = self.category(step["category"])
            row = self.call("PUT", f"{base}/months/{step['month']}/categories/{category}",
                            {"assigned": step["amount"]})
            assert row["category_id"] == category and row["assigned"] == step["amount"]
        elif op == "move":
            self.call("POST", f"{base}/months/{step['month']}/moves", {
                "from_category_id": self.category(step["from"]),
                "to_category_id": self.category(step["to"]), "amount": step["amount"]})
        else:
            raise ValueError(f"unknown op {op}")

    def category_ref(self, row: dict[str, Any]) -> str:
        if row["kind"] == "payment":
            cards = {v: k for k, v in self.payment.items()}
            return "payment:" + cards[row["category_id"]]
        return self.names[row["category_id"]]

    def actual(self, expect: dict[str, Any]) -> dict[str, Any]:
        """The same shape as the scenario's `expect`, read over HTTP."""
        out: dict[str, Any] = {"months": {}, "accounts": {}, "net_worth": {}}
        for month, wanted in expect["months"].items():
            view = self.call("GET", f"{self.base}/months/{month}")
            assert view["month"] == month
            summary = {f: view[f] for f in wanted if f != "categories"}
            cats = {self.category_ref(c): {f: c[f] for f in ROWS} for c in view["categories"]}
            out["months"][month] = {**summary, "categories": cats}
        accounts = self.call("GET", f"{self.base}/accounts", limit="1000")
        assert accounts["next_cursor"] is None
        for account in accounts["items"]:
            out["accounts"][self.names[account["id"]]] = {"balance": account["balance"]}
        months = sorted(expect["net_worth"])
        if months:
            items = self.call("GET", f"{self.base}/net-worth", **{"from": months[0],
                                                                  "to": months[-1]})["items"]
            got = {n["month"]: {"assets": n["assets"], "liabilities": n["liabilities"],
                                "net_worth": n["net_worth"]} for n in items}
            assert set(months) <= set(got), f"net worth months {sorted(got)} lack {months}"
            out["net_worth"] = {m: got[m] for m in months}
        return out


def test_scenario_numbers_match_over_http(
    scenario: dict[str, Any], client: TestClient, auth: dict[str, str]
) -> None:
    driver = HttpDriver(client, auth, scenario)
    for step in scenario["steps"]:
        driver.step(step)
    expect = scenario["expect"]
    actual = driver.actual(expect)
    for month in expect["months"]:
        assert actual["months"][month] == expect["months"][month], f"month {month}"
    assert actual["accounts"] == expect["accounts"]
    assert actual["net_worth"] == expect["net_worth"]


def test_there_are_scenarios_to_drive() -> None:
    assert len(scenario_files()) >= 14
