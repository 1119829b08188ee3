"""Time is injected: the system clock in production, a fixed or stepping one in tests."""

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    """The wall clock, in UTC."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that says what it is told; tests move it by hand."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        return self.at

    @classmethod
    def on(cls, day: str) -> "FixedClock":
        """Noon UTC on an ISO day."""
        return cls(dt.datetime.fromisoformat(f"{day}T12:00:00+00:00"))


def today(clock: Clock) -> dt.date:
    """The clock's date in UTC (R-T4)."""
    return clock.now().astimezone(dt.UTC).date()
