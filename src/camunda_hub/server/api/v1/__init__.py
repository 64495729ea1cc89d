"""Web Modeler API v1 (``/api/v1``), deprecated: a translation layer onto the services of the
Hub API v2, on the same data (see ``places.py`` for how v1's hierarchy maps onto v2's, and
docs/hub-api.md). No business rule of its own beyond v1's "delete only when empty".

Same tokens as v2; v1's permission rule (every POST, searches included, needs ``create``) is
``security/permissions.py``'s."""

from __future__ import annotations

from dataclasses import replace

from fastapi import FastAPI

from camunda_hub.server.api.caller import with_direct_caller
from camunda_hub.server.api.route_table import checked_options
from camunda_hub.server.api.v1 import containers, files, versions

PREFIX = "/api/v1"
RESOURCES = (containers, files, versions)


# What the install passes on to APIRoute (anything else a route declares is refused).
OPTIONS = frozenset(
    {
        "response_model",
        "status_code",
        "summary",
        "description",
        "responses",
        "deprecated",
        "response_model_exclude_none",
        "response_class",
        "openapi_extra",
        "include_in_schema",
    }
)


def install(app: FastAPI) -> None:
    """The v1 routes, flat in the app's table like v2's; ``security/middleware.py`` checks
    their bearer tokens in the same pass as v2's."""
    for module in RESOURCES:
        for spec in module.router.routes:
            options = dict(spec.options)
            operation_id = options.pop("operation_id", None) or spec.name
            options.pop("name", None)
            app.add_api_route(
                PREFIX + spec.path,
                with_direct_caller(spec.endpoint),
                methods=spec.methods,
                tags=spec.tags,
                operation_id="v1_" + operation_id,
                name="v1_" + spec.name,
                **checked_options(replace(spec, options=options), OPTIONS),
            )
