"""Published contracts: the JSON Schema of every stored event type (contracts/events.json)
and the OpenAPI document of the HTTP API (contracts/openapi.json).

Regenerate with `make contracts` (python -m dojo.contracts events|openapi); a test fails
when a committed file and the code differ.
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


def render_openapi() -> str:
    """The OpenAPI document the app serves at /schema/openapi.json."""
    from litestar.serialization import encode_json

    from dojo.api import create_app

    raw = encode_json(create_app().openapi_schema.to_schema())
    return msgspec.json.format(raw, indent=2).decode() + "\n"


RENDERERS = {"events": render_events, "openapi": render_openapi}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in RENDERERS:
        sys.exit("usage: python -m dojo.contracts events|openapi")
    sys.stdout.write(RENDERERS[sys.argv[1]]())
