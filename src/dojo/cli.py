"""The `dojo` command line."""

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from dojo import migrations
from dojo.db import connect


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=os.environ.get("DOJO_DB", "data/dojo.duckdb"),
                        help="the DuckDB file (default: $DOJO_DB or data/dojo.duckdb)")


def _between(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from low to high, or a usage error (exit 2)."""
    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value
    return number


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
    from dojo.eventstore.chain import first_break
    from dojo.projections.rebuild import differences

    con = connect(args.db)
    migrations.check(con)
    with con.cursor() as cur:
        broken = first_break(cur)
    found = differences(con)
    con.close()
    if broken is not None:
        found.insert(0, f"events: the hash chain breaks at position {broken}")
    for line in found:
        print(line)
    if found:
        print(f"verify: {len(found)} differences between the read models and a replay",
              file=sys.stderr)
        return 1
    print("verify: the read models equal a replay of the log")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from dojo.access import Access
    from dojo.bootstrap import open_dojo
    from dojo.demo import create_demo

    dojo = open_dojo(args.db)
    budget_id = create_demo(dojo, years=args.years, transactions=args.transactions,
                            seed=args.seed)
    if args.owner:
        Access(dojo).set_member(budget_id, args.owner, "owner")
    dojo.con.close()
    print(budget_id)
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from dojo.api import create_app
    from dojo.bootstrap import open_dojo
    from dojo.settings import Settings

    settings = Settings(db=args.db, host=args.host, port=args.port)
    # Opened (migrated, read models rebuilt if stale) before serving, as uvicorn would have
    # before listening anyway: a refused start, a corrupt log, is then one line, no traceback.
    dojo = open_dojo(settings.db)
    # One process: DuckDB allows one writer per file. Uvicorn finishes requests in flight
    # (a write included) on SIGTERM before it stops.
    uvicorn.run(create_app(settings, dojo=dojo), host=settings.host, port=settings.port,
                log_config=None, access_log=False, timeout_graceful_shutdown=30)
    return 0


def _user_add(args: argparse.Namespace) -> int:
    from dojo.access import Access
    from dojo.bootstrap import open_dojo

    password = sys.stdin.readline().rstrip("\n")
    dojo = open_dojo(args.db)
    user_id = Access(dojo).add_user(args.name, password, admin=args.admin)
    dojo.con.close()
    print(user_id)
    return 0


def _token_issue(args: argparse.Namespace) -> int:
    from dojo.access import Access
    from dojo.bootstrap import open_dojo

    dojo = open_dojo(args.db)
    access = Access(dojo)
    found = access.user_by_name(args.name)
    if found is None:
        print(f"error: no user named {args.name!r}", file=sys.stderr)
        return 1
    _, secret = access.issue_token(found[0], args.label)
    dojo.con.close()
    print(secret)
    return 0


# Commands kept in modules of their own, each with `register(commands, add_db)`.
EXTENSIONS: tuple[str, ...] = ("dojo.cli_export", "dojo.cli_backup", "dojo.cli_bulk",
                              "dojo.cli_ynab", "dojo.cli_import")


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
    # Years back from today that stay after 1970-01 (R-B1) until 2070.
    demo.add_argument("--years", type=_between(1, 50), default=3)
    demo.add_argument("--transactions", type=_between(0, 10_000_000), default=None)
    demo.add_argument("--seed", type=int, default=0)
    demo.add_argument("--owner", default=None, help="a user to make the demo budget's owner")
    demo.set_defaults(run=_demo)

    serve = commands.add_parser("serve", help="serve the API and the web app")
    _db(serve)
    serve.add_argument("--host", default=os.environ.get("DOJO_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=_between(0, 65535),
                       default=int(os.environ.get("DOJO_PORT", "8000")))
    serve.set_defaults(run=_serve)

    user = commands.add_parser("user", help="users").add_subparsers(dest="user_command",
                                                                   required=True)
    add = user.add_parser("add", help="add a user; the password is read from stdin")
    add.add_argument("name")
    add.add_argument("--admin", action="store_true",
                     help="an administrator of the instance (may take backups); the first "
                     "user always is one")
    _db(add)
    add.set_defaults(run=_user_add)

    token = commands.add_parser("token", help="personal access tokens").add_subparsers(
        dest="token_command", required=True)
    issue = token.add_parser("issue", help="issue a token for a user and print it")
    issue.add_argument("name")
    issue.add_argument("--name", dest="label", required=True, help="the token's label")
    _db(issue)
    issue.set_defaults(run=_token_issue)
    for name in EXTENSIONS:
        importlib.import_module(name).register(commands, _db)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    from dojo.domain.errors import DomainError

    args = parser().parse_args(argv)
    if args.command == "db":
        run = migrations.cli_migrate if args.db_command == "migrate" else migrations.cli_check
        return run(args.db, args.migrations)
    try:
        return int(args.run(args))
    except DomainError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
