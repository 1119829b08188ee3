"""What a command did."""

import msgspec


class CommandResult(msgspec.Struct, frozen=True):
    """What a command did: the budget's version after it and how many events it added."""

    budget_id: str
    version: int
    events: int
    repeated: bool = False
