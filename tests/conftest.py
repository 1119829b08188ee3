"""Shared fixtures: an in-memory, migrated database with a fixed clock and counting ids, and
an app over it with cheap password hashing."""

import os
from collections.abc import Iterator

import duckdb
import pytest
from hypothesis import settings
from litestar import Litestar
from litestar.testing import TestClient

from dojo.access import ScryptCost
from dojo.api import create_app
from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.ids import SequentialIds
from dojo.migrations import migrate
from dojo.settings import Settings

settings.register_profile("dojo-ci", derandomize=True, deadline=None, print_blob=True,
                          database=None)
if os.environ.get("CI"):
    settings.load_profile("dojo-ci")


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(":memory:")
    migrate(connection, clock=FixedClock.on("2026-01-01"))
    yield connection
    connection.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on("2026-02-20")


@pytest.fixture
def dojo(con: duckdb.DuckDBPyConnection, clock: FixedClock) -> Dojo:
    return Dojo(con, clock, SequentialIds())


CHEAP = ScryptCost(n=2**4, r=1, p=1)
PASSWORD = "correct horse battery"


def csrf(client: TestClient) -> dict[str, str]:
    """The header a write signed in by cookie must send: the session's dojo_csrf cookie."""
    return {"X-CSRF-Token": client.cookies.get("dojo_csrf") or ""}


@pytest.fixture
def app(dojo: Dojo) -> Litestar:
    return create_app(Settings(db=":memory:", login_slowdown_seconds=0), dojo=dojo, cost=CHEAP)


@pytest.fixture
def client(app: Litestar) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def owner_token(client: TestClient) -> str:
    """Set up the first user and give back a personal access token of theirs."""
    assert client.post("/api/v1/setup", json={"username": "owner",
                                               "password": PASSWORD}).status_code == 201
    answer = client.post("/api/v1/tokens", json={"name": "tests"}, headers=csrf(client))
    assert answer.status_code == 201
    client.cookies.clear()
    return str(answer.json()["token"])


@pytest.fixture
def auth(owner_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {owner_token}"}
