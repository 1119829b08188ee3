"""Users, passwords, sessions, personal access tokens and budget members.

Passwords are hashed with scrypt (memory-hard, in the standard library); sessions and tokens
are random 256-bit secrets stored as SHA-256 hashes.
"""

import datetime as dt
import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from dojo.app.service import Dojo
from dojo.domain.errors import Conflict, Invalid, NotFound

ROLES = ("owner", "editor", "viewer")
SESSION_DAYS = 14
_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024


@dataclass(frozen=True)
class ScryptCost:
    n: int = 2**14
    r: int = 8
    p: int = 1


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def hash_password(password: str, cost: ScryptCost) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=cost.n, r=cost.r, p=cost.p,
                            maxmem=256 * 1024 * 1024)
    return f"scrypt${cost.n}${cost.r}${cost.p}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n),
                               r=int(r), p=int(p), maxmem=256 * 1024 * 1024)
    return hmac.compare_digest(candidate.hex(), digest)


def check_credentials(username: str, password: str) -> None:
    if not _USERNAME.match(username):
        raise Invalid("a username is 1 to 64 letters, digits or _ . @ -", "username")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Invalid(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters",
                      "password")


@dataclass
class Access:
    """Who may do what; writes go through the Dojo writer, in turn with commands."""

    dojo: Dojo
    cost: ScryptCost = ScryptCost()
    # Tokens' users and members' roles already looked up (found ones only), so that a
    # request need not read them again. Revoking a token or changing or removing a member
    # empties it; `_generation` keeps a lookup that raced with such a change from being kept.
    _known: dict[tuple[str, str, str], str] = field(default_factory=dict, repr=False)
    _known_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _generation: list[int] = field(default_factory=lambda: [0], repr=False)

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """Around a write that may take away a token or a role: what is known is dropped
        once it is done, and a lookup that overlapped it is not kept."""
        try:
            yield
        finally:
            with self._known_lock:
                self._known.clear()
                self._generation[0] += 1

    def _lookup(self, key: tuple[str, str, str], sql: str, params: list[str]) -> str | None:
        found = self._known.get(key)
        if found is not None:
            return found
        generation = self._generation[0]
        with self.dojo.con.cursor() as cur:
            row = cur.execute(sql, params).fetchone()
        if row is None:
            return None
        with self._known_lock:
            if generation == self._generation[0]:
                self._known[key] = row[0]
        return str(row[0])

    def _now(self) -> dt.datetime:
        return self.dojo.clock.now().astimezone(dt.UTC).replace(tzinfo=None)

    def user_count(self) -> int:
        with self.dojo.con.cursor() as cur:
            return int(cur.execute("SELECT count(*) FROM users").fetchone()[0])

    def add_user(self, username: str, password: str, only_if_first: bool = False,
                 admin: bool = False) -> str:
        """A new user; the instance's first user is its administrator (migration 0005)."""
        check_credentials(username, password)
        password_hash = hash_password(password, self.cost)
        user_id = self.dojo.ids.new_id()
        with self.dojo.writing() as cur:
            first = not cur.execute("SELECT count(*) FROM users").fetchone()[0]
            if only_if_first and not first:
                raise Conflict("setup is done: a user exists already")
            if cur.execute("SELECT 1 FROM users WHERE lower(username) = lower(?)",
                           [username]).fetchone():
                raise Conflict(f"user {username!r} exists already", "username")
            cur.execute("INSERT INTO users VALUES (?, ?, ?, ?)",
                        [user_id, username, password_hash, self._now()])
            if first or admin:
                cur.execute("INSERT INTO instance_admins VALUES (?, ?)", [user_id, self._now()])
        return user_id

    def is_admin(self, user_id: str) -> bool:
        """Whether the user administers the instance (backups); no budget right follows."""
        with self.dojo.con.cursor() as cur:
            return cur.execute("SELECT 1 FROM instance_admins WHERE user_id = ?",
                               [user_id]).fetchone() is not None

    def user_by_name(self, username: str) -> tuple[str, str, str] | None:
        with self.dojo.con.cursor() as cur:
            row = cur.execute("SELECT user_id, username, password_hash FROM users "
                              "WHERE lower(username) = lower(?)", [username]).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def username(self, user_id: str) -> str:
        with self.dojo.con.cursor() as cur:
            row = cur.execute("SELECT username FROM users WHERE user_id = ?",
                              [user_id]).fetchone()
        if row is None:
            raise NotFound("user not found")
        return str(row[0])

    def authenticate(self, username: str, password: str) -> str | None:
        found = self.user_by_name(username)
        if found is None or len(password) > MAX_PASSWORD:
            return None
        return found[0] if check_password(password, found[2]) else None

    def start_session(self, user_id: str) -> str:
        secret = secrets.token_urlsafe(32)
        now = self._now()
        with self.dojo.writing() as cur:
            cur.execute("DELETE FROM sessions WHERE expires_at < ?", [now])
            cur.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)",
                        [hash_secret(secret), user_id, now,
                         now + dt.timedelta(days=SESSION_DAYS)])
        return secret

    def session_user(self, secret: str) -> str | None:
        with self.dojo.con.cursor() as cur:
            row = cur.execute("SELECT user_id FROM sessions WHERE session_hash = ? "
                              "AND expires_at > ?", [hash_secret(secret), self._now()]).fetchone()
        return row[0] if row else None

    def end_session(self, secret: str) -> None:
        with self.dojo.writing() as cur:
            cur.execute("DELETE FROM sessions WHERE session_hash = ?", [hash_secret(secret)])

    def issue_token(self, user_id: str, name: str) -> tuple[str, str]:
        name = name.strip()
        if not 1 <= len(name) <= 200:
            raise Invalid("a token name has 1 to 200 characters", "name")
        token_id = self.dojo.ids.new_id()
        secret = "dojo_" + secrets.token_urlsafe(32)
        with self.dojo.writing() as cur:
            cur.execute("INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?)",
                        [token_id, user_id, name, hash_secret(secret), self._now()])
        return token_id, secret

    def token_user(self, secret: str) -> str | None:
        hashed = hash_secret(secret)
        return self._lookup(("token", hashed, ""), "SELECT user_id FROM api_tokens "
                            "WHERE token_hash = ?", [hashed])

    def tokens(self, user_id: str) -> list[tuple[str, str, dt.datetime]]:
        with self.dojo.con.cursor() as cur:
            return cur.execute("SELECT token_id, name, created_at FROM api_tokens "
                               "WHERE user_id = ? ORDER BY created_at, token_id",
                               [user_id]).fetchall()

    def revoke_token(self, user_id: str, token_id: str) -> None:
        with self._changing(), self.dojo.writing() as cur:
            row = cur.execute("DELETE FROM api_tokens WHERE token_id = ? AND user_id = ? "
                              "RETURNING token_id", [token_id, user_id]).fetchone()
        if row is None:
            raise NotFound("token not found")

    def role(self, budget_id: str, user_id: str) -> str | None:
        return self._lookup(("role", budget_id, user_id), "SELECT role FROM budget_members "
                            "WHERE budget_id = ? AND user_id = ?", [budget_id, user_id])

    def member_sql(self, budget_id: str, user_id: str, role: str):  # type: ignore[no-untyped-def]
        """The insert that makes a user a member; run inside the budget's creation."""
        now = self._now()

        def run(cur) -> None:  # type: ignore[no-untyped-def]
            cur.execute("INSERT INTO budget_members VALUES (?, ?, ?, ?)",
                        [budget_id, user_id, role, now])
        return run

    def members(self, budget_id: str) -> list[tuple[str, str]]:
        with self.dojo.con.cursor() as cur:
            return cur.execute(
                "SELECT u.username, m.role FROM budget_members m JOIN users u USING (user_id) "
                "WHERE m.budget_id = ? ORDER BY m.added_at, u.username", [budget_id]).fetchall()

    def set_member(self, budget_id: str, username: str, role: str) -> tuple[str, str]:
        if role not in ROLES:
            raise Invalid(f"role is one of {', '.join(ROLES)}", "role")
        found = self.user_by_name(username)
        if found is None:
            raise Invalid(f"no user named {username!r}", "username")
        with self._changing(), self.dojo.writing() as cur:
            self._keep_an_owner(cur, budget_id, found[0], role)
            cur.execute("DELETE FROM budget_members WHERE budget_id = ? AND user_id = ?",
                        [budget_id, found[0]])
            cur.execute("INSERT INTO budget_members VALUES (?, ?, ?, ?)",
                        [budget_id, found[0], role, self._now()])
        return found[1], role

    def remove_member(self, budget_id: str, username: str) -> None:
        found = self.user_by_name(username)
        if found is None:
            raise NotFound(f"no member named {username!r}")
        with self._changing(), self.dojo.writing() as cur:
            self._keep_an_owner(cur, budget_id, found[0], None)
            row = cur.execute("DELETE FROM budget_members WHERE budget_id = ? AND user_id = ? "
                              "RETURNING user_id", [budget_id, found[0]]).fetchone()
        if row is None:
            raise NotFound(f"no member named {username!r}")

    @staticmethod
    def _keep_an_owner(cur, budget_id: str, user_id: str,  # type: ignore[no-untyped-def]
                       new_role: str | None) -> None:
        owners = [r[0] for r in cur.execute("SELECT user_id FROM budget_members WHERE "
                                            "budget_id = ? AND role = 'owner'",
                                            [budget_id]).fetchall()]
        if owners == [user_id] and new_role != "owner":
            raise Conflict("a budget keeps at least one owner")
