"""Category groups and categories."""

from typing import Annotated

from litestar import Request, Response, delete, get, patch, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody, QueryParameter

from dojo.api import reads
from dojo.api import schemas as s
from dojo.api.blocking import blocking
from dojo.api.commands import answered, create_id, created, run
from dojo.api.context import READ, member, reading
from dojo.api.params import Cursor, Limit
from dojo.api.problems import responses
from dojo.domain import commands as cmd

GROUPS = "/api/v1/budgets/{budget_id:str}/category-groups"
CATEGORIES = "/api/v1/budgets/{budget_id:str}/categories"


@get(GROUPS, responses=responses(404), tags=["categories"])
@blocking
def list_groups(
    request: Request, budget_id: FromPath[str], limit: Limit = 100, cursor: Cursor = None
) -> s.GroupPage:
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.groups(cur, budget_id, limit, cursor)


@post(
    GROUPS,
    status_code=201,
    tags=["categories"],
    responses={
        **responses(403, 404, 409, 412),
        200: ResponseSpec(s.Group, description="already created", generate_examples=False),
    },
)
@blocking
def create_group(
    request: Request, budget_id: FromPath[str], data: JSONBody[s.GroupRequest]
) -> Response[s.Group]:
    group_id, command_id = create_id(request, "group", budget_id, data.id)
    result = run(
        request,
        budget_id,
        cmd.CreateCategoryGroup(group_id=group_id, name=data.name),
        command_id=command_id,
    )
    with reading(request) as cur:
        return created(reads.group(cur, budget_id, group_id), result)


@patch(
    GROUPS + "/{group_id:str}",
    responses=responses(403, 404, 409, 412),
    tags=["categories"],
)
@blocking
def update_group(
    request: Request,
    budget_id: FromPath[str],
    group_id: FromPath[str],
    data: JSONBody[s.GroupPatch],
) -> Response[s.Group]:
    """Rename or hide a group."""
    result = run(
        request,
        budget_id,
        cmd.UpdateCategoryGroup(group_id=group_id, name=data.name, hidden=data.hidden),
    )
    with reading(request) as cur:
        return answered(reads.group(cur, budget_id, group_id), result)


@get(CATEGORIES, responses=responses(404), tags=["categories"])
@blocking
def list_categories(
    request: Request, budget_id: FromPath[str], limit: Limit = 100, cursor: Cursor = None
) -> s.CategoryPage:
    """Every category: regular, payment and the income category (Ready to Assign)."""
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.categories(cur, budget_id, limit, cursor)


@post(
    CATEGORIES,
    status_code=201,
    tags=["categories"],
    responses={
        **responses(403, 404, 409, 412),
        200: ResponseSpec(s.Category, description="already created", generate_examples=False),
    },
)
@blocking
def create_category(
    request: Request, budget_id: FromPath[str], data: JSONBody[s.CategoryRequest]
) -> Response[s.Category]:
    category_id, command_id = create_id(request, "category", budget_id, data.id)
    result = run(
        request,
        budget_id,
        cmd.CreateCategory(category_id=category_id, group_id=data.group_id, name=data.name),
        command_id=command_id,
    )
    with reading(request) as cur:
        return created(reads.category(cur, budget_id, category_id), result)


@get(
    CATEGORIES + "/{category_id:str}",
    responses=responses(404),
    tags=["categories"],
)
@blocking
def get_category(
    request: Request, budget_id: FromPath[str], category_id: FromPath[str]
) -> s.Category:
    member(request, budget_id, READ)
    with reading(request) as cur:
        return reads.category(cur, budget_id, category_id)


@patch(
    CATEGORIES + "/{category_id:str}",
    responses=responses(403, 404, 409, 412),
    tags=["categories"],
)
@blocking
def update_category(
    request: Request,
    budget_id: FromPath[str],
    category_id: FromPath[str],
    data: JSONBody[s.CategoryPatch],
) -> Response[s.Category]:
    """Rename, move to another group, hide or show (R-C4)."""
    result = run(
        request,
        budget_id,
        cmd.UpdateCategory(
            category_id=category_id, name=data.name, group_id=data.group_id, hidden=data.hidden
        ),
    )
    with reading(request) as cur:
        return answered(reads.category(cur, budget_id, category_id), result)


@delete(
    CATEGORIES + "/{category_id:str}",
    status_code=204,
    responses=responses(403, 404, 409, 412),
    tags=["categories"],
)
@blocking
def delete_category(
    request: Request,
    budget_id: FromPath[str],
    category_id: FromPath[str],
    move_to: Annotated[
        str, QueryParameter(description="the category taking over its lines and assignments")
    ],
) -> None:
    """Delete a regular category; its lines and assignments move to `move_to` (R-C4)."""
    run(request, budget_id, cmd.DeleteCategory(category_id=category_id, move_to=move_to))


HANDLERS = [
    list_groups,
    create_group,
    update_group,
    list_categories,
    create_category,
    get_category,
    update_category,
    delete_category,
]
