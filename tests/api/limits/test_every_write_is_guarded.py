"""Every authenticated write of the API (the authorization matrix's operations, so new ones
are covered as soon as the matrix knows them) is refused without a CSRF token when signed
in by cookie, and refused once its credential's write limit is used up: 403 and 429, as
problem documents, with every table exactly as it was."""

import pytest

from dojo.access import hash_secret
from dojo.api.csrf import CSRF_HEADER, csrf_token
from dojo.api.write_limit import WriteLimiter
from dojo.clock import FixedClock
from tests.api.authorization.test_authorization_matrix import MATRIX, PUBLIC, World, expected
from tests.api.limits.snapshot import snapshot

WRITES = sorted((method, path) for method, path in MATRIX
                if method in ("POST", "PUT", "PATCH", "DELETE") and MATRIX[(method, path)].need
                != PUBLIC)
IDS = [f"{method} {path}" for method, path in WRITES]


def _send(world: World, method: str, path: str, headers: dict[str, str],
          session: str | None = None) -> tuple[int, str, dict[str, str]]:
    op = MATRIX[(method, path)]
    call = op.call(world, "owner")
    url = path.format(budget_id=world.budget_id, **call.path)
    world.client.cookies.clear()
    if session:
        world.client.cookies.set("dojo_session", session)
    answer = world.client.request(method, url, headers=headers, params=call.query,
                                  json=call.body)
    world.client.cookies.clear()
    return answer.status_code, answer.text, dict(answer.headers)


def test_there_are_writes_to_sweep() -> None:
    assert len(WRITES) >= 20


@pytest.mark.parametrize(("method", "path"), WRITES, ids=IDS)
def test_a_cookie_write_without_csrf_token_is_refused_and_changes_nothing(
        world: World, method: str, path: str) -> None:
    session = world.access.start_session(world.user_ids["owner"])
    op = MATRIX[(method, path)]
    call = op.call(world, "owner")  # objects of its own are made before the snapshot
    url = path.format(budget_id=world.budget_id, **call.path)
    before = snapshot(world.dojo.con)
    world.client.cookies.clear()
    world.client.cookies.set("dojo_session", session)
    refused = world.client.request(method, url, params=call.query, json=call.body,
                                   headers={CSRF_HEADER: "not-the-token"})
    world.client.cookies.clear()
    assert refused.status_code == 403, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["type"] == "urn:dojo:problem:csrf"
    assert snapshot(world.dojo.con) == before


@pytest.mark.parametrize(("method", "path"), WRITES, ids=IDS)
def test_a_cookie_write_with_its_csrf_token_goes_through(world: World, method: str,
                                                          path: str) -> None:
    session = world.access.start_session(world.user_ids["owner"])
    status, text, _ = _send(world, method, path, {CSRF_HEADER: csrf_token(session)}, session)
    assert status == expected(MATRIX[(method, path)], "owner", path), text


@pytest.mark.parametrize(("method", "path"), WRITES, ids=IDS)
def test_a_write_beyond_the_limit_is_refused_with_retry_after_and_changes_nothing(
        world: World, method: str, path: str) -> None:
    services = world.client.app.state.services
    limiter = WriteLimiter(rate=1, burst=1, clock=FixedClock.on("2026-02-20"))
    services.writes = limiter
    token = world.tokens["owner"]
    limiter.take("token:" + hash_secret(token))  # the one write of the burst, used up
    op = MATRIX[(method, path)]
    call = op.call(world, "owner")
    url = path.format(budget_id=world.budget_id, **call.path)
    before = snapshot(world.dojo.con)
    try:
        refused = world.client.request(method, url, params=call.query, json=call.body,
                                       headers={"Authorization": f"Bearer {token}"})
    finally:
        services.writes = WriteLimiter.of(services.settings)
    assert refused.status_code == 429, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["type"] == "urn:dojo:problem:too-many-writes"
    assert int(refused.headers["retry-after"]) >= 1
    assert snapshot(world.dojo.con) == before
