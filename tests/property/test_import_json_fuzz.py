"""Fuzzing the `dojo import-json` reader (issue 7): whatever bytes or JSON a file holds, the
import either lands whole batches or stops with a BadItem naming a line of the file, never a
traceback, and never leaves part of a batch in the log or the read models."""

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dojo.app.service import Dojo
from dojo.bootstrap import open_dojo
from dojo.domain.errors import DomainError
from dojo.import_json import BadItem, ImportStopped, Summary, import_file
from dojo.projections.rebuild import differences
from tests.integration.bulk_import.budget import CARD, CHK, FOOD, HOUSE, RENT, budget_file
from tests.integration.bulk_import.budget import B as BUDGET

FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
UNKNOWN = "00000000-0000-4000-a000-0000000000ff"
IDS = [f"00000000-0000-4000-c000-{n:012d}" for n in range(4)]  # few, so they collide

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=8)
# Items that the reader accepts, so that the decisions and the batches get exercised too:
# unknown accounts and categories, a tracking account, impossible or far dates, amounts at
# the int64 limits, splits that do not add up, ids that collide, reconciled by hand.
amounts = st.integers(-10_000, 10_000) | st.sampled_from([0, 2**63 - 1, -(2**63)])
lines_of = st.lists(st.fixed_dictionaries(
    {"category_id": st.sampled_from([FOOD, RENT, None, UNKNOWN]), "amount": amounts},
    optional={"memo": st.text(max_size=5)}), min_size=1, max_size=3)
items = st.fixed_dictionaries(
    {"account_id": st.sampled_from([CHK, CHK, CARD, HOUSE, UNKNOWN]),
     "date": st.sampled_from(["2025-03-04", "2026-02-20", "2031-02-21", "1969-12-31",
                              "2025-02-30", "٢٠٢٥-٠٣-٠٤"]),
     "amount": amounts},
    optional={"id": st.sampled_from([*IDS, None]),
              "category_id": st.sampled_from([FOOD, RENT, UNKNOWN, None]),
              "lines": lines_of,
              "payee": st.text(max_size=6),
              "memo": st.text(max_size=6),
              "cleared": st.sampled_from(["uncleared", "cleared", "reconciled"])})
# Lines that the reader may refuse: junk fields and values, any JSON, any bytes.
junk = st.sampled_from([("amount", 1.5), ("amount", "10"), ("amount", 2**63), ("id", "x"),
                        ("cleared", "maybe"), ("date", "2025-3-4"), ("account_id", "chk")])
line_bytes = (items.map(lambda i: json.dumps(i).encode())
              | st.tuples(items, junk).map(lambda p: json.dumps({**p[0], p[1][0]: p[1][1]})
                                            .encode())
              | st.tuples(items, json_values).map(lambda p: json.dumps({**p[0], "x": p[1]})
                                                  .encode())
              | json_values.map(lambda v: json.dumps(v).encode())
              | st.binary(max_size=40)
              | st.just(b""))
good = st.fixed_dictionaries(
    {"account_id": st.sampled_from([CHK, CARD]), "date": st.sampled_from(["2025-05-06"]),
     "amount": st.integers(-5_000, 5_000), "category_id": st.sampled_from([FOOD, RENT])},
    optional={"payee": st.text(max_size=6)})
mostly_good = st.tuples(st.lists(good, max_size=8), items, st.integers(0, 8)).map(
    lambda t: [*t[0][:t[2]], t[1], *t[0][t[2]:]])
encoded = st.lists(items, max_size=8) | mostly_good
files = (encoded.map(lambda found: [json.dumps(i).encode() for i in found])
         | st.lists(line_bytes, max_size=8)).map(lambda lines: b"\n".join(lines))


def _opened(factory: pytest.TempPathFactory) -> Iterator[Dojo]:
    dojo = open_dojo(budget_file(factory.mktemp("fuzz") / "dojo.duckdb"))
    yield dojo
    dojo.con.close()


@pytest.fixture(scope="module")
def dojo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dojo]:
    """Shared by the fuzzing examples: what one leaves, the next one meets."""
    yield from _opened(tmp_path_factory)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dojo]:
    """Without the fuzzed balances, which can reach the int64 limits and refuse anything."""
    yield from _opened(tmp_path_factory)


def _counts(dojo: Dojo) -> tuple[int, int]:
    with dojo.con.cursor() as cur:
        events = cur.execute("SELECT count(*) FROM events").fetchone()[0]
        rows = cur.execute("SELECT count(*) FROM rm_transactions").fetchone()[0]
    return int(events), int(rows)


def _import(dojo: Dojo, content: bytes, batch: int) -> tuple[Summary, ImportStopped | None]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "items.jsonl"
        path.write_bytes(content)
        try:
            return import_file(dojo, BUDGET, path, batch, report=lambda _: None), None
        except ImportStopped as stopped:
            return stopped.landed, stopped


@FUZZ
@given(content=files, batch=st.integers(1, 4))
def test_any_file_lands_whole_batches_or_names_a_line(dojo: Dojo, content: bytes,
                                                      batch: int) -> None:
    before = _counts(dojo)
    landed, bad = _import(dojo, content, batch)
    events, rows = _counts(dojo)
    assert events - before[0] == rows - before[1] == landed.created
    assert landed.created + landed.existing == batch * landed.batches or bad is None
    event("landed" if bad is None else "refused reading" if bad.__cause__ is None
          or not isinstance(bad.__cause__, DomainError) else "refused deciding")
    event(f"{landed.batches} batch(es) landed")
    if isinstance(bad, BadItem):
        assert 1 <= bad.line <= content.count(b"\n") + 1
        assert str(bad).startswith(f"item {bad.line}: ") and bad.detail
    elif bad is not None:  # refused as a whole: says which lines
        assert str(bad).startswith("lines ")


@settings(FUZZ, max_examples=20)
@given(data=st.data())
def test_a_valid_file_lands_and_a_rerun_appends_nothing(clean: Dojo, data: Any) -> None:
    valid = st.fixed_dictionaries(
        {"account_id": st.sampled_from([CHK, CARD]), "date": st.just("2025-06-01"),
         "amount": st.integers(-5_000, -1), "category_id": st.sampled_from([FOOD, RENT])},
        optional={"payee": st.text(max_size=6)})
    content = b"\n".join(json.dumps(i).encode() for i in data.draw(st.lists(valid, max_size=6)))
    first, bad = _import(clean, content, 3)
    assert bad is None
    after_first = _counts(clean)
    again, bad = _import(clean, content, 2)
    assert bad is None and again.created == 0 and _counts(clean) == after_first
    assert again.existing == first.created + first.existing


def test_the_read_models_still_equal_a_replay(dojo: Dojo) -> None:
    """Runs after the fuzzing above on the same database."""
    assert differences(dojo.con, progress=lambda _: None) == []
