"""The demo budget: years of plausible household history, recorded through the commands.

`create_demo(dojo, years, transactions, seed)` creates a budget named "Demo" (USD) through
the command path, so every event is real: each command is decided on its own against the
state the ones before it left, and they are committed in batches (`Dojo.execute_batch`,
one transaction each) whenever the demo reads the read models back (twice a month).
Amounts, dates and payees come from `random.Random(seed)` (and, month by month, from the
read models the earlier commands produced); every id in the events is a uuid5 of the seed
and a counter, never `dojo.ids` or uuid4. The same seed on the same clock date therefore
gives the same events (only the batches' metadata command ids come from the service).

What "transactions" counts: every RecordTransaction and every RecordTransfer command the
demo executes (a transfer counts once, although it records two rows in rm_transactions).
The opening balances that OpenAccount records are not counted. So, in rm_transactions:

    rows with transfer_id NULL and payee <> 'Starting Balance'  +  distinct transfer_ids
        == transactions

By default there are about 150 a month (the current, partial month in proportion to the
days gone), and an explicit `transactions` is spread over the months the same way.

The household, over `years` years ending in today's month:

- accounts: Checking (opening balance), Savings, Visa (credit card, a small opening debt),
  Wallet (cash), Home Mortgage (tracking, negative opening balance) and Brokerage
  (investment, tracking);
- 19 categories in five groups, assigned every month roughly what is spent;
- every month: two paychecks to Ready to Assign, the mortgage payment (checking -> mortgage,
  categorized, plus the monthly interest on the mortgage account), bills, groceries and
  dining mostly on the card, the card payment (the payment category's available of the
  month before, plus whatever credit overspending of that month the budget now covers),
  a savings transfer, an investment contribution (checking -> brokerage, categorized) and
  the market's monthly move on the brokerage account, an ATM withdrawal for the wallet;
- now and then: splits (a warehouse-store run for groceries and household), refunds on
  the card, overspending (some months spend more than the envelope holds: credit
  overspending on the card, cash overspending from checking or the wallet), and money
  moved between categories to cover some of it. The second-to-last month always ends with
  uncovered overspending in Dining (when its share of `transactions` leaves room for
  purchases after the scheduled items, about 17 a month).

A month with a small share keeps its scheduled items in priority order (paychecks,
mortgage, card payment, bills, transfers, ...) and has no purchases.

Performance: committed one command at a time through `Dojo.execute`, the demo took
minutes (about 4 for 3 years, 15 for 10 on an idle machine: tens of milliseconds a
command, nearly all of it updating the read models); in batches it takes seconds and
records the same events.
"""

import calendar
import datetime as dt
import math
import random
import uuid
from dataclasses import dataclass, field

from dojo.app.service import Dojo
from dojo.clock import today as clock_today
from dojo.domain import commands as cmd
from dojo.domain.events import Cleared, Line
from dojo.domain.months import FIRST_MONTH, add_months, month_index

DEMO_NAME = "Demo"
CURRENCY = "USD"
PER_MONTH = 150
_NAMESPACE = uuid.UUID("3b8f8c1e-2a57-4c53-9d0e-6a1f4d2b9c71")

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Bills", ("Mortgage", "Utilities", "Phone", "Internet", "Insurance", "Subscriptions")),
    ("Everyday", ("Groceries", "Dining", "Household", "Transport", "Fuel")),
    ("Health & Personal", ("Medical", "Clothing")),
    ("Quality of Life", ("Fun", "Gifts", "Vacation")),
    ("Savings Goals", ("Emergency fund", "Home maintenance", "Investments")),
)

# key, name, type
ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("checking", "Checking", "checking"),
    ("savings", "Savings", "savings"),
    ("visa", "Visa", "credit_card"),
    ("wallet", "Wallet", "cash"),
    ("mortgage", "Home Mortgage", "mortgage"),
    ("brokerage", "Brokerage", "investment"),
)


@dataclass(frozen=True)
class _Spend:
    """A category spent on through many small purchases."""

    base: int                                  # cents a month, in the first month's prices
    weight: int                                # share of the month's purchases
    accounts: tuple[tuple[str, float], ...]    # where it is paid from, with probabilities


SPENDING: dict[str, _Spend] = {
    "Groceries": _Spend(72000, 30, (("visa", 0.8), ("checking", 0.12), ("wallet", 0.08))),
    "Dining": _Spend(24000, 22, (("visa", 0.75), ("wallet", 0.25))),
    "Household": _Spend(8000, 8, (("visa", 0.8), ("checking", 0.2))),
    "Transport": _Spend(7000, 10, (("checking", 0.45), ("visa", 0.35), ("wallet", 0.2))),
    "Fuel": _Spend(15000, 8, (("visa", 1.0),)),
    "Medical": _Spend(5000, 3, (("checking", 0.6), ("visa", 0.4))),
    "Clothing": _Spend(8000, 4, (("visa", 1.0),)),
    "Fun": _Spend(14000, 10, (("visa", 0.6), ("wallet", 0.25), ("checking", 0.15))),
    "Gifts": _Spend(6000, 3, (("visa", 0.75), ("wallet", 0.25))),
    "Vacation": _Spend(25000, 4, (("visa", 1.0),)),
    "Home maintenance": _Spend(10000, 2, (("checking", 0.5), ("visa", 0.5))),
    "Emergency fund": _Spend(25000, 1, (("checking", 1.0),)),
}

PAYEES: dict[tuple[str, str], tuple[str, ...]] = {
    ("Groceries", "visa"): ("Whole Foods", "Trader Joe's", "Safeway", "Kroger", "Aldi"),
    ("Groceries", "checking"): ("Kroger", "Farmers Market", "Aldi"),
    ("Groceries", "wallet"): ("Farmers Market", "Corner Store", "Bakery"),
    ("Dining", "visa"): ("Chipotle", "Olive Garden", "Starbucks", "Local Pizza Co",
                         "Thai Palace", "Sushi House", "Panera Bread"),
    ("Dining", "wallet"): ("Food Truck", "Coffee Cart", "Taco Stand"),
    ("Household", "visa"): ("Target", "Amazon", "Home Depot", "IKEA"),
    ("Household", "checking"): ("Walmart", "Dollar Tree"),
    ("Transport", "checking"): ("Metro Transit",),
    ("Transport", "visa"): ("Uber", "Lyft", "City Parking"),
    ("Transport", "wallet"): ("Parking Meter", "Bus Fare"),
    ("Fuel", "visa"): ("Shell", "Chevron", "Costco Gas", "BP"),
    ("Medical", "checking"): ("City Medical Group", "Dental Associates"),
    ("Medical", "visa"): ("CVS Pharmacy", "Walgreens"),
    ("Clothing", "visa"): ("Old Navy", "Uniqlo", "Nordstrom", "Gap", "Amazon"),
    ("Fun", "visa"): ("AMC Theatres", "Steam", "Ticketmaster", "Bowling Alley",
                      "Barnes & Noble"),
    ("Fun", "wallet"): ("Arcade", "County Fair", "Mini Golf"),
    ("Fun", "checking"): ("Climbing Gym",),
    ("Gifts", "visa"): ("Amazon", "Etsy", "Target"),
    ("Gifts", "wallet"): ("Flower Stand", "Card Shop"),
    ("Vacation", "visa"): ("Delta Air Lines", "Marriott", "Airbnb", "Hertz", "Expedia"),
    ("Home maintenance", "checking"): ("Ace Plumbing", "Green Lawn Care", "HVAC Pros"),
    ("Home maintenance", "visa"): ("Home Depot", "Lowe's"),
    ("Emergency fund", "checking"): ("Joe's Auto Repair", "Urgent Care"),
}

# Taken from when Ready to Assign cannot cover the month's plan, in this order.
_REDUCIBLE = ("Emergency fund", "Vacation", "Home maintenance", "Gifts", "Clothing", "Fun")
# Where money to cover overspending is moved from.
_DONORS = ("Fun", "Vacation", "Emergency fund", "Home maintenance", "Clothing", "Gifts")
# What a month's splurge may hit.
_SPLURGE = ("Dining", "Fun", "Clothing", "Groceries", "Household", "Medical")


@dataclass
class _Item:
    """One planned RecordTransaction (to_key None) or RecordTransfer."""

    day: int
    account: str                  # the account key; the from account of a transfer
    amount: int                   # signed for a transaction, positive for a transfer
    lines: tuple[tuple[str | None, int], ...] = ()   # (category name or None, amount)
    to_key: str | None = None
    category: str | None = None   # a transfer's category (the on-budget side's)
    payee: str | None = None
    memo: str | None = None


@dataclass
class _Before:
    """What the read models say about the month before."""

    rta: int = 0                  # rta(prev) - cash_overspent(prev): this month's start
    credit_overspent: int = 0
    available: dict[str, int] = field(default_factory=dict)


def demo_budget_id(seed: int) -> str:
    """The id the demo budget of `seed` is created with."""
    return str(uuid.uuid5(_NAMESPACE, f"demo/{seed}/budget"))


def _existing(dojo: Dojo) -> str | None:
    with dojo.con.cursor() as cur:
        row = cur.execute("SELECT budget_id FROM rm_budgets WHERE name = ? "
                          "ORDER BY created_position LIMIT 1", [DEMO_NAME]).fetchone()
    return None if row is None else str(row[0])


def _round_to(value: float, step: int) -> int:
    return round(value / step) * step


def _round_up(value: float, step: int) -> int:
    return math.ceil(value / step) * step


def _quotas(total: int, weights: list[float]) -> list[int]:
    """`total` spread over the months in proportion to the weights (largest remainder)."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    quotas = [math.floor(r) for r in raw]
    rest = total - sum(quotas)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - quotas[i]), i))
    for i in order[:rest]:
        quotas[i] += 1
    return quotas


class _Demo:
    """Builds the demo budget, month by month, through the command path: commands are
    decided one by one and committed in batches (`Dojo.execute_batch`) between reads."""

    def __init__(self, dojo: Dojo, seed: int, today: dt.date) -> None:
        self.dojo = dojo
        self.seed = seed
        self.today = today
        self.rng = random.Random(seed)
        self.counter = 0
        self.budget_id = demo_budget_id(seed)
        self.accounts: dict[str, str] = {}
        self.categories: dict[str, str] = {}
        self.names: dict[str, str] = {}          # category id -> name
        self.payment_id = ""
        self.income_id = ""
        self.balance: dict[str, int] = {key: 0 for key, _, _ in ACCOUNTS}
        self.salary = 0               # one paycheck, cents; raised every January
        self.mortgage_payment = 0
        self.mortgage_rate = 0.0
        self.pending: list[cmd.Command] = []

    # -- plumbing -----------------------------------------------------------------

    def new_id(self) -> str:
        self.counter += 1
        return str(uuid.uuid5(_NAMESPACE, f"demo/{self.seed}/{self.counter}"))

    def run(self, command: cmd.Command) -> None:
        self.new_id()  # keeps the ids of later objects what they were with single commands
        self.pending.append(command)

    def flush(self) -> None:
        """Commit what is pending, so that the read models can be read."""
        if self.pending:
            self.dojo.execute_batch(self.budget_id, self.pending)
            self.pending = []

    def pick(self, options: tuple[tuple[str, float], ...]) -> str:
        roll, total = self.rng.random(), 0.0
        for key, probability in options:
            total += probability
            if roll < total:
                return key
        return options[-1][0]

    # -- setup --------------------------------------------------------------------

    def setup(self, opened_on: str) -> None:
        rng = self.rng
        self.run(cmd.CreateBudget(budget_id=self.budget_id, name=DEMO_NAME, currency=CURRENCY))
        self.flush()
        with self.dojo.con.cursor() as cur:
            row = cur.execute("SELECT income_category_id FROM rm_budgets WHERE budget_id = ?",
                              [self.budget_id]).fetchone()
        self.income_id = str(row[0])
        for group, names in GROUPS:
            group_id = self.new_id()
            self.run(cmd.CreateCategoryGroup(group_id=group_id, name=group))
            for name in names:
                category_id = self.new_id()
                self.run(cmd.CreateCategory(category_id=category_id, group_id=group_id,
                                            name=name))
                self.categories[name] = category_id
                self.names[category_id] = name
        openings = {
            "checking": rng.randint(350000, 520000),
            "savings": rng.randint(700000, 1000000),
            "visa": -rng.randint(40000, 120000),
            "wallet": rng.randint(6000, 15000),
            "mortgage": -rng.randint(250000, 320000) * 100,
            "brokerage": rng.randint(1800000, 3200000),
        }
        for key, name, account_type in ACCOUNTS:
            account_id = self.new_id()
            self.accounts[key] = account_id
            self.run(cmd.OpenAccount(account_id=account_id, name=name,
                                     account_type=account_type,
                                     opening_balance=openings[key], opening_date=opened_on))
            self.balance[key] = openings[key]
        self.flush()
        with self.dojo.con.cursor() as cur:
            row = cur.execute("SELECT payment_category_id FROM rm_accounts "
                              "WHERE budget_id = ? AND account_id = ?",
                              [self.budget_id, self.accounts["visa"]]).fetchone()
        self.payment_id = str(row[0])
        self.salary = _round_to(rng.uniform(260000, 300000), 100)
        self.mortgage_payment = _round_to(rng.uniform(155000, 180000), 100)
        self.mortgage_rate = rng.choice((0.0325, 0.0375, 0.04, 0.0425, 0.045))

    # -- reading back ---------------------------------------------------------------

    def before(self, month: str) -> _Before:
        prev = add_months(month, -1)
        self.flush()
        with self.dojo.con.cursor() as cur:
            row = cur.execute("SELECT rta, cash_overspent, credit_overspent FROM rm_months "
                              "WHERE budget_id = ? AND month = ?",
                              [self.budget_id, prev]).fetchone()
            available = {str(c): int(a) for c, a in cur.execute(
                "SELECT category_id, available FROM rm_category_months "
                "WHERE budget_id = ? AND month = ?", [self.budget_id, prev]).fetchall()}
        if row is None:
            return _Before(available=available)
        return _Before(int(row[0]) - int(row[1]), int(row[2]), available)

    def available_now(self, month: str) -> dict[str, int]:
        self.flush()
        with self.dojo.con.cursor() as cur:
            return {self.names[str(c)]: int(a) for c, a in cur.execute(
                "SELECT category_id, available FROM rm_category_months "
                "WHERE budget_id = ? AND month = ? AND category_id <> ?",
                [self.budget_id, month, self.payment_id]).fetchall()}

    # -- one month ------------------------------------------------------------------

    def month(self, index: int, month: str, quota: int, *, first: bool,
              forced_splurge: bool) -> None:
        rng = self.rng
        year, mon = int(month[:4]), int(month[5:7])
        days = calendar.monthrange(year, mon)[1]
        current = month == self.today.isoformat()[:7]
        last_day = self.today.day if current else days
        growth = 1.03 ** (index / 12)
        before = self.before(month)
        carry = {self.names[c]: max(0, a) for c, a in before.available.items()
                 if c in self.names}
        payment_before = max(0, before.available.get(self.payment_id, 0))
        if mon == 1 and not first:
            self.salary = _round_to(self.salary * rng.uniform(1.02, 1.05), 100)
            self.mortgage_payment = _round_to(self.mortgage_payment * rng.uniform(1.0, 1.02),
                                              100)

        # The month's bills and fixed amounts.
        pay = [round(self.salary * rng.uniform(0.99, 1.015)) for _ in range(2)]
        utilities = round(15500 * growth * (1 + 0.35 * math.cos(2 * math.pi * (mon - 1) / 12))
                          * rng.uniform(0.92, 1.08))
        phone = round(8500 * rng.uniform(0.97, 1.06))
        internet = 6500 + 500 * (index // 24)
        insurance = round(21500 * 1.04 ** (index // 12))
        subscriptions = {"Netflix": 1549 + 250 * (index // 18),
                         "Spotify": 1099 + 100 * (index // 24), "iCloud": 299}
        contribution = _round_to(50000 * growth, 2500)
        cover = -self.balance["visa"] if first else before.credit_overspent
        card_payment = payment_before + cover
        mortgage_open = self.balance["mortgage"] < 0

        schedule: list[tuple[str, int]] = [
            ("pay1", 1), ("mortgage", 1), ("pay2", 15), ("card", rng.randint(5, 9)),
            ("utilities", rng.randint(18, 22)), ("insurance", 5), ("internet", 9),
            ("phone", 12), ("investment", 16), ("savings", 16), ("atm", rng.randint(1, 3)),
            ("interest", days), ("market", days), ("Netflix", 11), ("Spotify", 20),
            ("iCloud", 3),
        ]
        if rng.random() < 0.3:
            schedule.append(("refund", rng.randint(1, days)))
        skip = set()
        if not mortgage_open:
            skip |= {"mortgage", "interest"}
        if card_payment <= 0:
            skip.add("card")
        kept = [(name, day) for name, day in schedule if day <= last_day and name not in skip]
        kept = kept[:quota]
        kept_names = {name for name, _ in kept}
        purchases = quota - len(kept)

        # Assignments: roughly what the month will spend, then fitted to Ready to Assign.
        assign: dict[str, int] = {
            "Mortgage": self.mortgage_payment if mortgage_open else 0,
            "Utilities": _round_up(utilities, 1000),
            "Phone": _round_up(phone, 500),
            "Internet": internet,
            "Insurance": insurance,
            "Subscriptions": _round_up(sum(subscriptions.values()), 500),
            "Investments": contribution,
        }
        for name in ("Groceries", "Dining", "Household", "Transport", "Fuel", "Medical",
                     "Clothing", "Fun", "Gifts", "Vacation", "Home maintenance",
                     "Emergency fund"):
            assign[name] = _round_to(SPENDING[name].base * growth * rng.uniform(0.95, 1.05),
                                     1000)
        if mon in (11, 12):
            assign["Gifts"] += _round_to(25000 * growth, 1000)
        income = sum(p for p, name in zip(pay, ("pay1", "pay2"), strict=True)
                     if name in kept_names)
        if first:
            income += sum(self.balance[k] for k in ("checking", "savings", "wallet"))
        room = before.rta + income - cover - sum(assign.values())
        if room < 0:
            for name in _REDUCIBLE:
                cut = min(assign[name], -room)
                assign[name] -= cut
                room += cut
                if room >= 0:
                    break
        buffer = rng.randint(0, 15000)
        if room > buffer:
            extra = (room - buffer) // 1000 * 1000
            if carry.get("Emergency fund", 0) < 2000000 * growth:
                assign["Emergency fund"] += extra
            else:
                half = extra // 2000 * 1000
                assign["Vacation"] += half
                assign["Home maintenance"] += extra - half
        for name in (n for _, names in GROUPS for n in names):
            if assign.get(name, 0):
                self.run(cmd.Assign(month=month, category_id=self.categories[name],
                                    assigned=assign[name]))
        if cover > 0:
            self.run(cmd.Assign(month=month, category_id=self.payment_id, assigned=cover))

        # What each spending category will spend this month.
        def envelope(name: str) -> int:
            return carry.get(name, 0) + assign.get(name, 0)

        target: dict[str, int] = {}
        for name in ("Groceries", "Dining", "Household", "Transport", "Fuel", "Fun"):
            target[name] = round(SPENDING[name].base * growth * rng.uniform(0.82, 1.12))
        if rng.random() < 0.55:
            target["Medical"] = round(SPENDING["Medical"].base * growth * rng.uniform(0.4, 2.4))
        if rng.random() < 0.6:
            target["Clothing"] = round(SPENDING["Clothing"].base * growth *
                                       rng.uniform(0.5, 2.0))
        if mon == 12:
            target["Gifts"] = max(round(envelope("Gifts") * rng.uniform(0.8, 1.15)),
                                  round(30000 * growth))
        elif rng.random() < 0.4:
            target["Gifts"] = round(SPENDING["Gifts"].base * growth * rng.uniform(1.0, 2.5))
        if mon == self.vacation_month(year):
            target["Vacation"] = max(round(envelope("Vacation") * rng.uniform(0.75, 1.2)),
                                     round(80000 * growth))
        if rng.random() < 0.25:
            target["Home maintenance"] = max(
                round(envelope("Home maintenance") * rng.uniform(0.3, 1.0)), 4000)
        if rng.random() < 0.04:
            target["Emergency fund"] = round(SPENDING["Emergency fund"].base * growth *
                                             rng.uniform(2, 6))
        splurge = None
        if forced_splurge:
            splurge = "Dining"
        elif rng.random() < 0.3:
            splurge = rng.choice(_SPLURGE)
        if current:   # the month so far
            target = {name: round(amount * last_day / days) for name, amount in target.items()}
        if splurge is not None:
            target[splurge] = envelope(splurge) + round(
                SPENDING[splurge].base * growth * rng.uniform(0.05, 0.4)) + 500

        items = self.purchases(purchases, target, last_day)
        items.extend(self.fixed(kept, pay, utilities, phone, internet, insurance,
                                subscriptions, contribution, card_payment, items, growth))
        items.sort(key=lambda item: item.day)
        for item in items:
            self.record(month, item)

        # Cover some overspending by moving money from a category that has some to spare.
        self.cover(month, splurge if forced_splurge else None)

    def vacation_month(self, year: int) -> int:
        return random.Random(f"{self.seed}/vacation/{year}").choice((6, 7, 8))

    def purchases(self, count: int, target: dict[str, int], last_day: int) -> list[_Item]:
        """`count` purchases sharing out the month's spending targets."""
        rng = self.rng
        if count <= 0:
            return []
        active = sorted((name for name, amount in target.items() if amount > 0),
                        key=lambda name: (-target[name], name))
        slots = dict.fromkeys(active, 0)
        for name in active[:count]:
            slots[name] = 1
        rest = count - sum(slots.values())
        if rest > 0:
            weights = [float(SPENDING[name].weight) for name in active]
            for name, extra in zip(active, _quotas(rest, weights), strict=True):
                slots[name] += extra
        items: list[_Item] = []
        for name in active:
            n = slots[name]
            if n == 0:
                continue
            shares = [rng.uniform(0.4, 1.6) for _ in range(n)]
            whole = sum(shares)
            amounts = [max(1, round(target[name] * s / whole)) for s in shares]
            for amount in amounts:
                account = self.pick(SPENDING[name].accounts)
                payee = rng.choice(PAYEES[(name, account)])
                day = rng.randint(1, last_day)
                items.append(_Item(day=day, account=account, amount=-amount,
                                   lines=((name, -amount),), payee=payee))
        # Now and then a warehouse-store run on the card is split over two categories.
        runs = [i for i in items if i.account == "visa" and i.amount <= -1000
                and i.lines[0][0] in ("Groceries", "Household")]
        for number, item in enumerate(runs):
            if rng.random() >= (0.6 if number == 0 else 0.04):
                continue
            name = item.lines[0][0]
            other = rng.choice(("Household", "Clothing")) if name == "Groceries" else "Groceries"
            part = round(item.amount * rng.uniform(0.15, 0.4))
            item.lines = ((name, item.amount - part), (other, part))
            item.payee = rng.choice(("Costco", "Target", "Walmart"))
        return items

    def fixed(self, kept: list[tuple[str, int]], pay: list[int], utilities: int, phone: int,
              internet: int, insurance: int, subscriptions: dict[str, int],
              contribution: int, card_payment: int, purchases: list[_Item],
              growth: float) -> list[_Item]:
        """The month's scheduled transactions and transfers that fit in its quota."""
        rng = self.rng
        items: list[_Item] = []
        savings_day = None

        def bill(day: int, account: str, category: str, amount: int, payee: str) -> _Item:
            return _Item(day=day, account=account, amount=-amount,
                         lines=((category, -amount),), payee=payee)

        for name, day in kept:
            if name in ("pay1", "pay2"):
                amount = pay[0] if name == "pay1" else pay[1]
                items.append(_Item(day=day, account="checking", amount=amount,
                                   lines=((None, amount),), payee="Acme Corp Payroll",
                                   memo="Salary"))
            elif name == "mortgage":
                amount = min(self.mortgage_payment, -self.balance["mortgage"])
                items.append(_Item(day=day, account="checking", amount=amount,
                                   to_key="mortgage", category="Mortgage",
                                   memo="Mortgage payment"))
            elif name == "card":
                items.append(_Item(day=day, account="checking", amount=card_payment,
                                   to_key="visa", memo="Visa payment"))
            elif name == "utilities":
                items.append(bill(day, "checking", "Utilities", utilities,
                                  "City Power & Water"))
            elif name == "insurance":
                items.append(bill(day, "checking", "Insurance", insurance, "State Farm"))
            elif name == "internet":
                items.append(bill(day, "checking", "Internet", internet, "Comcast"))
            elif name == "phone":
                items.append(bill(day, "visa", "Phone", phone, "Verizon"))
            elif name in subscriptions:
                items.append(bill(day, "visa", "Subscriptions", subscriptions[name], name))
            elif name == "investment":
                items.append(_Item(day=day, account="checking", amount=contribution,
                                   to_key="brokerage", category="Investments",
                                   memo="Monthly contribution"))
            elif name == "savings":
                savings_day = day
            elif name == "atm":
                cash = -sum(i.amount for i in purchases if i.account == "wallet")
                amount = max(4000, _round_up(cash + 3000 - self.balance["wallet"], 2000))
                items.append(_Item(day=day, account="checking", amount=amount,
                                   to_key="wallet", memo="ATM withdrawal"))
            elif name == "interest":
                after = self.balance["mortgage"] + sum(
                    i.amount for i in items if i.to_key == "mortgage")
                amount = -max(1, round(-after * self.mortgage_rate / 12))
                items.append(_Item(day=day, account="mortgage", amount=amount,
                                   lines=((None, amount),), payee="Home Mortgage Interest",
                                   memo="Monthly interest"))
            elif name == "market":
                before = self.balance["brokerage"] + sum(
                    i.amount for i in items if i.to_key == "brokerage")
                amount = round(before * rng.gauss(0.006, 0.035)) or 1
                items.append(_Item(day=day, account="brokerage", amount=amount,
                                   lines=((None, amount),), payee="Market change"))
            elif name == "refund":
                category = rng.choice(("Clothing", "Household"))
                amount = round(rng.uniform(1200, 9000) * growth)
                items.append(_Item(day=day, account="visa", amount=amount,
                                   lines=((category, amount),),
                                   payee=rng.choice(("Amazon", "Target", "Old Navy")),
                                   memo="Return"))
        if savings_day is not None:
            items.append(self.savings(savings_day, [*items, *purchases], growth))
        return items

    def savings(self, day: int, items: list[_Item], growth: float) -> _Item:
        """Keep a cushion in checking; the rest goes to savings (or comes back from it)."""
        flow = 0
        for item in items:
            if item.to_key is None:
                flow += item.amount if item.account == "checking" else 0
            elif item.account == "checking":
                flow -= item.amount
            elif item.to_key == "checking":
                flow += item.amount
        end = self.balance["checking"] + flow
        cushion = round(250000 * growth)
        if end - cushion >= 10000:
            return _Item(day=day, account="checking", amount=(end - cushion) // 5000 * 5000,
                         to_key="savings", memo="Monthly savings")
        if end < 100000 and self.balance["savings"] > 200000:
            amount = min(_round_up(150000 - end, 10000), self.balance["savings"] - 100000)
            return _Item(day=day, account="savings", amount=amount, to_key="checking",
                         memo="Top up checking")
        return _Item(day=day, account="checking", amount=5000, to_key="savings",
                     memo="Monthly savings")

    def record(self, month: str, item: _Item) -> None:
        date = f"{month}-{item.day:02d}"
        if item.to_key is not None:
            self.run(cmd.RecordTransfer(
                transfer_id=self.new_id(), from_account_id=self.accounts[item.account],
                to_account_id=self.accounts[item.to_key], date=date, amount=item.amount,
                category_id=self.categories[item.category] if item.category else None,
                memo=item.memo))
            self.balance[item.account] -= item.amount
            self.balance[item.to_key] += item.amount
            return
        on_budget = item.account not in ("mortgage", "brokerage")
        lines = tuple(
            Line(category_id=(self.categories[c] if c else self.income_id) if on_budget
                 else None, amount=a)
            for c, a in item.lines)
        age = (self.today - dt.date.fromisoformat(date)).days
        cleared: Cleared = "cleared" if age > 5 else "uncleared"
        self.run(cmd.RecordTransaction(
            transaction_id=self.new_id(), account_id=self.accounts[item.account], date=date,
            amount=item.amount, payee=item.payee, memo=item.memo, cleared=cleared,
            lines=lines))
        self.balance[item.account] += item.amount

    def cover(self, month: str, keep: str | None) -> None:
        """Now and then, move money to an overspent category from one with enough."""
        rng = self.rng
        available = self.available_now(month)
        order = [name for _, names in GROUPS for name in names]
        for name in order:
            short = available.get(name, 0)
            if short >= 0 or name == keep or rng.random() >= 0.45:
                continue
            donors = [d for d in _DONORS if d != name and available.get(d, 0) >= -short]
            if not donors:
                continue
            donor = max(donors, key=lambda d: (available[d], d))
            self.run(cmd.MoveMoney(month=month, from_category_id=self.categories[donor],
                                   to_category_id=self.categories[name], amount=-short))
            available[donor] += short
            available[name] = 0


def create_demo(dojo: Dojo, years: int, transactions: int | None = None, seed: int = 0) -> str:
    """The id of the budget named "Demo", created with `years` years of history if absent.

    `transactions` is the number of RecordTransaction and RecordTransfer commands (opening
    balances not counted); by default about 150 a month.
    """
    found = _existing(dojo)
    if found is not None:
        return found
    if years < 1:
        raise ValueError("years must be at least 1")
    if transactions is not None and transactions < 0:
        raise ValueError("transactions must not be negative")
    today = clock_today(dojo.clock)
    last = today.isoformat()[:7]
    first = add_months(last, -(12 * years - 1))
    if first < FIRST_MONTH:
        raise ValueError(f"{years} years before {last} is before {FIRST_MONTH}")
    months = [add_months(first, i) for i in range(month_index(last) - month_index(first) + 1)]
    weights = [1.0] * len(months)
    weights[-1] = today.day / calendar.monthrange(today.year, today.month)[1]
    total = round(PER_MONTH * sum(weights)) if transactions is None else transactions
    quotas = _quotas(total, weights)

    demo = _Demo(dojo, seed, today)
    with dojo.con.cursor() as cur:
        renamed = cur.execute("SELECT name FROM rm_budgets WHERE budget_id = ?",
                              [demo.budget_id]).fetchone()
    if renamed is not None:
        raise ValueError(f"the demo budget of seed {seed} exists, renamed {renamed[0]!r}")
    demo.setup(f"{first}-01")
    forced = max(0, len(months) - 2)
    for index, (month, quota) in enumerate(zip(months, quotas, strict=True)):
        demo.month(index, month, quota, first=index == 0, forced_splurge=index == forced)
    demo.flush()
    return demo.budget_id
