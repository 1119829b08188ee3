"""Which export formats there are, what they are served as, and writing one to a stream."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal

import duckdb

from dojo.app.transaction import transaction
from dojo.exports import beancount, hledger, register_csv
from dojo.exports.ledger import Ledger, budget_row, load

FormatName = Literal["csv", "events", "hledger", "beancount"]
_FLUSH = 1 << 16


@dataclass(frozen=True)
class Format:
    media_type: str  # text is UTF-8 (the HTTP answer says so: `; charset=utf-8`)
    extension: str
    write: Callable[[Ledger], Iterator[str]] | None  # None: the event log, written as is


FORMATS: dict[str, Format] = {
    "csv": Format("text/csv", "csv", register_csv.write),
    "events": Format("application/x-ndjson", "jsonl", None),
    "hledger": Format("text/plain", "journal", hledger.write),
    "beancount": Format("text/plain", "beancount", beancount.write),
}


def export(cur: duckdb.DuckDBPyConnection, budget_id: str, name: str, out: BinaryIO) -> None:
    """Write the budget in format `name` to `out`, from one snapshot of the database;
    NotFound before anything is written."""
    with transaction(cur):  # read only: every query sees the same commit
        _export(cur, budget_id, FORMATS[name], out)


def _export(cur: duckdb.DuckDBPyConnection, budget_id: str, chosen: Format,
            out: BinaryIO) -> None:
    if chosen.write is None:
        from dojo.eventlog_io import write_events

        budget_row(cur, budget_id)
        write_events(cur, out, budget_id)
        return
    ledger = load(cur, budget_id)
    pending: list[str] = []
    size = 0
    for chunk in chosen.write(ledger):
        pending.append(chunk)
        size += len(chunk)
        if size >= _FLUSH:
            out.write("".join(pending).encode())
            pending, size = [], 0
    out.write("".join(pending).encode())


def filename(budget_id: str, name: str) -> str:
    """A safe attachment name: `dojo-<budget id>.<extension>`."""
    safe = "".join(ch for ch in budget_id if ch.isascii() and (ch.isalnum() or ch in "-_"))
    return f"dojo-{safe or 'budget'}.{FORMATS[name].extension}"
