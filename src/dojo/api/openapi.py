"""Corrections to the generated OpenAPI document, so that it says exactly what the API does.

- Litestar turns an int64 bound into a float (2**63), so clients would think 2**63 is
  valid: integer bounds are put back as exact int64 numbers.
- Request bodies refuse unknown fields (`forbid_unknown_fields`), which Litestar does not
  reflect: their schemas get `additionalProperties: false`.
- Litestar drops an empty `security` list: public operations say `security: []` again.
- A 204 has no body, whatever the handler's annotation says.
- A download (the export) answers a file in its format's media type, not JSON.
- Every authenticated write may be refused by the CSRF check (403) or the write limit (429,
  with Retry-After): those answers are added to each such operation here, in one place.
"""

from dataclasses import fields, is_dataclass

from litestar import Litestar
from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    Schema,
)

from dojo.api import schemas as s
from dojo.api.problems import PROBLEM_JSON
from dojo.domain.money import INT64_MAX, INT64_MIN

_FLOAT_MAX = float(INT64_MAX)
_FLOAT_MIN = float(INT64_MIN)


def _exact_int64(schema: Schema) -> None:
    if schema.type != OpenAPIType.INTEGER:
        return
    if isinstance(schema.maximum, float):
        schema.maximum = INT64_MAX if schema.maximum >= _FLOAT_MAX else int(schema.maximum)
        schema.format = "int64"
    if isinstance(schema.minimum, float):
        schema.minimum = INT64_MIN if schema.minimum <= _FLOAT_MIN else int(schema.minimum)
        schema.format = "int64"


def _walk(node: object, seen: set[int]) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, Schema):
        _exact_int64(node)
    if isinstance(node, dict):
        for value in node.values():
            _walk(value, seen)
    elif isinstance(node, list | tuple):
        for value in node:
            _walk(value, seen)
    elif is_dataclass(node) and not isinstance(node, type):
        for f in fields(node):
            _walk(getattr(node, f.name), seen)


def _bodies() -> set[str]:
    return {
        name
        for name, value in vars(s).items()
        if isinstance(value, type) and issubclass(value, s.Body) and value is not s.Body
    }


PUBLIC = frozenset({"healthz", "readyz", "setup_state", "setup", "login", "logout"})
METHODS = ("get", "put", "post", "delete", "patch", "head")


WRITES = ("put", "post", "delete", "patch")


def _operations(document: OpenAPI, methods: tuple[str, ...] = METHODS) -> list[Operation]:
    found = []
    for item in (document.paths or {}).values():
        found += [op for op in (getattr(item, m) for m in methods) if op is not None]
    return found


def _problem(description: str, headers: dict[str, OpenAPIHeader] | None = None) -> OpenAPIResponse:
    schema = Reference(ref="#/components/schemas/ProblemDetail")
    return OpenAPIResponse(description=description, headers=headers,
                           content={PROBLEM_JSON: OpenAPIMediaType(schema=schema)})


RETRY_AFTER = OpenAPIHeader(schema=Schema(type=OpenAPIType.INTEGER, minimum=1),
                            description="seconds until the credential may write again")
WRITE_REFUSALS = {
    "403": _problem("Forbidden (also: a cookie-authenticated write without a matching "
                    "X-CSRF-Token header)"),
    "429": _problem("Too Many Requests: the credential's write limit is used up",
                    {"Retry-After": RETRY_AFTER}),
}


def _document_write_refusals(document: OpenAPI) -> None:
    for operation in _operations(document, WRITES):
        if operation.operation_id in PUBLIC or operation.responses is None:
            continue
        for code, answer in WRITE_REFUSALS.items():
            operation.responses.setdefault(code, answer)


DOWNLOADS = frozenset({"export_budget"})


def _document_downloads(document: OpenAPI) -> None:
    """A download answers a file in one of the export formats' media types, not JSON."""
    from dojo.exports.formats import FORMATS

    text = Schema(type=OpenAPIType.STRING)
    content = {f.media_type.split(";")[0]: OpenAPIMediaType(schema=text)
               for f in FORMATS.values()}
    disposition = OpenAPIHeader(schema=Schema(type=OpenAPIType.STRING), required=True,
                                description='attachment; filename="dojo-<budget id>.<ext>"')
    for operation in _operations(document):
        if operation.operation_id in DOWNLOADS and operation.responses:
            operation.responses["200"] = OpenAPIResponse(
                description="the file: text/csv for csv, application/x-ndjson for events, "
                "text/plain (UTF-8) for hledger and beancount",
                headers={"Content-Disposition": disposition}, content=content)


def correct(app: Litestar) -> None:
    document = app.openapi_schema
    _walk(document, set())
    schemas = document.components.schemas if document.components else None
    for name in _bodies():
        if schemas and name in schemas:
            schemas[name].additional_properties = False
    for operation in _operations(document):
        if operation.operation_id in PUBLIC:
            operation.security = []
        no_content = (operation.responses or {}).get("204")
        if no_content is not None:
            no_content.content = None  # type: ignore[union-attr]
    _document_write_refusals(document)
    _document_downloads(document)
