"""Published contracts: the JSON Schema of every stored event type (contracts/events.json).

Regenerate with `python -m dojo.contracts events > contracts/events.json`; a test fails when
the committed file and the structs differ.
"""

import json
import sys

import msgspec

from dojo.domain.events import EVENT_TYPES, AnyEvent


def events_schema() -> dict:
    """One schema for the tagged union of events, each type under `$defs`."""
    (schema,), components = msgspec.json.schema_components([AnyEvent], ref_template=
                                                           "#/$defs/{name}")
    versions = {t.__struct_config__.tag: t.schema_version for t in EVENT_TYPES}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Dojo events",
        "description": "The `data` column of the events table: one JSON object per event, "
                       "its type in the `type` field. `x-schema-versions` gives the schema "
                       "version stored beside each type.",
        **schema,
        "x-schema-versions": versions,
        "$defs": components,
    }


def render_events() -> str:
    return json.dumps(events_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] != ["events"]:
        sys.exit("usage: python -m dojo.contracts events")
    sys.stdout.write(render_events())
