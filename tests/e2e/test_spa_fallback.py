"""`dojo serve` serves the built SPA: assets, index.html for deep links, 404 problems for
API-like and file-like paths, and no change to the OpenAPI document."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from dojo.api import create_app
from dojo.api.spa import spa_handlers
from dojo.app.service import Dojo
from dojo.settings import Settings
from tests.conftest import CHEAP

CONTRACT = Path(__file__).resolve().parents[2] / "contracts" / "openapi.json"
INDEX = b"<!doctype html><title>Dojo</title><div id=app></div>"


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_bytes(INDEX)
    (tmp_path / "assets" / "app-1234.js").write_text("console.log('dojo')")
    return tmp_path


@pytest.fixture
def spa(dojo: Dojo, dist: Path) -> Iterator[TestClient]:
    settings = Settings(db=":memory:", static_dir=str(dist), login_slowdown_seconds=0)
    with TestClient(create_app(settings, dojo=dojo, cost=CHEAP)) as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/budgets", "/budgets/b1/accounts/a2", "/login"])
def test_deep_links_answer_index_html(spa: TestClient, path: str) -> None:
    answer = spa.get(path)
    assert answer.status_code == 200
    assert answer.content == INDEX
    assert answer.headers["content-type"].startswith("text/html")


def test_head_of_a_deep_link_answers_without_a_body(spa: TestClient) -> None:
    answer = spa.head("/budgets/b1/month/2026-01")
    assert answer.status_code == 200
    assert answer.content == b""


def test_assets_are_served_with_long_caching(spa: TestClient) -> None:
    answer = spa.get("/assets/app-1234.js")
    assert answer.status_code == 200
    assert answer.text == "console.log('dojo')"
    assert "immutable" in answer.headers["cache-control"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing-here", "/api", "/assets/missing.js", "/favicon.ico", "/budgets/x/report.csv"],
)
def test_api_schema_and_file_like_paths_are_404_problems(spa: TestClient, path: str) -> None:
    answer = spa.get(path)
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["status"] == 404


def test_unknown_schema_paths_are_not_the_spa(spa: TestClient) -> None:
    # Litestar's OpenAPI controller owns /schema and answers its own 404 page.
    answer = spa.get("/schema/nothing")
    assert answer.status_code == 404
    assert answer.content != INDEX


def test_writes_to_unknown_paths_stay_404_not_405(spa: TestClient) -> None:
    answer = spa.post("/api/v1/nothing-here", json={})
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_the_api_still_answers_beside_the_spa(spa: TestClient) -> None:
    assert spa.get("/api/v1/setup").json() == {"setup_needed": True}
    assert spa.get("/healthz").status_code == 200


def test_the_served_openapi_document_is_unchanged(spa: TestClient) -> None:
    assert spa.get("/schema/openapi.json").json() == json.loads(CONTRACT.read_text())


def test_no_handlers_without_a_built_spa(tmp_path: Path) -> None:
    assert spa_handlers(str(tmp_path / "missing")) == []
