"""The Litestar application factory."""

from litestar import Litestar
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from dojo.access import Access, ScryptCost
from dojo.api.context import SESSION_COOKIE, LoginThrottle, Services
from dojo.api.controllers import (
    accounts,
    auth,
    backups,
    budgets,
    bulk,
    categories,
    exports,
    health,
    imports,
    months,
    transactions,
    ynab_imports,
)
from dojo.api.headers import security_headers_middleware
from dojo.api.middleware import request_id_middleware
from dojo.api.openapi import correct
from dojo.api.problems import HANDLERS as EXCEPTION_HANDLERS
from dojo.api.spa import spa_handlers
from dojo.api.strict import strict_body
from dojo.app.service import Dojo
from dojo.logging import configure
from dojo.settings import Settings

ROUTES = [
    *health.HANDLERS,
    *auth.HANDLERS,
    *budgets.HANDLERS,
    *accounts.HANDLERS,
    *imports.HANDLERS,
    *categories.HANDLERS,
    *transactions.HANDLERS,
    *bulk.HANDLERS,
    *months.HANDLERS,
    *exports.HANDLERS,
    *backups.HANDLERS,
    *ynab_imports.HANDLERS,
]

# Operation ids are the handlers' function names: stable, unique, readable in generated
# clients (Litestar's default names the thread wrapper of sync handlers).
for _handler in ROUTES:
    _handler.operation_id = _handler.fn.__name__

OPENAPI = OpenAPIConfig(
    title="Dojo",
    version="1",
    description="Self-hosted envelope budgeting. Amounts are integers in minor units of the "
    "budget's currency. Errors are RFC 9457 problem documents.",
    components=Components(
        security_schemes={
            "bearer": SecurityScheme(
                type="http", scheme="bearer", description="a personal access token"
            ),
            "session": SecurityScheme(
                type="apiKey",
                name=SESSION_COOKIE,
                security_scheme_in="cookie",
                description="the session cookie set by /api/v1/session; writes made with "
                "it must send the value of the dojo_csrf cookie in X-CSRF-Token",
            ),
        }
    ),
    security=[{"bearer": []}, {"session": []}],
    path="/schema",
    render_plugins=[],
)


def create_app(
    settings: Settings | None = None, dojo: Dojo | None = None, cost: ScryptCost | None = None
) -> Litestar:
    """The app. Without a Dojo it opens `settings.db` at start-up, not here, so that the
    factory can be called with no arguments to dump the OpenAPI document."""
    settings = settings or Settings()
    configure()

    def start(app: Litestar) -> None:
        nonlocal dojo
        if dojo is None:
            from dojo.bootstrap import open_dojo

            dojo = open_dojo(settings.db)
        app.state.services = Services(
            dojo, Access(dojo, cost or ScryptCost()), settings, LoginThrottle(settings)
        )

    app = Litestar(
        route_handlers=ROUTES + spa_handlers(settings.static_dir),
        on_startup=[start],
        before_request=strict_body,
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        middleware=[request_id_middleware, security_headers_middleware],
        openapi_config=OPENAPI,
        request_max_body_size=settings.max_body_bytes,
        debug=False,
        logging_config=None,
    )
    correct(app)
    return app
