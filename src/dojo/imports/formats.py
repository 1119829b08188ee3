"""Which parser reads a file: the format named, or the one its first bytes show."""

from typing import Literal

from dojo.domain.errors import Invalid
from dojo.imports.csv_mapping import CsvMapping, parse_csv
from dojo.imports.qif import DateOrder, parse_qif
from dojo.imports.rows import MalformedFile, ParsedRow

Format = Literal["ofx", "qfx", "qif", "csv"]
FORMATS: tuple[Format, ...] = ("ofx", "qfx", "qif", "csv")


def detect(data: bytes) -> Format:
    """OFX by its header or root tag (QFX when Intuit's INTU.BID shows), QIF by its
    `!Type:` line, anything else CSV."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"OFXHEADER", b"<?xml", b"<?OFX", b"<OFX>")):
        return "qfx" if b"<INTU.BID>" in data else "ofx"
    if head[:1] == b"!" and head[1:6].lower() in (b"type:", b"accou", b"optio", b"clear"):
        return "qif"
    return "csv"


def parse_file(data: bytes, file_format: Format, exponent: int, currency: str, *,
               csv: CsvMapping | None = None, date_order: DateOrder = "auto",
               decimal_separator: Literal[".", ","] = ".") -> list[ParsedRow]:
    """The file's rows in file order, or a MalformedFile naming the line."""
    if not data.strip():
        raise MalformedFile(1, "the file is empty")
    if file_format in ("ofx", "qfx"):
        from dojo.imports.ofx import parse_ofx  # ofxtools takes ~0.4 s to import: not at start

        return parse_ofx(data, exponent, currency)
    if file_format == "qif":
        return parse_qif(data, exponent, date_order, decimal_separator)
    if csv is None:
        raise Invalid("a CSV file needs a column mapping (date, amount, ...) and this account "
                      "remembers none", "csv")
    return parse_csv(data, exponent, csv)
