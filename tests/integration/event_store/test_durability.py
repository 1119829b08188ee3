"""Durability: a command acknowledged to the client survives the process being killed
(SIGKILL, no chance to clean up), and the file reopens with read models equal to a replay."""

import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dojo.cli import main as cli_main
from dojo.db import connect
from tests.integration.event_store.ack_writer import BUDGET

REPO = Path(__file__).resolve().parents[3]
DEADLINE_SECONDS = 20.0


def kill_point(seed: int) -> int:
    """A random-looking but fixed number of acknowledgements to wait for before the kill."""
    return random.Random(f"durability-{seed}").randint(30, 60)


def read_acks(child: subprocess.Popen[bytes], wanted: int) -> list[str]:
    """Lines from the child's stdout until `wanted` acknowledgements came, time-boxed."""
    assert child.stdout is not None
    fd = child.stdout.fileno()
    acks: list[str] = []
    pending = b""
    deadline = time.monotonic() + DEADLINE_SECONDS
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while len(acks) < wanted:
            left = deadline - time.monotonic()
            assert left > 0, f"only {len(acks)} of {wanted} acknowledgements in time"
            if not selector.select(timeout=left):
                continue
            chunk = os.read(fd, 65536)
            assert chunk, f"the child ended after {len(acks)} acknowledgements"
            pending += chunk
            *lines, pending = pending.split(b"\n")
            acks.extend(line.decode() for line in lines)
    return acks


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_acknowledged_transactions_survive_sigkill(seed: int, tmp_path: Path) -> None:
    path = tmp_path / "dojo.duckdb"
    wanted = kill_point(seed)
    with (tmp_path / "child.stderr").open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.event_store.ack_writer", str(path)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=stderr, bufsize=0)
        try:
            acks = read_acks(child, wanted)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=DEADLINE_SECONDS)
            assert child.stdout is not None
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert len(acks) >= wanted

    con = connect(path)
    try:
        stored = {r[0] for r in con.execute(
            "SELECT transaction_id FROM rm_transactions WHERE budget_id = ?", [BUDGET]
        ).fetchall()}
        logged = {r[0] for r in con.execute(
            "SELECT data->>'$.transaction.transaction_id' FROM events "
            "WHERE stream_id = ? AND type = 'TransactionRecorded'", [BUDGET]).fetchall()}
        positions = [r[0] for r in con.execute(
            "SELECT position FROM events ORDER BY position").fetchall()]
    finally:
        con.close()
    assert [a for a in acks if a not in stored] == [], "acknowledged but not in rm_transactions"
    assert [a for a in acks if a not in logged] == [], "acknowledged but not in the log"
    assert positions == list(range(1, len(positions) + 1))
    assert cli_main(["verify", "--db", str(path)]) == 0
