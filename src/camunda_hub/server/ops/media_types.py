"""One rule for request bodies on ``/api/v2``: a body is JSON, sent as ``application/json`` (or
an ``application/*+json`` type), unless its operation declares another media type in the
OpenAPI document (catalog ingestion: ``multipart/form-data``). Anything else is 415 naming the
accepted types (``Accept-Post``/``Accept-Patch``), before any parser sees the bytes — search endpoints
included, which used to read a ``text/plain`` body as JSON. A request without a body (a search
for the first page) needs no type."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

from camunda_hub.server.problem_details import problem

PREFIX = "/api/v2/"
_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
JSON = "application/json"


def _media_type(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"content-type":
            return value.decode("latin-1").split(";", 1)[0].strip().lower()
    return None


def _has_body(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name == b"content-length":
            return value.strip() not in (b"0", b"")
        if name == b"transfer-encoding":
            return True
    return False


def is_json(media_type: str | None) -> bool:
    return media_type == JSON or (
        media_type is not None
        and media_type.startswith("application/")
        and media_type.endswith("+json")
    )


def declared_types(route: APIRoute) -> tuple[str, ...]:
    extra = route.openapi_extra or {}
    content = extra.get("requestBody", {}).get("content", {})
    return tuple(content) or (JSON,)


class MediaTypes:
    def __init__(self, app: ASGIApp, routes: Iterable[BaseRoute]) -> None:
        self.app = app
        self._routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in _WITH_BODY
            or not scope["path"].startswith(PREFIX)
        ):
            await self.app(scope, receive, send)
            return
        headers = scope["headers"]
        media_type = _media_type(headers)
        if is_json(media_type) or not _has_body(headers):
            await self.app(scope, receive, send)
            return
        accepted = self._accepted(scope)
        if accepted is None or media_type in accepted:
            await self.app(scope, receive, send)  # no such operation: the router answers
            return
        response = problem(
            415,
            f"request body: send it as {' or '.join(accepted)}",
            instance=scope["path"],
            headers=_accept_headers(scope["method"], accepted),
        )
        await response(scope, receive, send)

    def _accepted(self, scope: Scope) -> tuple[str, ...] | None:
        for route in self._routes:
            if isinstance(route, APIRoute):
                match, _ = route.matches(scope)
                if match is Match.FULL:
                    return declared_types(route)
        return None


def _accept_headers(method: str, accepted: tuple[str, ...]) -> dict[str, str]:
    name = {"POST": "Accept-Post", "PATCH": "Accept-Patch"}.get(method)
    return {name: ", ".join(accepted)} if name else {}


def install(app: FastAPI) -> None:
    app.add_middleware(MediaTypes, routes=app.router.routes)
