"""HTTP semantics the router leaves out (RFC 9110), found by fuzzing the server from outside:

* a 405 names in ``Allow`` every method the path serves (Starlette names those of the first
  route whose path matched), and a path with a route of its own (``/versions/search``) is not
  also served by a parameterised one (``/versions/{versionKey}``);
* ``HEAD`` is answered like ``GET``, without the body (FastAPI routes serve only ``GET``);
* ``OPTIONS`` is answered 204 with ``Allow``;
* a redirect never carries an absolute URL built from the client's ``Host`` header (the
  router's trailing-slash redirect does): such a ``Location`` becomes a path.

A pure ASGI layer: on the hot path it costs a dictionary look-up and a wrapped ``send``."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from camunda_hub.server.problem_details import problem

_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allow_header(methods: Iterable[str]) -> str:
    served = set(methods)
    if "GET" in served:
        served.add("HEAD")
    served.add("OPTIONS")
    return ", ".join(sorted(served, key=lambda m: (_ORDER.index(m) if m in _ORDER else 99, m)))


class _Routes:
    """Methods per literal path, and the parameterised routes, taken from the app's table."""

    def __init__(self, routes: Iterable[BaseRoute]) -> None:
        self.literal: dict[str, set[str]] = {}
        self.parameterised: list[Route] = []
        for route in routes:
            if not isinstance(route, Route) or route.methods is None:
                continue
            if "{" in route.path:
                self.parameterised.append(route)
            else:
                self.literal.setdefault(route.path, set()).update(route.methods)

    def methods_for(self, scope: Scope) -> set[str]:
        literal = self.literal.get(scope["path"])
        if literal is not None:
            return literal
        methods: set[str] = set()
        probe = {**scope, "method": "__probe__"}
        for route in self.parameterised:
            match, _ = route.matches(probe)
            if match is not Match.NONE and route.methods is not None:
                methods.update(route.methods)
        return methods


class HttpMethods:
    def __init__(self, app: ASGIApp, routes: Iterable[BaseRoute]) -> None:
        self.app = app
        self._source = routes
        self._routes: _Routes | None = None

    def _table(self) -> _Routes:
        # Built at the first request: routes are still being added while the app is assembled.
        if self._routes is None:
            self._routes = _Routes(self._source)
        return self._routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        literal = self._table().literal.get(scope["path"])
        if literal is not None and method not in literal:
            await self._not_served(scope, receive, send, literal)
            return
        served: set[str] = set()

        async def send_checked(message: Message) -> None:
            nonlocal served
            if message["type"] == "http.response.start":
                status = message["status"]
                if status == 405 and literal is None:
                    # The router's own 405 (no route serves this method here), answered again
                    # below; unless no route of this table knows the path (a mounted app's).
                    served = self._table().methods_for(scope)
                    if served and scope["method"] not in served:
                        return
                    served = set()  # an endpoint's own 405 (the token endpoint's): as it is
                if 300 <= status < 400:
                    message = _relative_location(message, scope)
            elif served:
                return
            await send(message)

        await self.app(scope, receive, send_checked)
        if served:
            await self._not_served(scope, receive, send, served)

    async def _not_served(
        self, scope: Scope, receive: Receive, send: Send, methods: set[str]
    ) -> None:
        method = scope["method"]
        allow = allow_header(methods)
        if method == "HEAD" and "GET" in methods:
            await self.app({**scope, "method": "GET"}, receive, _without_body(send))
            return
        if method == "OPTIONS":
            await send(
                {
                    "type": "http.response.start",
                    "status": 204,
                    "headers": [(b"allow", allow.encode())],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        response = problem(
            405,
            f"{method} is not served here; allowed: {allow}",
            instance=scope["path"],
            headers={"Allow": allow},
        )
        await response(scope, receive, send)


def _without_body(send: Send) -> Send:
    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b""}
        await send(message)

    return send_head


def _relative_location(message: Message, scope: Scope) -> Message:
    headers = message.get("headers", [])
    for index, (name, value) in enumerate(headers):
        if name.lower() != b"location":
            continue
        target = urlsplit(value.decode("latin-1"))
        if not target.netloc:
            return message
        host = next((v for n, v in scope["headers"] if n == b"host"), b"").decode("latin-1")
        if target.netloc != host:
            return message
        # Built from the client's Host header: keep only the path (RFC 9110 §10.2.2 allows it).
        path = target.path or "/"
        relative = path + ("?" + target.query if target.query else "")
        headers = list(headers)
        headers[index] = (name, relative.encode("latin-1"))
        return {**message, "headers": headers}
    return message


def install(app: FastAPI) -> None:
    app.add_middleware(HttpMethods, routes=app.router.routes)
