"""Group commit: the commands queued while a commit was in flight, decided one after another
against the latest state and committed together in one DuckDB transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb
import msgspec

from dojo.app.results import CommandResult
from dojo.clock import today
from dojo.domain import commands as cmd
from dojo.domain.decide import decide
from dojo.domain.errors import DomainError, IdempotencyConflict, PreconditionFailed
from dojo.domain.state import BudgetState
from dojo.eventstore.store import Batch, Metadata
from dojo.projections import runner
from dojo.projections.touched import Touched

if TYPE_CHECKING:
    from dojo.app.service import Dojo


@dataclass
class Pending:
    """One caller's command, waiting for the commit that holds its events."""

    budget_id: str
    command: cmd.Command
    command_id: str
    content_hash: str
    meta: Metadata
    if_match: int | None
    also: Callable[[duckdb.DuckDBPyConnection], None] | None
    fresh: bool = False  # the id was made for this command: it cannot repeat one
    # Read from the budget's state right after this command's events (not a later one's),
    # and handed to the caller with the result once the group has committed.
    look: Callable[[BudgetState], object] | None = None
    looked: object = None
    done: bool = False
    result: CommandResult | None = None
    error: BaseException | None = None

    def finish(self, result: CommandResult | None = None,
               error: BaseException | None = None) -> None:
        """Its outcome; the caller is answered (`done`) only once the group has committed."""
        self.result, self.error = result, error

    def outcome(self) -> CommandResult:
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


@dataclass
class _Budget:
    """A budget's part of the group: its state as the group leaves it, and what changed."""

    state: BudgetState | None
    version: int  # the position of its latest event (its ETag)
    touched: Touched = field(default_factory=Touched)
    first: int = 0  # the position of its first event in this group (0: none)


class GroupCommit:
    """Decides a group's commands in turn, then appends, records and projects them at once."""

    def __init__(self, dojo: Dojo, cur: duckdb.DuckDBPyConnection, group: list[Pending]):
        self.dojo, self.cur, self.group = dojo, cur, group
        self.budgets: dict[str, _Budget] = {}
        self.batches: list[tuple[Pending, Batch]] = []
        self.position = dojo.store.last_position(cur)
        self.requeued: list[Pending] = []

    def run(self) -> None:
        """Finish every command of the group; a refused one carries its own error."""
        asked = [p.command_id for p in self.group if not p.fresh]
        priors = self.dojo.store.find_commands(self.cur, asked) if asked else {}
        seen: set[str] = set()
        for pending in self.group:
            if pending.command_id in seen:
                # The same id twice in one group: the later one waits for the next group,
                # where it finds the first one's record.
                self.requeued.append(pending)
                continue
            seen.add(pending.command_id)
            try:
                self._decide(pending, priors.get(pending.command_id))
            except DomainError as exc:
                pending.finish(error=exc)
        self._append()

    def _budget(self, budget_id: str) -> _Budget:
        part = self.budgets.get(budget_id)
        if part is None:
            state = self.dojo._state(self.cur, budget_id)
            version = self.dojo.known_version(self.cur, budget_id) if state else 0
            part = self.budgets[budget_id] = _Budget(state, version)
        return part

    def _decide(self, pending: Pending, prior: tuple[str, str] | None) -> None:
        pending.looked = None  # a retry alone must not keep what a failed group looked at
        if prior is not None:
            if prior[0] != pending.content_hash:
                raise IdempotencyConflict(
                    f"command {pending.command_id} was already used with different content")
            first = msgspec.json.decode(prior[1], type=CommandResult)
            pending.finish(msgspec.structs.replace(first, repeated=True))
            return
        part = self._budget(pending.budget_id)
        if pending.if_match is not None and part.state is not None \
                and part.version != pending.if_match:
            raise PreconditionFailed("the budget changed since the version you read")
        events = decide(part.state, pending.command, today(self.dojo.clock))
        if not events:
            pending.finish(CommandResult(pending.budget_id, part.version, 0))
            return
        expected = part.state.version if part.state else 0
        part.state = self.dojo._fold_in(pending.budget_id, part.state, events, part.touched)
        if pending.look is not None:
            pending.looked = pending.look(part.state)
        part.first = part.first or self.position + 1
        self.position += len(events)
        part.version = self.position
        self.batches.append((pending, Batch(pending.budget_id, expected, events, pending.meta)))

    def _append(self) -> None:
        if not self.batches:
            return
        store, cur = self.dojo.store, self.cur
        appended = store.append_many(cur, [b for _, b in self.batches], self.dojo.clock.now(),
                                     check=False)
        records = []
        for (pending, batch), positions in zip(self.batches, appended, strict=True):
            result = CommandResult(batch.stream_id, positions[-1], len(positions))
            records.append((pending.command_id, batch.stream_id, pending.content_hash,
                            msgspec.json.encode(result).decode(), positions[-1]))
            pending.finish(result)
        store.record_commands(cur, records)
        for pending, _ in self.batches:
            if pending.also is not None:
                pending.also(cur)
        for part in sorted(self.budgets.values(), key=lambda part: part.version):
            if part.first:
                assert part.state is not None
                runner.apply(cur, part.state, part.touched, [part.first, part.version],
                             memo=self.dojo.memo(part.state.budget_id))

