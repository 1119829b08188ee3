"""Importing transactions from a JSON-lines file (`dojo import-json`) in all-or-nothing
batches that a rerun skips (docs/decisions/0008-bulk-import.md)."""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import msgspec

from dojo.api.controllers.transactions import _transaction_command
from dojo.api.schemas import TransactionRequest
from dojo.app.batch_ids import ItemRefused
from dojo.app.bulk import MAX_ITEMS, record_transactions
from dojo.app.service import Dojo
from dojo.domain import commands as cmd
from dojo.domain.errors import DomainError
from dojo.domain.ids import derived_id

# Items kept from the checking pass (about 75 MB for 100,000) so that a file of up to that
# many is read once; a longer one is read again, batch by batch.
KEEP = 100_000


@dataclass
class Summary:
    """What an import has committed so far."""

    batches: int = 0
    created: int = 0
    existing: int = 0
    version: int = 0


class ImportStopped(Exception):
    """The import stopped; `landed` says what earlier batches committed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.landed = Summary()


class BadItem(ImportStopped):
    """An item the import refuses; `line` is its line in the file (item N is line N)."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(f"item {line}: {detail}")
        self.line, self.detail = line, detail


def _explain(error: DomainError) -> str:
    return f"{error.field}: {error.detail}" if error.field else error.detail


def read_items(path: Path) -> Iterator[tuple[int, TransactionRequest]]:
    """The file's items with their line numbers; blank lines are skipped."""
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            try:
                yield number, msgspec.json.decode(raw, type=TransactionRequest, strict=True)
            except msgspec.ValidationError as exc:
                raise BadItem(number, str(exc)) from exc
            except (msgspec.DecodeError, UnicodeDecodeError) as exc:
                raise BadItem(number, f"not valid JSON: {exc}") from exc


def commands(path: Path, budget_id: str) -> Iterator[tuple[int, cmd.RecordTransaction]]:
    """Each item as a command; an item without an id gets one derived from its content (and
    how many identical items came before it), so that a rerun names the same transactions."""
    seen: dict[bytes, int] = {}
    scope = f"import-json:{budget_id}"
    for number, item in read_items(path):
        txn_id = item.id
        if txn_id is None:
            digest = hashlib.sha256(msgspec.json.encode(item)).digest()
            seen[digest] = seen.get(digest, 0) + 1
            txn_id = derived_id(scope, f"{digest.hex()}/{seen[digest]}")
        try:
            yield number, _transaction_command(cmd.RecordTransaction, txn_id, item)
        except DomainError as error:
            raise BadItem(number, _explain(error)) from error


def import_file(dojo: Dojo, budget_id: str, path: Path, batch: int = MAX_ITEMS,
                report: Callable[[str], None] = print) -> Summary:
    """Check every line first, then import a batch at a time: a refusal leaves its batch out
    (earlier batches stay) and raises ImportStopped (BadItem when it names an item)."""
    with dojo.con.cursor() as cur:  # NotFound before reading anything
        summary = Summary(version=dojo.budget_version(cur, budget_id))
    kept: list[tuple[int, cmd.RecordTransaction]] | None = []
    for pair in commands(path, budget_id):
        if kept is not None:
            kept.append(pair)
            kept = kept if len(kept) <= KEEP else None
    numbered = iter(kept) if kept is not None else commands(path, budget_id)
    while chunk := list(islice(numbered, batch)):
        lines = [number for number, _ in chunk]
        try:
            done = record_transactions(dojo, budget_id, [c for _, c in chunk])
        except DomainError as error:
            # A refusal of the batch as a whole (a month's net worth beyond int64) names no item.
            stopped = (BadItem(lines[error.index], _explain(error.error))
                       if isinstance(error, ItemRefused) else
                       ImportStopped(f"lines {lines[0]}-{lines[-1]}: {_explain(error)}"))
            stopped.landed = summary
            raise stopped from error
        created = sum(done.created)
        summary.batches += 1
        summary.created += created
        summary.existing += len(chunk) - created
        summary.version = done.version
        report(f"batch {summary.batches} (lines {lines[0]}-{lines[-1]}): {created} created, "
               f"{len(chunk) - created} existing")
    return summary
