"""Reading the exports back with the tools they are made for: hledger (Debian), Beancount
(PyPI), Python's csv module. `make test` installs hledger, so a missing one fails."""

import csv
import io
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
from beancount import loader
from beancount.core import data

from dojo.exports.formats import export

BEAN_CHECK = Path(sys.executable).parent / "bean-check"


def exported(con: duckdb.DuckDBPyConnection, budget_id: str, name: str) -> bytes:
    out = io.BytesIO()
    with con.cursor() as cur:
        export(cur, budget_id, name, out)
    return out.getvalue()


def minor(text: str, exponent: int) -> int:
    """`-12.34` as minor units, exactly; a decimal with more places is refused."""
    value = Decimal(text) * 10**exponent
    assert value == value.to_integral_value(), f"{text} has more than {exponent} decimals"
    return int(value)


def hledger(*args: str) -> str:
    found = shutil.which("hledger")
    assert found, "hledger is missing: `make test` installs it (apt-get install hledger)"
    run = subprocess.run([found, *args], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"hledger {' '.join(args)} failed:\n{run.stderr}"
    return run.stdout


def hledger_accounts(journal: str) -> dict[str, str]:
    """Dojo account id -> journal account name, from the `account` declarations."""
    found = re.findall(r"^account (.+?)  ; .*dojo-account:(\S+)$", journal, re.M)
    return {account_id: name for name, account_id in found}


def hledger_balances(path: Path, exponent: int, *query: str) -> dict[str, int]:
    """`hledger balance` per account (flat, zero balances included), in minor units."""
    out = hledger("-f", str(path), "balance", "--flat", "--empty", "--no-total", "-O", "csv",
                  *query)
    rows = list(csv.reader(io.StringIO(out)))[1:]
    balances = {}
    for name, amount in rows:
        number = amount.split()[0] if amount.strip() not in ("0", "") else "0"
        balances[name] = minor(number, exponent)
    return balances


def bean_check(path: Path) -> None:
    assert BEAN_CHECK.exists(), "bean-check is missing: install the dev dependencies"
    run = subprocess.run([str(BEAN_CHECK), str(path)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, f"bean-check failed:\n{run.stdout}{run.stderr}"


def bean_balances(path: Path, exponent: int) -> tuple[dict[str, int], dict[str, str]]:
    """Balances per account summed by Beancount's loader (no errors allowed), and the Dojo
    account id -> Beancount account name of the `open` directives."""
    entries, errors, _ = loader.load_file(str(path))
    assert not errors, [str(e) for e in errors]
    balances: dict[str, int] = {}
    names = {}
    for entry in entries:
        if isinstance(entry, data.Open):
            balances.setdefault(entry.account, 0)
            if "dojo_account" in entry.meta:
                names[entry.meta["dojo_account"]] = entry.account
        if isinstance(entry, data.Transaction):
            for posting in entry.postings:
                balances[posting.account] += minor(str(posting.units.number), exponent)
    return balances, names


def register_rows(text: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.decode("utf-8"), newline="")))
