"""Accounts: open, list, rename, close, reopen, reconcile."""

from litestar import Request, Response, get, patch, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody

from dojo.api import reads
from dojo.api import schemas as s
from dojo.api.blocking import blocking
from dojo.api.commands import answered, create_id, created, key_command_id, run
from dojo.api.context import READ, member, reading, services
from dojo.api.params import Cursor, Limit
from dojo.api.problems import responses
from dojo.domain import commands as cmd
from dojo.domain.ids import derived_id

BASE = "/api/v1/budgets/{budget_id:str}/accounts"
ONE = BASE + "/{account_id:str}"


@get(BASE, responses=responses(404), tags=["accounts"])
@blocking
def list_accounts(
    request: Request, budget_id: FromPath[str], limit: Limit = 100, cursor: Cursor = None
) -> s.AccountPage:
    """Every account, open and closed, in the order they were opened."""
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.accounts(cur, budget_id, limit, cursor)


@post(
    BASE,
    status_code=201,
    tags=["accounts"],
    responses={
        **responses(403, 404, 409, 412),
        200: ResponseSpec(s.Account, description="already created", generate_examples=False),
    },
)
@blocking
def open_account(
    request: Request, budget_id: FromPath[str], data: JSONBody[s.AccountRequest]
) -> Response[s.Account]:
    """Open an account with its opening balance (R-A3); cards get a payment category."""
    account_id, command_id = create_id(request, "account", budget_id, data.id)
    result = run(
        request,
        budget_id,
        cmd.OpenAccount(
            account_id=account_id,
            name=data.name,
            account_type=data.type,
            opening_balance=data.opening_balance,
            opening_date=data.opening_date,
        ),
        command_id=command_id,
    )
    with reading(request) as cur:
        return created(reads.account(cur, budget_id, account_id), result)


@get(ONE, responses=responses(404), tags=["accounts"])
@blocking
def get_account(request: Request, budget_id: FromPath[str], account_id: FromPath[str]) -> s.Account:
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.account(cur, budget_id, account_id)


@patch(ONE, responses=responses(403, 404, 409, 412), tags=["accounts"])
@blocking
def rename_account(
    request: Request,
    budget_id: FromPath[str],
    account_id: FromPath[str],
    data: JSONBody[s.AccountPatch],
) -> Response[s.Account]:
    """Rename; a card's payment category follows (R-C2)."""
    result = run(request, budget_id, cmd.RenameAccount(account_id=account_id, name=data.name))
    with reading(request) as cur:
        return answered(reads.account(cur, budget_id, account_id), result)


@post(
    ONE + "/close",
    status_code=200,
    responses=responses(403, 404, 409, 412),
    tags=["accounts"],
)
@blocking
def close_account(
    request: Request, budget_id: FromPath[str], account_id: FromPath[str]
) -> Response[s.Account]:
    """Close an account at zero balance (R-A5)."""
    result = run(request, budget_id, cmd.CloseAccount(account_id=account_id))
    with reading(request) as cur:
        return answered(reads.account(cur, budget_id, account_id), result)


@post(
    ONE + "/reopen",
    status_code=200,
    responses=responses(403, 404, 409, 412),
    tags=["accounts"],
)
@blocking
def reopen_account(
    request: Request, budget_id: FromPath[str], account_id: FromPath[str]
) -> Response[s.Account]:
    result = run(request, budget_id, cmd.ReopenAccount(account_id=account_id))
    with reading(request) as cur:
        return answered(reads.account(cur, budget_id, account_id), result)


@post(
    ONE + "/reconcile",
    status_code=200,
    responses=responses(403, 404, 409, 412),
    tags=["accounts"],
)
@blocking
def reconcile(
    request: Request,
    budget_id: FromPath[str],
    account_id: FromPath[str],
    data: JSONBody[s.ReconcileRequest],
) -> Response[s.Reconciled]:
    """Adjust to the statement balance and lock what was cleared (R-T7).
    Honours an Idempotency-Key header."""
    command_id = key_command_id(request, budget_id)
    adjustment_id = (
        derived_id(command_id, "adjustment") if command_id else services(request).dojo.ids.new_id()
    )
    result = run(
        request,
        budget_id,
        cmd.Reconcile(
            account_id=account_id,
            statement_balance=data.statement_balance,
            date=data.date,
            adjustment_transaction_id=adjustment_id,
        ),
        command_id=command_id,
    )
    with reading(request) as cur:
        row = cur.execute(
            "SELECT json_extract_string(data, '$.adjustment_transaction_id') FROM events "
            "WHERE stream_id = ? AND position = ?",
            [budget_id, result.version],
        ).fetchone()
        return answered(
            s.Reconciled(
                account=reads.account(cur, budget_id, account_id),
                adjustment_transaction_id=row[0] if row else None,
            ),
            result,
        )


HANDLERS = [
    list_accounts,
    open_account,
    get_account,
    rename_account,
    close_account,
    reopen_account,
    reconcile,
]
