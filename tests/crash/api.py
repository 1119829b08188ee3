"""A small JSON-over-HTTP client on one keep-alive connection, standard library only."""

import http.client
import json
from typing import Any


class Unreachable(Exception):
    """The request got no answer (refused, reset, timed out). `sent` is False when no
    connection could be made, so the server never saw it; otherwise its outcome is unknown."""

    def __init__(self, message: str, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


class Api:
    """One client's connection to `dojo serve`; not shared between threads."""

    def __init__(self, port: int, token: str | None = None, timeout: float = 10.0) -> None:
        self.port = port
        self.token = token
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def call(self, method: str, path: str, body: Any = None,
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """The status and decoded body, or Unreachable when no complete answer came."""
        sent = {"Accept": "application/json", **(headers or {})}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        if self._conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                conn.connect()
            except OSError as exc:
                raise Unreachable(f"{method} {path}: {exc!r}", sent=False) from exc
            self._conn = conn
        try:
            self._conn.request(method, path, body=data, headers=sent)
            answer = self._conn.getresponse()
            raw = answer.read()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            raise Unreachable(f"{method} {path}: {exc!r}", sent=True) from exc
        return answer.status, (json.loads(raw) if raw else None)

    def ok(self, method: str, path: str, body: Any = None,
           headers: dict[str, str] | None = None) -> Any:
        """The body of a 2xx answer; anything else is a harness failure."""
        status, data = self.call(method, path, body, headers)
        if not 200 <= status < 300:
            raise AssertionError(f"{method} {path} answered {status}: {data}")
        return data

    def pages(self, path: str, key: str, param: str) -> list[Any]:
        """Every item of a paginated list (`next_cursor` or `next_after` style)."""
        items: list[Any] = []
        after: Any = None
        while True:
            query = f"?limit=1000&{param}={after}" if after is not None else "?limit=1000"
            page = self.ok("GET", path + query)
            items.extend(page["items"])
            after = page[key]
            if after is None:
                return items

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
