"""Crash safety under load (issue 7): `dojo serve` SIGKILLed DOJO_CRASH_KILLS times (20 here,
100 in `make soak`) while four clients write; nothing acknowledged is lost, nothing
unacknowledged is half applied, and `dojo verify` passes on the file each kill left."""

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest

from tests.crash.harness import VERIFY_EVERY, run

KILLS = int(os.environ.get("DOJO_CRASH_KILLS", "20"))
SEED = int(os.environ.get("DOJO_CRASH_SEED", "7"))


@pytest.mark.slow
def test_acknowledged_commands_survive_repeated_sigkill_under_load(tmp_path: Path) -> None:
    figures = run(tmp_path, KILLS, SEED)
    report = json.dumps(asdict(figures), indent=2)
    (tmp_path / "crash-figures.json").write_text(report)
    print(f"\ncrash harness figures ({tmp_path / 'crash-figures.json'}):\n{report}")
    assert figures.problems == []
    assert figures.kills == KILLS
    assert figures.verify_runs == figures.verify_passed >= 1 + KILLS // VERIFY_EVERY
    assert figures.rebuilds_at_start == 0, "a restart found read models behind the log"
    assert figures.acked_transactions > 0 and figures.acked_moves > 0
    assert figures.unacked_applied + figures.unacked_absent > 0, "no kill hit a request"
