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
        current = self.stream_version(cur, stream_id)
        if current != expected_version:
            raise VersionConflict(
                f"stream {stream_id} is at version {current}, expected {expected_version}"
            )
        first = self.last_position(cur) + 1
        positions = list(range(first, first + len(events)))
        when = recorded_at.astimezone(dt.UTC).replace(tzinfo=None)
        when = when.replace(microsecond=when.microsecond)  # DuckDB keeps microseconds
        versions = [expected_version + 1 + i for i in range(len(events))]
        types = [event_type(e) for e in events]
        datas = [encode_event(e).decode() for e in events]
        hashes, previous = [], self._last_hash
        for position, version, type_, data in zip(positions, versions, types, datas,
                                                  strict=True):
            previous = event_hash(previous, position, stream_id, version, type_, data,
                                  meta.command_id, meta.actor, when)
            hashes.append(previous)
        cur.execute(
            "INSERT INTO events SELECT unnest($1), $2, unnest($3), unnest($4), unnest($5), "
            "unnest($6), $7, $8, $9, $10, $11, unnest($12)",
            [positions, stream_id, versions, types,
             [type(e).schema_version for e in events], datas, meta.command_id, meta.actor,
             meta.causation_id, meta.correlation_id, when, hashes],
        )
        if positions:
            self._last_position, self._last_hash = positions[-1], hashes[-1]
        return positions

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
    def record_command(
        cur: duckdb.DuckDBPyConnection,
        command_id: str,
        stream_id: str,
        content_hash: str,
        result: str,
        position: int,
    ) -> None:
        cur.execute(
            "INSERT INTO commands VALUES (?, ?, ?, ?, ?)",
            [command_id, stream_id, content_hash, result, position],
        )
