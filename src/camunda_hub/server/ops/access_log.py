"""uvicorn's access log without a ``LogRecord`` per request.

Every response makes uvicorn call ``logging.getLogger("uvicorn.access").info(...)``: a record,
the caller's frame looked up, two filters, a formatter, two lock round trips — about four times
the cost of the line itself, on every request. When the access logger is configured as
``ops/logging.py``'s ``log_config`` sets it up (its line-batching stream handler, the request-id
and redaction filters, our text or JSON formatter), ``AccessLine`` stands in for the logger on
the HTTP protocol and hands the same line — same text, redacted the same way, with the request
id — to the handler whole, which writes the lines of one event-loop pass together (and before
any other record, and at shutdown). Any other logging set-up keeps the logger itself."""

from __future__ import annotations

import logging
import time

from camunda_hub.server.ops.logging import (
    TEXT_FORMAT,
    AddRequestId,
    JsonFormatter,
    LineBatchingHandler,
    RedactSecrets,
    TextFormatter,
    json_line,
    redact,
    request_id,
)

ACCESS_LOGGER = "uvicorn.access"
_LEVEL = "INFO"


class AccessLine:
    """The one method of a logger uvicorn's access log calls: ``info(msg, *args)``."""

    def __init__(self, logger: logging.Logger, handler: LineBatchingHandler, json: bool) -> None:
        self.logger = logger
        self.handler = handler
        self.json = json
        self._prefix = f"{_LEVEL}:{logger.name}: "

    def info(self, msg: str, *args: object) -> None:
        logger = self.logger
        # Level changes at run time (and ``logger.disabled``) still count, as for the logger.
        if logger.disabled or not logger.isEnabledFor(logging.INFO):
            return
        message = redact(msg % args)
        rid = request_id.get()
        if self.json:
            line = json_line(time.time(), "info", logger.name, message, rid)
        elif rid:
            line = f"{self._prefix}{message} [request_id={rid}]"
        else:
            line = self._prefix + message
        self.handler.write_line(line + self.handler.terminator)


def access_logger(logger: logging.Logger) -> logging.Logger | AccessLine:
    """``AccessLine`` when ``logger`` is set up exactly as ``log_config`` makes it, else the
    logger itself."""
    if logger.filters or logger.propagate or len(logger.handlers) != 1:
        return logger
    handler = logger.handlers[0]
    if type(handler) is not LineBatchingHandler or handler.level > logging.INFO:
        return logger
    kinds = [type(each) for each in handler.filters]
    if len(kinds) != 2 or set(kinds) != {AddRequestId, RedactSecrets}:
        return logger
    formatter = handler.formatter
    if type(formatter) is JsonFormatter:
        return AccessLine(logger, handler, json=True)
    if (
        type(formatter) is TextFormatter
        and type(formatter._style) is logging.PercentStyle
        and formatter._fmt == TEXT_FORMAT
    ):
        return AccessLine(logger, handler, json=False)
    return logger
