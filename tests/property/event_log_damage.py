"""Damage for the event log fuzzers: a valid log built once, copies of it, and strategies for
what could end up in one event's data or type column."""

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from hypothesis import strategies as st

from dojo.bootstrap import open_dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.domain.events import EVENT_TYPES
from dojo.ids import SequentialIds
from dojo.projections.rebuild import TABLES
from tests.integration.rebuild.test_replay_and_verify import build_budget

TAGS = sorted(str(t.__struct_config__.tag) for t in EVENT_TYPES)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
    | st.sampled_from(["", "2026-02-30", "2026-13", "0000-01-01", "credit_card", "chk", "food",
                       "reconciled", "BudgetCreated"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=8)


EDGE_INTS = st.sampled_from([2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**62, -(2**62), 0, -1])
ODD_DATES = st.sampled_from(["2026-02-30", "0000-01-01", "9999-12-31", "2026-13-01", "2026-1-1",
                             "\u0662\u0660\u0662\u0666-01-01", "1969-12-31", "2026-02"])


@dataclass(frozen=True)
class Stored:
    position: int
    type: str
    data: str


def build_template(path: Path) -> list[Stored]:
    """A small budget touching every kind of event, its file closed; the stored rows."""
    dojo = open_dojo(path, clock=FixedClock.on("2026-02-20"), ids=SequentialIds())
    build_budget(dojo)
    dojo.con.execute("CHECKPOINT")
    rows = dojo.con.execute("SELECT position, type, data FROM events ORDER BY position"
                            ).fetchall()
    dojo.con.close()
    return [Stored(int(p), t, d) for p, t, d in rows]


def copy_of(template: Path, folder: Path) -> str:
    target = folder / template.name
    shutil.copyfile(template, target)
    return str(target)


def read_models(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    with con.cursor() as cur:
        return {t: cur.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def damage(path: str, position: int, column: str, value: str) -> bool:
    """Write `value` into one event's column; False when DuckDB refuses it (malformed JSON
    never reaches a JSON column, so it cannot be in a log either)."""
    with connect(path) as con:
        try:
            con.execute(f"UPDATE events SET {column} = ? WHERE position = ?", [value, position])
        except duckdb.ConversionException:
            return False
    return True


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key in sorted(node):
            found += _paths(node[key], (*prefix, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _paths(item, (*prefix, index))
    return found


def _set(node: Any, path: tuple[Any, ...], value: Any, drop: bool) -> None:
    for key in path[:-1]:
        node = node[key]
    if drop:
        del node[path[-1]]
    else:
        node[path[-1]] = value


def ids_in(stored: list[Stored]) -> list[str]:
    """Every id the log mentions, to swap one for another (an event about the wrong thing)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("_id") and isinstance(value, str):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for row in stored:
        walk(json.loads(row.data))
    return sorted(found)


def _replacement(old: Any, ids: list[str]) -> st.SearchStrategy[Any]:
    """A new value, most often of the same kind as the old one (so it still decodes and
    damages what is stored or computed rather than the decoding)."""
    if isinstance(old, int) and not isinstance(old, bool):
        return EDGE_INTS | st.integers() | JSON_VALUES
    if isinstance(old, str) and len(old) in (7, 10) and old[:2] in ("19", "20"):
        return ODD_DATES | st.text(max_size=12)
    if isinstance(old, str) and ids:
        return st.sampled_from(ids) | JSON_VALUES
    return JSON_VALUES


@st.composite
def damaged_data(draw: st.DrawFn, original: str, ids: tuple[str, ...] = ()) -> str:
    """The event's JSON with one value changed (mostly to one of its kind), dropped or added,
    its tag swapped, or any JSON document, or any bytes (as text)."""
    kind = draw(st.sampled_from(["change", "change", "change", "drop", "add", "tag", "json",
                                 "bytes"]))
    if kind == "json":
        return json.dumps(draw(JSON_VALUES))
    if kind == "bytes":
        return draw(st.binary(max_size=40)).decode("latin-1")
    document = json.loads(original)
    if kind == "tag":
        document["type"] = draw(st.sampled_from(TAGS) | st.text(max_size=12))
    elif kind == "add":
        document[draw(st.text(max_size=10))] = draw(JSON_VALUES)
    else:
        path = draw(st.sampled_from(_paths(document)))
        old = document
        for key in path:
            old = old[key]
        _set(document, path, draw(_replacement(old, list(ids))), drop=kind == "drop")
    return json.dumps(document)
