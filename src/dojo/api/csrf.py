"""CSRF protection for cookie-authenticated writes: the session's CSRF token travels in a
readable `dojo_csrf` cookie, and every unsafe request made with the session cookie must echo
it in `X-CSRF-Token`. Another site can make a browser send the cookies, never read them.

The token is derived from the session secret (not stored), so it is bound to the session: a
cookie planted by a sibling host cannot match, and it needs no table or server key."""

import hashlib
import hmac

from litestar import Request
from litestar.datastructures import Cookie

from dojo.api.problems import Forbidden

CSRF_COOKIE = "dojo_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfRefused(Forbidden):
    code = "csrf"


def csrf_token(session_secret: str) -> str:
    """The session's CSRF token: a hash of its secret, domain-separated from the stored one."""
    return hashlib.sha256(f"dojo-csrf\x1f{session_secret}".encode()).hexdigest()


def check_csrf(request: Request, session_secret: str) -> None:
    """Refuse (403) an unsafe request whose X-CSRF-Token does not match the session."""
    if request.method in SAFE:
        return
    given = request.headers.get(CSRF_HEADER, "")
    if not hmac.compare_digest(given.encode(), csrf_token(session_secret).encode()):
        raise CsrfRefused(
            f"a write signed in by cookie must send the {CSRF_HEADER} header with the value of "
            f"the {CSRF_COOKIE} cookie (or use a personal access token)")


def csrf_cookie(session_secret: str, secure: bool, max_age: int | None) -> Cookie:
    """Readable by the web app's script (not HttpOnly), sent to this site only."""
    return Cookie(key=CSRF_COOKIE, value=csrf_token(session_secret) if session_secret else "",
                  httponly=False, samesite="strict", secure=secure, path="/", max_age=max_age)
