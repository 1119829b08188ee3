"""One demo household for every export test of this package (building it takes seconds)."""

from collections.abc import Iterator

import pytest

from dojo.app.service import Dojo
from tests.integration.exports.books import demo_books


@pytest.fixture(scope="package")
def demo() -> Iterator[tuple[Dojo, str]]:
    dojo, budget_id = demo_books()
    yield dojo, budget_id
    dojo.con.close()
