"""Settings from the command line and the environment (DOJO_*)."""

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    db: str = field(default_factory=lambda: os.environ.get("DOJO_DB", "data/dojo.duckdb"))
    host: str = field(default_factory=lambda: os.environ.get("DOJO_HOST", "127.0.0.1"))
    port: int = field(default_factory=lambda: int(os.environ.get("DOJO_PORT", "8000")))
    # Secure cookies when served over TLS (directly or behind a TLS-terminating proxy).
    secure_cookies: bool = field(
        default_factory=lambda: os.environ.get("DOJO_SECURE_COOKIES", "") == "1")
    static_dir: str | None = field(default_factory=lambda: os.environ.get("DOJO_STATIC"))
    max_body_bytes: int = 2 * 1024 * 1024
    login_failures_before_refusal: int = 10
    login_refusal_seconds: int = 15 * 60
    login_slowdown_seconds: float = 0.5
    # Writes per credential (token bucket): DOJO_WRITE_RATE per second sustained, bursts of
    # DOJO_WRITE_BURST; DOJO_WRITE_RATE=0 turns the limit off (benchmarks, trusted imports).
    write_rate: float = field(
        default_factory=lambda: float(os.environ.get("DOJO_WRITE_RATE", "50")))
    write_burst: int = field(
        default_factory=lambda: int(os.environ.get("DOJO_WRITE_BURST", "3000")))
