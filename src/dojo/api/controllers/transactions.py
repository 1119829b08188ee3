"""Transactions (plain and split) and transfers."""

from litestar import Request, Response, delete, get, patch, post, put
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody

from dojo.api import reads
from dojo.api import schemas as s
from dojo.api.blocking import blocking
from dojo.api.commands import answered, create_id, created, run, run_looking
from dojo.api.context import READ, member, reading
from dojo.api.params import AllowReconciled, Cursor, DayQuery, Limit
from dojo.api.problems import responses
from dojo.domain import commands as cmd
from dojo.domain.errors import Invalid
from dojo.domain.events import Line

TXNS = "/api/v1/budgets/{budget_id:str}/transactions"
TRANSFERS = "/api/v1/budgets/{budget_id:str}/transfers"


def _lines(data: s.TransactionRequest) -> tuple[Line, ...]:
    if data.lines is not None:
        if data.category_id is not None:
            raise Invalid(
                "give category_id for a plain transaction or lines for a split, not both",
                "category_id",
            )
        return tuple(
            Line(category_id=x.category_id, amount=x.amount, memo=x.memo) for x in data.lines
        )
    return (Line(category_id=data.category_id, amount=data.amount),)


def _transaction_command(
    kind: type[cmd.RecordTransaction], txn_id: str, data: s.TransactionRequest, **extra: bool
) -> cmd.RecordTransaction:
    return kind(
        transaction_id=txn_id,
        account_id=data.account_id,
        date=data.date,
        amount=data.amount,
        payee=data.payee,
        memo=data.memo,
        cleared=data.cleared,
        lines=_lines(data),
        **extra,
    )


def _same_id(given: str | None, path_id: str) -> None:
    if given is not None and given != path_id:
        raise Invalid("the id in the body differs from the id in the path", "id")


@get(TXNS, responses=responses(404), tags=["transactions"])
@blocking
def list_transactions(
    request: Request,
    budget_id: FromPath[str],
    limit: Limit = 100,
    cursor: Cursor = None,
    account_id: FromQuery[str | None] = None,
    category_id: FromQuery[str | None] = None,
    since: DayQuery = None,
    until: DayQuery = None,
) -> s.TransactionPage:
    """The register, newest first, filtered by account, category and dates."""
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.transactions(
            cur, budget_id, limit, cursor, account_id, category_id, since, until
        )


@post(
    TXNS,
    status_code=201,
    tags=["transactions"],
    responses={
        **responses(403, 404, 409, 412),
        200: ResponseSpec(s.Transaction, description="already created", generate_examples=False),
    },
)
@blocking
def record_transaction(
    request: Request, budget_id: FromPath[str], data: JSONBody[s.TransactionRequest]
) -> Response[s.Transaction]:
    """Record a transaction: `category_id` for a plain one, `lines` for a split (R-T1)."""
    txn_id, command_id = create_id(request, "transaction", budget_id, data.id)
    result, made = run_looking(
        request,
        budget_id,
        _transaction_command(cmd.RecordTransaction, txn_id, data),
        command_id=command_id,
        look=lambda state: reads.transaction_in(state, txn_id),
    )
    return created(made or _read_transaction(request, budget_id, txn_id), result)


def _read_transaction(request: Request, budget_id: str, txn_id: str) -> s.Transaction:
    with reading(request) as cur:
        return reads.transaction(cur, budget_id, txn_id)


@get(
    TXNS + "/{transaction_id:str}",
    responses=responses(404),
    tags=["transactions"],
)
@blocking
def get_transaction(
    request: Request, budget_id: FromPath[str], transaction_id: FromPath[str]
) -> s.Transaction:
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.transaction(cur, budget_id, transaction_id)


@put(
    TXNS + "/{transaction_id:str}",
    responses=responses(403, 404, 409, 412),
    tags=["transactions"],
)
@blocking
def edit_transaction(
    request: Request,
    budget_id: FromPath[str],
    transaction_id: FromPath[str],
    data: JSONBody[s.TransactionRequest],
    allow_reconciled: AllowReconciled = False,
) -> Response[s.Transaction]:
    """Replace a transaction as a whole (R-T5)."""
    _same_id(data.id, transaction_id)
    result, edited = run_looking(
        request,
        budget_id,
        _transaction_command(
            cmd.EditTransaction, transaction_id, data, allow_reconciled=allow_reconciled
        ),
        look=lambda state: reads.transaction_in(state, transaction_id),
    )
    return answered(edited or _read_transaction(request, budget_id, transaction_id), result)


@patch(
    TXNS + "/{transaction_id:str}",
    responses=responses(403, 404, 409, 412),
    tags=["transactions"],
)
@blocking
def set_cleared(
    request: Request,
    budget_id: FromPath[str],
    transaction_id: FromPath[str],
    data: JSONBody[s.ClearedPatch],
    allow_reconciled: AllowReconciled = False,
) -> Response[s.Transaction]:
    """The cleared toggle; works on either side of a transfer too."""
    result = run(
        request,
        budget_id,
        cmd.SetCleared(
            transaction_id=transaction_id, cleared=data.cleared, allow_reconciled=allow_reconciled
        ),
    )
    with reading(request) as cur:
        return answered(reads.transaction(cur, budget_id, transaction_id), result)


@delete(
    TXNS + "/{transaction_id:str}",
    status_code=204,
    responses=responses(403, 404, 409, 412),
    tags=["transactions"],
)
@blocking
def delete_transaction(
    request: Request,
    budget_id: FromPath[str],
    transaction_id: FromPath[str],
    allow_reconciled: AllowReconciled = False,
) -> None:
    run(
        request,
        budget_id,
        cmd.DeleteTransaction(transaction_id=transaction_id, allow_reconciled=allow_reconciled),
    )


def _transfer_command(
    kind: type[cmd.RecordTransfer], transfer_id: str, data: s.TransferRequest, **extra: bool
) -> cmd.RecordTransfer:
    return kind(
        transfer_id=transfer_id,
        from_account_id=data.from_account_id,
        to_account_id=data.to_account_id,
        date=data.date,
        amount=data.amount,
        category_id=data.category_id,
        memo=data.memo,
        **extra,
    )


@get(TRANSFERS, responses=responses(404), tags=["transfers"])
@blocking
def list_transfers(
    request: Request, budget_id: FromPath[str], limit: Limit = 100, cursor: Cursor = None
) -> s.TransferPage:
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.transfers(cur, budget_id, limit, cursor)


@post(
    TRANSFERS,
    status_code=201,
    tags=["transfers"],
    responses={
        **responses(403, 404, 409, 412),
        200: ResponseSpec(s.Transfer, description="already created", generate_examples=False),
    },
)
@blocking
def record_transfer(
    request: Request, budget_id: FromPath[str], data: JSONBody[s.TransferRequest]
) -> Response[s.Transfer]:
    """Two linked transactions (R-T3); `category_id` exactly when one side is tracking."""
    transfer_id, command_id = create_id(request, "transfer", budget_id, data.id)
    result = run(
        request,
        budget_id,
        _transfer_command(cmd.RecordTransfer, transfer_id, data),
        command_id=command_id,
    )
    with reading(request) as cur:
        return created(reads.transfer(cur, budget_id, transfer_id), result)


@get(
    TRANSFERS + "/{transfer_id:str}",
    responses=responses(404),
    tags=["transfers"],
)
@blocking
def get_transfer(
    request: Request, budget_id: FromPath[str], transfer_id: FromPath[str]
) -> s.Transfer:
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.transfer(cur, budget_id, transfer_id)


@put(
    TRANSFERS + "/{transfer_id:str}",
    responses=responses(403, 404, 409, 412),
    tags=["transfers"],
)
@blocking
def edit_transfer(
    request: Request,
    budget_id: FromPath[str],
    transfer_id: FromPath[str],
    data: JSONBody[s.TransferRequest],
    allow_reconciled: AllowReconciled = False,
) -> Response[s.Transfer]:
    """Both sides change together."""
    _same_id(data.id, transfer_id)
    result = run(
        request,
        budget_id,
        _transfer_command(cmd.EditTransfer, transfer_id, data, allow_reconciled=allow_reconciled),
    )
    with reading(request) as cur:
        return answered(reads.transfer(cur, budget_id, transfer_id), result)


@delete(
    TRANSFERS + "/{transfer_id:str}",
    status_code=204,
    responses=responses(403, 404, 409, 412),
    tags=["transfers"],
)
@blocking
def delete_transfer(
    request: Request,
    budget_id: FromPath[str],
    transfer_id: FromPath[str],
    allow_reconciled: AllowReconciled = False,
) -> None:
    run(
        request,
        budget_id,
        cmd.DeleteTransfer(transfer_id=transfer_id, allow_reconciled=allow_reconciled),
    )


HANDLERS = [
    list_transactions,
    record_transaction,
    get_transaction,
    edit_transaction,
    set_cleared,
    delete_transaction,
    list_transfers,
    record_transfer,
    get_transfer,
    edit_transfer,
    delete_transfer,
]
