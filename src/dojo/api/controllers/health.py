"""Liveness and readiness."""

from litestar import Request, Response, get
from litestar.openapi.datastructures import ResponseSpec

from dojo.api import schemas as s
from dojo.api.blocking import blocking
from dojo.api.context import services
from dojo.bootstrap import read_models_stale
from dojo.migrations import check

NO_AUTH: list[dict[str, list[str]]] = []


@get("/healthz", security=NO_AUTH, sync_to_thread=False, tags=["health"])
def healthz() -> s.Health:
    """The process is alive."""
    return s.Health(status="ok")


@get(
    "/readyz",
    security=NO_AUTH,
    tags=["health"],
    responses={503: ResponseSpec(s.Health, description="not ready", generate_examples=False)},
)
@blocking
def readyz(request: Request) -> Response[s.Health]:
    """Ready: database open, migrations applied, read models caught up with the log."""
    state = getattr(request.app.state, "services", None)
    if state is None:
        return Response(s.Health(status="starting"), status_code=503)
    con = services(request).dojo.con
    with con.cursor() as cur:
        report = check(cur)
    if report.pending:
        return Response(s.Health(status="migrations pending"), status_code=503)
    if read_models_stale(con):
        return Response(s.Health(status="read models behind the log"), status_code=503)
    return Response(s.Health(status="ready"))


HANDLERS = [healthz, readyz]
