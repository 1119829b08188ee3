"""Crash safety under load: clients write through `dojo serve` while it is SIGKILLed at
seeded moments; after each restart every acknowledged command must be there, every
unanswered one wholly there or wholly absent, and `dojo verify` must pass.

Run it through pytest (`tests/crash/test_crash_under_load.py`, `make soak`), or directly:
`python -m tests.crash.harness --kills 20 --seed 7`.
"""

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

from tests.crash.api import Api
from tests.crash.checks import Figures, check_restart
from tests.crash.ledger import Ledger, Move, Txn
from tests.crash.load import Plan, drive, set_up
from tests.crash.server import Server, dojo

CLIENTS = 4
ACKS_PER_WINDOW = (1, 25)  # acknowledgements before the kill, drawn per kill from the seed
WINDOW_SECONDS = 30.0  # a window that never reaches its count is a failure, not a hang
VERIFY_EVERY = 5  # kills between runs of `dojo verify` on the file just as the kill left it


def owner_token(db: Path) -> str:
    """An owner and a token through the CLI, before the first start (one writer per file)."""
    added = dojo("user", "add", "owner", "--db", str(db), stdin="a long crash passphrase\n")
    assert added.returncode == 0, added.stderr
    issued = dojo("token", "issue", "owner", "--name", "crash", "--db", str(db))
    assert issued.returncode == 0, issued.stderr
    return issued.stdout.strip()


def verify(db: Path, figures: Figures) -> None:
    """`dojo verify` on the file while no server holds it."""
    done = dojo("verify", "--db", str(db))
    figures.verify_runs += 1
    if done.returncode == 0:
        figures.verify_passed += 1
    else:
        figures.problems.append(f"dojo verify exited {done.returncode}: {done.stdout[-2000:]}"
                                f"{done.stderr[-2000:]}")


def load_then_kill(server: Server, token: str, plan: Plan, ledger: Ledger, acks: int,
                   seed: str) -> None:
    """Clients write until `acks` commands were acknowledged, then the server is SIGKILLed
    while the others are still in flight."""
    ledger.new_round()
    stop = threading.Event()
    clients = [threading.Thread(target=drive, daemon=True, args=(
        Api(server.port, token), plan, random.Random(f"{seed}-{n}"), stop, ledger))
        for n in range(CLIENTS)]
    for client in clients:
        client.start()
    reached = ledger.wait_acks(acks, WINDOW_SECONDS)
    server.kill()
    ledger.mark_killed()
    stop.set()
    for client in clients:
        client.join(timeout=WINDOW_SECONDS)
        assert not client.is_alive(), "a client did not notice the server had gone"
    assert reached, f"fewer than {acks} acknowledgements in time; refused: {ledger.refused}"


def run(workdir: Path, kills: int, seed: int) -> Figures:
    """The whole harness on a new database file in `workdir`; figures, problems included."""
    began = time.monotonic()
    figures = Figures(seed=seed)
    rng = random.Random(f"crash-{seed}")
    db = workdir / "dojo.duckdb"
    token = owner_token(db)
    server = Server(db, workdir)
    try:
        with figures.timed("restart"):
            server.start()
        api = Api(server.port, token)
        plan = set_up(api, rng)
        ledger = Ledger()
        for kill in range(1, kills + 1):
            with figures.timed("load"):
                load_then_kill(server, token, plan, ledger, rng.randint(*ACKS_PER_WINDOW),
                               f"crash-{seed}-{kill}")
            figures.kills += 1
            api.close()  # its keep-alive connection went with the killed server
            if kill % VERIFY_EVERY == 0:
                with figures.timed("verify"):
                    verify(db, figures)
            with figures.timed("restart"):
                server.start()
            with figures.timed("check"):
                check_restart(api, plan, ledger, figures)
            if figures.problems:
                break
        if not figures.problems:
            check_restart(api, plan, ledger, figures)  # the retries of the last round
        api.close()
        server.stop()
    finally:
        server.close()
    with figures.timed("verify"):
        verify(db, figures)
    figures.acked_transactions = sum(isinstance(c, Txn) for c in ledger.acked)
    figures.acked_moves = sum(isinstance(c, Move) for c in ledger.acked)
    figures.rebuilds_at_start = server.rebuilds()
    figures.seconds = round(time.monotonic() - began, 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dojo-crash-") as workdir:
        figures = run(Path(workdir), args.kills, args.seed)
    print(json.dumps(asdict(figures), indent=2))
    return 0 if not figures.problems and figures.rebuilds_at_start == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
