"""Query parameters shared by several routes."""

from typing import Annotated

from litestar.params import QueryParameter

from dojo.api.reads import MAX_LIMIT

Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="page size")]
Cursor = Annotated[
    str | None, QueryParameter(max_length=512, description="the next_cursor of the previous page")
]
AllowReconciled = Annotated[
    bool, QueryParameter(description="change a reconciled transaction (R-T6)")
]
DayQuery = Annotated[str | None, QueryParameter(pattern=r"^\d{4}-\d{2}-\d{2}$")]
MonthFrom = Annotated[str | None, QueryParameter(name="from", pattern=r"^(\d{4}-\d{2}|current)$")]
MonthTo = Annotated[str | None, QueryParameter(name="to", pattern=r"^(\d{4}-\d{2}|current)$")]
