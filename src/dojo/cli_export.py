"""`dojo export`: a budget as CSV, the event log, an hledger journal or Beancount."""

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dojo import migrations
from dojo.bootstrap import read_models_stale
from dojo.db import connect
from dojo.exports.formats import FORMATS, export


def _run(args: argparse.Namespace) -> int:
    if not Path(args.db).is_file():
        print(f"error: no database at {args.db}", file=sys.stderr)
        return 1
    con = connect(args.db, read_only=True)
    try:
        if migrations.check(con).pending:
            print("error: the database has pending migrations; run `dojo db migrate`",
                  file=sys.stderr)
            return 1
        if read_models_stale(con):
            print("error: the read models lag the event log; run `dojo replay` first",
                  file=sys.stderr)
            return 1
        if args.out is None:
            with con.cursor() as cur:
                export(cur, args.budget, args.format, sys.stdout.buffer)
            sys.stdout.flush()
            return 0
        # Written beside the target and renamed, so a failed export leaves no half file.
        partial = Path(f"{args.out}.partial")
        try:
            with con.cursor() as cur, partial.open("wb") as out:
                export(cur, args.budget, args.format, out)
            os.replace(partial, args.out)
        finally:
            partial.unlink(missing_ok=True)
        return 0
    finally:
        con.close()


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add `dojo export` to the `dojo` command line."""
    parser = commands.add_parser("export", help="write a budget as csv, events, hledger or "
                                 "beancount (see docs/decisions/0010-exports.md)")
    add_db(parser)
    parser.add_argument("--budget", required=True, help="the budget's id")
    parser.add_argument("--format", required=True, choices=sorted(FORMATS))
    parser.add_argument("--out", default=None, help="the file to write (default: stdout)")
    parser.set_defaults(run=_run)
