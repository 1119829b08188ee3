"""The event log: optimistic concurrency, metadata, idempotency, atomic commands."""
