"""Keeping credentials out of reprs, messages and log lines.

Secrets are held in :class:`Secret`, whose ``repr``/``str`` never show the value, and every text
the SDK builds from foreign input (server messages, exception text) goes through :func:`redact`
before it reaches an exception or a log record."""

from __future__ import annotations

import re
import threading
from typing import Any, Final

MASK: Final = "***"

# JWTs (three base64url parts) and bearer credentials, wherever they appear in free text.
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")
_FORM_SECRET = re.compile(
    r"(?i)((?:client_secret|access_token|password)[\"']?\s*[=:]\s*[\"']?)[^&\"'\s,}]+"
)

# Values registered at run time (the client secret, issued tokens) are masked verbatim too,
# so a secret that does not look like one is still caught.
_known: set[str] = set()
_known_lock = threading.Lock()
_MIN_REGISTERED = 8  # masking very short strings would mangle unrelated text


def register(value: str) -> None:
    if len(value) >= _MIN_REGISTERED:
        with _known_lock:
            _known.add(value)


def redact(text: str) -> str:
    with _known_lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    text = _JWT.sub(MASK, text)
    text = _BEARER.sub(lambda m: m.group(1) + MASK, text)
    return _FORM_SECRET.sub(lambda m: m.group(1) + MASK, text)


class Secret:
    """A string that never shows itself: ``repr``, ``str`` and f-strings print ``***``."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value
        register(value)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    def __str__(self) -> str:
        return MASK

    def __format__(self, spec: str) -> str:
        return MASK

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> str | tuple[Any, ...]:
        # Pickling would write the value out; refuse rather than leak.
        raise TypeError("a Secret cannot be pickled")
