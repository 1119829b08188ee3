"""CSRF protection of cookie-authenticated writes (double submit, bound to the session): the
sign-in answer sets a readable `dojo_csrf` cookie; writes made with the session cookie must
send it back in `X-CSRF-Token`; bearer tokens are exempt."""

from litestar.testing import TestClient

from dojo.api.csrf import CSRF_COOKIE, CSRF_HEADER, csrf_token
from tests.conftest import PASSWORD, csrf

BUDGET = {"name": "Home", "currency": "USD"}


def _sign_in(client: TestClient) -> None:
    answer = client.post("/api/v1/setup", json={"username": "owner", "password": PASSWORD})
    assert answer.status_code == 201, answer.text


def _budget_count(client: TestClient) -> int:
    return len(client.get("/api/v1/budgets").json()["items"])


def test_signing_in_sets_a_readable_strict_csrf_cookie_bound_to_the_session(
        client: TestClient) -> None:
    _sign_in(client)
    client.cookies.clear()
    answer = client.post("/api/v1/session", json={"username": "owner", "password": PASSWORD})
    assert answer.status_code == 200
    cookies = {h.split("=", 1)[0]: h.lower() for h in answer.headers.get_list("set-cookie")}
    assert "httponly" not in cookies[CSRF_COOKIE]
    assert "samesite=strict" in cookies[CSRF_COOKIE]
    assert "httponly" in cookies["dojo_session"]
    assert client.cookies[CSRF_COOKIE] == csrf_token(client.cookies["dojo_session"])


def test_a_cookie_write_without_the_header_is_403_and_creates_nothing(client: TestClient) -> None:
    _sign_in(client)
    refused = client.post("/api/v1/budgets", json=BUDGET)
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["type"] == "urn:dojo:problem:csrf"
    assert CSRF_HEADER in refused.json()["detail"]
    assert _budget_count(client) == 0


def test_a_cookie_write_with_a_wrong_or_foreign_token_is_403(client: TestClient) -> None:
    _sign_in(client)
    mine = client.cookies["dojo_session"]
    other = client.post("/api/v1/session", json={"username": "owner", "password": PASSWORD})
    assert other.status_code == 200
    client.cookies.set("dojo_session", mine)  # this session, the other session's token
    for token in ("", "0" * 64, csrf_token(other.cookies["dojo_session"]), csrf_token(mine)[:-1]):
        answer = client.post("/api/v1/budgets", json=BUDGET, headers={CSRF_HEADER: token})
        assert answer.status_code == 403, token
    assert _budget_count(client) == 0


def test_a_cookie_write_with_the_sessions_token_goes_through(client: TestClient) -> None:
    _sign_in(client)
    answer = client.post("/api/v1/budgets", json=BUDGET, headers=csrf(client))
    assert answer.status_code == 201, answer.text
    assert _budget_count(client) == 1


def test_reads_need_no_csrf_token(client: TestClient) -> None:
    _sign_in(client)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/api/v1/tokens").status_code == 200


def test_bearer_writes_are_exempt_even_with_a_session_cookie(
        client: TestClient, auth: dict[str, str]) -> None:
    _sign_in_again = client.post("/api/v1/session",
                                 json={"username": "owner", "password": PASSWORD})
    assert client.cookies.get("dojo_session") and _sign_in_again.status_code == 200
    answer = client.post("/api/v1/budgets", json=BUDGET, headers=auth)
    assert answer.status_code == 201, answer.text


def test_logout_by_cookie_needs_the_token_and_otherwise_keeps_the_session(
        client: TestClient) -> None:
    _sign_in(client)
    refused = client.delete("/api/v1/session")
    assert refused.status_code == 403
    assert client.get("/api/v1/me").status_code == 200
    assert client.delete("/api/v1/session", headers=csrf(client)).status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_logout_without_a_live_session_just_clears_the_cookies(client: TestClient) -> None:
    client.cookies.set("dojo_session", "no-such-session")
    answer = client.delete("/api/v1/session")
    assert answer.status_code == 204
    cleared = {h.split("=", 1)[0] for h in answer.headers.get_list("set-cookie")}
    assert cleared == {"dojo_session", CSRF_COOKIE}


def test_an_expired_or_unknown_session_is_401_not_403(client: TestClient) -> None:
    client.cookies.set("dojo_session", "no-such-session")
    assert client.post("/api/v1/budgets", json=BUDGET).status_code == 401


def test_me_gives_a_session_its_csrf_cookie_again(client: TestClient) -> None:
    _sign_in(client)
    session = client.cookies["dojo_session"]
    client.cookies.clear()
    client.cookies.set("dojo_session", session)  # a browser that lost (or never had) it
    assert client.get("/api/v1/me").status_code == 200
    assert client.cookies[CSRF_COOKIE] == csrf_token(session)
    assert client.post("/api/v1/budgets", json=BUDGET, headers=csrf(client)).status_code == 201
