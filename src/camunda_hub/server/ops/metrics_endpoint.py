"""``GET /metrics`` (Prometheus text format), and the route template every request is timed by
(``ops/request_layer.py``), so label values are bounded by the routes that exist, not by URLs
clients send."""

from __future__ import annotations

import hmac
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence

from pydantic import SecretStr
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import Scope

from camunda_hub.server.metrics import Metrics
from camunda_hub.server.problem_details import problem

PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"
UNMATCHED = "unmatched"
# Methods are client-chosen text: anything unusual shares one label value.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def method_label(method: str) -> str:
    # Any token is a valid HTTP method: an unbounded label set would grow /metrics forever.
    return method if method in _METHODS else "OTHER"


class ResponseCounter:
    """Responses by route template, method and status class (2xx…5xx)."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, str], int] = defaultdict(int)

    def add(self, route: str, method: str, status: int) -> None:
        self.counts[(route, method, f"{status // 100}xx")] += 1

    def render(self) -> str:
        lines = [
            "# HELP camunda_hub_responses_total HTTP responses by route and status class.",
            "# TYPE camunda_hub_responses_total counter",
        ]
        for (route, method, status), count in sorted(self.counts.items()):
            lines.append(
                f'camunda_hub_responses_total{{route="{_escape(route)}",method="{method}",'
                f'status="{status}"}} {count}'
            )
        return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def metrics_endpoint(
    metrics: Metrics,
    responses: ResponseCounter,
    required: SecretStr | None,
    extra: Callable[[], str] = str,
) -> Callable[[Request], Awaitable[Response]]:
    """``GET /metrics``: the process's counters, behind ``required`` (the metrics token) when
    one is set; ``extra`` adds the series of components that keep their own (webhook delivery)."""

    async def metrics_page(request: Request) -> Response:
        if required is not None and not _presents(request, required.get_secret_value()):
            return problem(
                401,
                "GET /metrics needs Authorization: Bearer <CAMUNDA_HUB_METRICS_TOKEN>",
                instance=request.url.path,
                headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
            )
        # Client ids only behind the metrics token: they are in every JWT, but a public
        # /metrics would list every organization's clients to whoever reaches the port.
        text = metrics.render(per_client=required is not None) + responses.render() + extra()
        return Response(text, media_type=PROMETHEUS_TEXT)

    return metrics_page


def _presents(request: Request, token: str) -> bool:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    # Compared as bytes in constant time: the time taken says nothing about how much matched.
    return scheme.lower() == "bearer" and hmac.compare_digest(
        credentials.strip().encode(), token.encode()
    )


class RouteTemplates:
    """The route template a request was served by, for the timing metrics' label."""

    def __init__(self, routes: Sequence[BaseRoute] = ()) -> None:
        self._routes = routes
        self._by_endpoint: dict[object, list[Route]] = {}

    def of(self, scope: Scope) -> str:
        # FastAPI keeps included routers nested: the route in the scope knows only its path
        # inside its router, the effective context the full template (``/api/v2/files/{k}``).
        fastapi_state = scope.get("fastapi")
        context = (
            fastapi_state.get("effective_route_context")
            if isinstance(fastapi_state, dict)
            else None
        )
        full = getattr(context, "path", None)
        if isinstance(full, str):
            return full
        route = scope.get("route")
        if route is not None:
            return str(getattr(route, "path", UNMATCHED))
        # FastAPI records only its own routes in the scope; plain Starlette routes (token
        # endpoint, discovery, health) are found by their endpoint and path pattern.
        endpoint = scope.get("endpoint")
        if endpoint is None:
            return UNMATCHED
        candidates = self._by_endpoint.get(endpoint)
        if candidates is None:
            candidates = [
                r for r in self._routes if isinstance(r, Route) and r.endpoint is endpoint
            ]
            self._by_endpoint[endpoint] = candidates
        for candidate in candidates:
            if candidate.path_regex.match(scope["path"]):
                return candidate.path
        return UNMATCHED
