"""Stored events read back for a rebuild: a row whose data does not decode, whose type column
disagrees with its data, or that cannot apply to its budget is refused with its position
named (one clear line in the CLI), never a traceback and never half-built read models."""

import functools
import typing

import msgspec

from dojo.domain import events as ev
from dojo.domain.errors import DomainError
from dojo.domain.money import in_int64
from dojo.domain.months import is_month, parse_date

# Fields the read models store as DATE, or compute months from.
DATES = frozenset({"date", "opened_on", "through"})
MONTHS = frozenset({"month"})


class CorruptEvent(DomainError):
    """The log holds an event that cannot be replayed; nothing was rebuilt."""

    status = 500
    code = "corrupt-event-log"

    def __init__(self, position: int, reason: str) -> None:
        super().__init__(f"the event log is corrupt at position {position}: {reason}")
        self.position = position


def _short(text: object, limit: int = 200) -> str:
    shown = str(text)
    return shown if len(shown) <= limit else shown[:limit] + "..."


# What to check in each event type, worked out once per type: (field, kind, nested plan).
Plan = tuple[tuple[str, str, "Plan"], ...]


@functools.cache
def _plan(cls: type) -> Plan:
    out: list[tuple[str, str, Plan]] = []
    for f in msgspec.structs.fields(cls):
        args = typing.get_args(f.type) or (f.type,)
        if f.name in DATES or f.name in MONTHS:
            out.append((f.name, "date" if f.name in DATES else "month", ()))
        elif int in args:
            out.append((f.name, "int", ()))
        elif isinstance(f.type, type) and issubclass(f.type, msgspec.Struct):
            out.append((f.name, "struct", _plan(f.type)))
        elif typing.get_origin(f.type) is tuple and isinstance(args[0], type) and issubclass(
                args[0], msgspec.Struct):
            out.append((f.name, "structs", _plan(args[0])))
    return tuple(out)


def _bad_value(node: msgspec.Struct, plan: Plan) -> str | None:
    """The first field whose value no command could have stored: an integer beyond 64 bits,
    a date that is not a real day, a month that is not YYYY-MM."""
    for name, kind, inner in plan:
        value = getattr(node, name)
        if kind == "int" and isinstance(value, int) and not in_int64(value):
            return f"{name} is beyond 64 bits"
        if kind == "date" and not (value.isascii() and parse_date(value)):
            return f"{name} is not a date: {_short(value, 40)!r}"
        if kind == "month" and not (value.isascii() and is_month(value)):
            return f"{name} is not a month: {_short(value, 40)!r}"
        if kind == "struct" and (found := _bad_value(value, inner)):
            return f"{name}.{found}"
        if kind == "structs":
            for index, item in enumerate(value):
                if found := _bad_value(item, inner):
                    return f"{name}[{index}].{found}"
    return None


def decode_stored(position: int, stream_id: str, type_: str, data: str | bytes) -> ev.Event:
    """The event stored at `position`, or CorruptEvent."""
    try:
        event = ev.decode_event(data)
    except msgspec.DecodeError as exc:
        raise CorruptEvent(position, f"its data does not decode as an event: {_short(exc)}"
                           ) from None
    tag = ev.event_type(event)
    if tag != type_:
        raise CorruptEvent(position, f"its type column says {_short(type_)!r} but its data "
                                     f"is a {tag}")
    if isinstance(event, ev.BudgetCreated) and event.budget_id != stream_id:
        raise CorruptEvent(position, f"it creates budget {_short(event.budget_id)!r} in the "
                                     f"stream of {stream_id}")
    bad = _bad_value(event, _plan(type(event)))
    if bad:
        raise CorruptEvent(position, f"its {bad}")
    return event


def not_applicable(position: int, stream_id: str, exc: Exception) -> CorruptEvent:
    """An event that decodes but does not fit the state its stream built before it."""
    return CorruptEvent(position, f"it does not apply to budget {stream_id} "
                                  f"({type(exc).__name__}: {_short(exc)})")
