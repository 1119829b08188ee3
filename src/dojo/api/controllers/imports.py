"""Bank file imports into one account: preview what a file would do, read the preview back,
commit it as one command (issue 8); and the CSV mapping the account remembers."""

import base64
import binascii
import functools

import msgspec
from litestar import Request, Response, get, post
from litestar.params import FromPath, JSONBody

from dojo.api import reads
from dojo.api import schemas as s
from dojo.api.blocking import blocking
from dojo.api.commands import run
from dojo.api.context import READ, WRITE, member, reading, services
from dojo.api.problems import responses
from dojo.domain.errors import Invalid
from dojo.imports import previews
from dojo.imports.previews import ImportPreview

ACCOUNT = "/api/v1/budgets/{budget_id:str}/accounts/{account_id:str}"
IMPORTS = ACCOUNT + "/imports"
ONE = IMPORTS + "/{preview_id:str}"


def _upload(data: s.ImportRequest) -> previews.ImportFile:
    if data.encoding == "base64":
        try:
            raw = base64.b64decode(data.content, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Invalid("content is not valid base64", "content") from exc
    else:
        raw = data.content.encode("utf-8", errors="replace")
    return previews.ImportFile(raw, data.format, data.csv, data.date_order,
                               data.decimal_separator, data.category_id)


@post(IMPORTS, status_code=201, responses=responses(403, 404, 409), tags=["imports"])
@blocking
def preview_import(request: Request, budget_id: FromPath[str], account_id: FromPath[str],
                   data: JSONBody[s.ImportRequest]) -> ImportPreview:
    """Read a bank file (OFX, QFX, QIF or CSV) and answer what importing it would do, row by
    row: new, matched to a transaction entered by hand, duplicate, or rejected with a reason.
    Nothing changes until the preview is committed. A file that cannot be read is a 422
    naming its line."""
    who = member(request, budget_id, WRITE)
    with reading(request) as cur:
        reads.account(cur, budget_id, account_id)
    dojo = services(request).dojo
    planned = previews.plan_file(dojo, budget_id, account_id, _upload(data), dojo.ids.new_id())
    previews.store(dojo, budget_id, planned, who)
    return planned.preview


@get(ONE, responses=responses(404), tags=["imports"])
@blocking
def get_import(request: Request, budget_id: FromPath[str], account_id: FromPath[str],
               preview_id: FromPath[str]) -> ImportPreview:
    """A preview as it was made, and whether it was committed (previews last a week)."""
    member(request, budget_id, READ)
    with reading(request) as cur:
        return previews.load(cur, budget_id, account_id, preview_id).preview


@post(ONE + "/commit", status_code=200, responses=responses(403, 404, 409, 412),
      tags=["imports"])
@blocking
def commit_import(request: Request, budget_id: FromPath[str], account_id: FromPath[str],
                  preview_id: FromPath[str]) -> Response[ImportPreview]:
    """Append the preview's new and matched rows as one command, all or nothing. Refused
    (409) when the account changed so that the preview no longer holds; committing again
    appends nothing."""
    member(request, budget_id, WRITE)
    dojo = services(request).dojo
    with reading(request) as cur:
        planned = previews.load(cur, budget_id, account_id, preview_id)
    preview, result = previews.commit(dojo, budget_id, planned,
                                      functools.partial(run, request, budget_id))
    with reading(request) as cur:
        version = result.version if result else dojo.budget_version(cur, budget_id)
    return Response(preview, headers={"ETag": f'"{version}"'})


@get(ACCOUNT + "/import-mapping", responses=responses(404), tags=["imports"])
@blocking
def get_import_mapping(request: Request, budget_id: FromPath[str],
                       account_id: FromPath[str]) -> s.ImportMapping:
    """The CSV mapping of the account's last committed CSV import, the default of the
    next one (null before any)."""
    member(request, budget_id, READ)
    with reading(request) as cur:
        reads.account(cur, budget_id, account_id)
        found = previews.remembered_mapping(cur, budget_id, account_id)
    return s.ImportMapping(csv=s.CsvMapping(**msgspec.structs.asdict(found)) if found else None)


HANDLERS = [preview_import, get_import, commit_import, get_import_mapping]
