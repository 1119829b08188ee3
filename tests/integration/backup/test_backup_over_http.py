"""`dojo backup --url` against a running `dojo serve` while a client keeps writing: the
server takes the backup in one read transaction, so it holds exactly a prefix of the log,
its manifest says where that prefix ends, and it restores to a database that verifies.
Only the instance's administrator may take one."""

import datetime as dt
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dojo.backups.archive import Manifest, check, opened
from dojo.cli import main
from dojo.db import connect
from tests.crash.api import Api
from tests.crash.server import Server
from tests.integration.backup.instance import Instance, copy_of, read

ACKS_BEFORE, ACKS_DURING = 5, 15


class Writer(threading.Thread):
    """Records transactions through the API until stopped; counts the acknowledged ones."""

    def __init__(self, port: int, token: str, budget: str, account: str, category: str):
        super().__init__(daemon=True)
        self.api = Api(port, token)
        self.path = f"/api/v1/budgets/{budget}/transactions"
        self.body = {"account_id": account, "category_id": category, "amount": -100,
                     "date": dt.datetime.now(dt.UTC).date().isoformat(), "payee": "Grocer"}
        self.acked = 0
        self.failures: list[str] = []
        self.stop = threading.Event()
        self.changed = threading.Condition()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                status, body = self.api.call("POST", self.path,
                                             {"id": str(uuid.uuid4()), **self.body})
                if status != 201:
                    self.failures.append(f"{status} {body}")
                    return
                with self.changed:
                    self.acked += 1
                    self.changed.notify_all()
        finally:
            self.api.close()

    def wait_for(self, acks: int) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: self.acked >= acks or self.failures,
                                         timeout=60), "the writer stalled"
        assert not self.failures, self.failures


def _ids(path: Path, budget: str) -> tuple[str, str]:
    """A checking account and a category of the budget, read while no server runs."""
    con = connect(path, read_only=True)
    try:
        account = con.execute("SELECT account_id FROM rm_accounts WHERE budget_id = ? AND "
                              "type = 'checking' AND NOT closed ORDER BY sort_key LIMIT 1",
                              [budget]).fetchone()[0]
        category = con.execute("SELECT category_id FROM rm_categories WHERE budget_id = ? "
                               "AND kind = 'regular' ORDER BY sort_key LIMIT 1",
                               [budget]).fetchone()[0]
    finally:
        con.close()
    return account, category


@dataclass
class Live:
    instance: Instance
    server: Server
    account: str
    category: str


@pytest.fixture
def live(template: Instance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Live]:
    instance = copy_of(template, tmp_path)
    account, category = _ids(instance.path, instance.demo)
    monkeypatch.setenv("DOJO_WRITE_RATE", "0")  # one client writes as fast as it can
    (tmp_path / "logs").mkdir()
    server = Server(instance.path, tmp_path / "logs")
    server.start()
    try:
        yield Live(instance, server, account, category)
    finally:
        server.close()


def test_a_backup_over_http_during_writes_is_a_consistent_prefix_that_restores(
        live: Live, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    instance, server = live.instance, live.server
    url = f"http://127.0.0.1:{server.port}"
    token_file = tmp_path / "token"
    token_file.write_text(instance.tokens["admin"] + "\n")
    writer = Writer(server.port, instance.tokens["alice"], instance.demo, live.account,
                    live.category)
    writer.start()
    try:
        writer.wait_for(ACKS_BEFORE)
        out = tmp_path / "backups" / "dojo-{timestamp}.tar"
        assert main(["backup", "--url", url, "--token-file", str(token_file), str(out)]) == 0
        writer.wait_for(writer.acked + ACKS_DURING)
    finally:
        writer.stop.set()
        writer.join(timeout=30)
    assert not writer.failures, writer.failures
    capsys.readouterr()

    monkeypatch.setenv("DOJO_TOKEN", instance.tokens["alice"])
    assert main(["backup", "--url", url, str(tmp_path / "refused.tar")]) == 1
    assert "answered 403" in capsys.readouterr().err
    assert not (tmp_path / "refused.tar").exists()
    server.stop()

    (backup,) = (tmp_path / "backups").iterdir()
    with opened(str(backup)) as tar:
        manifest: Manifest = check(tar, str(backup))
    restored = tmp_path / "restored.duckdb"
    assert main(["restore", str(backup), "--db", str(restored)]) == 0
    assert main(["verify", "--db", str(restored)]) == 0
    _, now = read(instance.path)
    _, after = read(restored)
    assert manifest.events.count == manifest.events.last_position == len(after["events"])
    assert after["events"] == now["events"][:manifest.events.last_position], "a prefix"
    assert len(now["events"]) >= len(after["events"]) + ACKS_DURING, "writes went on"
