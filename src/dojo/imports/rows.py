"""What every parser gives back: rows with their line in the file, or an error naming one."""

import codecs
import re
from dataclasses import dataclass

from dojo.domain.errors import Invalid

MAX_TEXT = 500


class MalformedFile(Invalid):
    """A file the parser cannot read; `line` is where the problem is (1-based)."""

    code = "malformed-file"

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}", "content")
        self.line = line


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One transaction of a bank file; the amount in minor units of the budget's currency."""

    line: int
    date: str
    amount: int
    payee: str | None
    memo: str | None
    fitid: str | None
    pending: bool = False


def clean_text(value: str | None) -> str | None:
    """Trimmed, blank as None, and at most what a transaction keeps (500 characters)."""
    if value is None:
        return None
    cleaned = " ".join(value.split())
    return cleaned[:MAX_TEXT] or None


def decode(data: bytes) -> str:
    """Text of a file: UTF-8 (a BOM dropped), UTF-16 with a BOM, else Windows-1252, which
    banks' exports often are; bytes 1252 leaves undefined are read as Latin-1."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise MalformedFile(line_at(data, exc.start), "the file is not valid UTF-16") \
                from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def line_at(text: str | bytes, offset: int) -> int:
    """The 1-based line of a character (or byte) offset."""
    newline = "\n" if isinstance(text, str) else b"\n"
    return text.count(newline, 0, offset) + 1  # type: ignore[arg-type]


def physical_lines(text: str) -> list[str]:
    """Lines as editors number them: CRLF, CR and LF each end one (not str.splitlines,
    which also splits on form feeds and other separators)."""
    return re.split(r"\r\n|\r|\n", text)
