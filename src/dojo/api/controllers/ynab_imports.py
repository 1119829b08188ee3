"""Moving in from YNAB: a new budget from the register and plan exports."""

from typing import Annotated

import msgspec
from litestar import Request, post
from litestar.params import JSONBody
from msgspec import Meta

from dojo.api.blocking import blocking
from dojo.api.context import services, user_id
from dojo.api.problems import responses
from dojo.api.schemas import Body
from dojo.domain.errors import Invalid
from dojo.ynab.importer import DEFAULT_NAME, ImportOptions, import_ynab
from dojo.ynab.read import YnabFormatError
from dojo.ynab.report import YnabReport

_FIELDS = {"--currency": "currency", "--date-format": "date_format", "--name": "name"}


class YnabImportRequest(Body, kw_only=True):
    register: Annotated[str, Meta(description="the text of '<Budget> - Register.csv'")]
    plan: Annotated[str, Meta(description="the text of '<Budget> - Plan.csv'")]
    name: Annotated[str, Meta(min_length=1, max_length=200)] | None = None
    currency: Annotated[str, Meta(pattern=r"^[A-Z]{3}$")] | None = None
    date_format: Annotated[str, Meta(min_length=1, max_length=40,
                                     examples=["MM/DD/YYYY"])] | None = None


class YnabImport(msgspec.Struct):
    budget_id: str
    currency: str
    events: int
    counts: dict[str, int]
    report: YnabReport


@post("/api/v1/ynab-imports", status_code=201, responses=responses(413), tags=["imports"])
@blocking
def create_ynab_import(request: Request, data: JSONBody[YnabImportRequest]) -> YnabImport:
    """A new budget, owned by the caller, from YNAB's exports; the report lists every month
    and category whose assigned or available differ from the plan export, and why. A file
    that does not read is a 422 naming the file and line, and creates nothing."""
    who = user_id(request)
    svc = services(request)
    options = ImportOptions(name=data.name or DEFAULT_NAME, currency=data.currency,
                            date_format=data.date_format, names=("register", "plan"))
    try:
        imported = import_ynab(svc.dojo, svc.access, who, data.register, data.plan, options)
    except YnabFormatError as exc:
        field = _FIELDS.get(exc.file, exc.file)
        where = f"{field} line {exc.line}" if exc.line is not None else field
        raise Invalid(f"{where}: {exc.message}", field) from None
    return YnabImport(imported.budget_id, imported.currency, imported.events, imported.counts,
                      imported.report)


HANDLERS = [create_ynab_import]
