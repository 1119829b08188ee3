"""Writes per credential: a token bucket per personal access token or signed-in user, so that
a runaway script or a stolen token cannot flood the log (and the one writer) for everyone."""

import math
import threading
from dataclasses import dataclass, field

from dojo.api.problems import TooManyAttempts
from dojo.clock import Clock, SystemClock
from dojo.settings import Settings

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Buckets that have filled up again hold nothing worth keeping; past this many, drop them.
PRUNE_ABOVE = 10_000


class TooManyWrites(TooManyAttempts):
    code = "too-many-writes"


@dataclass
class WriteLimiter:
    """`rate` writes a second sustained, bursts of `burst`; a rate of 0 means no limit."""

    rate: float
    burst: int
    clock: Clock = field(default_factory=SystemClock)
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # key: (left, at)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def of(cls, settings: Settings, clock: Clock | None = None) -> "WriteLimiter":
        return cls(settings.write_rate, settings.write_burst, clock or SystemClock())

    @property
    def on(self) -> bool:
        return self.rate > 0

    def take(self, key: str) -> None:
        """Count one write for `key`, or refuse it (429) while its bucket is empty."""
        if not self.on:
            return
        now = self.clock.now().timestamp()
        capacity = float(max(1, self.burst))
        with self.lock:
            left, at = self.buckets.get(key, (capacity, now))
            # A clock stepped backwards refills nothing rather than draining the bucket.
            left = min(capacity, left + max(0.0, now - at) * self.rate)
            if left < 1:
                self.buckets[key] = (left, now)
                wait = math.ceil((1 - left) / self.rate)
                raise TooManyWrites(
                    f"too many writes with this credential: at most {self.rate:g} a second "
                    f"(bursts of {int(capacity)}); try again in {wait} s", wait)
            self.buckets[key] = (left - 1, now)
            if len(self.buckets) > PRUNE_ABOVE:
                self._prune(now, capacity)

    def _prune(self, now: float, capacity: float) -> None:
        full = [k for k, (left, at) in self.buckets.items()
                if left + (now - at) * self.rate >= capacity]
        for key in full:
            del self.buckets[key]
