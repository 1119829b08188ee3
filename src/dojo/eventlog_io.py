"""The event log as JSON lines: one stored event a line, everything needed to store it again
byte for byte (docs/decisions/0006-backups.md). `write_events` writes the whole log or one
budget's stream; `load_events` checks every line and loads it into a fresh database."""

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, BinaryIO

import duckdb
import msgspec

from dojo.app.transaction import transaction
from dojo.domain import events as ev
from dojo.domain.errors import Invalid
from dojo.eventstore.chain import event_hash
from dojo.eventstore.corruption import CorruptEvent
from dojo.projections.rebuild import Progress, replay

BATCH = 10_000
_COLUMNS = ("position, stream_id, version, type, schema_version, data, command_id, actor, "
            "causation_id, correlation_id, recorded_at, hash")


class BadEventLog(Invalid):
    """An events file that cannot be loaded; the message names the line."""

    code = "bad-event-log"


class EventLine(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """One stored event. `previous_hash` is the hash of the event before it in the log it
    came from, so that each line's hash can be checked even in a one-budget export."""

    position: int
    stream_id: str
    version: int
    type: str
    schema_version: int
    data: msgspec.Raw
    command_id: str
    actor: str | None
    causation_id: str | None
    correlation_id: str | None
    recorded_at: Annotated[dt.datetime, msgspec.Meta(tz=True)]
    previous_hash: str
    hash: str


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(EventLine)


def write_events(cur: duckdb.DuckDBPyConnection, out: BinaryIO,
                 budget_id: str | None = None) -> int:
    """Write the log (or one budget's stream) as JSON lines in position order; the count.
    The bound is read first, so the lines are a prefix of the log even outside a
    transaction; inside one they are exactly its snapshot."""
    if budget_id is None:
        key, where, params = "e.position", "", []
        row = cur.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()
    else:
        key, where, params = "e.version", "e.stream_id = ? AND ", [budget_id]
        row = cur.execute("SELECT coalesce(max(version), 0) FROM events WHERE stream_id = ?",
                          params).fetchone()
    last, after, count = int(row[0]) if row else 0, 0, 0
    select = ", ".join(f"e.{c}" for c in _COLUMNS.split(", "))
    while after < last:
        batch = [*params, after, after + BATCH]
        span = cur.execute(f"SELECT min(e.position), max(e.position) FROM events e "
                           f"WHERE {where}{key} > ? AND {key} <= ?", batch).fetchone()
        # The previous hashes come from the batch's own position range, not a scan of the
        # whole log per batch.
        rows = cur.execute(
            f"SELECT {select}, coalesce(p.hash, '') FROM events e LEFT JOIN (SELECT position, "
            "hash FROM events WHERE position >= ? AND position < ?) p "
            f"ON p.position = e.position - 1 WHERE {where}{key} > ? AND {key} <= ? "
            "ORDER BY e.position", [(span[0] or 1) - 1, span[1] or 0, *batch]).fetchall()
        buffer = bytearray()
        for r in rows:
            buffer += _encoder.encode(EventLine(
                position=r[0], stream_id=r[1], version=r[2], type=r[3], schema_version=r[4],
                data=msgspec.Raw(r[5].encode()), command_id=r[6], actor=r[7],
                causation_id=r[8], correlation_id=r[9],
                recorded_at=r[10].replace(tzinfo=dt.UTC), previous_hash=r[12], hash=r[11]))
            buffer += b"\n"
        out.write(bytes(buffer))
        count += len(rows)
        after += BATCH
    return count


class _Checker:
    """Checks lines one after another: decoding, versions, and the hash chain."""

    def __init__(self) -> None:
        self.count = 0
        self.previous: EventLine | None = None
        self.chain = ""  # the hash of the last event as loaded (renumbered)
        self.versions: dict[str, int] = {}

    def check(self, number: int, raw: bytes | str) -> tuple:
        def refuse(why: str) -> BadEventLog:
            return BadEventLog(f"line {number}: {why}")

        text = (raw.encode() if isinstance(raw, str) else raw).rstrip(b"\r\n")
        if not text.strip():
            raise refuse("an empty line; every line must be one event")
        try:
            line = _decoder.decode(text)
            event = ev.decode_event(line.data)
            data = bytes(line.data).decode()
        except (msgspec.DecodeError, UnicodeDecodeError) as exc:
            raise refuse(f"not a stored event: {exc}") from None
        if ev.event_type(event) != line.type:
            raise refuse(f"type {line.type!r} but the data is a {ev.event_type(event)}")
        if not 1 <= line.schema_version <= type(event).schema_version:
            raise refuse(f"schema version {line.schema_version} is not one of {line.type}'s")
        expected = self.versions.get(line.stream_id, 0) + 1
        if line.version != expected:
            raise refuse(f"version {line.version} of stream {line.stream_id}, "
                         f"expected {expected}")
        if (expected == 1) != isinstance(event, ev.BudgetCreated) or (
                isinstance(event, ev.BudgetCreated) and event.budget_id != line.stream_id):
            raise refuse("a budget's stream starts with its BudgetCreated, and only there")
        when = line.recorded_at.astimezone(dt.UTC).replace(tzinfo=None)
        fields = (line.stream_id, line.version, line.type, data, line.command_id, line.actor,
                  when)
        if event_hash(line.previous_hash, line.position, *fields) != line.hash:
            raise refuse("the hash does not match the event (changed or damaged)")
        before = self.previous
        if before is not None and line.position <= before.position:
            raise refuse(f"position {line.position} does not follow {before.position}")
        follows = line.position == before.position + 1 if before else line.position == 1
        if follows and line.previous_hash != (before.hash if before else ""):
            raise refuse("the hash chain breaks: previous_hash is not the hash before it")
        self.count += 1
        self.versions[line.stream_id] = line.version
        self.previous = line
        # A one-budget export has gaps: it is renumbered and chained anew. For the whole
        # log positions and hashes come out unchanged.
        self.chain = event_hash(self.chain, self.count, *fields)
        return (self.count, line.stream_id, line.version, line.type, line.schema_version,
                data, line.command_id, line.actor, line.causation_id, line.correlation_id,
                when, self.chain)


def _insert(cur: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    columns = [list(c) for c in zip(*rows, strict=True)]
    cur.execute(f"INSERT INTO events ({_COLUMNS}) SELECT "
                + ", ".join(f"unnest(${i + 1})" for i in range(len(columns))), columns)


def _quiet(_: str) -> None:
    """Replay's progress lines are not wanted while loading."""


def load_events(con: duckdb.DuckDBPyConnection, lines: Iterable[bytes | str], *,
                rebuild: bool = True, progress: Progress = _quiet) -> int:
    """Check and load an events file into a database with no events, all or nothing; then
    rebuild the read models (unless `rebuild` is false). The number of events loaded."""
    checker = _Checker()
    with con.cursor() as cur:
        if cur.execute("SELECT count(*) FROM events").fetchone()[0]:
            raise BadEventLog("the database already has events; load into a fresh one")
        with transaction(cur):
            batch: list[tuple] = []
            for number, raw in enumerate(lines, start=1):
                batch.append(checker.check(number, raw))
                if len(batch) == BATCH:
                    _insert(cur, batch)
                    batch = []
            if batch:
                _insert(cur, batch)
    if rebuild and checker.count:
        rebuild_read_models(con, progress)
    return checker.count


def rebuild_read_models(con: duckdb.DuckDBPyConnection, progress: Progress = _quiet) -> None:
    """Replay the loaded log; positions were renumbered 1..n, so an event that does not
    apply to its budget is named by its line."""
    try:
        replay(con, progress)
    except CorruptEvent as exc:
        raise BadEventLog(f"line {exc.position}: the event does not apply to its budget "
                          f"({exc.detail})") from None
