"""The built single-page app: files under /assets, and index.html for every other GET so
that deep links (/budgets/…/accounts/…) survive a reload. Nothing here is in the OpenAPI
document."""

from pathlib import Path

from litestar import Request, Response, route
from litestar.datastructures import CacheControlHeader
from litestar.static_files import create_static_files_router

from dojo.domain.errors import NotFound

_REPO_DIST = Path(__file__).resolve().parents[3] / "frontend" / "dist"
# Paths the app owns: an unknown one is a 404 problem, never the SPA's index.html.
_RESERVED = ("api", "schema", "assets", "healthz", "readyz")
_OTHER_METHODS = ["POST", "PUT", "PATCH", "DELETE"]


def _not_found(path: str) -> NotFound:
    return NotFound(f"nothing at {path}")


def _is_app_route(path: str) -> bool:
    """True for paths the SPA must not answer: API-like prefixes and file-like names."""
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    return segments[0] in _RESERVED or "." in segments[-1]


def _fallback(index: Path) -> list:
    @route(
        ["/", "/{rest:path}"],
        http_method=["GET", "HEAD"],
        include_in_schema=False,
        sync_to_thread=False,
        name="spa-index",
    )
    def spa_index(request: Request) -> Response[bytes]:
        # request.url.path, not the path parameter: on "/" Litestar hands it over oddly.
        path = request.url.path
        if _is_app_route(path) or not index.is_file():
            raise _not_found(path)
        return Response(
            index.read_bytes(),
            media_type="text/html; charset=utf-8",
            headers={"Cache-Control": "no-cache"},
        )

    # Without this, a POST to an unknown /api/... path would answer 405 instead of 404.
    @route(
        "/{rest:path}",
        http_method=_OTHER_METHODS,
        include_in_schema=False,
        sync_to_thread=False,
        name="spa-not-found",
    )
    def spa_not_found(request: Request) -> Response[bytes]:
        raise _not_found(request.url.path)

    return [spa_index, spa_not_found]


def spa_handlers(static_dir: str | None) -> list:
    """Handlers serving the built SPA from static_dir (default: frontend/dist of this repo,
    when it was built); none when there is nothing to serve."""
    root = Path(static_dir) if static_dir else _REPO_DIST
    if not root.is_dir():
        return []
    assets = create_static_files_router(
        path="/assets",
        directories=[root / "assets"],
        name="spa-assets",
        include_in_schema=False,
        # Vite puts a content hash in every asset name: a changed file is a new URL.
        cache_control=CacheControlHeader(max_age=31536000, public=True, immutable=True),
    )
    return [assets, *_fallback(root / "index.html")]
