"""The month (the main screen), assigning and moving money, net worth, the event log."""

from typing import Annotated

import msgspec
from litestar import Request, Response, get, post, put
from litestar.params import FromPath, JSONBody, QueryParameter

from dojo.api import reads, views
from dojo.api import schemas as s
from dojo.api.blocking import blocking
from dojo.api.commands import answered, key_command_id, run
from dojo.api.context import READ, member, reading, services
from dojo.api.params import Limit, MonthFrom, MonthTo
from dojo.api.problems import responses
from dojo.clock import today
from dojo.domain import commands as cmd
from dojo.domain.errors import Invalid, NotFound
from dojo.domain.months import month_range
from dojo.domain.validation import check_month
from dojo.projections import queries

BUDGET = "/api/v1/budgets/{budget_id:str}"


class MonthList(msgspec.Struct):
    items: list[queries.MonthSummary]


class NetWorthList(msgspec.Struct):
    items: list[queries.NetWorthView]


def _month(request: Request, month: str) -> str:
    """`current` or a month from 1970-01 through 60 months after the current one."""
    day = today(services(request).dojo.clock)
    if month == "current":
        return day.isoformat()[:7]
    return check_month(month, day)


def _range(request: Request, first: str | None, start: str | None,
           end: str | None) -> list[str]:
    """From the first month with data (or `from`) through the current month (or `to`)."""
    current = today(services(request).dojo.clock).isoformat()[:7]
    start = _month(request, start) if start else None
    end = _month(request, end) if end else None
    if start and end and start > end:
        raise Invalid("`from` must not be after `to`", "from")
    start = start or first or current
    end = end or current
    return month_range(start, end) if start <= end else []


def _head(request: Request, budget_id: str) -> tuple[int, str | None]:
    with reading(request) as cur:
        return views.head(cur, budget_id)


@get(BUDGET + "/months/{month:str}", responses=responses(404), tags=["months"])
@blocking
def get_month(
    request: Request, budget_id: FromPath[str], month: FromPath[str]
) -> Response[queries.MonthView]:
    """A month's Ready to Assign, its breakdown, and every regular and payment category."""
    member(request, budget_id, READ)
    month = _month(request, month)
    version, _ = _head(request, budget_id)

    def make() -> queries.MonthView:
        with reading(request) as cur:
            return queries.month_view(cur, budget_id, month)
    view = services(request).views.get(("month", budget_id, version, month), make)
    return Response(view, headers={"ETag": f'"{version}"'})


@get(BUDGET + "/months", responses=responses(404), tags=["months"])
@blocking
def list_months(
    request: Request, budget_id: FromPath[str], from_: MonthFrom = None, to: MonthTo = None
) -> Response[MonthList]:
    """Month summaries, oldest first: by default the first month with data to the current."""
    member(request, budget_id, READ)
    version, first = _head(request, budget_id)
    months = _range(request, first, from_, to)
    with reading(request) as cur:
        return Response(MonthList(queries.month_summaries(cur, budget_id, months)),
                        headers={"ETag": f'"{version}"'})


@put(
    BUDGET + "/months/{month:str}/categories/{category_id:str}",
    responses=responses(403, 404, 409, 412),
    tags=["months"],
)
@blocking
def assign(
    request: Request,
    budget_id: FromPath[str],
    month: FromPath[str],
    category_id: FromPath[str],
    data: JSONBody[s.AssignRequest],
) -> Response[queries.CategoryMonthView]:
    """Set what is assigned to a category in a month (R-B1)."""
    month = _month(request, month)
    result = run(
        request, budget_id, cmd.Assign(month=month, category_id=category_id, assigned=data.assigned)
    )
    with reading(request) as cur:
        view = queries.month_view(cur, budget_id, month)
    row = next((c for c in view.categories if c.category_id == category_id), None)
    if row is None:
        raise NotFound("category not found")
    return answered(row, result)


@post(
    BUDGET + "/months/{month:str}/moves",
    status_code=200,
    responses=responses(403, 404, 409, 412),
    tags=["months"],
)
@blocking
def move(
    request: Request, budget_id: FromPath[str], month: FromPath[str], data: JSONBody[s.MoveRequest]
) -> Response[queries.MonthView]:
    """Move money between categories; null is Ready to Assign (R-B2). Honours an
    Idempotency-Key header."""
    month = _month(request, month)
    result = run(
        request,
        budget_id,
        cmd.MoveMoney(
            month=month,
            from_category_id=data.from_category_id,
            to_category_id=data.to_category_id,
            amount=data.amount,
        ),
        command_id=key_command_id(request, budget_id),
    )
    with reading(request) as cur:
        return answered(queries.month_view(cur, budget_id, month), result)


@get(BUDGET + "/net-worth", responses=responses(404), tags=["months"])
@blocking
def net_worth(
    request: Request, budget_id: FromPath[str], from_: MonthFrom = None, to: MonthTo = None
) -> Response[NetWorthList]:
    """Assets, liabilities and net worth by month over every account (R-N1)."""
    member(request, budget_id, READ)
    version, first = _head(request, budget_id)
    months = _range(request, first, from_, to)

    def make() -> NetWorthList:
        with reading(request) as cur:
            return NetWorthList(queries.net_worth(cur, budget_id, months))
    key = ("net-worth", budget_id, version, months[0] if months else "", len(months))
    return Response(services(request).views.get(key, make), headers={"ETag": f'"{version}"'})


@get(BUDGET + "/events", responses=responses(404), tags=["events"])
@blocking
def events(
    request: Request,
    budget_id: FromPath[str],
    after: Annotated[int, QueryParameter(ge=0, le=2**62)] = 0,
    limit: Limit = 100,
) -> s.EventPage:
    """The budget's event log, oldest first; page with `after` = `next_after`."""
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.events(cur, budget_id, after, limit)


HANDLERS = [get_month, list_months, assign, move, net_worth, events]
