"""The hash chain over the event log: each event's hash covers the previous event's hash
and the event's own canonical fields, so that changing, removing or reordering a stored
event breaks the chain from that position on. Python and SQL compute the same digest."""

import datetime as dt
import hashlib

import duckdb

_EPOCH = dt.datetime(1970, 1, 1)
_SEP = "\x1f"

# The same digest in SQL, for one event given the previous hash as `prev`.
SQL_HASH = ("sha256(concat_ws(chr(31), {prev}, position::VARCHAR, stream_id, version::VARCHAR, "
            "type, data::VARCHAR, command_id, coalesce(actor, ''), "
            "epoch_us(recorded_at)::VARCHAR))")


def event_hash(previous: str, position: int, stream_id: str, version: int, type_: str,
               data: str, command_id: str, actor: str | None, recorded_at: dt.datetime) -> str:
    """The chained digest of one event; `recorded_at` is naive UTC as stored."""
    micros = (recorded_at - _EPOCH) // dt.timedelta(microseconds=1)
    text = _SEP.join([previous, str(position), stream_id, str(version), type_, data,
                      command_id, actor or "", str(micros)])
    return hashlib.sha256(text.encode()).hexdigest()


def first_break(cur: duckdb.DuckDBPyConnection) -> int | None:
    """The first position whose stored hash does not follow from the one before, or None."""
    expected = SQL_HASH.format(prev="coalesce(lag(hash) OVER (ORDER BY position), '')")
    row = cur.execute(
        f"SELECT min(position) FROM (SELECT position, hash, {expected} AS expected, "
        "position - lag(position, 1, 0) OVER (ORDER BY position) AS step FROM events) "
        "WHERE hash IS DISTINCT FROM expected OR step <> 1").fetchone()
    return int(row[0]) if row and row[0] is not None else None
