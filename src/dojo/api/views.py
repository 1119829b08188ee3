"""Read views of a budget kept per budget version (issue 6, decision 0014).

A budget's read models change only with a new event, and every event gives the budget a
new version (its ETag). A view computed from the models is therefore the answer for as long
as the version stands: the month screen and net worth are kept under (budget, version, what
was asked) and served from memory until the next write. The version is read before the
view is computed, so a view is never older than the version it is kept under.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import duckdb

from dojo.domain.errors import NotFound

T = TypeVar("T")


class ViewCache:
    """The most recently used views, at most `size` of them."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._views: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return self._views[key]  # type: ignore[return-value]
        view = make()
        with self._lock:
            self._views[key] = view
            if len(self._views) > self.size:
                self._views.popitem(last=False)
        return view


def head(cur: duckdb.DuckDBPyConnection, budget_id: str) -> tuple[int, str | None]:
    """The budget's version and first month with data, in one read."""
    row = cur.execute("SELECT version, first_month FROM rm_budgets WHERE budget_id = ?",
                      [budget_id]).fetchone()
    if row is None:
        raise NotFound("budget not found")
    return int(row[0]), row[1]
