"""Bulk import of transactions: up to 10,000 creates, all or nothing, idempotent per id."""

from litestar import Request, Response, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody

from dojo.api import schemas as s
from dojo.api.blocking import blocking
from dojo.api.commands import key_command_id
from dojo.api.context import WRITE, member, services
from dojo.api.controllers.transactions import TXNS, _transaction_command
from dojo.api.problems import responses
from dojo.app import bulk
from dojo.app.batch_ids import ItemRefused
from dojo.domain import commands as cmd
from dojo.domain.errors import DomainError

# 10,000 items of a few hundred bytes each, with room for long payees and memos.
MAX_BODY_BYTES = 32 * 1024 * 1024


def _commands(request: Request, budget_id: str, key: str | None,
              items: list[s.TransactionRequest]) -> list[cmd.RecordTransaction]:
    dojo = services(request).dojo
    out = []
    for index, item in enumerate(items):
        try:
            txn_id = bulk.item_id(item.id, index, key, dojo)
            out.append(_transaction_command(cmd.RecordTransaction, txn_id, item))
        except DomainError as error:
            raise ItemRefused(index, error) from error
    return out


def _located(refused: ItemRefused) -> ItemRefused:
    """The refusal with the item's place in the body, as the schema errors give it."""
    where = f"transactions[{refused.index}]"
    refused.field = f"{where}.{refused.error.field}" if refused.error.field else where
    refused.detail = f"{where}: {refused.error.detail}"
    return refused


@post(
    TXNS + "/bulk",
    status_code=201,
    tags=["transactions"],
    request_max_body_size=MAX_BODY_BYTES,
    responses={
        **responses(403, 404, 409, 413),
        200: ResponseSpec(s.BulkTransactionsResult, description="nothing new: every item "
                          "already existed", generate_examples=False),
    },
)
@blocking
def record_transactions_in_bulk(
    request: Request, budget_id: FromPath[str], data: JSONBody[s.BulkTransactionsRequest]
) -> Response[s.BulkTransactionsResult]:
    """Record 1 to 10,000 transactions at once, all or none: a refused item is named by its
    index (`transactions[i]`). An item whose `id` exists with the same content is `existing`
    and a retry changes nothing; the same `id` with other content is 409."""
    who = member(request, budget_id, WRITE)
    key = key_command_id(request, budget_id)
    try:
        commands = _commands(request, budget_id, key, data.transactions)
        done = bulk.record_transactions(
            services(request).dojo, budget_id, commands, actor=who, key=key,
            correlation_id=request.scope.get("state", {}).get("request_id"))
    except ItemRefused as refused:
        raise _located(refused) from refused.error
    created = sum(done.created)
    answer = s.BulkTransactionsResult(
        version=done.version, created=created, existing=len(commands) - created,
        items=[s.BulkItem(txn_id, "created" if new else "existing")
               for txn_id, new in zip(done.ids, done.created, strict=True)])
    return Response(answer, status_code=201 if created else 200,
                    headers={"ETag": f'"{done.version}"'})


HANDLERS = [record_transactions_in_bulk]
