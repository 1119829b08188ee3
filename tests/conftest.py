"""Shared fixtures: an in-memory, migrated database with a fixed clock and counting ids."""

import os
from collections.abc import Iterator

import duckdb
import pytest
from hypothesis import settings

from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.db import connect
from dojo.ids import SequentialIds
from dojo.migrations import migrate

settings.register_profile("dojo-ci", derandomize=True, deadline=None, print_blob=True,
                          database=None)
if os.environ.get("CI"):
    settings.load_profile("dojo-ci")


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(":memory:")
    migrate(connection, clock=FixedClock.on("2026-01-01"))
    yield connection
    connection.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on("2026-02-20")


@pytest.fixture
def dojo(con: duckdb.DuckDBPyConnection, clock: FixedClock) -> Dojo:
    return Dojo(con, clock, SequentialIds())
