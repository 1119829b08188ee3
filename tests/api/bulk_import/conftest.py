"""The idempotency tests' budget (checking, savings, Food and Rent), reused here."""

from tests.api.idempotency.test_idempotency_and_concurrency import home  # noqa: F401
