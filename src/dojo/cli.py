"""The `dojo` command line."""

import argparse
import os
import sys
from collections.abc import Sequence

from dojo import migrations
from dojo.db import connect


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=os.environ.get("DOJO_DB", "data/dojo.duckdb"),
                        help="the DuckDB file (default: $DOJO_DB or data/dojo.duckdb)")


def _replay(args: argparse.Namespace) -> int:
    from dojo.projections.rebuild import replay

    con = connect(args.db)
    migrations.migrate(con)
    stats = replay(con)
    con.close()
    print(f"replayed {stats.events} events of {stats.budgets} budgets in "
          f"{stats.seconds:.2f} s ({stats.events_per_second:,.0f} events/s)")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from dojo.projections.rebuild import differences

    con = connect(args.db)
    migrations.check(con)
    found = differences(con)
    con.close()
    for line in found:
        print(line)
    if found:
        print(f"verify: {len(found)} differences between the read models and a replay",
              file=sys.stderr)
        return 1
    print("verify: the read models equal a replay of the log")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from dojo.bootstrap import open_dojo
    from dojo.demo import create_demo

    dojo = open_dojo(args.db)
    budget_id = create_demo(dojo, years=args.years, transactions=args.transactions,
                            seed=args.seed)
    dojo.con.close()
    print(budget_id)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="dojo", description="Envelope budgeting on DuckDB.")
    commands = root.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="database migrations").add_subparsers(
        dest="db_command", required=True)
    for name, text in (("migrate", "apply pending migrations"),
                       ("check", "refuse drift between the migrations and the database")):
        sub = db.add_parser(name, help=text)
        _db(sub)
        sub.add_argument("--migrations", default=None, help="the migrations folder")

    replay = commands.add_parser("replay", help="rebuild every read model from the log")
    _db(replay)
    replay.set_defaults(run=_replay)

    verify = commands.add_parser("verify", help="check the read models equal a replay")
    _db(verify)
    verify.set_defaults(run=_verify)

    demo = commands.add_parser("demo", help="create a demo budget with realistic history")
    _db(demo)
    demo.add_argument("--years", type=int, default=3)
    demo.add_argument("--transactions", type=int, default=None)
    demo.add_argument("--seed", type=int, default=0)
    demo.set_defaults(run=_demo)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "db":
        run = migrations.cli_migrate if args.db_command == "migrate" else migrations.cli_check
        return run(args.db, args.migrations)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
