"""A resource module's routes, declared with APIRouter's decorators and built once, by
``install`` into the app's own route table (``api/v2.py``, ``api/v1/__init__.py``).

An ``APIRouter`` builds each ``APIRoute`` where it is decorated (the endpoint's dependencies
analysed, the response model's validator made); copying those routes into the app built each
one again, and route building is the larger part of what ``create_app`` costs. Here a
decorator only records the route."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

Endpoint = Callable[..., Coroutine[Any, Any, Any]]


@dataclass(frozen=True)
class RouteSpec:
    path: str
    endpoint: Endpoint
    methods: list[str]
    tags: list[str]
    # The decorator's other keyword arguments, as APIRouter would pass them to APIRoute.
    options: dict[str, Any]

    @property
    def name(self) -> str:
        """The route's name, as ``APIRoute`` defaults it."""
        return self.options.get("name") or self.endpoint.__name__


class RouteTable:
    def __init__(self, *, tags: list[str] | None = None) -> None:
        self.tags = list(tags or [])
        self.routes: list[RouteSpec] = []

    def api_route(
        self, path: str, *, methods: list[str], tags: list[str] | None = None, **options: Any
    ) -> Callable[[Endpoint], Endpoint]:
        def record(endpoint: Endpoint) -> Endpoint:
            # Router tags first, then the route's: APIRouter's order.
            spec = RouteSpec(path, endpoint, methods, [*self.tags, *(tags or [])], options)
            self.routes.append(spec)
            return endpoint

        return record

    def get(self, path: str, **options: Any) -> Callable[[Endpoint], Endpoint]:
        return self.api_route(path, methods=["GET"], **options)

    def post(self, path: str, **options: Any) -> Callable[[Endpoint], Endpoint]:
        return self.api_route(path, methods=["POST"], **options)

    def put(self, path: str, **options: Any) -> Callable[[Endpoint], Endpoint]:
        return self.api_route(path, methods=["PUT"], **options)

    def patch(self, path: str, **options: Any) -> Callable[[Endpoint], Endpoint]:
        return self.api_route(path, methods=["PATCH"], **options)

    def delete(self, path: str, **options: Any) -> Callable[[Endpoint], Endpoint]:
        return self.api_route(path, methods=["DELETE"], **options)


def checked_options(spec: RouteSpec, passed: frozenset[str]) -> dict[str, Any]:
    """``spec``'s options, refused at start-up when one is not among those an install passes
    on (it would otherwise be dropped without a word)."""
    unknown = set(spec.options) - passed
    if unknown:
        raise TypeError(
            f"{spec.endpoint.__qualname__}: unsupported route options {sorted(unknown)}"
        )
    return spec.options
