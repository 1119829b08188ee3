"""Strict decoding of request bodies: Litestar converts leniently ("10", 1.0 and 1e3 would
pass as integers); money must be an integer in JSON, so every body is decoded strictly
against its struct first."""

import msgspec
from litestar import Request
from litestar.exceptions import ValidationException


async def strict_body(request: Request) -> None:
    field = request.route_handler.parsed_data_field
    if field is None:
        return
    body = await request.body()
    try:
        msgspec.json.decode(body, type=field.annotation, strict=True)
    except msgspec.ValidationError as exc:
        path = str(exc).rsplit(" - at `", 1)
        where = path[1].rstrip("`").removeprefix("$.") if len(path) == 2 else "body"
        raise ValidationException(
            detail=path[0], extra=[{"key": where, "message": path[0]}]
        ) from exc
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        raise ValidationException(
            detail=f"the body is not valid JSON: {exc}",
            extra=[{"key": "body", "message": str(exc)}],
        ) from exc
