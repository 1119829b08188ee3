"""GET /api/v1/backup: an administrator of the instance (its first user, or one added with
`dojo user add --admin`) downloads a backup that restores; other users get 403, and being
an administrator gives no right on anyone's budget."""

import io
from pathlib import Path

import pytest
from litestar.testing import TestClient

from dojo.access import Access
from dojo.app.service import Dojo
from dojo.cli import main
from dojo.db import connect
from dojo.domain import commands as cmd
from tests.conftest import CHEAP, PASSWORD


def test_the_first_user_downloads_a_backup_that_restores(
        client: TestClient, auth: dict[str, str], dojo: Dojo, tmp_path: Path) -> None:
    dojo.execute("b1", cmd.CreateBudget(budget_id="b1", name="Home", currency="EUR"))
    answer = client.get("/api/v1/backup", headers=auth)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/x-tar"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-disposition"] == \
        'attachment; filename="dojo-20260220T120000Z.tar"'
    assert int(answer.headers["content-length"]) == len(answer.content)
    (tmp_path / "in.tar").write_bytes(answer.content)
    target = tmp_path / "restored.duckdb"
    assert main(["restore", str(tmp_path / "in.tar"), "--db", str(target)]) == 0
    assert main(["verify", "--db", str(target)]) == 0
    con = connect(target, read_only=True)
    assert con.execute("SELECT name FROM rm_budgets").fetchall() == [("Home",)]
    assert con.execute("SELECT username FROM users").fetchall() == [("owner",)]
    con.close()


def test_other_users_get_403_and_an_administrator_added_later_gets_the_backup(
        client: TestClient, auth: dict[str, str], dojo: Dojo) -> None:
    access = Access(dojo, CHEAP)
    tokens = {name: access.issue_token(access.add_user(name, PASSWORD, admin=admin), "t")[1]
              for name, admin in (("bob", False), ("carol", True))}
    refused = client.get("/api/v1/backup", headers={"Authorization": f"Bearer {tokens['bob']}"})
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "administrator" in refused.json()["detail"]
    carol = {"Authorization": f"Bearer {tokens['carol']}"}
    assert client.get("/api/v1/backup", headers=carol).status_code == 200
    mine = "00000000-0000-4000-a000-0000000000b2"
    created = client.post("/api/v1/budgets", headers=auth,
                          json={"id": mine, "name": "Mine", "currency": "EUR"})
    assert created.status_code == 201
    assert client.get(f"/api/v1/budgets/{mine}", headers=carol).status_code == 404


def test_user_add_makes_the_first_user_and_those_asked_for_administrators(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "dojo.duckdb")
    for name, extra in (("first", []), ("second", []), ("third", ["--admin"])):
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        assert main(["user", "add", name, "--db", db, *extra]) == 0
    con = connect(db, read_only=True)
    admins = con.execute("SELECT username FROM instance_admins JOIN users USING (user_id) "
                         "ORDER BY username").fetchall()
    con.close()
    assert admins == [("first",), ("third",)]
