"""Taking a backup from a running server (`GET /api/v1/backup`), and keeping the newest N."""

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

CHUNK = 1024 * 1024
# The server writes the whole backup before its first byte: allow for a large log.
TIMEOUT = 1800


def _problem(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read())["detail"])
    except (ValueError, KeyError, TypeError, OSError):
        return error.reason or "no detail"


def download(url: str, token: str, into: Path) -> int:
    """Write the server's backup to `into`; the number of bytes. A short answer is an error."""
    request = urllib.request.Request(url.rstrip("/") + "/api/v1/backup", headers={
        "Authorization": f"Bearer {token}", "Accept": "application/x-tar"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer, \
                into.open("wb") as sink:
            written = 0
            while chunk := answer.read(CHUNK):
                sink.write(chunk)
                written += len(chunk)
            expected = answer.headers.get("Content-Length")
    except urllib.error.HTTPError as exc:
        raise OSError(f"{url} answered {exc.code}: {_problem(exc)}") from None
    except urllib.error.URLError as exc:
        raise OSError(f"cannot reach {url}: {exc.reason}") from None
    if expected is not None and int(expected) != written:
        raise OSError(f"{url} sent {written} of {expected} bytes")
    return written


def prune(template: str, marker: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` files named like `template` (with a timestamp where
    `marker` is); the names sort by time. Other files are never touched."""
    pattern = Path(template)
    before, _, after = pattern.name.partition(marker)
    name = re.compile(re.escape(before) + r"\d{8}T\d{6}Z" + re.escape(after))
    folder = pattern.parent
    found = sorted(p for p in folder.iterdir() if p.is_file() and name.fullmatch(p.name))
    old = found[:-keep] if keep else found
    for path in old:
        path.unlink()
    return old
