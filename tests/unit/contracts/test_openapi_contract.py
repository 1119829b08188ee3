"""contracts/openapi.json is generated from the app and must not drift from it."""

import json
from pathlib import Path

from litestar.testing import TestClient

from dojo.contracts import render_openapi

CONTRACT = Path(__file__).resolve().parents[3] / "contracts" / "openapi.json"


def test_committed_openapi_matches_the_app() -> None:
    assert CONTRACT.read_text() == render_openapi(), (
        "contracts/openapi.json is stale: run `make contracts`")


def test_served_document_equals_the_committed_one(client: TestClient) -> None:
    served = client.get("/schema/openapi.json")
    assert served.status_code == 200
    assert served.json() == json.loads(CONTRACT.read_text())


def test_every_error_answer_is_documented_as_a_problem_document() -> None:
    document = json.loads(CONTRACT.read_text())
    checked = 0
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            for code, answer in operation["responses"].items():
                if code.startswith(("4", "5")) and code != "503":
                    assert "application/problem+json" in answer["content"], (path, method, code)
                    checked += 1
    assert checked > 50


def test_money_bounds_are_exact_int64() -> None:
    text = CONTRACT.read_text()
    assert "9223372036854775807" in text
    assert "9.223372036854776e+18" not in text
