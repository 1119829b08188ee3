"""Appending to and reading the event log. No code path updates or deletes an event."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb

from dojo.domain.errors import VersionConflict
from dojo.domain.events import Event, decode_event, encode_event, event_type
from dojo.eventstore.chain import event_hash


@dataclass(frozen=True, slots=True)
class Metadata:
    command_id: str
    actor: str | None = None
    causation_id: str | None = None
    correlation_id: str | None = None


@dataclass(frozen=True, slots=True)
class Batch:
    """One command's events for one stream, expected at a version."""

    stream_id: str
    expected_version: int
    events: list[Event]
    meta: Metadata


@dataclass(frozen=True, slots=True)
class StoredEvent:
    position: int
    stream_id: str
    version: int
    event: Event
    recorded_at: dt.datetime


class EventStore:
    """The single writer's view of the log; positions are gapless and in commit order."""

    def __init__(self) -> None:
        self._last_position: int | None = None
        self._last_hash = ""

    def forget_position(self) -> None:
        """After a rollback the cached position may be ahead of the log."""
        self._last_position = None

    def last_position(self, cur: duckdb.DuckDBPyConnection) -> int:
        if self._last_position is None:
            row = cur.execute("SELECT position, hash FROM events ORDER BY position DESC "
                              "LIMIT 1").fetchone()
            self._last_position, self._last_hash = (int(row[0]), row[1]) if row else (0, "")
        return self._last_position

    @staticmethod
    def stream_version(cur: duckdb.DuckDBPyConnection, stream_id: str) -> int:
        row = cur.execute(
            "SELECT coalesce(max(version), 0) FROM events WHERE stream_id = ?", [stream_id]
        ).fetchone()
        return int(row[0]) if row else 0

    def append(
        self,
        cur: duckdb.DuckDBPyConnection,
        stream_id: str,
        expected_version: int,
        events: list[Event],
        meta: Metadata,
        recorded_at: dt.datetime,
    ) -> list[int]:
        """Append inside the caller's transaction; returns the new positions."""
        return self.append_many(cur, [Batch(stream_id, expected_version, events, meta)],
                                recorded_at)[0]

    def append_many(self, cur: duckdb.DuckDBPyConnection, batches: list["Batch"],
                    recorded_at: dt.datetime, *, check: bool = True) -> list[list[int]]:
        """Append several commands' events in one statement, in order; returns their
        positions. Each batch is checked against its stream's version first (one query for
        all streams), or, with `check=False` (the writer holds the versions in its cached
        state), by `UNIQUE (stream_id, version)` and the position key alone: a violation is
        the same VersionConflict, without a query that reads the whole stream."""
        current = {b.stream_id: b.expected_version for b in reversed(batches)}
        if check:
            current = dict.fromkeys(current, 0)
            current.update(cur.execute(
                "SELECT stream_id, max(version) FROM events WHERE stream_id IN "
                "(SELECT unnest($1)) GROUP BY stream_id", [sorted(current)]).fetchall())
        when = recorded_at.astimezone(dt.UTC).replace(tzinfo=None)
        position, previous = self.last_position(cur), self._last_hash
        columns: tuple[list, ...] = tuple([] for _ in range(11))
        out: list[list[int]] = []
        for b in batches:
            if current[b.stream_id] != b.expected_version:
                raise VersionConflict(f"stream {b.stream_id} is at version "
                                      f"{current[b.stream_id]}, expected {b.expected_version}")
            current[b.stream_id] += len(b.events)
            positions = []
            for i, event in enumerate(b.events):
                position += 1
                version, type_ = b.expected_version + 1 + i, event_type(event)
                data = encode_event(event).decode()
                previous = event_hash(previous, position, b.stream_id, version, type_, data,
                                      b.meta.command_id, b.meta.actor, when)
                row = (position, b.stream_id, version, type_, type(event).schema_version, data,
                       b.meta.command_id, b.meta.actor, b.meta.causation_id,
                       b.meta.correlation_id, previous)
                for column, value in zip(columns, row, strict=True):
                    column.append(value)
                positions.append(position)
            out.append(positions)
        if columns[0]:
            try:
                cur.execute(
                    "INSERT INTO events SELECT unnest($1), unnest($2), unnest($3), unnest($4), "
                    "unnest($5), unnest($6), unnest($7), unnest($8), unnest($9), unnest($10), "
                    "$11, unnest($12)", [*columns[:10], when, columns[10]])
            except duckdb.ConstraintException as exc:
                raise VersionConflict("another writer appended to the log first; read the "
                                      "budget again and retry") from exc
            self._last_position, self._last_hash = position, previous
        return out

    @staticmethod
    def read_stream(cur: duckdb.DuckDBPyConnection, stream_id: str) -> list[Event]:
        rows = cur.execute(
            "SELECT data FROM events WHERE stream_id = ? ORDER BY version", [stream_id]
        ).fetchall()
        return [decode_event(row[0]) for row in rows]

    @staticmethod
    def read_batches(
        cur: duckdb.DuckDBPyConnection, batch: int = 10_000
    ) -> Iterator[list[tuple[int, str, Event]]]:
        """The whole log in position order, a position range at a time (no OFFSET)."""
        row = cur.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()
        last = int(row[0]) if row else 0
        after = 0
        while after < last:
            rows = cur.execute(
                "SELECT position, stream_id, data FROM events "
                "WHERE position > ? AND position <= ? ORDER BY position",
                [after, after + batch],
            ).fetchall()
            yield [(int(p), s, decode_event(d)) for p, s, d in rows]
            after += batch

    @staticmethod
    def find_command(cur: duckdb.DuckDBPyConnection, command_id: str) -> tuple[str, str] | None:
        """The content hash and result of a command already carried out."""
        row = cur.execute(
            "SELECT content_hash, result FROM commands WHERE command_id = ?", [command_id]
        ).fetchone()
        return (row[0], row[1]) if row else None

    @staticmethod
    def find_commands(cur: duckdb.DuckDBPyConnection,
                      command_ids: list[str]) -> dict[str, tuple[str, str]]:
        """Content hash and result of each of these commands already carried out."""
        rows = cur.execute("SELECT command_id, content_hash, result FROM commands "
                           "WHERE command_id IN (SELECT unnest($1))", [command_ids]).fetchall()
        return {row[0]: (row[1], row[2]) for row in rows}

    @staticmethod
    def record_commands(cur: duckdb.DuckDBPyConnection,
                        rows: list[tuple[str, str, str, str, int]]) -> None:
        """Record commands carried out: (id, stream, content hash, result, position)."""
        if rows:
            cur.execute("INSERT INTO commands SELECT unnest($1), unnest($2), unnest($3), "
                        "unnest($4), unnest($5)", [list(c) for c in zip(*rows, strict=True)])

    @staticmethod
    def record_batch(cur: duckdb.DuckDBPyConnection, command_ids: list[str],
                     content_hashes: list[str], stream_id: str, result: str,
                     position: int) -> None:
        """Record the commands of one batch, which share its stream, result and position
        (passed once, not unnested per row: three times faster for 10,000 rows)."""
        if command_ids:
            cur.execute("INSERT INTO commands SELECT unnest($1), $2, unnest($3), $4, $5",
                        [command_ids, stream_id, content_hashes, result, position])
