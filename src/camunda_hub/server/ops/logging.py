"""Structured logs with a request id, and a filter that keeps secrets out of every log line.

Every request gets an id (the caller's ``X-Request-Id`` when it is a sane token, else a new
one); it is echoed in the response and attached to every record logged while the request runs
(``ops/request_layer.py`` sets it).
The redaction filter sits on the handlers, so it covers uvicorn's access log and any library
that logs an URL, a header or a form."""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

from starlette.types import Scope

from camunda_hub.server.random_ids import RandomBlocks

REQUEST_ID_HEADER = "x-request-id"
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "camunda_hub_request_id", default=None
)

# Values that must never reach a log: bearer/basic credentials, JWTs, and secret-bearing form or
# query parameters (client_secret, assertion, password, tokens).
_CREDENTIALS = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_ASSIGNED = re.compile(
    r"(?i)((?:client_secret|secret|password|access_token|refresh_token|assertion|"
    r"secret_key|token)[\"']?\s*[=:]\s*[\"']?)[^\s&\"',;)]+"
)
# What each pattern cannot match without, case-folded (a superset of what ``(?i)`` treats as the
# same letter): a line without them skips the regular expression. Nearly every line has none;
# the token endpoint's access line names "token" in its path, but never as an assignment.
_CREDENTIAL_WORDS = ("bearer", "basic")
_ASSIGNED_WORDS = ("secret", "password", "token", "assertion")


def _assigns(folded: str) -> bool:
    """Whether one of ``_ASSIGNED_WORDS`` is followed by what ``_ASSIGNED`` requires after it:
    an optional quote, optional whitespace, then ``=`` or ``:`` (``secret_key`` has its own
    suffix before those)."""
    end = len(folded)
    for word in _ASSIGNED_WORDS:
        at = folded.find(word)
        while at >= 0:
            i = at + len(word)
            if _assignment_follows(folded, i, end):
                return True
            key = word == "secret" and folded.startswith("_key", i)
            if key and _assignment_follows(folded, i + 4, end):
                return True
            at = folded.find(word, at + 1)
    return False


def _assignment_follows(folded: str, i: int, end: int) -> bool:
    if i < end and folded[i] in "\"'":
        i += 1
    while i < end and folded[i].isspace():
        i += 1
    return i < end and folded[i] in "=:"


def redact(text: str) -> str:
    folded = text.casefold()
    if any(word in folded for word in _CREDENTIAL_WORDS) or "eyJ" in text:
        text = _JWT.sub("[redacted-jwt]", _CREDENTIALS.sub(r"\1 [redacted]", text))
        folded = text.casefold()
    if _assigns(folded):
        text = _ASSIGNED.sub(r"\1[redacted]", text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites a record's message (arguments merged in) and exception text without secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        # The traceback is now in exc_text (redacted); do not let a formatter render it again.
        record.exc_info = None
        return True


class AddRequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def json_line(
    created: float,
    level: str,
    logger: str,
    message: str,
    rid: str | None,
    exception: str | None = None,
) -> str:
    """The JSON log line (without its newline); ``level`` in lower case."""
    entry: dict[str, Any] = {
        "time": datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds"),
        "level": level,
        "logger": logger,
        "message": message,
    }
    if rid:
        entry["request_id"] = rid
    if exception:
        entry["exception"] = exception
    return json.dumps(entry, ensure_ascii=False)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, exception."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        return json_line(
            record.created,
            record.levelname.lower(),
            record.name,
            record.getMessage(),
            getattr(record, "request_id", None),
            record.exc_text,
        )


# The text line's format (``ops/access_log.py`` writes the same line without a LogRecord).
TEXT_FORMAT = "%(levelname)s:%(name)s: %(message)s"


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        rid = getattr(record, "request_id", None)
        return f"{text} [request_id={rid}]" if rid else text


class LineBatchingHandler(logging.StreamHandler):
    """A ``StreamHandler`` that also takes ready-made lines (the access log, ``ops/access_log.py``).
    Lines written on the event loop go out together in one write at the end of the loop's
    current pass: one system call per pass instead of one per response. They go out earlier
    when a record is emitted here (so lines stay in order), when enough are waiting, and on
    ``flush``/``close`` — which ``logging.shutdown`` calls at exit — so none is lost when the
    server stops."""

    MAX_WAITING = 256

    def __init__(self, stream: Any = None) -> None:
        super().__init__(stream)
        self._lines: list[str] = []

    def write_line(self, line: str) -> None:
        """``line`` ends with its terminator."""
        with self.lock:  # type: ignore[union-attr]
            lines = self._lines
            lines.append(line)
            if 1 < len(lines) < self.MAX_WAITING:
                return  # the write of the first line is scheduled, this one goes with it
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or len(lines) >= self.MAX_WAITING:
            self.write_lines()
        else:
            loop.call_soon(self.write_lines)

    def write_lines(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            if not self._lines:
                return
            text = "".join(self._lines)
            self._lines.clear()
            try:
                self.stream.write(text)
                self.stream.flush()
            except Exception:
                self.handleError(logging.makeLogRecord({"msg": text}))

    def emit(self, record: logging.LogRecord) -> None:
        if self._lines:
            self.write_lines()
        super().emit(record)

    def flush(self) -> None:
        self.write_lines()
        super().flush()


def log_config(*, json_logs: bool, level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn and our own loggers."""
    formatter: dict[str, Any] = (
        {"()": JsonFormatter} if json_logs else {"()": TextFormatter, "fmt": TEXT_FORMAT}
    )
    handler = {
        "()": LineBatchingHandler,
        "stream": "ext://sys.stderr",
        "formatter": "default",
        "filters": ["request_id", "redact"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": AddRequestId}, "redact": {"()": RedactSecrets}},
        "formatters": {"default": formatter},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["default"], "level": level, "propagate": False},
            "camunda_hub": {"handlers": ["default"], "level": level, "propagate": False},
        },
        "root": {"handlers": ["default"], "level": "WARNING"},
    }


_ids = RandomBlocks(8)


def _new_id() -> str:
    return _ids.hex()


def request_id_for(scope: Scope) -> str:
    """The caller's ``X-Request-Id`` when it is a sane token, else a new one."""
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            given = value.decode("latin-1")
            return given if _VALID_ID.fullmatch(given) else _new_id()
    return _new_id()
