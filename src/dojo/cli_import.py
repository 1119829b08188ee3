"""`dojo import FILE`: a bank file into one account, previewed with --dry-run or committed
as one command (issue 8)."""

import argparse
import sys
from pathlib import Path

import msgspec

from dojo.imports.csv_mapping import CsvMapping
from dojo.imports.formats import FORMATS, Format
from dojo.imports.previews import ImportFile, ImportPreview, budget_currency


def register(commands: argparse._SubParsersAction, add_db) -> None:  # type: ignore[type-arg,no-untyped-def]
    sub = commands.add_parser("import", help="import a bank file (OFX, QFX, QIF, CSV) into "
                                             "one account")
    sub.add_argument("file", help="the bank file")
    add_db(sub)
    sub.add_argument("--budget", required=True, help="the budget id")
    sub.add_argument("--account", required=True, help="the account id")
    sub.add_argument("--format", choices=FORMATS, default=None,
                     help="the file's format (default: from its extension or content)")
    sub.add_argument("--dry-run", action="store_true",
                     help="print what the import would do and change nothing")
    sub.add_argument("--csv-mapping", default=None,
                     help="a JSON file with the CSV column mapping (default: the mapping the "
                          "account remembers from its last CSV import)")
    sub.add_argument("--date-order", choices=("auto", "mdy", "dmy"), default="auto",
                     help="QIF dates: month or day first (default: detected, else month)")
    sub.add_argument("--decimal-separator", choices=(".", ","), default=".",
                     help="QIF amounts' decimal separator")
    sub.add_argument("--category", default=None,
                     help="the category id of new rows (default: Ready to Assign)")
    sub.set_defaults(run=_import)


def _format(path: Path, given: str | None) -> Format | None:
    suffix = path.suffix.lower().lstrip(".")
    chosen = given or (suffix if suffix in FORMATS else None)
    return chosen  # type: ignore[return-value]


def _print(preview: ImportPreview, exponent: int) -> None:
    from dojo.domain.money import decimal_text

    for row in preview.rows:
        note = f"  ({row.reason})" if row.reason else ""
        print(f"line {row.line:>5}  {row.date}  {decimal_text(row.amount, exponent):>14}  "
              f"{row.status:<9}  {row.payee or ''}{note}")
    c = preview.counts
    print(f"{c.new} new, {c.matched} matched, {c.duplicate} duplicate, {c.rejected} rejected")


def _import(args: argparse.Namespace) -> int:
    from dojo.bootstrap import open_dojo
    from dojo.imports import previews

    path = Path(args.file)
    try:
        data = path.read_bytes()
        mapping = None
        if args.csv_mapping:
            mapping = msgspec.json.decode(Path(args.csv_mapping).read_bytes(), type=CsvMapping)
    except OSError as exc:
        print(f"error: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    except msgspec.DecodeError as exc:  # ValidationError included
        print(f"error: the CSV mapping in {args.csv_mapping} is not valid: {exc}",
              file=sys.stderr)
        return 1
    upload = ImportFile(data, _format(path, args.format), mapping, args.date_order,
                        args.decimal_separator, args.category)
    dojo = open_dojo(args.db)
    try:
        planned = previews.plan_file(dojo, args.budget, args.account, upload, dojo.ids.new_id())
        with dojo.con.cursor() as cur:
            _, exponent = budget_currency(cur, args.budget)
        _print(planned.preview, exponent)
        if args.dry_run:
            print("dry run: nothing was imported")
            return 0
        previews.store(dojo, args.budget, planned, None)
        _, result = previews.commit(
            dojo, args.budget, planned,
            lambda command, *, command_id, also: dojo.execute(
                args.budget, command, command_id=command_id, also=also))
        if result is None or result.events == 0:
            print("nothing new to import")
        else:
            print(f"imported: {result.events} transactions added or matched "
                  f"(budget version {result.version})")
        return 0
    finally:
        dojo.con.close()
