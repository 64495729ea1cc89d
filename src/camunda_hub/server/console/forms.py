"""Reading the console's HTML forms: URL-encoded only (no uploads), size-capped."""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.requests import Request

from camunda_hub.server.console.errors import ConsoleError

MAX_FORM_BYTES = 64 * 1024


class Form:
    def __init__(self, fields: dict[str, list[str]]) -> None:
        self._fields = fields

    def get(self, name: str) -> str:
        values = self._fields.get(name)
        return values[0] if values else ""

    def all(self, name: str) -> list[str]:
        return list(self._fields.get(name, []))


async def read_form(request: Request) -> Form:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise ConsoleError(415, "The console only accepts its own HTML forms.")
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_FORM_BYTES):
        raise ConsoleError(413, "The form is too large.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise ConsoleError(413, "The form is too large.")
    try:
        text = body.decode("utf-8")
        fields = parse_qs(text, keep_blank_values=True, strict_parsing=False, max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise ConsoleError(400, "The form could not be read.") from None
    return Form(fields)
