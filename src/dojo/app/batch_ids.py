"""Idempotency ids for the commands of one batch: a repeat is skipped, a changed one refused."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import msgspec

from dojo.app.results import CommandResult
from dojo.domain import commands as cmd
from dojo.domain.errors import DomainError, IdempotencyConflict
from dojo.eventstore.store import EventStore


class ItemRefused(DomainError):
    """A command of a batch was refused: `index` says which, `error` why (same status)."""

    def __init__(self, index: int, error: DomainError) -> None:
        super().__init__(error.detail, error.field)
        self.index, self.error = index, error
        self.status, self.code = error.status, error.code


def content_hash(budget_id: str, content: object) -> str:
    """The digest kept with a command id, for one command (`Dojo.execute`) or a batch."""
    return hashlib.sha256(budget_id.encode() + b"\0" + msgspec.json.encode(content)).hexdigest()


@dataclass
class BatchIds:
    """One command id per command of a batch, and optionally one for the batch as a whole
    (an Idempotency-Key). `Dojo.execute_batch` resolves them under the writer's lock."""

    command_ids: Sequence[str]
    key: str | None = None
    repeated: set[int] = field(default_factory=set)
    _new: list[tuple[str, str]] = field(default_factory=list)
    _conflicts: set[int] = field(default_factory=set)

    def resolve(self, store: EventStore, cur: duckdb.DuckDBPyConnection, budget_id: str,
                commands: Sequence[cmd.Command]) -> None:
        """Sort the commands into new, repeated (same id and content as before: skipped) and
        conflicting ones (same id, other content), before any is decided."""
        wanted = [*self.command_ids, *([self.key] if self.key else [])]
        known = {cid: found[0] for cid, found in store.find_commands(cur, wanted).items()}
        if self.key is not None:
            whole = content_hash(budget_id, list(commands))
            if known.get(self.key, whole) != whole:
                raise IdempotencyConflict("this Idempotency-Key was already used with another "
                                          "body")
            if self.key not in known:
                self._new.append((self.key, whole))
        for index, (command_id, command) in enumerate(
                zip(self.command_ids, commands, strict=True)):
            digest = content_hash(budget_id, command)
            first = known.get(command_id)  # from the log or from earlier in this batch
            if first is None:
                known[command_id] = digest
                self._new.append((command_id, digest))
            else:
                (self.repeated if first == digest else self._conflicts).add(index)

    def skip(self, index: int) -> bool:
        """Whether command `index` repeats one already carried out; refused if it conflicts."""
        if index in self._conflicts:
            raise ItemRefused(index, IdempotencyConflict(
                f"command {self.command_ids[index]} was already used with different content"))
        return index in self.repeated

    def record(self, cur: duckdb.DuckDBPyConnection, result: CommandResult) -> None:
        """Record the new ids with the batch's result, inside its transaction."""
        if self._new:
            ids, digests = (list(column) for column in zip(*self._new, strict=True))
            EventStore.record_batch(cur, ids, digests, result.budget_id,
                                    msgspec.json.encode(result).decode(), result.version)
