"""First-run setup, sessions, tokens and the failed-login throttle."""

import datetime as dt
import io
from pathlib import Path

import pytest
from litestar.testing import TestClient

from dojo.cli import main
from dojo.clock import FixedClock
from tests.conftest import PASSWORD, csrf


def _setup(client: TestClient) -> None:
    answer = client.post("/api/v1/setup", json={"username": "owner", "password": PASSWORD})
    assert answer.status_code == 201, answer.text


def test_setup_is_allowed_once_and_signs_the_first_user_in(client: TestClient) -> None:
    assert client.get("/api/v1/setup").json() == {"setup_needed": True}
    _setup(client)
    cookie = client.cookies.get("dojo_session")
    assert cookie
    assert client.get("/api/v1/me").json()["username"] == "owner"
    assert client.get("/api/v1/setup").json() == {"setup_needed": False}
    again = client.post("/api/v1/setup", json={"username": "other", "password": PASSWORD})
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")


def test_session_cookie_is_httponly_and_strict(client: TestClient) -> None:
    _setup(client)
    client.cookies.clear()
    answer = client.post("/api/v1/session", json={"username": "owner", "password": PASSWORD})
    assert answer.status_code == 200
    header = answer.headers["set-cookie"].lower()
    assert "httponly" in header
    assert "samesite=strict" in header


def test_logout_ends_the_session(client: TestClient) -> None:
    _setup(client)
    assert client.delete("/api/v1/session", headers=csrf(client)).status_code == 204
    client.cookies.clear()
    assert client.get("/api/v1/me").status_code == 401


def test_tokens_are_shown_once_listed_without_secret_and_revocable(client: TestClient) -> None:
    _setup(client)
    made = client.post("/api/v1/tokens", json={"name": "script"}, headers=csrf(client)).json()
    listed = client.get("/api/v1/tokens").json()["items"]
    assert [t["name"] for t in listed] == ["script"]
    assert "token" not in listed[0]
    bearer = {"Authorization": f"Bearer {made['token']}"}
    client.cookies.clear()
    assert client.get("/api/v1/me", headers=bearer).status_code == 200
    assert client.delete(f"/api/v1/tokens/{made['id']}", headers=bearer).status_code == 204
    assert client.get("/api/v1/me", headers=bearer).status_code == 401


def test_repeated_failed_logins_are_refused_for_a_while(client: TestClient,
                                                          clock: FixedClock) -> None:
    _setup(client)
    client.cookies.clear()
    wrong = {"username": "owner", "password": "not the password"}
    for _ in range(10):
        assert client.post("/api/v1/session", json=wrong).status_code == 401
    refused = client.post("/api/v1/session", json={"username": "owner", "password": PASSWORD})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    clock.at += dt.timedelta(minutes=16)
    again = client.post("/api/v1/session", json={"username": "owner", "password": PASSWORD})
    assert again.status_code == 200


def test_cli_adds_a_user_and_issues_a_token(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "cli.duckdb")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "alice", "--db", db]) == 0
    assert main(["token", "issue", "alice", "--name", "laptop", "--db", db]) == 0
    assert main(["token", "issue", "nobody", "--name", "laptop", "--db", db]) == 1
