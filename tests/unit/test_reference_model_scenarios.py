"""The naive reference model (tests/reference_model.py) must reproduce every expected number of
every shared scenario in shared/spec/scenarios (budget-rules.md sections 6-9).

The adapter below replays a scenario's steps into a final `Ledger` (I-2: the budget is a
function of the final ledger), then the test compares every month summary field, every
category field, every account balance and every net worth month.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.reference_model import (
    CREDIT_TYPES,
    INCOME,
    TRACKING_TYPES,
    Account,
    Ledger,
    Line,
    Txn,
    account_balances,
    cash_identity_holds,
    compute,
    first_month,
    net_worth,
)

MONTH_FIELDS = (
    "ready_to_assign",
    "income",
    "assigned",
    "activity",
    "overspent_last_month",
    "assigned_in_future",
    "cash_overspent",
    "credit_overspent",
)
CATEGORY_FIELDS = (
    "assigned",
    "activity",
    "available",
    "carryover",
    "cash_overspent",
    "credit_overspent",
)


def scenarios_dir() -> Path:
    override = os.environ.get("DOJO_SCENARIOS")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1] / "scenarios"


def scenario_files() -> list[Path]:
    return sorted(scenarios_dir().glob("*.json"))


# --------------------------------------------------------------------------------------------
# Adapter: scenario steps -> final Ledger
# --------------------------------------------------------------------------------------------


class ScenarioLedger:
    """Replays steps; records and transfers are kept as their latest full version by ref."""

    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.categories: list[str] = []
        self.payment_categories: dict[str, str] = {}
        self.opening: list[Txn] = []
        self.records: dict[str, dict[str, Any]] = {}  # ref -> record step (current version)
        self.transfers: dict[str, dict[str, Any]] = {}  # ref -> transfer step (current)
        self.assigned: dict[tuple[str, str], int] = {}

    def is_tracking(self, account_ref: str) -> bool:
        return self.accounts[account_ref].type in TRACKING_TYPES

    def category_id(self, ref: str) -> str:
        """Category refs are used as ids; `payment:<acct>` is that card's payment category."""
        if ref.startswith("payment:"):
            return self.payment_categories[ref.removeprefix("payment:")]
        if ref not in self.categories:
            raise ValueError(f"unknown category ref {ref!r}")
        return ref

    def line_category(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        if ref == INCOME:
            return INCOME
        return self.category_id(ref)

    def apply(self, step: dict[str, Any]) -> None:
        op = step["op"]
        if op == "open_account":
            ref = step["ref"]
            self.accounts[ref] = Account(id=ref, type=step["type"])
            if step["type"] in CREDIT_TYPES:
                self.payment_categories[ref] = f"payment:{ref}"
            amount = step.get("opening_balance", 0)
            if amount != 0:  # R-A3
                category = None if self.is_tracking(ref) else INCOME
                self.opening.append(
                    Txn(
                        id=f"open:{ref}",
                        account_id=ref,
                        date=step["date"],
                        lines=[Line(category, amount)],
                    )
                )
        elif op == "create_group":
            pass
        elif op == "create_category":
            self.categories.append(step["ref"])
        elif op == "record":
            self.records[step["ref"]] = dict(step)
        elif op == "transfer":
            self.transfers[step["ref"]] = dict(step)
        elif op == "edit":
            self.edit(step)
        elif op == "delete":
            ref = step["ref"]
            if ref in self.records:
                del self.records[ref]
            else:
                del self.transfers[ref]
        elif op == "assign":
            key = (self.category_id(step["category"]), step["month"])
            self.assigned[key] = step["amount"]
        elif op == "move":
            month, amount = step["month"], step["amount"]
            if step["from"] is not None:
                key = (self.category_id(step["from"]), month)
                self.assigned[key] = self.assigned.get(key, 0) - amount
            if step["to"] is not None:
                key = (self.category_id(step["to"]), month)
                self.assigned[key] = self.assigned.get(key, 0) + amount
        else:
            raise ValueError(f"unknown op {op!r}")

    def edit(self, step: dict[str, Any]) -> None:
        ref = step["ref"]
        changes = {k: v for k, v in step.items() if k not in ("op", "ref")}
        if ref in self.records:
            current = self.records[ref]
            if "splits" in changes:
                current.pop("category", None)
            if "category" in changes:
                current.pop("splits", None)
            if "amount" in changes and "splits" in current and "splits" not in changes:
                raise ValueError(f"edit of {ref!r} changes a split's amount without splits")
            current.update(changes)
        else:
            self.transfers[ref].update(changes)

    def record_txn(self, step: dict[str, Any]) -> Txn:
        if step.get("splits"):
            lines = [Line(self.line_category(s["category"]), s["amount"]) for s in step["splits"]]
            if sum(line.amount for line in lines) != step["amount"]:
                raise ValueError(f"split {step['ref']!r} does not add up")
        else:
            lines = [Line(self.line_category(step.get("category")), step["amount"])]
        return Txn(id=step["ref"], account_id=step["account"], date=step["date"], lines=lines)

    def transfer_txns(self, step: dict[str, Any]) -> list[Txn]:
        ref, src, dst, amount = step["ref"], step["from"], step["to"], step["amount"]
        category = self.line_category(step.get("category"))
        src_cat = dst_cat = None
        if self.is_tracking(src) != self.is_tracking(dst):  # exactly one side is tracking
            if self.is_tracking(dst):
                src_cat = category
            else:
                dst_cat = category
        return [
            Txn(f"{ref}:from", src, step["date"], [Line(src_cat, -amount)], dst),
            Txn(f"{ref}:to", dst, step["date"], [Line(dst_cat, amount)], src),
        ]

    def ledger(self) -> Ledger:
        txns = list(self.opening)
        txns += [self.record_txn(step) for step in self.records.values()]
        for step in self.transfers.values():
            txns += self.transfer_txns(step)
        return Ledger(
            accounts=list(self.accounts.values()),
            categories=list(self.categories),
            payment_categories=dict(self.payment_categories),
            txns=txns,
            assigned=dict(self.assigned),
        )


def scenario_ledger(scenario: dict[str, Any]) -> Ledger:
    builder = ScenarioLedger()
    for step in scenario["steps"]:
        builder.apply(step)
    return builder.ledger()


# --------------------------------------------------------------------------------------------
# The test
# --------------------------------------------------------------------------------------------


def test_scenarios_are_present() -> None:
    assert len(scenario_files()) >= 1, f"no scenarios found in {scenarios_dir()}"


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_reference_model_matches_scenario(path: Path) -> None:
    scenario = json.loads(path.read_text())
    ledger = scenario_ledger(scenario)
    expect = scenario["expect"]
    today_month = scenario["today"][:7]
    results = compute(ledger, today_month)

    diffs: list[str] = []

    def check(where: str, got: object, want: object) -> None:
        if got != want:
            diffs.append(f"{where}: model {got!r} != expected {want!r}")

    check("first month", first_month(ledger), min(expect["months"]))
    check("months", sorted(results), sorted(expect["months"]))
    for month, want in expect["months"].items():
        if month not in results:
            continue
        got = results[month]
        for name in MONTH_FIELDS:
            check(f"{month} {name}", getattr(got, name), want[name])
        check(f"{month} categories", sorted(got.categories), sorted(want["categories"]))
        for cat, want_cat in want["categories"].items():
            if cat not in got.categories:
                continue
            for name in CATEGORY_FIELDS:
                check(f"{month} {cat} {name}", getattr(got.categories[cat], name), want_cat[name])

    balances = account_balances(ledger)
    check("accounts", sorted(balances), sorted(expect["accounts"]))
    for acct, want in expect["accounts"].items():
        check(f"balance {acct}", balances.get(acct), want["balance"])

    for month, want in expect["net_worth"].items():
        assets, liabilities, worth = net_worth(ledger, month)
        check(f"net worth {month} assets", assets, want["assets"])
        check(f"net worth {month} liabilities", liabilities, want["liabilities"])
        check(f"net worth {month} net_worth", worth, want["net_worth"])

    assert not diffs, f"{path.name}:\n" + "\n".join(diffs)


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_reference_model_keeps_i1_cash_identity_on_scenario(path: Path) -> None:
    """I-1 holds in the model for every month of every scenario."""
    scenario = json.loads(path.read_text())
    ledger = scenario_ledger(scenario)
    for month in compute(ledger, scenario["today"][:7]):
        assert cash_identity_holds(ledger, month), month
