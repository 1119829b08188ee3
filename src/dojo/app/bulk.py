"""Bulk import of transactions: up to 10,000 creates decided as one all-or-nothing batch,
each idempotent under its transaction id (docs/decisions/0008-bulk-import.md)."""

from collections.abc import Sequence
from dataclasses import dataclass

from dojo.app.batch_ids import BatchIds
from dojo.app.service import Dojo
from dojo.domain import commands as cmd
from dojo.domain.errors import Invalid
from dojo.domain.ids import derived_id

MAX_ITEMS = 10_000


@dataclass(frozen=True)
class Imported:
    """The budget's version after the import and, per item, its id and whether this import
    created it (False: it already existed with the same content)."""

    version: int
    ids: list[str]
    created: list[bool]


def create_command_id(budget_id: str, transaction_id: str) -> str:
    """The command id single creates use for a client id (`dojo.api.commands.create_id`), so
    that a bulk item and a single create of the same transaction repeat each other."""
    return f"create-transaction:{budget_id}:{transaction_id}"


def item_id(given: str | None, index: int, key: str | None, dojo: Dojo) -> str:
    """The item's own id, else one derived from the request's idempotency key (so a retry
    names the same transactions), else a new one."""
    if given is not None:
        return given
    if key is not None:
        return derived_id(key, f"item/{index}")
    return dojo.ids.new_id()


def record_transactions(dojo: Dojo, budget_id: str, commands: Sequence[cmd.RecordTransaction],
                        *, actor: str | None = None, key: str | None = None,
                        correlation_id: str | None = None) -> Imported:
    """Record the transactions all or none; a refusal is an `ItemRefused` naming the item."""
    if not 1 <= len(commands) <= MAX_ITEMS:
        raise Invalid(f"a bulk import takes 1 to {MAX_ITEMS:,} transactions", "transactions")
    ids = BatchIds([create_command_id(budget_id, c.transaction_id) for c in commands], key)
    result = dojo.execute_batch(budget_id, list(commands), actor=actor,
                                correlation_id=correlation_id, ids=ids)
    return Imported(result.version, [c.transaction_id for c in commands],
                    [index not in ids.repeated for index in range(len(commands))])
