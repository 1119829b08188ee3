"""Imports through the command service on DuckDB: every sample file lands as the expected
register rows, re-imports add nothing, a malformed file or an outdated preview changes
nothing, and the read models equal a replay afterwards (issue 8)."""

import duckdb
import pytest

from dojo.app.service import Dojo
from dojo.domain import commands as cmd
from dojo.domain.errors import ImportOutdated
from dojo.domain.events import Line
from dojo.imports import previews
from dojo.imports.rows import MalformedFile
from dojo.projections.rebuild import differences
from tests.import_files import EU_MAPPING, EXPECTED, MALFORMED, MAPPINGS, read

B = "00000000-0000-4000-a000-000000000001"
CHK = "00000000-0000-4000-8000-000000000001"
GROUP = "00000000-0000-4000-8000-000000000002"
FOOD = "00000000-0000-4000-8000-000000000003"


@pytest.fixture
def home(dojo: Dojo) -> Dojo:
    for command in (cmd.CreateBudget(budget_id=B, name="Home", currency="USD"),
                    cmd.OpenAccount(account_id=CHK, name="Checking", account_type="checking",
                                    opening_balance=500_000, opening_date="2026-01-01"),
                    cmd.CreateCategoryGroup(group_id=GROUP, name="Everyday"),
                    cmd.CreateCategory(category_id=FOOD, group_id=GROUP, name="Food")):
        dojo.execute(B, command)
    return dojo


def preview(dojo: Dojo, name: str, **options) -> previews.Planned:
    upload = previews.ImportFile(read(name), csv=options.pop("csv", MAPPINGS.get(name)),
                                 **options)
    planned = previews.plan_file(dojo, B, CHK, upload, dojo.ids.new_id())
    previews.store(dojo, B, planned, None)
    return planned


def commit(dojo: Dojo, planned: previews.Planned) -> previews.ImportPreview:
    with dojo.con.cursor() as cur:
        stored = previews.load(cur, B, CHK, planned.preview.id)

    def execute(command, *, command_id, also):  # type: ignore[no-untyped-def]
        return dojo.execute(B, command, command_id=command_id, also=also)

    return previews.commit(dojo, B, stored, execute)[0]


def register(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "SELECT CAST(date AS VARCHAR), amount, payee, memo, import_id FROM rm_transactions "
        "WHERE account_id = ? AND import_id IS NOT NULL ORDER BY import_id", [CHK]).fetchall()


def events(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT count(*) FROM events").fetchone()[0])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_file_imports_to_the_expected_transactions(home: Dojo, name: str) -> None:
    done = commit(home, preview(home, name))
    assert done.committed and done.counts.new == len(EXPECTED[name])
    assert register(home.con) == sorted(EXPECTED[name], key=lambda r: r[4])
    cleared = home.con.execute("SELECT DISTINCT cleared FROM rm_transactions WHERE "
                               "import_id IS NOT NULL").fetchall()
    assert cleared == [("cleared",)]
    assert differences(home.con, progress=lambda _: None) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reimporting_a_file_is_a_no_op(home: Dojo, name: str) -> None:
    commit(home, preview(home, name))
    before = events(home.con)
    again = preview(home, name)
    assert again.preview.counts.new == again.preview.counts.matched == 0
    assert again.preview.counts.duplicate == len(EXPECTED[name])
    commit(home, again)
    assert events(home.con) == before


def test_matching_keeps_the_users_fields_and_takes_the_banks_date(home: Dojo) -> None:
    mine = "00000000-0000-4000-9000-000000000001"
    home.execute(B, cmd.RecordTransaction(
        transaction_id=mine, account_id=CHK, date="2026-02-01", amount=-4217, payee="Café",
        memo="lunch with Ana", lines=(Line(category_id=FOOD, amount=-4217),)))
    planned = preview(home, "checking_v1.ofx")
    assert planned.preview.rows[0].status == "matched"
    assert planned.preview.rows[0].transaction_id == mine
    commit(home, planned)
    row = home.con.execute(
        "SELECT CAST(t.date AS VARCHAR), payee, t.memo, cleared, import_id, category_id "
        "FROM rm_transactions t JOIN rm_transaction_lines USING (budget_id, transaction_id) "
        "WHERE transaction_id = ?", [mine]).fetchone()
    assert row == ("2026-02-03", "Café", "lunch with Ana", "cleared", "2026020301", FOOD)
    assert home.con.execute("SELECT count(*) FROM rm_transactions WHERE amount = -4217"
                            ).fetchone() == (1,)
    assert differences(home.con, progress=lambda _: None) == []


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_file_names_its_line_and_appends_and_stores_nothing(home: Dojo,
                                                                        name: str) -> None:
    before = events(home.con)
    with pytest.raises(MalformedFile, match=f"^line {MALFORMED[name]}: "):
        preview(home, name)
    assert events(home.con) == before
    assert home.con.execute("SELECT count(*) FROM import_previews").fetchone() == (0,)


def test_committing_twice_appends_once(home: Dojo) -> None:
    planned = preview(home, "card.qfx")
    commit(home, planned)
    after_first = events(home.con)
    assert commit(home, planned).committed
    assert events(home.con) == after_first


def test_a_preview_the_account_outgrew_is_refused_and_changes_nothing(home: Dojo) -> None:
    planned = preview(home, "checking_v1.ofx")
    home.execute(B, cmd.RecordTransaction(
        transaction_id="00000000-0000-4000-9000-000000000002", account_id=CHK,
        date="2026-02-03", amount=-4217, lines=(Line(category_id=FOOD, amount=-4217),)))
    before = events(home.con)
    with pytest.raises(ImportOutdated):
        commit(home, planned)
    assert events(home.con) == before
    with home.con.cursor() as cur:
        assert not previews.load(cur, B, CHK, planned.preview.id).preview.committed
    assert preview(home, "checking_v1.ofx").preview.counts.matched == 1


def test_a_committed_csv_mapping_is_remembered_for_the_next_import(home: Dojo) -> None:
    with pytest.raises(Exception, match="needs a column mapping"):
        preview(home, "bank_eu.csv", csv=None)
    commit(home, preview(home, "bank_eu.csv"))
    with home.con.cursor() as cur:
        assert previews.remembered_mapping(cur, B, CHK) == EU_MAPPING
    again = preview(home, "bank_eu.csv", csv=None)
    assert again.preview.counts.duplicate == 4 and again.preview.counts.rejected == 1
