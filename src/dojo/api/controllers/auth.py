"""First-run setup, sessions, the current user, personal access tokens."""

import time

import msgspec
from litestar import Request, Response, delete, get, post
from litestar.datastructures import Cookie
from litestar.params import FromPath, JSONBody

from dojo.api import schemas as s
from dojo.api.blocking import blocking
from dojo.api.context import SESSION_COOKIE, services, user_id
from dojo.api.csrf import check_csrf, csrf_cookie
from dojo.api.params import Cursor, Limit
from dojo.api.problems import Unauthorized, responses
from dojo.api.reads import decode_cursor, encode_cursor

NO_AUTH: list[dict[str, list[str]]] = []


class SetupState(msgspec.Struct):
    setup_needed: bool


def _session_cookies(request: Request, secret: str,
                     max_age: int | None = 14 * 86400) -> list[Cookie]:
    """The HttpOnly session cookie and the readable CSRF cookie that goes with it."""
    secure = services(request).settings.secure_cookies or request.url.scheme == "https"
    session = Cookie(
        key=SESSION_COOKIE,
        value=secret,
        httponly=True,
        samesite="strict",
        secure=secure,
        path="/",
        max_age=max_age,
    )
    return [session, csrf_cookie(secret, secure, max_age)]


@get("/api/v1/setup", security=NO_AUTH, responses=responses(), tags=["auth"])
@blocking
def setup_state(request: Request) -> SetupState:
    """Whether the instance still needs its first user."""
    return SetupState(setup_needed=services(request).access.user_count() == 0)


@post(
    "/api/v1/setup",
    security=NO_AUTH,
    status_code=201,
    responses=responses(409),
    tags=["auth"],
)
@blocking
def setup(request: Request, data: JSONBody[s.Credentials]) -> Response[s.User]:
    """Create the first user and sign them in; allowed only while no user exists."""
    access = services(request).access
    new_id = access.add_user(data.username, data.password, only_if_first=True)
    cookies = _session_cookies(request, access.start_session(new_id))
    return Response(s.User(id=new_id, username=data.username), status_code=201, cookies=cookies)


@post(
    "/api/v1/session",
    security=NO_AUTH,
    status_code=200,
    responses=responses(429),
    tags=["auth"],
)
@blocking
def login(request: Request, data: JSONBody[s.Credentials]) -> Response[s.User]:
    """Sign in: an HttpOnly, SameSite=Strict session cookie, and the `dojo_csrf` cookie
    whose value cookie-authenticated writes send back in `X-CSRF-Token`."""
    svc = services(request)
    now = svc.dojo.clock.now()
    delay = svc.throttle.check(data.username, now)
    found = svc.access.authenticate(data.username, data.password)
    if found is None:
        svc.throttle.failed(data.username, now)
        if delay:
            time.sleep(delay)
        raise Unauthorized("wrong username or password")
    svc.throttle.succeeded(data.username)
    cookies = _session_cookies(request, svc.access.start_session(found))
    return Response(s.User(id=found, username=svc.access.username(found)), cookies=cookies)


@delete(
    "/api/v1/session",
    security=NO_AUTH,
    status_code=204,
    responses=responses(403),
    tags=["auth"],
)
@blocking
def logout(request: Request) -> Response[None]:
    """Sign out: the session ends and its cookies are cleared (a live session needs CSRF)."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret and services(request).access.session_user(secret):
        check_csrf(request, secret)
        services(request).access.end_session(secret)
    return Response(None, status_code=204, cookies=_session_cookies(request, "", max_age=0))


@get("/api/v1/me", responses=responses(), tags=["auth"])
@blocking
def me(request: Request) -> Response[s.User]:
    """The signed-in user; a session also gets its CSRF cookie again (sessions from before
    the cookie existed, or a browser that lost it)."""
    who = user_id(request)
    user = s.User(id=who, username=services(request).access.username(who))
    secret = request.cookies.get(SESSION_COOKIE)
    if secret and not request.headers.get("authorization"):
        secure = services(request).settings.secure_cookies or request.url.scheme == "https"
        return Response(user, cookies=[csrf_cookie(secret, secure, 14 * 86400)])
    return Response(user)


@post("/api/v1/tokens", status_code=201, responses=responses(), tags=["auth"])
@blocking
def issue_token(request: Request, data: JSONBody[s.TokenRequest]) -> s.TokenCreated:
    """A personal access token; the only time its secret is shown."""
    token_id, secret = services(request).access.issue_token(user_id(request), data.name)
    return s.TokenCreated(id=token_id, name=data.name.strip(), token=secret)


@get("/api/v1/tokens", responses=responses(), tags=["auth"])
@blocking
def list_tokens(request: Request, limit: Limit = 100, cursor: Cursor = None) -> s.TokenPage:
    """The user's tokens (never their secrets)."""
    rows = services(request).access.tokens(user_id(request))
    after = decode_cursor(cursor, int)
    start = after[0] if after else 0
    page = rows[start : start + limit]
    next_cursor = encode_cursor([start + limit]) if start + limit < len(rows) else None
    return s.TokenPage(
        items=[s.Token(id=r[0], name=r[1], created_at=r[2].isoformat() + "Z") for r in page],
        next_cursor=next_cursor,
    )


@delete(
    "/api/v1/tokens/{token_id:str}",
    status_code=204,
    responses=responses(404),
    tags=["auth"],
)
@blocking
def revoke_token(request: Request, token_id: FromPath[str]) -> None:
    """Revoke one of the user's tokens."""
    services(request).access.revoke_token(user_id(request), token_id)


HANDLERS = [setup_state, setup, login, logout, me, issue_token, list_tokens, revoke_token]
