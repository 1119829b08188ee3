"""The tables a backup keeps besides the event log: every table of the database that is
neither derived from the log (read models), nor ephemeral (sessions), nor the migration
record (the manifest lists migrations). A table added by a later migration is kept too."""

import re
from collections.abc import Iterable
from typing import BinaryIO

import duckdb
import msgspec

from dojo.domain.errors import Invalid
from dojo.projections.rebuild import TABLES as READ_MODELS

NOT_KEPT = frozenset({"events", "applied_migrations", "sessions", *READ_MODELS})
# Types whose values survive JSON and a cast back exactly; anything else is refused at
# backup time rather than restored wrong.
_KEPT_TYPES = re.compile(r"VARCHAR|JSON|BOOLEAN|(TINY|SMALL|BIG|HUGE|U)?INT(EGER)?|DOUBLE|"
                         r"FLOAT|DECIMAL\(\d+,\d+\)|DATE|TIMESTAMP( WITH TIME ZONE)?|UUID")
BATCH = 10_000


class BadBackup(Invalid):
    """A backup that cannot be taken or restored; the message says why."""

    code = "bad-backup"


def kept_tables(cur: duckdb.DuckDBPyConnection) -> list[str]:
    rows = cur.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database() AND table_type = 'BASE TABLE' "
        "ORDER BY table_name").fetchall()
    return [r[0] for r in rows if r[0] not in NOT_KEPT]


def columns(cur: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in cur.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE "
        "table_schema = 'main' AND table_catalog = current_database() AND table_name = ? "
        "ORDER BY ordinal_position", [table]).fetchall()]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def dump_table(cur: duckdb.DuckDBPyConnection, table: str, out: BinaryIO) -> tuple[int, list[str]]:
    """Write a table's rows as JSON objects, one a line, in a stable order."""
    found = columns(cur, table)
    for name, type_ in found:
        if not _KEPT_TYPES.fullmatch(type_):
            raise BadBackup(f"table {table}: column {name} has type {type_}, which backups "
                            "do not carry")
    names = [name for name, _ in found]
    encoder = msgspec.json.Encoder()
    count = 0
    result = cur.execute(f"SELECT * FROM {_quoted(table)} ORDER BY ALL")
    while rows := result.fetchmany(BATCH):
        out.write(b"".join(encoder.encode(dict(zip(names, r, strict=True))) + b"\n"
                           for r in rows))
        count += len(rows)
    return count, names


def load_table(cur: duckdb.DuckDBPyConnection, table: str, names: list[str],
               lines: Iterable[bytes], source: str) -> int:
    """Insert the rows of a dumped table, cast to the table's own column types."""
    types = dict(columns(cur, table))
    if not types:
        raise BadBackup(f"{source}: this database has no table {table}")
    if missing := [n for n in names if n not in types]:
        raise BadBackup(f"{source}: table {table} has no column {', '.join(missing)}")
    casts = ", ".join(f"CAST(v{i} AS {types[n]})" for i, n in enumerate(names))
    values = ", ".join(f"unnest(${i + 1}) AS v{i}" for i in range(len(names)))
    sql = (f"INSERT INTO {_quoted(table)} ({', '.join(map(_quoted, names))}) "
           f"SELECT {casts} FROM (SELECT {values})")
    decoder = msgspec.json.Decoder(dict[str, object])
    count, batch = 0, []
    for number, line in enumerate(lines, start=1):
        try:
            row = decoder.decode(line)
        except msgspec.DecodeError as exc:
            raise BadBackup(f"{source}: line {number}: {exc}") from None
        if sorted(row) != sorted(names):
            raise BadBackup(f"{source}: line {number}: the columns are not {names}")
        batch.append([row[n] for n in names])
        if len(batch) == BATCH:
            count += _insert(cur, sql, batch, source)
            batch = []
    if batch:
        count += _insert(cur, sql, batch, source)
    return count


def _insert(cur: duckdb.DuckDBPyConnection, sql: str, rows: list[list[object]],
            source: str) -> int:
    try:
        cur.execute(sql, [list(c) for c in zip(*rows, strict=True)])
    except duckdb.Error as exc:
        raise BadBackup(f"{source}: {exc}") from None
    return len(rows)
