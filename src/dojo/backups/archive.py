"""The backup file: a tar holding `manifest.json` first, then `events.jsonl.gz` and
`tables/<name>.jsonl.gz`. The manifest records counts, the last position and chain hash,
the migrations applied, and the size and SHA-256 of every other member."""

import datetime as dt
import gzip
import hashlib
import io
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, BinaryIO

import duckdb
import msgspec

from dojo import __version__
from dojo.backups.tables import BadBackup, dump_table, kept_tables
from dojo.eventlog_io import write_events

FORMAT, VERSION = "dojo-backup", 1
MANIFEST, EVENTS = "manifest.json", "events.jsonl.gz"
SPOOL = 16 * 1024 * 1024
CHUNK = 1024 * 1024


class FileEntry(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    bytes: int
    sha256: str


class TableEntry(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    rows: int
    columns: list[str]


class MigrationEntry(msgspec.Struct, forbid_unknown_fields=True):
    id: int
    name: str
    checksum: str


class EventsEntry(msgspec.Struct, forbid_unknown_fields=True):
    count: int
    last_position: int
    last_hash: str


class Manifest(msgspec.Struct, forbid_unknown_fields=True):
    format: str
    version: int
    created_at: str
    dojo_version: str
    migrations: list[MigrationEntry]
    events: EventsEntry
    tables: list[TableEntry]
    files: list[FileEntry]


def stamp(when: dt.datetime) -> str:
    """The UTC time a backup's file name carries, such as 20260220T120000Z."""
    return when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def table_file(name: str) -> str:
    return f"tables/{name}.jsonl.gz"


def _gzipped(write: Callable[[BinaryIO], object]) -> tuple[IO[bytes], str, object]:
    """A spooled temporary file with what `write` wrote, gzipped; its SHA-256."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL)  # noqa: SIM115 - returned open
    with gzip.GzipFile(fileobj=spool, mode="wb", mtime=0) as packed:
        result = write(packed)  # type: ignore[arg-type]
    spool.seek(0)
    digest = hashlib.sha256()
    while chunk := spool.read(CHUNK):
        digest.update(chunk)
    spool.seek(0)
    return spool, digest.hexdigest(), result


def _snapshot(cur: duckdb.DuckDBPyConnection, created_at: str
              ) -> tuple[Manifest, list[tuple[str, IO[bytes]]]]:
    """Everything in one read transaction: one consistent state of the database."""
    files: list[tuple[str, IO[bytes]]] = []
    entries: list[FileEntry] = []
    tables: list[TableEntry] = []

    def keep(name: str, write: Callable[[BinaryIO], object]) -> object:
        spool, sha, result = _gzipped(write)
        files.append((name, spool))
        entries.append(FileEntry(name, spool.seek(0, io.SEEK_END), sha))
        spool.seek(0)
        return result

    migrations = [MigrationEntry(*r) for r in cur.execute(
        "SELECT id, name, checksum FROM applied_migrations ORDER BY id").fetchall()]
    count = keep(EVENTS, lambda out: write_events(cur, out))
    row = cur.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"
                      ).fetchone()
    events = EventsEntry(int(count), int(row[0]) if row else 0,  # type: ignore[call-overload]
                         row[1] if row else "")
    for table in kept_tables(cur):
        rows, names = keep(table_file(table),  # type: ignore[misc]
                           lambda out, t=table: dump_table(cur, t, out))
        tables.append(TableEntry(table, rows, names))
    manifest = Manifest(FORMAT, VERSION, created_at, __version__, migrations, events, tables,
                        entries)
    return manifest, files


def _add(tar: tarfile.TarFile, name: str, size: int, fileobj: IO[bytes], mtime: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o600
    tar.addfile(info, fileobj)


def write_backup(cur: duckdb.DuckDBPyConnection, out: BinaryIO,
                 created_at: dt.datetime) -> Manifest:
    """Write a backup of the database to `out`, read in one transaction (an MVCC snapshot:
    writers carry on meanwhile). The cursor must not be in a transaction already."""
    stamp = created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    cur.execute("BEGIN TRANSACTION")
    try:
        manifest, files = _snapshot(cur, stamp)
    finally:
        cur.execute("ROLLBACK")
    mtime = int(created_at.timestamp())
    body = msgspec.json.format(msgspec.json.encode(manifest), indent=2) + b"\n"
    try:
        with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            _add(tar, MANIFEST, len(body), io.BytesIO(body), mtime)
            for (name, spool), entry in zip(files, manifest.files, strict=True):
                _add(tar, name, entry.bytes, spool, mtime)
    finally:
        for _, spool in files:
            spool.close()
    return manifest


@contextmanager
def opened(path: str) -> Iterator[tarfile.TarFile]:
    """The backup at `path` as a tar, with damage reported as BadBackup."""
    try:
        with tarfile.open(path, mode="r:") as tar:
            yield tar
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise BadBackup(f"{path} is damaged, truncated or not a Dojo backup: {exc}") from None


def _digest(tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    source = tar.extractfile(member)
    assert source is not None
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def check(tar: tarfile.TarFile, path: str) -> Manifest:
    """The manifest, once every member listed is present, whole and unchanged (nothing
    else may be in the file)."""
    members = {m.name: m for m in tar.getmembers()}
    first = tar.getmembers()[:1]
    if not first or first[0].name != MANIFEST or not first[0].isfile():
        raise BadBackup(f"{path} does not start with a {MANIFEST}: not a Dojo backup")
    source = tar.extractfile(first[0])
    assert source is not None
    try:
        manifest = msgspec.json.decode(source.read(), type=Manifest)
    except msgspec.DecodeError as exc:
        raise BadBackup(f"{path}: the manifest is damaged: {exc}") from None
    if (manifest.format, manifest.version) != (FORMAT, VERSION):
        raise BadBackup(f"{path}: format {manifest.format} {manifest.version}, "
                        f"expected {FORMAT} {VERSION}")
    listed = {f.name for f in manifest.files}
    if extra := sorted(set(members) - listed - {MANIFEST}):
        raise BadBackup(f"{path}: {', '.join(extra)} is not listed in the manifest")
    for entry in manifest.files:
        member = members.get(entry.name)
        if member is None or not member.isfile():
            raise BadBackup(f"{path}: {entry.name} is missing (a truncated backup?)")
        if member.size != entry.bytes:
            raise BadBackup(f"{path}: {entry.name} has {member.size} bytes, the manifest "
                            f"says {entry.bytes}")
        if _digest(tar, member) != entry.sha256:
            raise BadBackup(f"{path}: {entry.name} does not match its SHA-256 in the manifest "
                            "(changed or damaged)")
    return manifest


def lines(tar: tarfile.TarFile, name: str) -> Iterator[bytes]:
    """The lines of a gzipped member."""
    source = tar.extractfile(name)
    assert source is not None
    with gzip.GzipFile(fileobj=source, mode="rb") as unpacked:
        yield from unpacked
