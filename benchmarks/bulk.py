"""The bulk-import figure (issue 6: 100k transactions in <= 5 s, a ten-year budget with 200
categories): the same transactions imported twice into two fresh such budgets, once posted
to /transactions/bulk over loopback HTTP in requests of 10,000, once with `dojo import-json`
run as a separate process on the closed database file (batches of 10,000).

Items are in date order, as an export of ten years of history would be; each has a client
id (what makes a retried import idempotent). Bodies are encoded before the clock starts.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from dojo.access import Access
from dojo.app.service import Dojo
from dojo.bootstrap import open_dojo
from dojo.domain import commands as cmd
from dojo.domain.months import add_months

CATEGORIES = 200
GROUPS = 10
BATCH = 10_000


@dataclass(frozen=True)
class Target:
    """A fresh budget to import into, and what the items may refer to."""

    budget_id: str
    checking: str
    card: str
    income: str
    categories: list[str]
    months: list[str]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def make_budget(dojo: Dojo, owner: str, years: int, today: str, rng: random.Random) -> Target:
    """A budget with 200 categories in 10 groups, a checking account and a card, and money
    assigned to a tenth of the categories every month for `years` years."""
    budget_id, checking, card = _uuid(rng), _uuid(rng), _uuid(rng)
    months = [add_months(today[:7], -i) for i in range(years * 12 - 1, -1, -1)]
    setup: list[cmd.Command] = [
        cmd.CreateBudget(budget_id=budget_id, name=f"Bulk {budget_id[:8]}", currency="USD"),
        cmd.OpenAccount(account_id=checking, name="Checking", account_type="checking",
                        opening_balance=10**12, opening_date=f"{months[0]}-01"),
        cmd.OpenAccount(account_id=card, name="Card", account_type="credit_card",
                        opening_balance=0, opening_date=f"{months[0]}-01"),
    ]
    categories = []
    for g in range(GROUPS):
        group_id = _uuid(rng)
        setup.append(cmd.CreateCategoryGroup(group_id=group_id, name=f"Group {g}"))
        for c in range(CATEGORIES // GROUPS):
            categories.append(_uuid(rng))
            setup.append(cmd.CreateCategory(category_id=categories[-1], group_id=group_id,
                                            name=f"Category {g}.{c}"))
    setup += [cmd.Assign(month=m, category_id=c, assigned=25_000)
              for m in months for c in categories[::10]]
    dojo.execute_batch(budget_id, setup)
    Access(dojo).set_member(budget_id, owner, "owner")
    with dojo.con.cursor() as cur:
        income = cur.execute("SELECT income_category_id FROM rm_budgets WHERE budget_id = ?",
                             [budget_id]).fetchone()[0]
    return Target(budget_id, checking, card, income, categories, months)


def make_items(target: Target, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Purchases on checking and the card (a tenth of them split), and pay days, by date."""
    days = sorted(f"{rng.choice(target.months)}-{rng.randint(1, 28):02d}" for _ in range(count))
    out = []
    for day in days:
        item: dict[str, Any] = {"id": _uuid(rng), "date": day,
                                "payee": f"Payee {rng.randint(1, 500)}"}
        if rng.random() < 0.02:
            item.update(account_id=target.checking, amount=rng.randint(200_000, 500_000),
                        category_id=target.income)
        else:
            amount = -rng.randint(100, 20_000)
            item.update(account_id=target.checking if rng.random() < 0.7 else target.card,
                        amount=amount)
            first, second = rng.sample(target.categories, 2)
            if rng.random() < 0.1:
                part = amount // 3
                item["lines"] = [{"category_id": first, "amount": amount - part},
                                 {"category_id": second, "amount": part, "memo": "split"}]
            else:
                item["category_id"] = first
        out.append(item)
    return out


def over_http(base: str, secret: str, target: Target, items: list[dict[str, Any]],
              batch: int) -> float:
    """Seconds to post every item, `batch` per request."""
    bodies = [json.dumps({"transactions": items[i:i + batch]}).encode()
              for i in range(0, len(items), batch)]
    url = f"{base}/api/v1/budgets/{target.budget_id}/transactions/bulk"
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    with httpx.Client(timeout=600) as http:
        began = time.perf_counter()
        for body in bodies:
            answer = http.post(url, content=body, headers=headers)
            if answer.status_code != 201:
                raise RuntimeError(f"bulk: {answer.status_code} {answer.text[:300]}")
        return time.perf_counter() - began


def with_cli(path: Path, target: Target, items: list[dict[str, Any]], batch: int) -> float:
    """Seconds `dojo import-json` takes as a process of its own, start-up included."""
    with tempfile.TemporaryDirectory(prefix="dojo-bulk-") as tmp:
        file = Path(tmp) / "items.jsonl"
        file.write_text("".join(json.dumps(item) + "\n" for item in items))
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dojo.cli", "import-json", "--db", str(path),
                        "--budget", target.budget_id, "--batch-size", str(batch), str(file)],
                       check=True, capture_output=True)
        return time.perf_counter() - began


def measure(path: Path, owner: str, secret: str, count: int, years: int, today: str,
            serve: Callable[[Dojo], AbstractContextManager[Any]]) -> dict[str, Any]:
    """Both figures on the closed database file at `path`; `serve(dojo)` serves it over
    HTTP (its `.base` is the URL) and the file is closed again before the CLI runs."""
    rng = random.Random(6)
    batch = min(BATCH, max(1, count // 3))  # several batches, in smoke mode too
    dojo = open_dojo(path)
    try:
        http_target = make_budget(dojo, owner, years, today, rng)
        cli_target = make_budget(dojo, owner, years, today, rng)
        with serve(dojo) as served:
            http_seconds = over_http(served.base, secret, http_target,
                                     make_items(http_target, count, rng), batch)
    finally:
        dojo.con.close()
    cli_seconds = with_cli(path, cli_target, make_items(cli_target, count, rng), batch)
    return {"transactions": count, "batch": batch, "categories": CATEGORIES, "years": years,
            "http_seconds": http_seconds, "cli_seconds": cli_seconds}
