"""What every handler needs: the services, who is asking, and what they may do."""

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
from litestar import Request

from dojo.access import Access, hash_secret
from dojo.api.csrf import check_csrf
from dojo.api.problems import Forbidden, TooManyAttempts, Unauthorized
from dojo.api.views import ViewCache
from dojo.api.write_limit import UNSAFE, WriteLimiter
from dojo.app.service import Dojo
from dojo.domain.errors import NotFound
from dojo.settings import Settings

SESSION_COOKIE = "dojo_session"
READ, WRITE, OWN = "read", "write", "own"
_ALLOWED = {READ: ("owner", "editor", "viewer"), WRITE: ("owner", "editor"), OWN: ("owner",)}


@dataclass
class LoginThrottle:
    """Failed logins per username: slowed down after a few, refused for a while after more."""

    settings: Settings
    failures: dict[str, list[dt.datetime]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, username: str, now: dt.datetime) -> list[dt.datetime]:
        window = dt.timedelta(seconds=self.settings.login_refusal_seconds)
        kept = [t for t in self.failures.get(username.lower(), []) if now - t < window]
        self.failures[username.lower()] = kept
        return kept

    def check(self, username: str, now: dt.datetime) -> float:
        """Refuse while locked out; otherwise the delay to add before answering."""
        with self.lock:
            recent = self._recent(username, now)
        if len(recent) >= self.settings.login_failures_before_refusal:
            wait = self.settings.login_refusal_seconds - (now - recent[0]).total_seconds()
            raise TooManyAttempts(
                "too many failed logins for this user; try again later", max(1, int(wait))
            )
        return self.settings.login_slowdown_seconds * max(0, len(recent) - 2)

    def failed(self, username: str, now: dt.datetime) -> None:
        with self.lock:
            self._recent(username, now).append(now)

    def succeeded(self, username: str) -> None:
        with self.lock:
            self.failures.pop(username.lower(), None)


@dataclass
class Services:
    dojo: Dojo
    access: Access
    settings: Settings
    throttle: LoginThrottle
    writes: WriteLimiter = field(init=False)
    views: ViewCache = field(default_factory=ViewCache)

    def __post_init__(self) -> None:
        self.writes = WriteLimiter.of(self.settings)


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


@contextmanager
def reading(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of its own, so reads never wait for a write (DuckDB MVCC)."""
    with services(request).dojo.con.cursor() as cur:
        yield cur


def _authenticate(request: Request) -> tuple[str, str]:
    """The user and the key their writes are counted under: the token, or the user of a
    session (signing in again must not buy a fresh bucket). Cookie writes need CSRF."""
    access = services(request).access
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        secret = header[7:].strip()
        found = access.token_user(secret)
        if found:
            return found, "token:" + hash_secret(secret)
        raise Unauthorized("the bearer token is not valid")
    cookie = request.cookies.get(SESSION_COOKIE)
    found = access.session_user(cookie) if cookie else None
    if cookie and found:
        check_csrf(request, cookie)
        return found, "user:" + found
    raise Unauthorized("sign in, or send a personal access token as a bearer token")


def user_id(request: Request) -> str:
    """The user behind a bearer token or a session cookie, or 401; an unsafe request must
    also pass the CSRF check (cookies) and the write limit (429), before it changes anything.
    Every authenticated handler asks this first, so every write is checked exactly once."""
    state = request.scope.setdefault("state", {})
    if "dojo_user" not in state:
        found, key = _authenticate(request)
        if request.method in UNSAFE:
            services(request).writes.take(key)
        state["dojo_user"] = found
    return state["dojo_user"]  # type: ignore[no-any-return]


def member(request: Request, budget_id: str, need: str = READ) -> str:
    """The user, if their role on the budget allows `need`; non-members get 404."""
    who = user_id(request)
    role = services(request).access.role(budget_id, who)
    if role is None:
        raise NotFound("budget not found")
    if role not in _ALLOWED[need]:
        raise Forbidden(f"a {role} of this budget may not do this")
    return who
