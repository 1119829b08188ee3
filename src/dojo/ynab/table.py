"""A CSV export as a header and rows of named fields, each row with the line it starts on;
nYNAB's and YNAB 4's category columns both give (group, category)."""

import csv
import io
from dataclasses import dataclass


class YnabFormatError(ValueError):
    """A file that does not read as a YNAB export, with the line at fault."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        where = f"{file} line {line}" if line is not None else file
        super().__init__(f"{where}: {message}")
        self.file, self.line, self.message = file, line, message


_GROUP, _NAME = ("category group", "master category"), ("sub category", "category")
_COMBINED = ("category group/category", "category")


@dataclass(frozen=True)
class Table:
    """The rows of one file, keyed by column."""

    file: str
    header_line: int
    rows: list[tuple[int, dict[str, str]]]


def _records(text: str, file: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    out, start = [], 1
    try:
        for record in reader:
            if any(field.strip() for field in record):
                out.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise YnabFormatError(file, reader.line_num, f"not CSV: {exc}") from None
    return out


def read_table(text: str, file: str, columns: dict[str, tuple[str, ...]]) -> Table:
    """The file's rows by column key; `columns` maps keys to header names (first found)."""
    records = _records(text, file)
    if not records:
        raise YnabFormatError(file, None, "the file is empty")
    header_line, header = records[0]
    names = [name.strip().casefold() for name in header]
    keys = {**columns, "group": _GROUP, "name": _NAME, "combined": _COMBINED}
    index = {key: next((names.index(n) for n in aliases if n in names), None)
             for key, aliases in keys.items()}
    if index["group"] is None or index["name"] is None:
        index["group"] = index["name"] = None
        if index["combined"] is None:
            raise YnabFormatError(file, header_line, "no column 'Category Group/Category'")
    missing = [aliases[0] for key, aliases in columns.items()
               if index[key] is None and key not in ("flag", "memo", "cleared")]
    if missing:
        raise YnabFormatError(file, header_line, f"no column {missing[0].title()!r}; is this "
                              "a YNAB export?")
    rows = []
    for line, record in records[1:]:
        if len(record) < len(header) or any(f.strip() for f in record[len(header):]):
            raise YnabFormatError(file, line, f"{len(record)} fields where the header has "
                                  f"{len(header)}")
        rows.append((line, {k: record[i].strip() if k != "memo" else record[i]
                            for k, i in index.items() if i is not None}))
    return Table(file, header_line, rows)


def category_of(fields: dict[str, str]) -> tuple[str, str]:
    """(group, category) from their own columns, else from `Group: Category`."""
    if "group" in fields:
        return fields["group"], fields["name"]
    group, _, name = fields["combined"].partition(":")
    return (group.strip(), name.strip()) if name else ("", group.strip())
