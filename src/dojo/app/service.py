"""The command bus: one writer, one transaction per command, idempotent command ids."""

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import msgspec

from dojo.app.transaction import transaction
from dojo.clock import Clock, today
from dojo.domain import commands as cmd
from dojo.domain import events as ev
from dojo.domain.decide import decide
from dojo.domain.errors import IdempotencyConflict, NotFound, PreconditionFailed
from dojo.domain.state import BudgetState, evolve, fold, start
from dojo.eventstore.store import EventStore, Metadata
from dojo.ids import IdFactory
from dojo.projections import runner
from dojo.projections.touched import Touched, note


class CommandResult(msgspec.Struct, frozen=True):
    """What a command did: the budget's version after it and how many events it added."""

    budget_id: str
    version: int
    events: int
    repeated: bool = False


@dataclass
class Dojo:
    """Carries out commands against one DuckDB database; the only writer of that file."""

    con: duckdb.DuckDBPyConnection
    clock: Clock
    ids: IdFactory

    def __post_init__(self) -> None:
        self.store = EventStore()
        self._lock = threading.Lock()
        self._states: dict[str, BudgetState] = {}
        self._versions: dict[str, int] = {}

    def _state(self, cur: duckdb.DuckDBPyConnection, budget_id: str) -> BudgetState | None:
        state = self._states.get(budget_id)
        if state is None:
            events = self.store.read_stream(cur, budget_id)
            if not events:
                return None
            state = self._states[budget_id] = fold(events)
        return state

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
        """Decide, append, project and commit; or refuse with a DomainError, changing nothing."""
        command_id = command_id or self.ids.new_id()
        content = hashlib.sha256(budget_id.encode() + b"\0" + msgspec.json.encode(command))
        content_hash = content.hexdigest()
        with self._lock, self.con.cursor() as cur:
            prior = self.store.find_command(cur, command_id)
            if prior is not None:
                if prior[0] != content_hash:
                    raise IdempotencyConflict(
                        f"command {command_id} was already used with different content")
                first = msgspec.json.decode(prior[1], type=CommandResult)
                return msgspec.structs.replace(first, repeated=True)
            state = self._state(cur, budget_id)
            if if_match is not None and state is not None and \
                    self.budget_version(cur, budget_id) != if_match:
                raise PreconditionFailed("the budget changed since the version you read")
            events = decide(state, command, today(self.clock))
            try:
                return self._commit(cur, budget_id, state, events, command_id, content_hash,
                                    Metadata(command_id, actor, None, correlation_id), also)
            except BaseException:
                self._states.pop(budget_id, None)
                self.store.forget_position()
                raise

    def _commit(self, cur: duckdb.DuckDBPyConnection, budget_id: str,
                state: BudgetState | None, events: list[ev.Event], command_id: str,
                content_hash: str, meta: Metadata,
                also: Callable[[duckdb.DuckDBPyConnection], None] | None) -> CommandResult:
        if not events:
            version = self.budget_version(cur, budget_id)
            return CommandResult(budget_id, version, 0)
        with transaction(cur):
            positions = self.store.append(cur, budget_id, state.version if state else 0,
                                          events, meta, self.clock.now())
            touched = Touched()
            state = self._fold_in(budget_id, state, events, touched)
            runner.apply(cur, state, touched, positions)
            result = CommandResult(budget_id, positions[-1], len(events))
            self.store.record_command(cur, command_id, budget_id, content_hash,
                                      msgspec.json.encode(result).decode(), positions[-1])
            if also is not None:
                also(cur)
        return result

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
                      actor: str | None = None) -> CommandResult:
        """Many commands as one: each decided against the state the ones before it left,
        all appended and projected in one transaction, all or nothing (demo data, imports)."""
        with self._lock, self.con.cursor() as cur:
            state = self._state(cur, budget_id)
            version = state.version if state else 0
            touched = Touched()
            events: list[ev.Event] = []
            try:
                for command in commands:
                    decided = decide(state, command, today(self.clock))
                    if decided:
                        state = self._fold_in(budget_id, state, decided, touched)
                        events.extend(decided)
                if not events:
                    return CommandResult(budget_id, self.budget_version(cur, budget_id), 0)
                assert state is not None
                with transaction(cur):
                    meta = Metadata(self.ids.new_id(), actor)
                    positions = self.store.append(cur, budget_id, version, events, meta,
                                                  self.clock.now())
                    runner.apply(cur, state, touched, positions)
                return CommandResult(budget_id, positions[-1], len(events))
            except BaseException:
                self._states.pop(budget_id, None)
                self.store.forget_position()
                raise

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor in a transaction, taken in turn with commands (one writer)."""
        with self._lock, self.con.cursor() as cur, transaction(cur):
            yield cur
