"""One YNAB import: read both exports, plan the commands, check them all in memory (so that
a refusal names the file and line it comes from), then carry them out as one batch, all or
nothing, into a new budget owned by the importing user; then compare with the plan export."""

import datetime as dt
from dataclasses import dataclass

import msgspec

from dojo.access import Access
from dojo.app.service import Dojo
from dojo.clock import today
from dojo.domain import commands as cmd
from dojo.domain.decide import decide
from dojo.domain.errors import DomainError
from dojo.domain.ids import derived_id
from dojo.domain.money import currency_exponent
from dojo.domain.state import BudgetState, evolve, start
from dojo.ynab.model import ImportPlan
from dojo.ynab.plan import build_plan
from dojo.ynab.read import YnabFormatError, read_exports
from dojo.ynab.report import YnabReport, compare

DEFAULT_NAME = "YNAB import"


@dataclass(frozen=True)
class ImportOptions:
    """What the caller may choose; `names` are the files' names in messages."""

    name: str = DEFAULT_NAME
    currency: str | None = None
    date_format: str | None = None
    names: tuple[str, str] = ("Register.csv", "Plan.csv")


class Imported(msgspec.Struct, frozen=True):
    """The new budget, what it holds, and the comparison with the plan export."""

    budget_id: str
    currency: str
    exponent: int
    events: int
    counts: dict[str, int]   # what was created: accounts, categories, transactions, ...
    report: YnabReport


_COUNTED = {"OpenAccount": "accounts", "CreateCategoryGroup": "groups",
            "CreateCategory": "categories", "RecordTransaction": "transactions",
            "RecordTransfer": "transfers", "Assign": "assignments"}


def counts(commands: list[cmd.Command]) -> dict[str, int]:
    """How many of each thing the import creates, in a fixed order."""
    found = dict.fromkeys(_COUNTED.values(), 0)
    for command in commands:
        kind = _COUNTED.get(type(command).__name__)
        if kind:
            found[kind] += 1
    return found


def _apply(state: BudgetState | None, command: cmd.Command, day: dt.date) -> BudgetState:
    events = decide(state, command, day)
    if state is None:
        state = start(events[0])  # type: ignore[arg-type]
        events = events[1:]
    for event in events:
        evolve(state, event)
    return state


def checked_commands(plan: ImportPlan, day: dt.date) -> list[cmd.Command]:
    """The plan's commands, each decided in turn in memory, plus one reconciliation per
    account YNAB reconciled; a refusal becomes a YnabFormatError naming its line."""
    state: BudgetState | None = None
    out = []
    steps = list(plan.steps)
    for command, (file, line) in steps:
        try:
            state = _apply(state, command, day)
        except DomainError as exc:
            raise YnabFormatError(file, line, f"Dojo refuses it: {exc.detail}") from None
        out.append(command)
    assert state is not None
    for account_id, through in sorted(plan.reconciled.items()):
        statement = sum(t.amount for t in state.transactions.values()
                        if t.account_id == account_id and t.date <= through
                        and t.cleared != "uncleared")
        command = cmd.Reconcile(account_id=account_id, statement_balance=statement,
                                date=through,
                                adjustment_transaction_id=derived_id(account_id, "ynab-adjust"))
        try:
            state = _apply(state, command, day)
        except DomainError as exc:
            raise YnabFormatError(plan.names[0], None, f"reconciling through {through}: "
                                  f"{exc.detail}") from None
        out.append(command)
    return out


def import_ynab(dojo: Dojo, access: Access, owner_id: str, register: str, plan_text: str,
                options: ImportOptions = ImportOptions()) -> Imported:
    """A new budget from YNAB's register and plan exports, owned by `owner_id`."""
    exports = read_exports(register, plan_text, currency=options.currency,
                           date_format=options.date_format, names=options.names)
    budget_id = dojo.ids.new_id()
    plan = build_plan(exports, budget_id, options.name, options.names)
    commands = checked_commands(plan, today(dojo.clock))
    result = dojo.execute_batch(budget_id, commands, actor=owner_id,
                                also=access.member_sql(budget_id, owner_id, "owner"))
    exponent = currency_exponent(exports.currency) or 0
    with dojo.con.cursor() as cur:
        report = compare(cur, plan, exports, exponent)
    return Imported(budget_id, exports.currency, exponent, result.events, counts(commands),
                    report)
