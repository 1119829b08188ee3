"""`dojo serve` as a child process the harness can SIGKILL and start again on the same file."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.crash.api import Api, Unreachable

REPO = Path(__file__).resolve().parents[2]
READY_SECONDS = 30.0
POLL_SECONDS = 0.02
REBUILD_NOTICE = "read models are stale"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env() -> dict[str, str]:
    """The test's environment without settings that would hide a torn database."""
    return {k: v for k, v in os.environ.items() if k != "DOJO_SKIP_REBUILD"}


def dojo(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `dojo` CLI of this interpreter's environment."""
    return subprocess.run([sys.executable, "-m", "dojo.cli", *args], input=stdin, cwd=REPO,
                          env=_env(), capture_output=True, text=True, timeout=120, check=False)


class Server:
    """One `dojo serve` at a time on `db`; each start logs to its own file in `logs`."""

    def __init__(self, db: Path, logs: Path) -> None:
        self.db = db
        self.logs = logs
        self.port = free_port()
        self.starts = 0
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start and wait for /readyz."""
        assert self._proc is None, "the server is already running"
        self.starts += 1
        with (self.logs / f"serve-{self.starts:03d}.log").open("wb") as log:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "dojo.cli", "serve", "--db", str(self.db),
                 "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=REPO, env=_env(), stdout=log, stderr=subprocess.STDOUT)
        self._wait_ready()

    def _wait_ready(self) -> None:
        probe = Api(self.port, timeout=2.0)
        deadline = time.monotonic() + READY_SECONDS
        last = "no answer"
        try:
            while time.monotonic() < deadline:
                assert self._proc is not None
                if self._proc.poll() is not None:
                    raise AssertionError(f"dojo serve exited ({self._proc.returncode}) "
                                         f"before it was ready: {self.log_tail()}")
                try:
                    status, body = probe.call("GET", "/readyz")
                    if status == 200:
                        return
                    last = f"{status} {body}"
                except Unreachable as exc:
                    last = str(exc)
                time.sleep(POLL_SECONDS)
        finally:
            probe.close()
        raise AssertionError(f"/readyz not 200 within {READY_SECONDS:.0f} s: {last}")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook, no flush, no chance to finish a request."""
        proc = self._take()
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL

    def stop(self) -> None:
        """A clean stop (SIGTERM), as an operator would before `dojo verify`; uvicorn
        re-raises the signal after its graceful shutdown, hence -SIGTERM."""
        proc = self._take()
        proc.terminate()
        assert proc.wait(timeout=60) in (0, -signal.SIGTERM), self.log_tail()
        assert "Application shutdown complete" in self.log_tail(), self.log_tail()

    def _take(self) -> subprocess.Popen[bytes]:
        proc, self._proc = self._proc, None
        assert proc is not None, "the server is not running"
        return proc

    def rebuilds(self) -> int:
        """Starts that found read models behind the log (a torn commit would cause one)."""
        return sum(REBUILD_NOTICE in p.read_text(errors="replace")
                   for p in self.logs.glob("serve-*.log"))

    def log_tail(self) -> str:
        path = self.logs / f"serve-{self.starts:03d}.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def close(self) -> None:
        """Kill a server a failed test left behind, without hiding that test's error."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
