"""The hand-made YNAB export (tests/fixtures/ynab) imports into one new budget whose months
match the plan export, except where budget-rules.md section 12 says Dojo differs."""

from collections import Counter

import duckdb
import pytest

from dojo.access import Access
from dojo.app.service import Dojo
from dojo.projections.rebuild import differences
from dojo.ynab.importer import Imported, ImportOptions, import_ynab
from dojo.ynab.read import YnabFormatError
from tests.conftest import CHEAP, PASSWORD
from tests.fixtures.ynab import make_exports
from tests.fixtures.ynab.make_exports import PLAN, REGISTER, texts


@pytest.fixture
def owner(dojo: Dojo) -> tuple[Access, str]:
    access = Access(dojo, CHEAP)
    return access, access.add_user("owner", PASSWORD)


@pytest.fixture
def imported(dojo: Dojo, owner: tuple[Access, str]) -> Imported:
    return import_ynab(dojo, owner[0], owner[1], *texts(), ImportOptions(name="Household"))


def _count(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> int:
    with con.cursor() as cur:
        return int(cur.execute(sql, list(params)).fetchone()[0])


def test_the_fixture_files_are_what_make_exports_writes() -> None:
    assert REGISTER.read_bytes() == make_exports.register_text().encode()
    assert PLAN.read_bytes() == make_exports.plan_text().encode()
    assert REGISTER.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in REGISTER.read_bytes() and b"\r\n" in PLAN.read_bytes()


def test_every_month_matches_but_the_two_cards_funded_in_another_order(
        imported: Imported) -> None:
    report = imported.report
    assert report.months == ["2025-10", "2025-11", "2025-12", "2026-01"]
    assert (report.compared, report.matched) == (48, 44)
    assert [(m.month, m.category, m.reason, m.available_ynab, m.available_dojo)
            for m in report.mismatches] == [
        ("2025-12", "Visa", "funding-order", 37500, 42000),
        ("2025-12", "Mastercard", "funding-order", 8300, 3800),
        ("2026-01", "Visa", "carried", 27875, 32375),
        ("2026-01", "Mastercard", "carried", 4200, -300),
    ]
    assert all(m.assigned_ynab == m.assigned_dojo for m in report.mismatches)


def test_card_income_to_ready_to_assign_is_noted_as_a_section_12_difference(
        imported: Imported) -> None:
    assert any("15.00 to Ready to Assign on card 'Visa'" in n and "R-R3" in n
               for n in imported.report.notes)


def test_account_balances_equal_the_register_sums(dojo: Dojo, imported: Imported) -> None:
    expected = Counter()
    for row in make_exports.flat():
        expected[row[0]] += row[5]
    with dojo.con.cursor() as cur:
        balances = dict(cur.execute("SELECT name, balance FROM rm_accounts WHERE budget_id = ?",
                                    [imported.budget_id]).fetchall())
        types = dict(cur.execute("SELECT name, type FROM rm_accounts WHERE budget_id = ?",
                                 [imported.budget_id]).fetchall())
    assert balances == dict(expected)
    assert types == {"Checking": "checking", "Savings": "savings", "Visa": "credit_card",
                     "Mastercard": "credit_card"}


def test_transfer_rows_become_one_transfer_per_pair(dojo: Dojo, imported: Imported) -> None:
    halves = [r for r in make_exports.flat() if r[2].startswith("Transfer : ")]
    assert _count(dojo.con, "SELECT count(*) FROM rm_transfers WHERE budget_id = ?",
                  imported.budget_id) == len(halves) // 2 == imported.counts["transfers"]
    assert _count(dojo.con, "SELECT count(*) FROM rm_transactions WHERE budget_id = ? "
                  "AND payee LIKE 'Transfer%'", imported.budget_id) == 0
    assert _count(dojo.con, "SELECT count(*) FROM rm_transactions WHERE budget_id = ? "
                  "AND transfer_id IS NOT NULL", imported.budget_id) == len(halves)


def test_a_split_becomes_one_transaction_with_its_lines(dojo: Dojo, imported: Imported) -> None:
    with dojo.con.cursor() as cur:
        found = cur.execute(
            "SELECT t.amount, count(*), list(l.memo ORDER BY l.amount) FROM rm_transactions t "
            "JOIN rm_transaction_lines l USING (budget_id, transaction_id) WHERE t.budget_id = ? "
            "AND t.payee = 'Costco' GROUP BY t.amount", [imported.budget_id]).fetchall()
    assert found == [(-12599, 2, ["food", "paper towels"])]


def test_reconciled_rows_are_reconciled_and_the_rest_keep_their_status(
        dojo: Dojo, imported: Imported) -> None:
    with dojo.con.cursor() as cur:
        statuses = dict(cur.execute(
            "SELECT cleared, count(*) FROM rm_transactions WHERE budget_id = ? GROUP BY 1",
            [imported.budget_id]).fetchall())
    # One per transaction: a split's lines share one; a zero starting balance records none.
    rows = Counter(r[6].lower() for r in make_exports.flat()
                   if (r[5] or r[2] != "Starting Balance") and r[7] in (None, (1, 2)))
    assert statuses == dict(rows) == {"reconciled": 32, "cleared": 18, "uncleared": 12}


def test_the_owner_owns_the_new_budget(imported: Imported, owner: tuple[Access, str]) -> None:
    assert owner[0].role(imported.budget_id, owner[1]) == "owner"


def test_a_malformed_file_names_its_line_and_creates_nothing(
        dojo: Dojo, owner: tuple[Access, str]) -> None:
    register, plan = texts()
    lines = register.split("\r\n")
    lines[4] = lines[4].replace("$95.20", "$95.20.1")
    with pytest.raises(YnabFormatError, match=r"^Register\.csv line 5: '\$95\.20\.1' is not "
                       "an amount$"):
        import_ynab(dojo, owner[0], owner[1], "\r\n".join(lines), plan)
    assert _count(dojo.con, "SELECT count(*) FROM events") == 0
    assert _count(dojo.con, "SELECT count(*) FROM budget_members") == 0


def test_a_row_dojo_refuses_names_its_line_and_creates_nothing(
        dojo: Dojo, owner: tuple[Access, str]) -> None:
    register, plan = texts()
    plan += '"Oct 2025","Bills: ' + "X" * 201 + '","Bills","' + "X" * 201 + '",$1.00,$0.00,$1.00'
    with pytest.raises(YnabFormatError, match=r"^Plan\.csv line 50: Dojo refuses it: name "
                       "must be at most 200 characters"):
        import_ynab(dojo, owner[0], owner[1], register, plan)
    assert _count(dojo.con, "SELECT count(*) FROM events") == 0


def test_an_unpaired_transfer_row_names_its_line(dojo: Dojo, owner: tuple[Access, str]) -> None:
    register, plan = texts()
    lines = [line for line in register.split("\r\n") if "Rainy day" not in line
             or "Savings" not in line.split(",")[0]]
    with pytest.raises(YnabFormatError, match=r"^Register\.csv line 7: no 'Transfer : "
                       "Checking' row on 'Savings' dated 2025-10-20"):
        import_ynab(dojo, owner[0], owner[1], "\r\n".join(lines), plan)


def test_the_imported_read_models_equal_a_replay_of_the_log(dojo: Dojo,
                                                           imported: Imported) -> None:
    assert imported.events == _count(dojo.con, "SELECT count(*) FROM events")
    assert differences(dojo.con, progress=lambda _: None) == []
