"""Ids are injected: random UUIDs in production, a predictable sequence in tests."""

import uuid
from typing import Protocol


class IdFactory(Protocol):
    def new_id(self) -> str: ...


class RandomIds:
    """UUID4 strings."""

    def new_id(self) -> str:
        return str(uuid.uuid4())


class SequentialIds:
    """UUIDs counting up from 1, so that tests repeat exactly."""

    def __init__(self, start: int = 1) -> None:
        self.next = start

    def new_id(self) -> str:
        value, self.next = self.next, self.next + 1
        return str(uuid.UUID(int=value))
