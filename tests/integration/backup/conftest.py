"""One instance built for the whole package; each test module works on a copy."""

import pytest

from tests.integration.backup.instance import Instance, build_instance


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Instance:
    return build_instance(tmp_path_factory.mktemp("template") / "dojo.duckdb", transactions=60)
