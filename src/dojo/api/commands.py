"""Running a command for a request: membership, If-Match, idempotency, then read back."""

from collections.abc import Callable
from typing import TypeVar

import duckdb
from litestar import Request, Response

from dojo.api.context import WRITE, member, services
from dojo.app.service import CommandResult
from dojo.domain import commands as cmd
from dojo.domain.errors import PreconditionFailed
from dojo.domain.state import BudgetState

T = TypeVar("T")
Also = Callable[[duckdb.DuckDBPyConnection], None]


def if_match(request: Request) -> int | None:
    raw = request.headers.get("if-match")
    if raw is None:
        return None
    value = raw.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise PreconditionFailed("If-Match must be a budget version the API gave out")
    return int(value)


def run(
    request: Request,
    budget_id: str,
    command: cmd.Command,
    *,
    command_id: str | None = None,
    need: str = WRITE,
    also: Also | None = None,
) -> CommandResult:
    """Carry out a command as the requesting member (one writer, off the event loop)."""
    return run_looking(request, budget_id, command, command_id=command_id, need=need,
                       also=also)[0]


def run_looking(
    request: Request,
    budget_id: str,
    command: cmd.Command,
    *,
    command_id: str | None = None,
    need: str = WRITE,
    also: Also | None = None,
    look: Callable[[BudgetState], T] | None = None,
) -> tuple[CommandResult, T | None]:
    """`run`, and what `look` reads from the budget's state right after the command
    (None when the command repeated an earlier one or changed nothing)."""
    who = member(request, budget_id, need) if need else None
    return services(request).dojo.execute_looking(
        budget_id,
        command,
        command_id=command_id,
        actor=who,
        correlation_id=request.scope.get("state", {}).get("request_id"),
        if_match=if_match(request),
        also=also,
        look=look,
    )


def create_id(
    request: Request, kind: str, budget_id: str, given: str | None
) -> tuple[str, str | None]:
    """The new resource's id and, when the client chose it, the command id that makes a
    repeated create idempotent."""
    if given is None:
        return services(request).dojo.ids.new_id(), None
    return given, f"create-{kind}:{budget_id}:{given}"


def key_command_id(request: Request, budget_id: str) -> str | None:
    key = request.headers.get("idempotency-key")
    if key is None:
        return None
    return f"key:{budget_id}:{key[:200]}"


def created(
    content: T, result: CommandResult, headers: dict[str, str] | None = None
) -> Response[T]:
    """201 for a new resource, 200 when the same create was repeated."""
    status = 200 if result.repeated else 201
    return Response(
        content, status_code=status, headers={"ETag": f'"{result.version}"', **(headers or {})}
    )


def answered(content: T, result: CommandResult, status: int = 200) -> Response[T]:
    return Response(content, status_code=status, headers={"ETag": f'"{result.version}"'})
