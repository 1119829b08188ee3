"""The command bus: one writer, group commit, idempotent command ids."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import duckdb

from dojo.app.batch_ids import BatchIds, ItemRefused, content_hash
from dojo.app.group_commit import GroupCommit, Pending
from dojo.app.results import CommandResult
from dojo.app.transaction import transaction
from dojo.clock import Clock, today
from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.decide import decide
from dojo.domain.errors import DomainError, NotFound
from dojo.domain.state import BudgetState, evolve, fold, start
from dojo.eventstore.store import EventStore, Metadata
from dojo.ids import IdFactory
from dojo.projections import runner
from dojo.projections.memo import Memo
from dojo.projections.touched import Touched, note

T = TypeVar("T")


@dataclass
class Dojo:
    """Carries out commands against one DuckDB database; the only writer of that file."""

    con: duckdb.DuckDBPyConnection
    clock: Clock
    ids: IdFactory

    def __post_init__(self) -> None:
        self.store = EventStore()
        self._lock = threading.Lock()
        self._queue_lock = threading.Lock()
        self._queue: list[Pending] = []
        # Kept by the one writer, dropped together whenever a transaction fails.
        self._states: dict[str, BudgetState] = {}
        self._versions: dict[str, int] = {}
        self._memos: dict[str, Memo] = {}

    def _state(self, cur: duckdb.DuckDBPyConnection, budget_id: str) -> BudgetState | None:
        state = self._states.get(budget_id)
        if state is None:
            events = self.store.read_stream(cur, budget_id)
            if not events:
                return None
            state = self._states[budget_id] = fold(events)
        return state

    def memo(self, budget_id: str) -> Memo:
        """What the writer remembers of the budget's stored read models."""
        memo = self._memos.get(budget_id)
        if memo is None:
            memo = self._memos[budget_id] = Memo(budget_id)
        return memo

    def _forget(self, budget_id: str | None = None) -> None:
        """After a failed transaction: the cached states, versions and memos (of one budget,
        or all) may be ahead of the file."""
        for cache in (self._states, self._versions, self._memos):
            if budget_id is None:
                cache.clear()
            else:
                cache.pop(budget_id, None)
        self.store.forget_position()

    def known_version(self, cur: duckdb.DuckDBPyConnection, budget_id: str) -> int:
        """The budget's version as the last commit left it, read only once."""
        version = self._versions.get(budget_id)
        if version is None:
            version = self._versions[budget_id] = self.budget_version(cur, budget_id)
        return version

    def budget_version(self, cur: duckdb.DuckDBPyConnection, budget_id: str) -> int:
        """The position of the budget's latest event (its ETag)."""
        row = cur.execute("SELECT version FROM rm_budgets WHERE budget_id = ?",
                          [budget_id]).fetchone()
        if row is None:
            raise NotFound("budget not found")
        return int(row[0])

    def execute(
        self,
        budget_id: str,
        command: cmd.Command,
        *,
        command_id: str | None = None,
        actor: str | None = None,
        correlation_id: str | None = None,
        if_match: int | None = None,
        also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    ) -> CommandResult:
        """Decide, append, project and commit; or refuse with a DomainError, changing nothing.
        See `execute_looking` for the details."""
        return self.execute_looking(budget_id, command, command_id=command_id, actor=actor,
                                    correlation_id=correlation_id, if_match=if_match,
                                    also=also)[0]

    def execute_looking(
        self,
        budget_id: str,
        command: cmd.Command,
        *,
        command_id: str | None = None,
        actor: str | None = None,
        correlation_id: str | None = None,
        if_match: int | None = None,
        also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
        look: Callable[[BudgetState], T] | None = None,
    ) -> tuple[CommandResult, T | None]:
        """Decide, append, project and commit; or refuse with a DomainError, changing nothing.
        With `look`, also what it reads from the budget's state right after this command's
        events (None for a repeated command or one that changed nothing).

        Group commit: commands that arrive while a commit is in flight queue up; the next
        writer decides all of them in turn against the latest state and commits them in one
        transaction. Each caller returns only after the commit holding its events."""
        fresh = command_id is None  # an id of ours, new: no earlier command can hold it
        command_id = command_id or self.ids.new_id()
        request = Pending(budget_id, command, command_id, content_hash(budget_id, command),
                          Metadata(command_id, actor, None, correlation_id), if_match, also,
                          fresh, look)
        with self._queue_lock:
            self._queue.append(request)
        while not request.done:
            with self._lock:
                if not request.done:
                    with self._queue_lock:
                        group, self._queue = self._queue, []
                    self._commit_group(group)
        return request.outcome(), request.looked  # type: ignore[return-value]

    def _commit_group(self, group: list[Pending]) -> None:
        """Commit a group in one transaction; if the transaction itself fails, carry the
        commands out one by one so that one bad command never takes down the others."""
        with self.con.cursor() as cur:
            try:
                with transaction(cur):
                    work = GroupCommit(self, cur, group)
                    work.run()
            except BaseException as exc:
                self._forget()
                if len(group) == 1:
                    group[0].finish(error=exc)
                    group[0].done = True
                    return
            else:
                for budget_id, part in work.budgets.items():
                    if part.first:
                        self._versions[budget_id] = part.version
                if work.requeued:
                    with self._queue_lock:
                        self._queue[:0] = work.requeued
                for pending in group:
                    pending.done = pending not in work.requeued
                return
        for pending in group:
            self._commit_group([pending])

    def _fold_in(self, budget_id: str, state: BudgetState | None, events: list[ev.Event],
                 touched: Touched) -> BudgetState:
        """Evolve the cached state with new events, noting what they touch."""
        rest = events
        if state is None:
            state = self._states[budget_id] = start(events[0])  # type: ignore[arg-type]
            rest = events[1:]
            touched.groups.update(state.groups)
            touched.categories.update(state.categories)
        for event in rest:
            note(touched, state, event)
            evolve(state, event)
        return state

    def execute_batch(self, budget_id: str, commands: list[cmd.Command], *,
                      actor: str | None = None, correlation_id: str | None = None,
                      ids: BatchIds | None = None,
                      also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
                      ) -> CommandResult:
        """Many commands as one: each decided against the state the ones before it left,
        all appended and projected in one transaction, all or nothing (demo data, imports).
        With `ids` each command is idempotent under an id of its own (a repeat is skipped,
        `ids.repeated` says which) and a refusal names its command (`ItemRefused`)."""
        with self._lock, self.con.cursor() as cur:
            state = self._state(cur, budget_id)
            version = state.version if state else 0
            touched = Touched()
            events: list[ev.Event] = []
            try:
                if ids is not None:
                    ids.resolve(self.store, cur, budget_id, commands)
                for index, command in enumerate(commands):
                    if ids is not None and ids.skip(index):
                        continue
                    try:
                        decided = decide(state, command, today(self.clock))
                    except DomainError as error:
                        if ids is None:
                            raise
                        raise ItemRefused(index, error) from error
                    if decided:
                        state = self._fold_in(budget_id, state, decided, touched)
                        events.extend(decided)
                if not events:
                    return CommandResult(budget_id, self.budget_version(cur, budget_id), 0)
                assert state is not None
                with transaction(cur):
                    meta = Metadata(self.ids.new_id(), actor, None, correlation_id)
                    positions = self.store.append(cur, budget_id, version, events, meta,
                                                  self.clock.now())
                    runner.apply(cur, state, touched, positions, memo=self.memo(budget_id))
                    result = CommandResult(budget_id, positions[-1], len(events))
                    if ids is not None:
                        ids.record(cur, result)
                    if also is not None:  # e.g. the new budget's owner, in the same commit
                        also(cur)
                self._versions[budget_id] = positions[-1]
                return result
            except BaseException:
                self._forget(budget_id)
                raise

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor in a transaction, taken in turn with commands (one writer)."""
        with self._lock, self.con.cursor() as cur, transaction(cur):
            yield cur

    def peek(self, budget_id: str, look: Callable[[BudgetState], T]) -> T:
        """A pure function of a budget's current state, taken in turn with commands so the
        state does not change under it (import previews); NotFound for an unknown budget."""
        with self._lock, self.con.cursor() as cur:
            state = self._state(cur, budget_id)
            if state is None:
                raise NotFound("budget not found")
            return look(state)
