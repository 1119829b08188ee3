"""contracts/events.json is generated from the event structs and must not drift."""

import json
from pathlib import Path

from dojo.contracts import events_schema, render_events
from dojo.domain.events import EVENT_TYPES

CONTRACT = Path(__file__).resolve().parents[3] / "contracts" / "events.json"


def test_committed_events_contract_matches_the_structs() -> None:
    assert CONTRACT.read_text() == render_events(), (
        "contracts/events.json is stale: run `python -m dojo.contracts events > "
        "contracts/events.json`"
    )


def test_every_event_type_is_published_with_its_schema_version() -> None:
    schema = events_schema()
    tags = {t.__struct_config__.tag for t in EVENT_TYPES}
    assert tags <= set(schema["$defs"])
    assert set(schema["x-schema-versions"]) == tags
    assert json.loads(CONTRACT.read_text())["x-schema-versions"] == schema["x-schema-versions"]
