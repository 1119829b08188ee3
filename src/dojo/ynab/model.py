"""What one import holds: its commands with the lines they come from, and the ids given to
YNAB's accounts and categories."""

from dataclasses import dataclass, field

from dojo.domain import commands as cmd
from dojo.domain.ids import derived_id
from dojo.domain.kinds import ACCOUNT_KINDS
from dojo.ynab.kinds import category_kind

Source = tuple[str, int | None]


@dataclass(frozen=True)
class CardLine:
    """A categorized line on a card, for the report's funding-order check."""

    month: str
    category_id: str
    card_id: str
    amount: int


@dataclass
class ImportPlan:
    budget_id: str
    names: tuple[str, str]
    income_id: str
    steps: list[tuple[cmd.Command, Source]] = field(default_factory=list)
    accounts: dict[str, str] = field(default_factory=dict)         # YNAB name -> id
    types: dict[str, str] = field(default_factory=dict)            # YNAB name -> type
    categories: dict[tuple[str, str], str] = field(default_factory=dict)
    card_lines: list[CardLine] = field(default_factory=list)
    reconciled: dict[str, str] = field(default_factory=dict)       # account id -> last day

    def add(self, command: cmd.Command, source: Source) -> None:
        self.steps.append((command, source))

    def category_id(self, account: str, group: str, name: str) -> str | None:
        """The Dojo category of a YNAB category on an account (None: no category)."""
        kind = category_kind(group, name)
        if kind == "payment":
            card = next((a for a in self.accounts if a.casefold() == name.casefold()), None)
            return derived_id(self.accounts[card], "payment-category") if card else None
        if kind == "regular":
            return self.categories[(group, name)]
        on_budget = ACCOUNT_KINDS[self.types[account]] != "tracking" if account else True
        return self.income_id if on_budget else None
