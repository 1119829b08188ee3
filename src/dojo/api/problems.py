"""Every error becomes an RFC 9457 problem document, mapped here and nowhere else."""

from http import HTTPStatus
from typing import Any

import msgspec
import structlog
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec

from dojo.domain.errors import DomainError

PROBLEM_JSON = "application/problem+json"
log = structlog.get_logger("dojo.api")


class FieldError(msgspec.Struct):
    field: str
    message: str


class ProblemDetail(msgspec.Struct, omit_defaults=True):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class TooManyAttempts(DomainError):
    status = 429
    code = "too-many-attempts"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


def problem(
    status: int,
    code: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[ProblemDetail]:
    return Response(
        ProblemDetail(
            type=f"urn:dojo:problem:{code}",
            title=HTTPStatus(status).phrase,
            status=status,
            detail=detail,
            errors=errors or [],
        ),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _domain(_: Request, exc: DomainError) -> Response[ProblemDetail]:
    errors = [FieldError(exc.field, exc.detail)] if exc.field else None
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyAttempts) else None
    return problem(exc.status, exc.code, exc.detail, errors, headers)


def _field_errors(extra: Any) -> list[FieldError]:
    out = []
    for item in extra if isinstance(extra, list) else []:
        if isinstance(item, dict):
            field = str(item.get("key") or item.get("source") or "body")
            out.append(FieldError(field, str(item.get("message", "invalid"))))
    return out


def _validation(_: Request, exc: ValidationException) -> Response[ProblemDetail]:
    errors = _field_errors(exc.extra) or [FieldError("body", str(exc.detail))]
    return problem(
        422,
        "invalid",
        "the request is malformed: " + "; ".join(f"{e.field}: {e.message}" for e in errors),
        errors,
    )


def _http(_: Request, exc: HTTPException) -> Response[ProblemDetail]:
    status = exc.status_code
    code = HTTPStatus(status).phrase.lower().replace(" ", "-")
    headers = {k: v for k, v in (exc.headers or {}).items()}
    return problem(status, code, str(exc.detail), headers=headers or None)


def _crash(request: Request, exc: Exception) -> Response[ProblemDetail]:
    log.exception("unhandled error", path=request.url.path, error=type(exc).__name__)
    return problem(500, "internal", "an unexpected error occurred; it was logged")


HANDLERS = {
    DomainError: _domain,
    ValidationException: _validation,
    HTTPException: _http,
    Exception: _crash,
}


def responses(*codes: int) -> dict[int, ResponseSpec]:
    """Document the error answers of a handler as problem documents."""
    return {
        code: ResponseSpec(
            ProblemDetail,
            description=HTTPStatus(code).phrase,
            media_type=PROBLEM_JSON,
            generate_examples=False,
        )
        for code in sorted({400, 401, 422, *codes})
    }


__all__ = ["HANDLERS", "PROBLEM_JSON", "MediaType", "problem", "responses"]
