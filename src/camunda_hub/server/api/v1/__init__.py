"""Web Modeler API v1 (``/api/v1``), deprecated: a translation layer onto the services of the
Hub API v2, on the same data (see ``places.py`` for how v1's hierarchy maps onto v2's, and
docs/hub-api.md). No business rule of its own beyond v1's "delete only when empty".

Same tokens as v2; v1's permission rule (every POST, searches included, needs ``create``) is
``security/permissions.py``'s."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.routing import APIRoute

from camunda_hub.server.api.caller import with_direct_caller
from camunda_hub.server.api.v1 import containers, files, versions

PREFIX = "/api/v1"
RESOURCES = (containers, files, versions)


def install(app: FastAPI) -> None:
    """The v1 routes, flat in the app's table like v2's; ``security/middleware.py`` checks
    their bearer tokens in the same pass as v2's."""
    for module in RESOURCES:
        for route in module.router.routes:
            if not isinstance(route, APIRoute):
                raise TypeError(f"{module.__name__}: only API routes are expected")
            app.add_api_route(
                PREFIX + route.path,
                with_direct_caller(route.endpoint),
                methods=sorted(route.methods or ()),
                response_model=route.response_model,
                status_code=route.status_code,
                tags=route.tags,
                summary=route.summary,
                description=route.description,
                responses=route.responses,
                deprecated=route.deprecated,
                operation_id="v1_" + (route.operation_id or route.name),
                response_model_exclude_none=route.response_model_exclude_none,
                response_class=route.response_class,
                name="v1_" + route.name,
                openapi_extra=route.openapi_extra,
                include_in_schema=route.include_in_schema,
            )
