"""Budgets and their members."""

from litestar import Request, Response, delete, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody

from dojo.api import reads
from dojo.api import schemas as s
from dojo.api.blocking import blocking
from dojo.api.commands import create_id, created
from dojo.api.context import OWN, READ, member, reading, services, user_id
from dojo.api.params import Cursor, Limit
from dojo.api.problems import responses
from dojo.domain import commands as cmd


def etag(budget: s.Budget) -> dict[str, str]:
    return {"ETag": f'"{budget.version}"'}


@get("/api/v1/budgets", responses=responses(), tags=["budgets"])
@blocking
def list_budgets(request: Request, limit: Limit = 100, cursor: Cursor = None) -> s.BudgetPage:
    """The budgets the user is a member of."""
    who = user_id(request)
    with reading(request) as cur:
        return reads.budgets(cur, who, limit, cursor)


@post(
    "/api/v1/budgets",
    status_code=201,
    tags=["budgets"],
    responses={
        **responses(409),
        200: ResponseSpec(s.Budget, description="already created", generate_examples=False),
    },
)
@blocking
def create_budget(request: Request, data: JSONBody[s.BudgetRequest]) -> Response[s.Budget]:
    """A budget in one ISO 4217 currency; its creator is its owner."""
    who = user_id(request)
    svc = services(request)
    budget_id, command_id = create_id(request, "budget", "", data.id)
    command_id = command_id and f"{command_id}:{who}"
    result = svc.dojo.execute(
        budget_id,
        cmd.CreateBudget(budget_id=budget_id, name=data.name, currency=data.currency),
        command_id=command_id,
        actor=who,
        also=svc.access.member_sql(budget_id, who, "owner"),
    )
    member(request, budget_id, READ)
    with reading(request) as cur:
        return created(reads.budget(cur, budget_id), result)


@get(
    "/api/v1/budgets/{budget_id:str}",
    responses=responses(404),
    tags=["budgets"],
)
@blocking
def get_budget(request: Request, budget_id: FromPath[str]) -> Response[s.Budget]:
    """One budget; its version is the ETag of every read of its data."""
    member(request, budget_id, READ)
    with reading(request) as cur:
        budget = reads.budget(cur, budget_id)
    return Response(budget, headers=etag(budget))


@get(
    "/api/v1/budgets/{budget_id:str}/members",
    responses=responses(404),
    tags=["members"],
)
@blocking
def list_members(
    request: Request, budget_id: FromPath[str], limit: Limit = 100, cursor: Cursor = None
) -> s.MemberPage:
    """Who may use the budget, with their roles."""
    member(request, budget_id, READ)
    rows = services(request).access.members(budget_id)
    after = reads.decode_cursor(cursor, int)
    start = after[0] if after else 0
    page = rows[start : start + limit]
    next_cursor = reads.encode_cursor([start + limit]) if start + limit < len(rows) else None
    return s.MemberPage(
        items=[s.Member(username=u, role=r) for u, r in page], next_cursor=next_cursor
    )


@post(
    "/api/v1/budgets/{budget_id:str}/members",
    status_code=200,
    responses=responses(403, 404, 409),
    tags=["members"],
)
@blocking
def set_member(
    request: Request, budget_id: FromPath[str], data: JSONBody[s.MemberRequest]
) -> s.Member:
    """Add a member or change their role (owners only)."""
    member(request, budget_id, OWN)
    username, role = services(request).access.set_member(budget_id, data.username, data.role)
    return s.Member(username=username, role=role)


@delete(
    "/api/v1/budgets/{budget_id:str}/members/{username:str}",
    status_code=204,
    responses=responses(403, 404, 409),
    tags=["members"],
)
@blocking
def remove_member(request: Request, budget_id: FromPath[str], username: FromPath[str]) -> None:
    """Remove a member (owners only); a budget keeps at least one owner."""
    member(request, budget_id, OWN)
    services(request).access.remove_member(budget_id, username)


HANDLERS = [list_budgets, create_budget, get_budget, list_members, set_member, remove_member]
