"""The hledger journal and the Beancount file of a budget pass their own tools' checks, and
each account's balance there equals Dojo's (R-A2); the CSV register has one row per line
and adds up to the same balances. On the demo household and on every shared scenario."""

from pathlib import Path

import pytest

from dojo.app.service import Dojo
from tests.integration.exports.books import balances, exponent, scenario_books
from tests.integration.exports.tools import (
    bean_balances,
    bean_check,
    exported,
    hledger,
    hledger_accounts,
    hledger_balances,
    minor,
    register_rows,
)
from tests.scenario_driver import scenario_files


def check_hledger(dojo: Dojo, budget_id: str, folder: Path) -> None:
    text = exported(dojo.con, budget_id, "hledger")
    path = folder / "budget.journal"
    path.write_bytes(text)
    hledger("-f", str(path), "check")
    hledger("-f", str(path), "check", "--strict", "ordereddates")
    names = hledger_accounts(text.decode())
    found = hledger_balances(path, exponent(dojo.con, budget_id))
    want = balances(dojo.con, budget_id)
    assert set(names) == set(want)
    assert {account_id: found[names[account_id]] for account_id in want} == want


def check_beancount(dojo: Dojo, budget_id: str, folder: Path, cli: bool = True) -> None:
    """bean-check itself, or (faster, the same check) Beancount's loader without errors."""
    path = folder / "budget.beancount"
    path.write_bytes(exported(dojo.con, budget_id, "beancount"))
    if cli:
        bean_check(path)
    found, names = bean_balances(path, exponent(dojo.con, budget_id))
    want = balances(dojo.con, budget_id)
    assert set(names) == set(want)
    assert {account_id: found[names[account_id]] for account_id in want} == want


def check_register(dojo: Dojo, budget_id: str) -> None:
    rows = register_rows(exported(dojo.con, budget_id, "csv"))
    with dojo.con.cursor() as cur:
        lines = cur.execute("SELECT count(*) FROM rm_transaction_lines WHERE budget_id = ?",
                            [budget_id]).fetchone()[0]
    assert len(rows) == lines
    money = exponent(dojo.con, budget_id)
    sums = dict.fromkeys(balances(dojo.con, budget_id), 0)
    for row in rows:
        amount = minor(row["amount"], money)
        assert minor(row["inflow"], money) - minor(row["outflow"], money) == amount
        sums[row["account_id"]] += amount
    assert sums == balances(dojo.con, budget_id)


def test_demo_hledger_journal_passes_check_and_balances_equal_dojos(
        demo: tuple[Dojo, str], tmp_path: Path) -> None:
    check_hledger(*demo, tmp_path)


def test_demo_beancount_file_passes_bean_check_and_balances_equal_dojos(
        demo: tuple[Dojo, str], tmp_path: Path) -> None:
    check_beancount(*demo, tmp_path)


def test_demo_register_has_one_row_per_line_adding_up_to_each_balance(
        demo: tuple[Dojo, str]) -> None:
    check_register(*demo)


def test_demo_assignments_are_virtual_budget_postings_per_category(
        demo: tuple[Dojo, str], tmp_path: Path) -> None:
    dojo, budget_id = demo
    path = tmp_path / "budget.journal"
    path.write_bytes(exported(dojo.con, budget_id, "hledger"))
    found = hledger_balances(path, 2, "^Budget:")
    with dojo.con.cursor() as cur:
        want = {f"Budget:{group}:{name}": int(total) for group, name, total in cur.execute(
            "SELECT g.name, c.name, sum(a.assigned) FROM rm_assignments a "
            "JOIN rm_categories c USING (budget_id, category_id) "
            "JOIN rm_category_groups g USING (budget_id, group_id) "
            "WHERE a.budget_id = ? GROUP BY ALL", [budget_id]).fetchall()}
    assert found == want
    real = hledger_balances(path, 2, "--real")
    assert not [name for name in real if name.startswith("Budget:")]


def test_credit_cards_and_loans_are_liabilities_cash_and_investments_assets(
        demo: tuple[Dojo, str]) -> None:
    dojo, budget_id = demo
    names = hledger_accounts(exported(dojo.con, budget_id, "hledger").decode())
    with dojo.con.cursor() as cur:
        types = dict(cur.execute("SELECT account_id, type FROM rm_accounts WHERE budget_id = ?",
                                 [budget_id]).fetchall())
    roots = {types[account_id]: name.split(":")[0] for account_id, name in names.items()}
    assert roots == {"checking": "Assets", "savings": "Assets", "cash": "Assets",
                     "investment": "Assets", "credit_card": "Liabilities",
                     "mortgage": "Liabilities"}


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_scenario_exports_check_and_add_up_to_dojos_balances(path: Path, tmp_path: Path) -> None:
    dojo, budget_id = scenario_books(path)
    try:
        check_hledger(dojo, budget_id, tmp_path)
        check_beancount(dojo, budget_id, tmp_path, cli=False)
        check_register(dojo, budget_id)
    finally:
        dojo.con.close()
