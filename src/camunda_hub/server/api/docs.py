"""The API's own documentation, served offline: ``/openapi.json`` (FastAPI's document, with the
bearer scheme and the problem+json errors declared) and ``/docs``, a Swagger UI whose files are vendored in ``static/``
(swagger-ui-dist from the npm registry; no CDN, so it works on air-gapped hosts)."""

from __future__ import annotations

import json
from html import escape
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static" / "swagger-ui"
STATIC_PATH = "/docs/static"
BEARER_SCHEME = "bearerAuth"
PROTECTED_PREFIX = "/api/v2/"

# The page loads nothing but its own files; Swagger UI needs inline styles and data: images.
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  <link rel="icon" type="image/png" href="{static}/favicon-32x32.png">
  <link rel="stylesheet" href="{static}/swagger-ui.css">
</head>
<body data-openapi-url="{openapi_url}">
  <div id="swagger-ui"></div>
  <script src="{static}/swagger-ui-bundle.js"></script>
  <script src="{static}/init.js"></script>
</body>
</html>
"""


PROBLEM_DETAIL = {
    "type": "object",
    "description": "RFC 9457 problem details: every error of the API has this shape.",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "default": "about:blank"},
        "title": {"type": "string"},
        "status": {"type": "integer", "format": "int32", "minimum": 400, "maximum": 600},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
}


def problem(description: str) -> dict[str, Any]:
    """One documented error response, for a route's ``responses={status: problem(...)}``."""
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}
        },
    }


def _defaults(path: str, operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The errors every operation of that shape can answer (beyond what its route declares)."""
    statuses = [401, 403]
    if "requestBody" in operation:
        statuses += [400, 413]
    if "{" in path:
        statuses.append(404)
    return {str(status): problem(HTTPStatus(status).phrase) for status in statuses}


def _with_security_and_errors(document: dict[str, Any]) -> dict[str, Any]:
    """Declare the bearer scheme on every ``/api/v2`` operation (so Swagger UI offers
    "Authorize") and its problem+json errors; FastAPI's generic 422 goes, as validation errors
    are answered with 400 here."""
    components = document.setdefault("components", {})
    components.setdefault("securitySchemes", {})[BEARER_SCHEME] = {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "An access token from the OAuth 2.0 token endpoint (client credentials).",
    }
    components.setdefault("schemas", {})["ProblemDetail"] = PROBLEM_DETAIL
    for path, item in document.get("paths", {}).items():
        if not path.startswith((PROTECTED_PREFIX, "/api/v1/")):
            continue
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            operation.setdefault("security", [{BEARER_SCHEME: []}])
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status, response in _defaults(path, operation).items():
                responses.setdefault(status, response)
    schemas = components.get("schemas", {})
    if "#/components/schemas/HTTPValidationError" not in json.dumps(document.get("paths", {})):
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
    return document


def _describe_extension_tag(document: dict[str, Any]) -> None:
    from camunda_hub.server.api.models.events import EXTENSION_TAG

    document.setdefault("tags", []).append(
        {
            "name": EXTENSION_TAG,
            "description": "Not part of the Camunda Hub API contract: a change feed of the "
            "organization's data (GET /events, long polling) and signed webhooks (Standard "
            "Webhooks) fed from it. See docs/hub-api.md.",
        }
    )


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                openapi_version=app.openapi_version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = _with_security_and_errors(document)
            _describe_extension_tag(app.openapi_schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    page = _PAGE.format(
        title=escape(f"{app.title} — API documentation"),
        static=STATIC_PATH,
        openapi_url=escape(app.openapi_url or "/openapi.json"),
    )

    async def docs(_request: Request) -> Response:
        return HTMLResponse(page, headers={"Content-Security-Policy": _CSP})

    routes = app.router.routes
    # FastAPI puts its /openapi.json route first in the table, which Starlette scans in order:
    # every Hub API request would try it before its own route. Documentation is not a hot path.
    document_routes = [r for r in routes if getattr(r, "path", None) == app.openapi_url]
    for route in document_routes:
        routes.remove(route)
    routes.extend(
        [
            *document_routes,
            Route("/docs", docs, methods=["GET"]),
            Mount(STATIC_PATH, app=StaticFiles(directory=STATIC), name="swagger-ui"),
        ]
    )
