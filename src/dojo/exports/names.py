"""Dojo names made into valid, unique ledger account names, deterministically."""

import re
import unicodedata
from collections.abc import Callable, Iterable

from dojo.exports.journal import Ref

_SPACES = re.compile(r"\s+")
UNNAMED = "Unnamed"


def hledger_component(text: str) -> str:
    """hledger ends a name at two spaces and splits it at colons: neither may stay."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return _SPACES.sub(" ", text.replace(":", "-")).strip() or UNNAMED


def _allowed(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L" or unicodedata.category(ch) == "Nd"


def beancount_component(text: str) -> str:
    """Beancount's rule for a component: an upper-case letter or a digit, then letters,
    digits and dashes. Other characters become dashes; a first letter is capitalised."""
    text = unicodedata.normalize("NFC", text)
    words = "".join(ch if _allowed(ch) else " " for ch in text).split()
    name = "-".join(words)
    if not name:
        return UNNAMED
    first = name[0]
    if unicodedata.category(first) in ("Lu", "Nd"):
        return name
    upper = first.upper()
    if all(unicodedata.category(ch) == "Lu" for ch in upper):
        return upper + name[1:]
    return "X" + name  # a letter without an upper case (CJK and the like)


def unique_names(refs: Iterable[Ref], component: Callable[[str], str]) -> dict[str, str]:
    """Each ref's full name; when two would be equal, the later (by path, then key) gets the
    end of its id as a suffix. The root component is always ASCII and kept as it is."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for ref in sorted(set(refs)):
        if ref.key in names:
            continue
        name = ":".join([ref.path[0], *(component(part) for part in ref.path[1:])])
        digest = re.sub(r"[^0-9A-Za-z]", "", ref.key.partition(":")[2]) or "x"
        size = 8
        unique = name
        while unique in taken:
            unique = f"{name}-{digest[-size:]}" if size <= len(digest) else f"{unique}-x"
            size += 4
        names[ref.key] = unique
        taken.add(unique)
    return names
