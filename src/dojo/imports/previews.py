"""Previews of imports: a file parsed and planned against the account now, stored, and
committed later as one command that is refused if the plan no longer holds."""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

import duckdb
import msgspec

from dojo.app.results import CommandResult
from dojo.app.service import Dojo
from dojo.clock import today
from dojo.domain import commands as cmd
from dojo.domain.errors import NotFound
from dojo.domain.imports import Outcome, Status, plan
from dojo.imports.csv_mapping import CsvMapping
from dojo.imports.formats import Format, detect, parse_file
from dojo.imports.import_ids import with_import_ids
from dojo.imports.qif import DateOrder

KEEP = dt.timedelta(days=7)
Also = Callable[[duckdb.DuckDBPyConnection], None]


class Execute(Protocol):
    def __call__(self, command: cmd.Command, *, command_id: str,
                 also: Also) -> CommandResult: ...


@dataclass(frozen=True)
class ImportFile:
    """A file to import into one account, with how to read it."""

    data: bytes
    file_format: Format | None = None
    csv: CsvMapping | None = None
    date_order: DateOrder = "auto"
    decimal_separator: Literal[".", ","] = "."
    category_id: str | None = None


class ImportRow(msgspec.Struct):
    """A row of the file and what the import does with it."""

    line: int
    status: Status
    date: str
    amount: int
    payee: str | None
    memo: str | None
    import_id: str
    transaction_id: str | None
    reason: str | None


class ImportCounts(msgspec.Struct):
    new: int
    matched: int
    duplicate: int
    rejected: int


class ImportPreview(msgspec.Struct):
    """What an import would do (or did, once committed)."""

    id: str
    account_id: str
    format: str
    created_at: str
    committed: bool
    counts: ImportCounts
    rows: list[ImportRow]


@dataclass(frozen=True)
class Planned:
    """A file parsed and planned: the command a commit runs, and what the preview shows."""

    preview: ImportPreview
    command: cmd.ImportTransactions
    csv: CsvMapping | None


def remembered_mapping(cur: duckdb.DuckDBPyConnection, budget_id: str,
                       account_id: str) -> CsvMapping | None:
    row = cur.execute("SELECT csv_mapping FROM import_mappings WHERE budget_id = ? AND "
                      "account_id = ?", [budget_id, account_id]).fetchone()
    return msgspec.json.decode(row[0], type=CsvMapping) if row else None


def _stamp(moment: dt.datetime) -> str:
    """UTC, to the microsecond, as the event log shows times."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def budget_currency(cur: duckdb.DuckDBPyConnection, budget_id: str) -> tuple[str, int]:
    row = cur.execute("SELECT currency, currency_exponent FROM rm_budgets WHERE budget_id = ?",
                      [budget_id]).fetchone()
    if row is None:
        raise NotFound("budget not found")
    return str(row[0]), int(row[1])


def _preview(preview_id: str, command: cmd.ImportTransactions, outcomes: list[Outcome],
             file_format: str, created_at: str, committed: bool) -> ImportPreview:
    rows = [ImportRow(line=r.line, status=o.status, date=r.date, amount=r.amount, payee=r.payee,
                      memo=r.memo, import_id=r.import_id, transaction_id=o.transaction_id,
                      reason=o.reason)
            for r, o in zip(command.rows, outcomes, strict=True)]
    return ImportPreview(id=preview_id, account_id=command.account_id, format=file_format,
                         created_at=created_at, committed=committed,
                         counts=_counts(o.status for o in outcomes), rows=rows)


def _counts(statuses: Iterable[str]) -> ImportCounts:
    found = Counter(statuses)
    return ImportCounts(found["new"], found["matched"], found["duplicate"], found["rejected"])


def plan_file(dojo: Dojo, budget_id: str, account_id: str, upload: ImportFile,
              preview_id: str) -> Planned:
    """Parse the file (the account's remembered CSV mapping unless one is given) and plan
    it against the account as it is now."""
    with dojo.con.cursor() as cur:
        currency, exponent = budget_currency(cur, budget_id)
        mapping = upload.csv or remembered_mapping(cur, budget_id, account_id)
    file_format = upload.file_format or detect(upload.data)
    parsed = parse_file(upload.data, file_format, exponent, currency, csv=mapping,
                        date_order=upload.date_order,
                        decimal_separator=upload.decimal_separator)
    command = cmd.ImportTransactions(
        account_id=account_id, batch_id=preview_id, category_id=upload.category_id,
        rows=tuple(with_import_ids(parsed, exponent)))
    outcomes = dojo.peek(budget_id, lambda state: plan(state, command, today(dojo.clock)))
    preview = _preview(preview_id, command, outcomes, file_format, _stamp(dojo.clock.now()),
                       False)
    command = msgspec.structs.replace(command, expected=tuple(o.key for o in outcomes))
    return Planned(preview, command, mapping if file_format == "csv" else None)


def store(dojo: Dojo, budget_id: str, planned: Planned, actor: str | None) -> None:
    """Keep a preview for its commit; previews older than a week go."""
    now = dojo.clock.now().astimezone(dt.UTC).replace(tzinfo=None)
    mapping = msgspec.json.encode(planned.csv).decode() if planned.csv else None
    preview = planned.preview
    with dojo.writing() as cur:
        cur.execute("DELETE FROM import_previews WHERE created_at < ?", [now - KEEP])
        cur.execute(
            "INSERT INTO import_previews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [preview.id, budget_id, preview.account_id, preview.format, now, actor,
             msgspec.json.encode(planned.command).decode(),
             msgspec.json.encode(preview.rows).decode(), mapping])


def load(cur: duckdb.DuckDBPyConnection, budget_id: str, account_id: str,
         preview_id: str) -> Planned:
    """A stored preview of this account, or 404."""
    row = cur.execute(
        "SELECT file_format, created_at, command, outcomes, csv_mapping, committed_position "
        "FROM import_previews WHERE preview_id = ? AND "
        "budget_id = ? AND account_id = ?", [preview_id, budget_id, account_id]).fetchone()
    if row is None:
        raise NotFound(f"import {preview_id} not found")
    file_format, created_at, command, rows, mapping, position = row
    shown = msgspec.json.decode(rows, type=list[ImportRow])
    preview = ImportPreview(id=preview_id, account_id=account_id, format=file_format,
                            created_at=_stamp(created_at), committed=position is not None,
                            counts=_counts(r.status for r in shown), rows=shown)
    return Planned(preview, msgspec.json.decode(command, type=cmd.ImportTransactions),
                   msgspec.json.decode(mapping, type=CsvMapping) if mapping else None)


def _marker(budget_id: str, planned: Planned, now: dt.datetime) -> Also:
    """What a commit writes beside its events, in the same transaction: the preview marked
    committed, and the CSV mapping remembered for the account."""

    def write(cur: duckdb.DuckDBPyConnection) -> None:
        position = cur.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()
        cur.execute("UPDATE import_previews SET committed_position = ? WHERE preview_id = ?",
                    [position[0] if position else 0, planned.preview.id])
        if planned.csv is not None:
            cur.execute("DELETE FROM import_mappings WHERE budget_id = ? AND account_id = ?",
                        [budget_id, planned.preview.account_id])
            cur.execute("INSERT INTO import_mappings VALUES (?, ?, ?, ?)",
                        [budget_id, planned.preview.account_id,
                         msgspec.json.encode(planned.csv).decode(),
                         now.astimezone(dt.UTC).replace(tzinfo=None)])

    return write


def commit(dojo: Dojo, budget_id: str, planned: Planned,
           execute: Execute) -> tuple[ImportPreview, CommandResult | None]:
    """Carry out a stored preview as one command; committing it again appends nothing.
    `execute(command, command_id=, also=)` runs the command (the API adds the caller's role
    and If-Match to it)."""
    if planned.preview.committed:
        return planned.preview, None
    mark = _marker(budget_id, planned, dojo.clock.now())
    result = execute(planned.command, command_id=f"import:{budget_id}:{planned.preview.id}",
                     also=mark)
    if result.events == 0 and not result.repeated:
        with dojo.writing() as cur:  # nothing to append: only the marks are written
            mark(cur)
    return msgspec.structs.replace(planned.preview, committed=True), result
