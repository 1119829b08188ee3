"""Running a blocking handler in a worker thread.

Litestar's `sync_to_thread=True` wraps a handler again each time a handler is added to the
same path, and a twice-wrapped handler answers 500. This decorator makes the handler a
coroutine once, keeping its signature for Litestar's parameter parsing."""

import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

import anyio.to_thread

P = ParamSpec("P")
R = TypeVar("R")


def blocking(fn: Callable[P, R]) -> Callable[P, Awaitable[R]]:
    @functools.wraps(fn)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))

    return run
