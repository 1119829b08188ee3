"""GET /api/v1/budgets/{budget_id}/export?format=: the budget as a file to download, with its
media type and an attachment name; a format it does not know is a 422 problem."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from litestar.testing import TestClient

from dojo.access import Access
from dojo.api import create_app
from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.demo import create_demo
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.settings import Settings
from tests.conftest import CHEAP, PASSWORD
from tests.integration.exports.tools import exported

FORMATS = {"csv": ("text/csv; charset=utf-8", "csv"),
           "events": ("application/x-ndjson", "jsonl"),
           "hledger": ("text/plain; charset=utf-8", "journal"),
           "beancount": ("text/plain; charset=utf-8", "beancount")}


@dataclass
class World:
    client: TestClient
    dojo: Dojo
    auth: dict[str, str]
    budget: str


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    """A year of the demo household (exports of more than 64 KiB) and its owner's token."""
    con = connect(":memory:")
    migrate(con, clock=FixedClock.on("2026-01-01"))
    dojo = Dojo(con, FixedClock.on("2026-02-20"), SequentialIds())
    access = Access(dojo, CHEAP)
    owner = access.add_user("owner", PASSWORD)
    _, token = access.issue_token(owner, "exports")
    budget_id = create_demo(dojo, years=1, seed=5)
    access.set_member(budget_id, "owner", "owner")
    app = create_app(Settings(db=":memory:", login_slowdown_seconds=0), dojo=dojo, cost=CHEAP)
    with TestClient(app) as client:
        yield World(client, dojo, {"Authorization": f"Bearer {token}"}, budget_id)
    con.close()


def url(budget_id: str) -> str:
    return f"/api/v1/budgets/{budget_id}/export"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_downloads_as_an_attachment_with_its_media_type(
        world: World, name: str) -> None:
    budget = world.budget
    answer = world.client.get(url(budget), params={"format": name}, headers=world.auth)
    assert answer.status_code == 200
    media_type, extension = FORMATS[name]
    assert answer.headers["content-type"] == media_type
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="dojo-{budget}.{extension}"')
    assert len(answer.content) > 1 << 16  # more than one chunk of the stream
    assert answer.content == exported(world.dojo.con, budget, name)


@pytest.mark.parametrize("query", [{"format": "xlsx"}, {"format": ""}, {}])
def test_an_unknown_or_missing_format_is_a_422_problem(
        world: World, query: dict[str, str]) -> None:
    answer = world.client.get(url(world.budget), params=query, headers=world.auth)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert "format" in answer.json()["detail"]


def test_an_unknown_budget_is_404(world: World) -> None:
    answer = world.client.get(url("no-such-budget"), params={"format": "csv"},
                              headers=world.auth)
    assert answer.status_code == 404
    assert answer.json()["type"] == "urn:dojo:problem:not-found"


def test_the_document_describes_the_download_as_files_not_json(world: World) -> None:
    document = world.client.get("/schema/openapi.json").json()
    answer = document["paths"]["/api/v1/budgets/{budget_id}/export"]["get"]["responses"]["200"]
    assert set(answer["content"]) == {"text/csv", "application/x-ndjson", "text/plain"}
    assert answer["headers"]["Content-Disposition"]["required"] is True
