"""A deliberately naive reference model of Dojo's budget rules (docs: shared/spec/budget-rules.md).

Property tests use it to cross-check the real implementation, so it must stay independent of
the `dojo` package: standard library only. Everything is recomputed from the ledger from
scratch on every call: no caching, no incremental updates. Clarity beats speed here.

Sign convention: inflows positive, outflows negative; all amounts are integer minor units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The built-in "Ready to Assign" pseudo-category (R-C3) as it appears on transaction lines.
INCOME = "ready_to_assign"

CASH_TYPES = frozenset({"checking", "savings", "cash"})
CREDIT_TYPES = frozenset({"credit_card", "line_of_credit"})
TRACKING_TYPES = frozenset({"asset", "investment", "liability", "mortgage", "loan"})
ACCOUNT_TYPES = CASH_TYPES | CREDIT_TYPES | TRACKING_TYPES


# --------------------------------------------------------------------------------------------
# Ledger
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    id: str
    type: str  # one of ACCOUNT_TYPES


@dataclass(frozen=True)
class Line:
    # A regular category id, INCOME, or None (tracking accounts; both sides of an
    # on-budget <-> on-budget transfer). Never a payment category (R-C2).
    category_id: str | None
    amount: int


@dataclass(frozen=True)
class Txn:
    id: str
    account_id: str
    date: str  # "YYYY-MM-DD"
    lines: list[Line]
    # Set on each side of a transfer: the account of the other side (R-T3).
    transfer_peer_account_id: str | None = None


@dataclass
class Ledger:
    accounts: list[Account]
    categories: list[str]  # regular category ids (existing, not deleted)
    payment_categories: dict[str, str]  # credit account id -> payment category id
    txns: list[Txn]
    # (category id, "YYYY-MM") -> assigned; regular and payment categories (R-B1)
    assigned: dict[tuple[str, str], int] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatResult:
    assigned: int = 0
    activity: int = 0
    available: int = 0
    carryover: int = 0
    cash_overspent: int = 0
    credit_overspent: int = 0


@dataclass(frozen=True)
class MonthResult:
    rta: int  # the stored rta(m) of section 7 (before assigned_in_future)
    ready_to_assign: int  # shown value, R-R2
    income: int
    assigned: int  # assigned_total(m): regular and payment categories
    activity: int  # regular categories only (R-R4)
    overspent_last_month: int  # cash_overspent_total(prev)
    assigned_in_future: int
    cash_overspent: int  # all categories, payment ones included
    credit_overspent: int
    categories: dict[str, CatResult]


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def month_of(date: str) -> str:
    return date[:7]


def next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    if mon == 12:
        return f"{year + 1:04d}-01"
    return f"{year:04d}-{mon + 1:02d}"


def prev_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    if mon == 1:
        return f"{year - 1:04d}-12"
    return f"{year:04d}-{mon - 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from first through last, inclusive (empty when last < first)."""
    out = []
    m = first
    while m <= last:
        out.append(m)
        m = next_month(m)
    return out


def account_kind(account_type: str) -> str:
    if account_type in CASH_TYPES:
        return "cash"
    if account_type in CREDIT_TYPES:
        return "credit"
    if account_type in TRACKING_TYPES:
        return "tracking"
    raise ValueError(f"unknown account type {account_type!r}")


def _accounts_by_id(ledger: Ledger) -> dict[str, Account]:
    return {a.id: a for a in ledger.accounts}


def _kind_of_account(ledger: Ledger, account_id: str) -> str:
    accounts = _accounts_by_id(ledger)
    if account_id not in accounts:
        raise ValueError(f"unknown account {account_id!r}")
    return account_kind(accounts[account_id].type)


def validate(ledger: Ledger) -> None:
    """Refuse ledgers the rules forbid, so that a bad generator fails loudly."""
    accounts = _accounts_by_id(ledger)
    regular = set(ledger.categories)
    payment = set(ledger.payment_categories.values())
    for a in ledger.accounts:
        account_kind(a.type)
    for acct_id in ledger.payment_categories:
        if acct_id not in accounts or account_kind(accounts[acct_id].type) != "credit":
            raise ValueError(f"payment category for non-credit account {acct_id!r}")
    if regular & payment or INCOME in regular or INCOME in payment:
        raise ValueError("category ids overlap")
    for t in ledger.txns:
        kind = _kind_of_account(ledger, t.account_id)
        if len(t.date) != 10 or t.date[4] != "-" or t.date[7] != "-":
            raise ValueError(f"bad date {t.date!r}")
        if not t.lines:
            raise ValueError(f"transaction {t.id!r} has no lines")
        peer_kind = None
        if t.transfer_peer_account_id is not None:
            peer_kind = _kind_of_account(ledger, t.transfer_peer_account_id)
            if t.transfer_peer_account_id == t.account_id:
                raise ValueError(f"transfer {t.id!r} to its own account")
        # R-T2, R-T3: which lines must (not) carry a category.
        needs_category = kind != "tracking" and peer_kind != "cash" and peer_kind != "credit"
        for line in t.lines:
            c = line.category_id
            if c is None:
                if needs_category:
                    raise ValueError(f"uncategorized on-budget line in {t.id!r}")
                continue
            if not needs_category:
                raise ValueError(f"line in {t.id!r} must have no category")
            if c != INCOME and c not in regular:
                raise ValueError(f"line in {t.id!r} has unknown or payment category {c!r}")
    for cat, _month in ledger.assigned:
        if cat not in regular and cat not in payment:
            raise ValueError(f"assignment to unknown category {cat!r}")


# --------------------------------------------------------------------------------------------
# Months of the budget
# --------------------------------------------------------------------------------------------


def _budget_months(ledger: Ledger) -> list[str]:
    months = [month_of(t.date) for t in ledger.txns]
    months += [m for (_c, m), amount in ledger.assigned.items() if amount != 0]
    return sorted(set(months))


def first_month(ledger: Ledger) -> str | None:
    """Earliest month with a transaction or a nonzero assignment (section 6)."""
    months = _budget_months(ledger)
    return months[0] if months else None


def last_month(ledger: Ledger) -> str | None:
    """Latest month with a transaction or a nonzero assignment."""
    months = _budget_months(ledger)
    return months[-1] if months else None


# --------------------------------------------------------------------------------------------
# Raw sums straight from the ledger
# --------------------------------------------------------------------------------------------


def assigned_of(ledger: Ledger, category_id: str, month: str) -> int:
    return ledger.assigned.get((category_id, month), 0)


def assigned_total(ledger: Ledger, month: str) -> int:
    """R-R1: every regular and payment category."""
    return sum(amount for (_c, m), amount in ledger.assigned.items() if m == month)


def income(ledger: Ledger, month: str) -> int:
    """Section 7: INCOME lines dated in month on CASH accounts (credit ones: R-R3)."""
    total = 0
    for t in ledger.txns:
        if month_of(t.date) != month:
            continue
        if _kind_of_account(ledger, t.account_id) != "cash":
            continue
        for line in t.lines:
            if line.category_id == INCOME:
                total += line.amount
    return total


def cash_activity(ledger: Ledger, category_id: str, month: str) -> int:
    """C: lines categorized c, dated in month, on cash accounts."""
    total = 0
    for t in ledger.txns:
        if month_of(t.date) != month:
            continue
        if _kind_of_account(ledger, t.account_id) != "cash":
            continue
        for line in t.lines:
            if line.category_id == category_id:
                total += line.amount
    return total


def credit_lines(ledger: Ledger, category_id: str, month: str) -> list[tuple[str, int]]:
    """K-lines as (card account id, amount), sorted by (date, amount, id, line index)."""
    found = []
    for t in ledger.txns:
        if month_of(t.date) != month:
            continue
        if _kind_of_account(ledger, t.account_id) != "credit":
            continue
        for index, line in enumerate(t.lines):
            if line.category_id == category_id:
                key = (t.date, line.amount, str(t.id).lower(), index)
                found.append((key, t.account_id, line.amount))
    found.sort(key=lambda item: item[0])
    return [(acct, amount) for _key, acct, amount in found]


def on_budget_transfer_lines(ledger: Ledger, card_id: str, month: str) -> int:
    """Sum of lines on card_id dated in month of transfers whose other side is on budget."""
    total = 0
    for t in ledger.txns:
        if t.account_id != card_id or month_of(t.date) != month:
            continue
        peer = t.transfer_peer_account_id
        if peer is None or _kind_of_account(ledger, peer) == "tracking":
            continue
        for line in t.lines:
            total += line.amount
    return total


# --------------------------------------------------------------------------------------------
# The month computation (sections 6 and 7)
# --------------------------------------------------------------------------------------------


def _regular_category_month(
    ledger: Ledger, c: str, month: str, available_prev: int
) -> tuple[CatResult, dict[str, int]]:
    """Section 6 for a regular category. Returns the result and moved_to_payment per card."""
    carryover = max(0, available_prev)
    assigned = assigned_of(ledger, c, month)
    b = carryover + assigned
    cash = cash_activity(ledger, c, month)
    k_lines = credit_lines(ledger, c, month)
    r0 = b + cash
    running = max(r0, 0)
    moved: dict[str, int] = {}
    for card, x in k_lines:
        new = running + x
        moved[card] = moved.get(card, 0) + max(running, 0) - max(new, 0)
        running = new
    credit_sum = sum(x for _card, x in k_lines)
    activity = cash + credit_sum
    available = r0 + credit_sum
    overspent = max(0, -available)
    credit_overspent = min(overspent, max(0, -running))
    cash_overspent = overspent - credit_overspent
    result = CatResult(
        assigned=assigned,
        activity=activity,
        available=available,
        carryover=carryover,
        cash_overspent=cash_overspent,
        credit_overspent=credit_overspent,
    )
    return result, moved


def _payment_category_month(
    ledger: Ledger, card: str, month: str, available_prev: int, moved_to_payment: int
) -> CatResult:
    p = ledger.payment_categories[card]
    carryover = max(0, available_prev)
    assigned = assigned_of(ledger, p, month)
    activity = moved_to_payment - on_budget_transfer_lines(ledger, card, month)
    available = carryover + assigned + activity
    return CatResult(
        assigned=assigned,
        activity=activity,
        available=available,
        carryover=carryover,
        cash_overspent=max(0, -available),
        credit_overspent=0,
    )


def compute(ledger: Ledger, through: str) -> dict[str, MonthResult]:
    """Every month from first_month through max(through, last_month), in order."""
    validate(ledger)
    first = first_month(ledger)
    if first is None:
        return {}
    last = max(through, last_month(ledger) or through)

    results: dict[str, MonthResult] = {}
    # State of the month before the first month: all zero.
    prev_available: dict[str, int] = {}
    prev_rta = 0
    prev_cash_overspent_total = 0

    for month in months_between(first, last):
        categories: dict[str, CatResult] = {}
        moved_total: dict[str, int] = {card: 0 for card in ledger.payment_categories}

        for c in ledger.categories:
            res, moved = _regular_category_month(ledger, c, month, prev_available.get(c, 0))
            categories[c] = res
            for card, amount in moved.items():
                moved_total[card] = moved_total.get(card, 0) + amount

        for card, p in ledger.payment_categories.items():
            categories[p] = _payment_category_month(
                ledger, card, month, prev_available.get(p, 0), moved_total.get(card, 0)
            )

        month_income = income(ledger, month)
        month_assigned = assigned_total(ledger, month)
        rta = prev_rta - prev_cash_overspent_total + month_income - month_assigned

        future = sum(amount for (_c, m), amount in ledger.assigned.items() if m > month)
        assigned_in_future = 0 if rta <= 0 or future <= 0 else min(rta, future)

        cash_overspent_total = sum(r.cash_overspent for r in categories.values())
        credit_overspent_total = sum(r.credit_overspent for r in categories.values())

        results[month] = MonthResult(
            rta=rta,
            ready_to_assign=rta - assigned_in_future,
            income=month_income,
            assigned=month_assigned,
            activity=sum(categories[c].activity for c in ledger.categories),
            overspent_last_month=prev_cash_overspent_total,
            assigned_in_future=assigned_in_future,
            cash_overspent=cash_overspent_total,
            credit_overspent=credit_overspent_total,
            categories=categories,
        )

        prev_available = {cid: r.available for cid, r in categories.items()}
        prev_rta = rta
        prev_cash_overspent_total = cash_overspent_total

    return results


# --------------------------------------------------------------------------------------------
# Balances and net worth
# --------------------------------------------------------------------------------------------


def _txn_amount(t: Txn) -> int:
    return sum(line.amount for line in t.lines)


def account_balances(ledger: Ledger) -> dict[str, int]:
    """R-A2: every transaction, whatever its date."""
    balances = {a.id: 0 for a in ledger.accounts}
    for t in ledger.txns:
        balances[t.account_id] += _txn_amount(t)
    return balances


def balance_through(ledger: Ledger, account_id: str, month: str) -> int:
    """Balance of the account counting transactions dated on or before the end of month."""
    return sum(
        _txn_amount(t)
        for t in ledger.txns
        if t.account_id == account_id and month_of(t.date) <= month
    )


def net_worth(ledger: Ledger, month: str) -> tuple[int, int, int]:
    """R-N1: (assets, liabilities, net_worth) by the sign of each account's balance."""
    balances = [balance_through(ledger, a.id, month) for a in ledger.accounts]
    assets = sum(b for b in balances if b > 0)
    liabilities = sum(b for b in balances if b < 0)
    return assets, liabilities, assets + liabilities


def underfunded(ledger: Ledger, card_id: str, month: str) -> int:
    """R-CC6: max(0, -balance_through(card, m) - available(payment category, m))."""
    p = ledger.payment_categories[card_id]
    first = first_month(ledger)
    available = 0
    if first is not None and month >= first:
        available = compute(ledger, month)[month].categories[p].available
    return max(0, -balance_through(ledger, card_id, month) - available)


def cash_identity_holds(ledger: Ledger, month: str) -> bool:
    """I-1: cash balances through m = rta(m) + sum of available + credit_overspent_total."""
    cash_total = sum(
        balance_through(ledger, a.id, month)
        for a in ledger.accounts
        if account_kind(a.type) == "cash"
    )
    first = first_month(ledger)
    if first is None or month < first:
        return cash_total == 0
    r = compute(ledger, month)[month]
    available_total = sum(c.available for c in r.categories.values())
    return cash_total == r.rta + available_total + r.credit_overspent
