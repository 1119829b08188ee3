"""`dojo backup`, `dojo restore` and `dojo import-events` (docs/decisions/0006-backups.md)."""

import argparse
import contextlib
import gzip
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import duckdb

from dojo.backups.archive import Manifest, check, opened, stamp, write_backup
from dojo.backups.download import download, prune
from dojo.backups.restore import import_events, restore
from dojo.clock import SystemClock
from dojo.db import connect

TIMESTAMP = "{timestamp}"


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
             add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    backup = commands.add_parser(
        "backup", help="write a backup of the instance (from the file, or a running server)")
    add_db(backup)
    backup.add_argument("out", metavar="OUT",
                        help=f"the file to write (never overwritten); {TIMESTAMP} in it "
                        "becomes the UTC time, such as 20260220T020000Z")
    backup.add_argument("--url", help="take it from the server at this address while it "
                        "runs (an administrator's token: --token-file or $DOJO_TOKEN)")
    backup.add_argument("--token-file", help="a file holding the personal access token")
    backup.add_argument("--keep", type=int, default=None, metavar="N",
                        help=f"then delete all but the newest N backups named like OUT "
                        f"(OUT must contain {TIMESTAMP})")
    backup.set_defaults(run=_backup)

    restore_ = commands.add_parser("restore", help="build a new database file from a backup")
    restore_.add_argument("source", metavar="IN", help="the backup file")
    add_db(restore_)
    restore_.set_defaults(run=_restore)

    load = commands.add_parser(
        "import-events", help="load an events export (JSON lines) into a new database file")
    load.add_argument("file", metavar="FILE", help="the export, gzipped or not; - for stdin")
    add_db(load)
    load.add_argument("--owner", default=None, help="create this user (password on stdin) "
                      "and make them the owner of every budget loaded")
    load.set_defaults(run=_import_events)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _token(args: argparse.Namespace) -> str | None:
    if args.token_file:
        return Path(args.token_file).read_text().strip()
    return os.environ.get("DOJO_TOKEN") or None


def _from_file(db: str, out: IO[bytes]) -> None:
    if not Path(db).is_file():
        raise FileNotFoundError(f"no database at {db}")
    try:
        con = connect(db, read_only=True)
    except duckdb.IOException as exc:
        raise OSError(f"{db} is open in another process (a running server?): take the "
                      f"backup with --url ({exc})") from None
    try:
        with con.cursor() as cur:
            write_backup(cur, out, SystemClock().now())
    finally:
        con.close()


def _backup(args: argparse.Namespace) -> int:
    if args.keep is not None and (args.keep < 1 or TIMESTAMP not in args.out):
        return _fail(f"--keep needs N >= 1 and {TIMESTAMP} in OUT")
    out = Path(args.out.replace(TIMESTAMP, stamp(SystemClock().now())))
    if out.exists():
        return _fail(f"{out} exists; a backup never overwrites a file")
    partial = out.with_name(out.name + ".partial")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        if args.url:
            token = _token(args)
            if token is None:
                return _fail("--url needs an administrator's token: --token-file or "
                             "$DOJO_TOKEN")
            download(args.url, token, partial)
        else:
            with partial.open("wb") as sink:
                _from_file(args.db, sink)
        with opened(str(partial)) as tar:
            manifest = check(tar, str(out))
        os.replace(partial, out)
    except (OSError, duckdb.Error) as exc:
        return _fail(str(exc))
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    print(f"backup {out}: {_summary(manifest)}")
    for old in prune(args.out, TIMESTAMP, args.keep) if args.keep else []:
        print(f"removed {old} (keeping the newest {args.keep})")
    return 0


def _summary(manifest: Manifest) -> str:
    events = manifest.events
    rows = sum(t.rows for t in manifest.tables)
    return (f"{events.count} events (last position {events.last_position}), {rows} rows of "
            f"{len(manifest.tables)} tables, migrations 0001..{len(manifest.migrations):04d}")


def _restore(args: argparse.Namespace) -> int:
    try:
        manifest = restore(args.source, Path(args.db))
    except (OSError, duckdb.Error) as exc:
        return _fail(str(exc))
    print(f"restored {args.db} from {args.source}: {_summary(manifest)}; read models rebuilt")
    return 0


@contextlib.contextmanager
def _lines(name: str) -> Iterator[IO[bytes]]:
    """The file (or stdin) as binary lines, gunzipped when it is gzipped."""
    stdin = name == "-"
    raw = sys.stdin.buffer if stdin else open(name, "rb")  # noqa: SIM115
    try:
        packed = raw.peek(2)[:2] == b"\x1f\x8b" if hasattr(raw, "peek") else False
        yield gzip.GzipFile(fileobj=raw, mode="rb") if packed else raw  # type: ignore[misc]
    finally:
        if not stdin:
            raw.close()


def _owner(name: str, password: str) -> Callable[[duckdb.DuckDBPyConnection], None]:
    def make(con: duckdb.DuckDBPyConnection) -> None:
        from dojo.access import Access
        from dojo.app.service import Dojo
        from dojo.ids import RandomIds

        access = Access(Dojo(con, SystemClock(), RandomIds()))
        access.add_user(name, password)
        with con.cursor() as cur:
            budgets = [r[0] for r in cur.execute(
                "SELECT budget_id FROM rm_budgets ORDER BY created_position").fetchall()]
        for budget_id in budgets:
            access.set_member(budget_id, name, "owner")
    return make


def _import_events(args: argparse.Namespace) -> int:
    then = None
    if args.owner:
        if args.file == "-":
            return _fail("--owner reads the password from stdin, so FILE cannot be -")
        then = _owner(args.owner, sys.stdin.readline().rstrip("\n"))
    try:
        with _lines(args.file) as source:
            count = import_events(source, Path(args.db), then=then)
    except (OSError, EOFError, zlib.error, duckdb.Error) as exc:
        return _fail(str(exc))
    print(f"loaded {count} events into {args.db}; read models rebuilt")
    return 0
