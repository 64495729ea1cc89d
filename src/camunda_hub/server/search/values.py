"""Converting filter values from JSON to the Python type of their field, or saying why not."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from camunda_hub.server.search.spec import FieldKind

# Longer than any stored name or key, short enough that a request cannot make the database
# chew through megabytes of pattern.
MAX_STRING_LENGTH = 4096
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class ValueProblem(ValueError):
    """The reason a value is unacceptable, phrased to follow the value's location."""


def convert(kind: FieldKind, value: Any) -> Any:
    if kind in (FieldKind.BASIC, FieldKind.STRING):
        return text(value)
    if kind is FieldKind.DATETIME:
        return timestamp(value)
    if kind is FieldKind.BOOLEAN:
        if not isinstance(value, bool):
            raise ValueProblem(f"must be true or false, not {describe(value)}")
        return value
    if kind is FieldKind.INTEGER:
        number = whole_number(value)
        if number is None:
            raise ValueProblem(f"must be an integer, not {describe(value)}")
        if not INT64_MIN <= number <= INT64_MAX:
            raise ValueProblem("must fit in a signed 64-bit integer")
        return number
    raise AssertionError(kind)


def whole_number(value: Any) -> int | None:
    """An integer as JSON Schema means it (any number without a fractional part: ``3.0`` is
    one); ``None`` for anything else. JSON booleans arrive as Python bools, which are ints:
    they are not numbers here."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueProblem(f"must be a string, not {describe(value)}")
    if len(value) > MAX_STRING_LENGTH:
        raise ValueProblem(f"must be at most {MAX_STRING_LENGTH} characters long")
    if "\x00" in value:
        # PostgreSQL cannot store or compare NUL in text; no stored value contains one.
        raise ValueProblem("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # JSON's \ud800-style escapes can produce lone surrogates; no database driver takes them.
        raise ValueProblem("must be valid Unicode (it contains a lone surrogate)") from None
    return value


def timestamp(value: Any) -> datetime:
    """ISO 8601 date-time. Without a zone it is taken as UTC, the zone every timestamp of the
    API is written in; a date alone means its midnight UTC."""
    if not isinstance(value, str):
        raise ValueProblem(f"must be an ISO 8601 date-time string, not {describe(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueProblem(
            f"{value[:64]!r} is not an ISO 8601 date-time (e.g. 2024-05-01T12:00:00Z)"
        ) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        raise ValueProblem(f"{value[:64]!r} is out of the supported date range") from None


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
