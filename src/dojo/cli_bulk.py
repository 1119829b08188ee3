"""`dojo import-json`: transactions from a JSON-lines file, in all-or-nothing batches that a
rerun skips. The importer lives in `dojo.import_json`, imported only when the command runs."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

MAX_ITEMS = 10_000  # dojo.app.bulk.MAX_ITEMS, without importing it for every `dojo` command


def _run(args: argparse.Namespace) -> int:
    from dojo.bootstrap import open_dojo
    from dojo.import_json import ImportStopped, import_file

    path = Path(args.file)
    if not path.is_file():
        print(f"error: no file {args.file}", file=sys.stderr)
        return 1
    if not 1 <= args.batch_size <= MAX_ITEMS:
        print(f"error: --batch-size must be 1 to {MAX_ITEMS}", file=sys.stderr)
        return 1
    dojo = open_dojo(args.db)
    try:
        summary = import_file(dojo, args.budget, path, args.batch_size)
    except ImportStopped as stopped:
        landed = stopped.landed
        print(f"error: {stopped}", file=sys.stderr)
        print(f"{landed.batches} batch(es) imported before it ({landed.created} created), "
              "nothing of that batch or after it. Fix the file and run it again: items "
              "already imported are skipped.", file=sys.stderr)
        return 1
    finally:
        dojo.con.close()
    print(f"imported {summary.created + summary.existing} items in {summary.batches} "
          f"batch(es): {summary.created} created, {summary.existing} already there; budget "
          f"version {summary.version}")
    return 0


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
             add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    sub = commands.add_parser(
        "import-json", help="import transactions from a JSON-lines file",
        description="Each line is one transaction, as the body of POST "
        "/api/v1/budgets/{id}/transactions. Batches of up to 10,000 lines land all or "
        "nothing; a rerun skips what an earlier run imported.")
    add_db(sub)
    sub.add_argument("--budget", required=True, help="the budget's id")
    sub.add_argument("--batch-size", type=int, default=MAX_ITEMS,
                     help=f"items per all-or-nothing batch (1 to {MAX_ITEMS}; default "
                     f"{MAX_ITEMS})")
    sub.add_argument("file", help="the JSON-lines file (item N is line N)")
    sub.set_defaults(run=_run)
