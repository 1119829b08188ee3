"""Writes per credential: a token bucket per personal access token, and per user for sessions
(DOJO_WRITE_RATE a second, bursts of DOJO_WRITE_BURST; 0 turns it off). Beyond it a write
is 429 with Retry-After and changes nothing; reads are never counted."""

import datetime as dt

import pytest
from litestar.testing import TestClient

from dojo.api.write_limit import PRUNE_ABOVE, TooManyWrites, WriteLimiter
from dojo.clock import FixedClock
from dojo.settings import Settings
from tests.conftest import PASSWORD, csrf

RATE, BURST = 2.0, 5


@pytest.fixture
def ticks() -> FixedClock:
    return FixedClock.on("2026-02-20")


@pytest.fixture
def limited(client: TestClient, ticks: FixedClock) -> WriteLimiter:
    limiter = WriteLimiter(RATE, BURST, ticks)
    client.app.state.services.writes = limiter
    return limiter


def _create(client: TestClient, headers: dict[str, str], n: int) -> int:
    return client.post("/api/v1/budgets", json={"name": f"Budget {n}", "currency": "USD"},
                       headers=headers).status_code


def _budgets(client: TestClient, headers: dict[str, str]) -> int:
    return len(client.get("/api/v1/budgets", headers=headers, params={"limit": 1000})
               .json()["items"])


def test_a_burst_passes_then_writes_are_429_with_retry_after_and_change_nothing(
        client: TestClient, auth: dict[str, str], limited: WriteLimiter) -> None:
    assert [_create(client, auth, n) for n in range(BURST)] == [201] * BURST
    refused = client.post("/api/v1/budgets", json={"name": "One too many", "currency": "USD"},
                          headers=auth)
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["type"] == "urn:dojo:problem:too-many-writes"
    assert refused.headers["retry-after"] == "1"  # one write refills in 1/RATE s, rounded up
    assert _budgets(client, auth) == BURST


def test_the_bucket_refills_at_the_rate(client: TestClient, auth: dict[str, str],
                                        limited: WriteLimiter, ticks: FixedClock) -> None:
    for n in range(BURST):
        assert _create(client, auth, n) == 201
    assert _create(client, auth, 99) == 429
    ticks.at += dt.timedelta(seconds=1 / RATE)
    assert _create(client, auth, 100) == 201
    assert _create(client, auth, 101) == 429
    ticks.at += dt.timedelta(hours=1)  # never more than a burst after a quiet hour
    assert [_create(client, auth, 200 + n) for n in range(BURST + 1)] == [201] * BURST + [429]


def test_reads_are_never_counted(client: TestClient, auth: dict[str, str],
                                 limited: WriteLimiter) -> None:
    for n in range(BURST):
        assert _create(client, auth, n) == 201
    assert all(client.get("/api/v1/budgets", headers=auth).status_code == 200
               for _ in range(3 * BURST))
    assert _create(client, auth, 99) == 429


def test_each_token_has_a_bucket_of_its_own(client: TestClient, auth: dict[str, str],
                                            limited: WriteLimiter) -> None:
    for n in range(BURST):
        assert _create(client, auth, n) == 201
    assert _create(client, auth, 99) == 429
    # A second token of the same user (made with the first one, which is refused now).
    client.post("/api/v1/session", json={"username": "owner", "password": PASSWORD})
    other = client.post("/api/v1/tokens", json={"name": "second"}, headers=csrf(client))
    assert other.status_code == 201
    client.cookies.clear()
    second = {"Authorization": f"Bearer {other.json()['token']}"}
    assert _create(client, second, 100) == 201


def test_sessions_of_one_user_share_a_bucket(client: TestClient, limited: WriteLimiter) -> None:
    client.post("/api/v1/setup", json={"username": "owner", "password": PASSWORD})
    first = {"X-CSRF-Token": client.cookies["dojo_csrf"]}
    for n in range(BURST - 1):  # setup's own session: signing in is not a write
        assert _create(client, first, n) == 201
    client.post("/api/v1/session", json={"username": "owner", "password": PASSWORD})
    # A new session must not buy a fresh burst.
    assert _create(client, csrf(client), 98) == 201
    assert _create(client, csrf(client), 99) == 429


def test_a_rate_of_zero_turns_the_limit_off(ticks: FixedClock) -> None:
    limiter = WriteLimiter(0, 1, ticks)
    for _ in range(10_000):
        limiter.take("token:x")
    assert limiter.buckets == {}


def test_settings_come_from_the_environment_with_household_defaults(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOJO_WRITE_RATE", raising=False)
    monkeypatch.delenv("DOJO_WRITE_BURST", raising=False)
    assert (Settings().write_rate, Settings().write_burst) == (50.0, 3000)
    monkeypatch.setenv("DOJO_WRITE_RATE", "0")
    monkeypatch.setenv("DOJO_WRITE_BURST", "50")
    assert not WriteLimiter.of(Settings()).on
    assert Settings().write_burst == 50


def test_retry_after_is_the_wait_for_one_write_rounded_up(ticks: FixedClock) -> None:
    limiter = WriteLimiter(0.1, 1, ticks)  # one write every 10 s
    limiter.take("k")
    with pytest.raises(TooManyWrites) as refused:
        limiter.take("k")
    assert refused.value.retry_after == 10
    ticks.at += dt.timedelta(seconds=7.5)
    with pytest.raises(TooManyWrites) as again:
        limiter.take("k")
    assert again.value.retry_after == 3


def test_a_clock_stepping_back_refills_nothing(ticks: FixedClock) -> None:
    limiter = WriteLimiter(1, 1, ticks)
    limiter.take("k")
    ticks.at -= dt.timedelta(hours=1)
    with pytest.raises(TooManyWrites):
        limiter.take("k")


def test_full_buckets_are_forgotten_when_there_are_many(ticks: FixedClock) -> None:
    limiter = WriteLimiter(1000, 1, ticks)
    for n in range(PRUNE_ABOVE):
        limiter.take(f"k{n}")
    ticks.at += dt.timedelta(seconds=1)  # every one of them has refilled
    limiter.take("latest")
    assert limiter.buckets.keys() == {"latest"}
