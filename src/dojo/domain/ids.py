"""Ids derived deterministically from other ids, so replays and repeats agree (R-T3)."""

import uuid

_NAMESPACE = uuid.UUID("6f1d3a52-5b0e-4d37-9a57-1f0c2e6b7d10")


def derived_id(parent: str, role: str) -> str:
    """A stable UUID for the `role` child of `parent` (a transfer side, a payment category)."""
    return str(uuid.uuid5(_NAMESPACE, f"{parent}/{role}"))
