"""OFX 1.x (SGML) and 2.x (XML) files, QFX included, read with ofxtools' header parser and
tree builder. The tree is walked here rather than converted by ofxtools: its conversion
refuses what banks commonly send (a PAYEE with only a name, Intuit's INTU.BID tags)."""

import bisect
import codecs
import html
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from ofxtools.header import parse_header
from ofxtools.Parser import TreeBuilder

from dojo.imports.amounts import AmountError, parse_amount
from dojo.imports.dates import DateError, iso_day
from dojo.imports.rows import MalformedFile, ParsedRow, clean_text, line_at

_DAY = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_STATEMENTS = ("STMTRS", "CCSTMTRS")


class _Body:
    """The message after the header, and how to turn a position in it into a file line
    (line starts and tag positions are found once: a file has thousands of rows)."""

    def __init__(self, data: bytes) -> None:
        start = data.find(b"<OFX>")
        if start < 0:
            raise MalformedFile(1, "no <OFX> element: this is not an OFX file")
        codec = _codec(data[:start]) if data[:start].strip() else "utf-8"
        self.text = _decoded(data[start:], codec)
        self.first_line = line_at(data, start)
        self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        self._tags: dict[str, list[int]] = {}

    def line(self, position: int) -> int:
        return self.first_line + bisect.bisect_left(self._newlines, position)

    def tag_line(self, tag: str, occurrence: int = 0, field: str | None = None) -> int:
        """The line of the n-th `<tag>`, or of its first `<field>` after it."""
        if tag not in self._tags:
            self._tags[tag] = [m.start() for m in re.finditer(f"<{re.escape(tag)}>", self.text)]
        found = self._tags[tag]
        position = found[occurrence] if occurrence < len(found) else 0
        if field is not None:
            position = max(self.text.find(f"<{field}>", position), position)
        return self.line(position)


def _decoded(raw: bytes, codec: str) -> str:
    """UTF-8 first: a file sent as text arrives re-encoded whatever its header says, and
    Windows-1252 text with accents is almost never valid UTF-8. Then the header's charset,
    then 1252, which banks often mean when they say something else."""
    for attempt in ("utf-8", codec):
        try:
            return raw.decode(attempt)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("cp1252", errors="replace")


def _codec(header: bytes) -> str:
    """The header's codec, checked by ofxtools (its errors are the header's, line 1)."""
    try:
        parsed, _ = parse_header(io.BytesIO(header + b"<OFX></OFX>"))
        codec: str = parsed.codec
    except Exception as exc:  # ofxtools raises several types for one meaning: a bad header
        first = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise MalformedFile(1, f"the OFX header is not valid ({first})") from exc
    return codec


class _Unbalanced(ValueError):
    """An end tag that closes another element, or an element never closed."""

    def __init__(self, problem: str, position: int) -> None:
        super().__init__(problem)
        self.position = position


class _Builder(TreeBuilder):
    """ofxtools' tree builder, remembering where each tag starts so that an error can name
    its line, and refusing unbalanced tags (ElementTree would close whatever is open and
    quietly garble the tree)."""

    def __init__(self) -> None:
        super().__init__()
        self.at = 0
        self.open: list[tuple[str, int]] = []
        self.regex = self  # type: ignore[assignment]  # feed() asks us for its matches

    def finditer(self, data: str) -> Iterator[re.Match[str]]:
        for match in TreeBuilder.regex.finditer(data):
            self.at = match.start()
            yield match

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:  # type: ignore[override]
        self.open.append((tag, self.at))
        return super().start(tag, attrs)

    def end(self, tag: str) -> ET.Element:  # type: ignore[override]
        if not self.open or self.open[-1][0] != tag:
            inner = f"<{self.open[-1][0]}>" if self.open else "nothing"
            raise _Unbalanced(f"</{tag}> closes {inner}", self.at)
        self.open.pop()
        return super().end(tag)


def _unclosed_cdata(body: _Body) -> None:
    """ofxtools' pattern looks for a CDATA section's end to the end of the line from every
    tag: unclosed sections on a long line would take quadratic time, so they are refused."""
    closers = [m.start() for m in re.finditer(re.escape("]]>"), body.text)]
    for match in re.finditer(re.escape("<![CDATA["), body.text):
        after = bisect.bisect_left(closers, match.start())
        if after == len(closers) or body.line(closers[after]) != body.line(match.start()):
            raise MalformedFile(body.line(match.start()),
                                "a CDATA section is not closed on its line")


def _tree(body: _Body) -> ET.Element:
    _unclosed_cdata(body)
    builder = _Builder()
    try:
        builder.feed(body.text)
        if builder.open:
            tag, at = builder.open[-1]
            raise _Unbalanced(f"<{tag}> is never closed", at)
        root = builder.close()
    except _Unbalanced as exc:
        raise MalformedFile(body.line(exc.position), f"the OFX markup is broken: {exc}") from exc
    except Exception as exc:  # ofxtools' ParseError, and whatever ElementTree raises
        near = body.text[builder.at:builder.at + 40].split("\n")[0]
        raise MalformedFile(body.line(builder.at),
                            f"the OFX markup is broken near {near!r}") from exc
    if root is None or root.tag != "OFX":
        raise MalformedFile(body.first_line, "the file has no <OFX> element")
    return root


def _statement(root: ET.Element, body: _Body, currency: str) -> ET.Element:
    found = [e for e in root.iter() if e.tag in _STATEMENTS]
    if not found:
        raise MalformedFile(body.first_line, "the file holds no bank or credit card statement")
    if len(found) > 1:
        raise MalformedFile(body.tag_line(found[1].tag, int(found[0].tag == found[1].tag)),
                            f"the file holds {len(found)} statements; import one account "
                            "at a time")
    curdef = (found[0].findtext("CURDEF") or "").strip().upper()
    if curdef and curdef != currency:
        raise MalformedFile(body.tag_line("CURDEF"),
                            f"the statement is in {curdef}, the budget in {currency}")
    return found[0]


def _text(element: ET.Element, path: str) -> str | None:
    value = element.findtext(path)
    return html.unescape(value) if value else None


def _row(trn: ET.Element, index: int, body: _Body, exponent: int) -> ParsedRow:
    line = body.tag_line("STMTTRN", index)
    posted = (trn.findtext("DTPOSTED") or "").strip()
    day = _DAY.match(posted)
    try:
        if day is None:
            raise DateError(f"{posted!r} is not an OFX date")
        date = iso_day(int(day[1]), int(day[2]), int(day[3]), posted)
    except DateError as exc:
        raise MalformedFile(body.tag_line("STMTTRN", index, "DTPOSTED"),
                            f"DTPOSTED: {exc}") from exc
    amount_text = (trn.findtext("TRNAMT") or "").strip()
    # A few European banks write TRNAMT with a decimal comma.
    decimal = "," if "," in amount_text and "." not in amount_text else "."
    try:
        amount = parse_amount(amount_text, exponent, decimal)
    except AmountError as exc:
        raise MalformedFile(body.tag_line("STMTTRN", index, "TRNAMT"),
                            f"TRNAMT: {exc}") from exc
    fitid = (trn.findtext("FITID") or "").strip() or None
    payee = _text(trn, "NAME") or _text(trn, "PAYEE/NAME")
    return ParsedRow(line=line, date=date, amount=amount, payee=clean_text(payee),
                     memo=clean_text(_text(trn, "MEMO")), fitid=fitid)


def parse_ofx(data: bytes, exponent: int, currency: str) -> list[ParsedRow]:
    """The transactions of the one statement in an OFX or QFX file."""
    body = _Body(data.removeprefix(codecs.BOM_UTF8))
    statement = _statement(_tree(body), body, currency)
    transactions = statement.findall("BANKTRANLIST/STMTTRN")
    return [_row(trn, index, body, exponent) for index, trn in enumerate(transactions)]
