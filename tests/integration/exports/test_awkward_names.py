"""Names and text that the ledger formats cannot take as they are: colons, runs of spaces,
tabs, quotes, semicolons, names that only differ in punctuation, letters without an upper
case, and a currency with three decimals. The files still pass their checks and add up."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from dojo.app.service import Dojo
from dojo.domain import commands as cmd
from dojo.domain.events import Line
from tests.integration.exports.books import balances, fresh_dojo
from tests.integration.exports.test_ledgers_add_up import (
    check_beancount,
    check_hledger,
    check_register,
)
from tests.integration.exports.tools import bean_balances, exported, hledger, register_rows

BUDGET = "00000000-0000-4000-a000-0000000000b1"
DAY = "2026-02-10"


def _id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


@pytest.fixture(scope="module")
def books() -> Iterator[Dojo]:
    dojo = fresh_dojo()
    run = lambda command: dojo.execute(BUDGET, command)  # noqa: E731
    run(cmd.CreateBudget(budget_id=BUDGET, name='Home "KWD"; test', currency="KWD"))
    for n, name, kind, opening in ((1, "Chase: Visa\tGold", "credit_card", -1500),
                                   (2, "Wallet  (old)", "cash", 912_345),
                                   (3, "(Loan)", "loan", -500_000),
                                   (4, "食费", "savings", 7)):
        run(cmd.OpenAccount(account_id=_id(n), name=name, account_type=kind,
                            opening_balance=opening, opening_date="2026-01-15"))
    run(cmd.CreateCategoryGroup(group_id=_id(10), name="Out:In  \n Food"))
    run(cmd.CreateCategoryGroup(group_id=_id(11), name="食费组"))
    for n, name, group in ((20, "=SUM(A1)", 10), (21, "Food & Drink", 10), (22, "Food-Drink", 10),
                           (23, "café", 11), (24, "-5 refunds", 11), (25, "@home", 11),
                           (26, "食费", 11)):
        run(cmd.CreateCategory(category_id=_id(n), group_id=_id(group), name=name))
    run(cmd.RecordTransaction(
        transaction_id=_id(30), account_id=_id(1), date=DAY, amount=-12_345,
        payee='=HYPERLINK("http://x")', memo='a;b|c "quoted" \\ back\nnext line',
        lines=(Line(category_id=_id(20), amount=-12_345, memo="+1 ; line"),)))
    run(cmd.RecordTransaction(
        transaction_id=_id(31), account_id=_id(2), date=DAY, amount=-3_001, payee="(Market)",
        cleared="cleared", lines=(Line(category_id=_id(21), amount=-1_000),
                                  Line(category_id=_id(22), amount=-2_000),
                                  Line(category_id=_id(23), amount=-1))))
    run(cmd.RecordTransfer(transfer_id=_id(40), from_account_id=_id(2), to_account_id=_id(1),
                           date=DAY, amount=5_000))
    run(cmd.RecordTransfer(transfer_id=_id(41), from_account_id=_id(2), to_account_id=_id(3),
                           date=DAY, amount=100_000, category_id=_id(24)))
    run(cmd.RecordTransaction(transaction_id=_id(32), account_id=_id(3), date="2026-02-11",
                              amount=-2_500, payee="Interest", lines=(Line(category_id=None,
                                                                          amount=-2_500),)))
    # The wallet's cleared balance is 909.344; the statement says 909.000 (R-T7).
    run(cmd.Reconcile(account_id=_id(2), statement_balance=909_000, date=DAY,
                      adjustment_transaction_id=_id(33)))
    for month, category, amount in (("2026-01", 20, 50_000), ("2026-02", 21, 1_000),
                                    ("2026-02", 26, 3)):
        run(cmd.Assign(month=month, category_id=_id(category), assigned=amount))
    yield dojo
    dojo.con.close()


def test_awkward_names_hledger_journal_passes_check_and_adds_up(books: Dojo,
                                                                 tmp_path: Path) -> None:
    check_hledger(books, BUDGET, tmp_path)


def test_awkward_names_beancount_file_passes_bean_check_and_adds_up(books: Dojo,
                                                                     tmp_path: Path) -> None:
    check_beancount(books, BUDGET, tmp_path)


def test_categories_whose_names_sanitise_alike_stay_apart_in_beancount(books: Dojo,
                                                                        tmp_path: Path) -> None:
    path = tmp_path / "budget.beancount"
    path.write_bytes(exported(books.con, BUDGET, "beancount"))
    found, names = bean_balances(path, 3)
    food = sorted(name for name in found if name.startswith("Expenses:Out-In-Food:Food-Drink"))
    assert len(food) == 2
    assert sorted(found[name] for name in food) == [1_000, 2_000]
    assert {found[names[a]] for a in names} == set(balances(books.con, BUDGET).values())


def test_register_cells_that_look_like_formulas_start_with_a_quote(books: Dojo) -> None:
    check_register(books, BUDGET)
    rows = register_rows(exported(books.con, BUDGET, "csv"))
    card = next(r for r in rows if r["transaction_id"] == _id(30))
    assert card["payee"] == "'=HYPERLINK(\"http://x\")"
    assert card["category"] == "'=SUM(A1)"
    assert card["line_memo"] == "'+1 ; line"
    assert card["memo"] == 'a;b|c "quoted" \\ back\nnext line'  # quoted, never altered
    assert card["amount"] == "-12.345" and card["outflow"] == "12.345"
    categories = {r["category"] for r in rows}
    assert {"'-5 refunds", "Food & Drink", "café"} <= categories


def test_three_decimal_currency_amounts_are_exact(books: Dojo) -> None:
    text = exported(books.con, BUDGET, "hledger").decode()
    assert "commodity 1000.000 KWD" in text
    assert "-12.345 KWD" in text and "-0.001 KWD" not in text and "0.001 KWD" in text


def test_hledger_reads_payees_and_memos_as_given_where_its_syntax_allows(
        books: Dojo, tmp_path: Path) -> None:
    path = tmp_path / "budget.journal"
    path.write_bytes(exported(books.con, BUDGET, "hledger"))
    rows = register_rows(hledger("-f", str(path), "register", "-O", "csv").encode())
    descriptions = {r["description"] for r in rows}
    assert "(Market)" in descriptions  # not taken for a transaction code
    assert '=HYPERLINK("http://x") | a,b|c "quoted" \\ back next line' in descriptions
    assert {r["code"] for r in rows} == {""}


def test_reconciled_transactions_keep_their_status_in_both_ledgers(books: Dojo,
                                                                   tmp_path: Path) -> None:
    journal = tmp_path / "budget.journal"
    journal.write_bytes(exported(books.con, BUDGET, "hledger"))
    rows = register_rows(hledger("-f", str(journal), "register", "tag:reconciled", "-O",
                                 "csv").encode())
    with books.con.cursor() as cur:
        reconciled = cur.execute("SELECT count(*) FROM rm_transactions WHERE budget_id = ? "
                                 "AND cleared = 'reconciled'", [BUDGET]).fetchone()[0]
    assert reconciled == 3  # the opening balance, the split, the adjustment
    assert len({r["txnidx"] for r in rows}) == reconciled
    text = exported(books.con, BUDGET, "beancount").decode()
    assert text.count('cleared: "reconciled"') == reconciled
