"""Exporting a budget: the register as CSV, the event log, an hledger journal, Beancount."""

import tempfile
from collections.abc import Iterator
from typing import IO, Annotated

from litestar import Request, get
from litestar.params import FromPath, QueryParameter
from litestar.response import Stream

from dojo.api.blocking import blocking
from dojo.api.context import READ, member, reading
from dojo.api.problems import responses
from dojo.exports.formats import FORMATS, FormatName, export, filename

_CHUNK = 1 << 16
# Exports up to this size stay in memory; larger ones spill to a temporary file.
_SPOOL = 8 << 20

ExportFormat = Annotated[
    FormatName,
    QueryParameter(description="csv (the register, one row per line), events "
                   "(the event log as JSON lines), hledger (a journal), beancount"),
]


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := spool.read(_CHUNK):
            yield chunk
    finally:
        spool.close()


@get("/api/v1/budgets/{budget_id:str}/export", responses=responses(404), tags=["export"])
@blocking
def export_budget(
    request: Request, budget_id: FromPath[str], format: ExportFormat
) -> Stream:
    """The whole budget as a file to download, in the format asked for."""
    member(request, budget_id, READ)
    # Written out in full here, from one snapshot, before the first byte is sent; the
    # stream closes the spool when it ends.
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115
    try:
        with reading(request) as cur:
            export(cur, budget_id, format, spool)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return Stream(_chunks(spool), media_type=FORMATS[format].media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename(budget_id, format)}"'})


HANDLERS = [export_budget]
