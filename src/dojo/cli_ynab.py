"""`dojo import-ynab REGISTER PLAN --owner NAME`: a new budget from YNAB's exports."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from dojo.ynab.formats import DATE_FORMATS


def budget_name(register: str) -> str:
    """YNAB names its exports `<Budget> - Register.csv`; the budget keeps that name."""
    stem = Path(register).stem
    name = stem.removesuffix(" - Register").strip()
    return name if name and name != stem else "YNAB import"


def read_text(path: str) -> str:
    """The file as text (UTF-8, a BOM allowed); the line of a bad byte is named."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from dojo.ynab.read import YnabFormatError

        line = data[: exc.start].count(b"\n") + 1
        raise YnabFormatError(Path(path).name, line, "not UTF-8 text") from None


def _run(args: argparse.Namespace) -> int:
    from dojo.access import Access
    from dojo.bootstrap import open_dojo
    from dojo.ynab.importer import ImportOptions, import_ynab
    from dojo.ynab.read import YnabFormatError
    from dojo.ynab.report import render

    try:
        texts = [read_text(args.register), read_text(args.plan)]
    except OSError as exc:
        print(f"error: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    except YnabFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    dojo = open_dojo(args.db)
    try:
        access = Access(dojo)
        owner = access.user_by_name(args.owner)
        if owner is None:
            print(f"error: no user named {args.owner!r}", file=sys.stderr)
            return 1
        options = ImportOptions(name=args.name or budget_name(args.register),
                                currency=args.currency, date_format=args.date_format,
                                names=(Path(args.register).name, Path(args.plan).name))
        imported = import_ynab(dojo, access, owner[0], texts[0], texts[1], options)
    except YnabFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        dojo.con.close()
    print(imported.budget_id)
    made = ", ".join(f"{n} {kind}" for kind, n in imported.counts.items())
    print(f"imported {made} ({imported.events} events)")
    for line in render(imported.report, imported.exponent):
        print(line)
    return 0


def register(commands: argparse._SubParsersAction,
             add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "import-ynab", help="create a budget from YNAB's register and plan exports",
        description="Reads YNAB's '<Budget> - Register.csv' and '<Budget> - Plan.csv', creates "
        "one budget owned by --owner, prints its id and a comparison of every month and "
        "category with the plan export (differences are information, not failure).")
    parser.add_argument("register", help="the register export (… - Register.csv)")
    parser.add_argument("plan", help="the plan export (… - Plan.csv, formerly Budget.csv)")
    add_db(parser)
    parser.add_argument("--owner", required=True, help="the user who will own the budget")
    parser.add_argument("--name", default=None,
                        help="the budget's name (default: from the register's file name)")
    parser.add_argument("--currency", default=None,
                        help="ISO 4217 code (default: told by the amounts' symbol, else USD)")
    parser.add_argument("--date-format", default=None,
                        help=f"the register's date format, e.g. {', '.join(DATE_FORMATS[:3])} "
                        "(default: the first of those and "
                        f"{', '.join(DATE_FORMATS[3:])} that reads every date)")
    parser.set_defaults(run=_run)
