"""Runs a shared scenario (tests/scenarios/*.json) through Dojo's commands and reads the
expected numbers back from the read models."""

import json
import os
from pathlib import Path
from typing import Any

from dojo.app.service import Dojo
from dojo.domain import commands as cmd
from dojo.domain.events import Line
from dojo.projections import queries

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def scenario_files() -> list[Path]:
    folder = Path(os.environ.get("DOJO_SCENARIOS", SCENARIOS))
    return sorted(folder.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def ref_ids(scenario: dict[str, Any]) -> dict[str, str]:
    """Ids that sort like their refs, as the scenario README asks (R-CC2)."""
    refs = sorted({s["ref"] for s in scenario["steps"] if "ref" in s and s["op"] != "edit"})
    return {ref: f"00000000-0000-4000-8000-{i + 1:012d}" for i, ref in enumerate(refs)}


class Driver:
    """Turns scenario steps into commands, keeping each record's latest full version."""

    def __init__(self, dojo: Dojo, budget_id: str, scenario: dict[str, Any]) -> None:
        self.dojo, self.budget_id = dojo, budget_id
        self.ids = ref_ids(scenario)
        self.kinds: dict[str, str] = {}
        self.latest: dict[str, dict[str, Any]] = {}
        with dojo.con.cursor() as cur:
            row = cur.execute("SELECT income_category_id FROM rm_budgets WHERE budget_id = ?",
                              [budget_id]).fetchone()
        self.income = row[0]

    def run(self, command: cmd.Command) -> None:
        self.dojo.execute(self.budget_id, command)

    def category(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        if ref == "ready_to_assign":
            return self.income
        if ref.startswith("payment:"):
            return self.payment_category(ref.removeprefix("payment:"))
        return self.ids[ref]

    def payment_category(self, account_ref: str) -> str:
        with self.dojo.con.cursor() as cur:
            row = cur.execute("SELECT payment_category_id FROM rm_accounts WHERE account_id = ?",
                              [self.ids[account_ref]]).fetchone()
        return row[0]

    def lines(self, step: dict[str, Any]) -> tuple[Line, ...]:
        if step.get("splits"):
            return tuple(Line(category_id=self.category(s["category"]), amount=s["amount"])
                         for s in step["splits"])
        return (Line(category_id=self.category(step.get("category")), amount=step["amount"]),)

    def record(self, step: dict[str, Any], edit: bool) -> None:
        kind = cmd.EditTransaction if edit else cmd.RecordTransaction
        self.run(kind(
            transaction_id=self.ids[step["ref"]], account_id=self.ids[step["account"]],
            date=step["date"], amount=step["amount"], payee=step.get("payee"),
            memo=step.get("memo"), cleared=step.get("cleared", "uncleared"),
            lines=self.lines(step),
        ))

    def transfer(self, step: dict[str, Any], edit: bool) -> None:
        kind = cmd.EditTransfer if edit else cmd.RecordTransfer
        self.run(kind(
            transfer_id=self.ids[step["ref"]], from_account_id=self.ids[step["from"]],
            to_account_id=self.ids[step["to"]], date=step["date"], amount=step["amount"],
            category_id=self.category(step.get("category")), memo=step.get("memo"),
        ))

    def step(self, step: dict[str, Any]) -> None:
        op = step["op"]
        if op == "open_account":
            self.run(cmd.OpenAccount(
                account_id=self.ids[step["ref"]], name=step["name"], account_type=step["type"],
                opening_balance=step.get("opening_balance", 0), opening_date=step["date"]))
        elif op == "create_group":
            self.run(cmd.CreateCategoryGroup(group_id=self.ids[step["ref"]], name=step["name"]))
        elif op == "create_category":
            self.run(cmd.CreateCategory(category_id=self.ids[step["ref"]],
                                        group_id=self.ids[step["group"]], name=step["name"]))
        elif op in ("record", "transfer"):
            self.kinds[step["ref"]] = op
            self.latest[step["ref"]] = dict(step)
            (self.record if op == "record" else self.transfer)(step, edit=False)
        elif op == "edit":
            merged = {**self.latest[step["ref"]], **step}
            if ("category" in step or "amount" in step) and "splits" not in step:
                merged.pop("splits", None)
            self.latest[step["ref"]] = merged
            kind = self.kinds[step["ref"]]
            (self.record if kind == "record" else self.transfer)(merged, edit=True)
        elif op == "delete":
            target = self.ids[step["ref"]]
            if self.kinds[step["ref"]] == "record":
                self.run(cmd.DeleteTransaction(transaction_id=target))
            else:
                self.run(cmd.DeleteTransfer(transfer_id=target))
        elif op == "assign":
            self.run(cmd.Assign(month=step["month"], category_id=self.category(step["category"]),
                                assigned=step["amount"]))
        elif op == "move":
            self.run(cmd.MoveMoney(month=step["month"], from_category_id=self.category(
                step["from"]), to_category_id=self.category(step["to"]), amount=step["amount"]))
        else:
            raise ValueError(f"unknown op {op}")

    def actual(self, expect: dict[str, Any]) -> dict[str, Any]:
        """The same shape as the scenario's `expect`, read from the read models."""
        names = {v: k for k, v in self.ids.items()}
        out: dict[str, Any] = {"months": {}, "accounts": {}, "net_worth": {}}
        with self.dojo.con.cursor() as cur:
            for month in expect["months"]:
                view = queries.month_view(cur, self.budget_id, month)
                fields = [f for f in expect["months"][month] if f != "categories"]
                summary = {f: getattr(view, f) for f in fields}
                cats = {}
                for c in view.categories:
                    if c.kind == "payment":
                        ref = "payment:" + names[self._card_of(cur, c.category_id)]
                    else:
                        ref = names[c.category_id]
                    cats[ref] = {f: getattr(c, f) for f in (
                        "assigned", "activity", "available", "carryover", "cash_overspent",
                        "credit_overspent")}
                out["months"][month] = {**summary, "categories": cats}
            for account_id, balance in cur.execute(
                "SELECT account_id, balance FROM rm_accounts WHERE budget_id = ?",
                [self.budget_id]).fetchall():
                out["accounts"][names[account_id]] = {"balance": balance}
            for n in queries.net_worth(cur, self.budget_id, sorted(expect["net_worth"])):
                out["net_worth"][n.month] = {"assets": n.assets, "liabilities": n.liabilities,
                                             "net_worth": n.net_worth}
        return out

    def _card_of(self, cur: Any, category_id: str) -> str:
        return cur.execute("SELECT payment_for_account_id FROM rm_categories "
                           "WHERE category_id = ?", [category_id]).fetchone()[0]
