"""YNAB lists a transfer twice, once on each account (`Transfer : <Other>`); Dojo records it
once (R-T3). The two rows are paired by accounts, date and opposite amounts."""

from collections import defaultdict, deque

from dojo.domain import commands as cmd
from dojo.domain.ids import derived_id
from dojo.domain.kinds import ACCOUNT_KINDS
from dojo.domain.transfers import categorized_side
from dojo.ynab.kinds import transfer_target
from dojo.ynab.model import CardLine, ImportPlan
from dojo.ynab.read import RegisterRow, YnabFormatError


def _partners(plan: ImportPlan, halves: list[RegisterRow]) -> list[tuple[RegisterRow,
                                                                          RegisterRow]]:
    file = plan.names[0]
    waiting: dict[tuple[str, str, str, int], deque[RegisterRow]] = defaultdict(deque)
    for row in halves:
        other = transfer_target(row) or ""
        if other not in plan.accounts:
            raise YnabFormatError(file, row.line, f"a transfer names account {other!r}, which "
                                  "has no rows in the register")
        if other == row.account:
            raise YnabFormatError(file, row.line, "a transfer to its own account")
        if row.amount > 0:
            waiting[(row.account, other, row.date, row.amount)].append(row)
    pairs, matched = [], set()
    for row in halves:
        if row.amount < 0:
            other = transfer_target(row) or ""
            queue = waiting.get((other, row.account, row.date, -row.amount))
            if not queue:
                raise YnabFormatError(file, row.line, f"no 'Transfer : {row.account}' row on "
                                      f"{other!r} dated {row.date} for the same amount")
            partner = queue.popleft()
            matched.add(partner.line)
            pairs.append((row, partner))
    for row in halves:
        if row.amount > 0 and row.line not in matched:
            raise YnabFormatError(file, row.line, f"no 'Transfer : {row.account}' row on "
                                  f"{transfer_target(row)!r} dated {row.date} for the same "
                                  "amount")
    return pairs


def pair_transfers(plan: ImportPlan, halves: list[RegisterRow]) -> None:
    """One RecordTransfer per pair, with its category on the on-budget side when only one
    side is on budget, and each side's cleared status."""
    file = plan.names[0]
    for out, into in _partners(plan, halves):
        source, target = plan.accounts[out.account], plan.accounts[into.account]
        kinds = ACCOUNT_KINDS[plan.types[out.account]], ACCOUNT_KINDS[plan.types[into.account]]
        side = categorized_side(*kinds)
        category = None
        if side is not None:
            row = out if side == "from" else into
            category = plan.category_id(row.account, row.group, row.category) or plan.income_id
            if category != plan.income_id and "credit" in kinds:
                card = source if kinds[0] == "credit" else target
                plan.card_lines.append(CardLine(out.date[:7], category, card,
                                                row.amount))
        transfer_id = derived_id(plan.budget_id, f"ynab/transfer/{out.line}")
        plan.add(cmd.RecordTransfer(transfer_id=transfer_id, from_account_id=source,
                                    to_account_id=target, date=out.date, amount=-out.amount,
                                    category_id=category, memo=out.memo or into.memo or None),
                 (file, out.line))
        for row, role in ((out, "from"), (into, "to")):
            if row.cleared != "uncleared":
                plan.add(cmd.SetCleared(transaction_id=derived_id(transfer_id, role),
                                        cleared="cleared"), (file, row.line))
