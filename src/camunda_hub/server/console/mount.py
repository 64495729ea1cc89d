"""The console as an ASGI sub-application: routes, static files, HTML error pages, headers."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from camunda_hub.server.console.errors import ConsoleError, NotSignedIn
from camunda_hub.server.console.headers import SecurityHeaders
from camunda_hub.server.console.model_routes import model_routes
from camunda_hub.server.console.templating import render
from camunda_hub.server.console.views import admins, audit, auth, client_keys, clients, webhooks
from camunda_hub.server.runtime import Runtime

STATIC = Path(__file__).parent / "static"

_STATUS_TITLES = {
    400: "That did not work",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    413: "Too large",
    415: "Not supported",
    429: "Too many attempts",
}


async def _home(request: Request) -> Response:
    return RedirectResponse(f"{request.scope.get('root_path', '')}/api-clients", 303)


def _routes() -> list[Route | Mount]:
    return [
        Route("/", _home, methods=["GET"]),
        Route("/sign-in", auth.sign_in_page, methods=["GET"]),
        Route("/sign-in", auth.sign_in, methods=["POST"]),
        Route("/sign-out", auth.sign_out, methods=["POST"]),
        Route("/setup", auth.setup_page, methods=["GET"]),
        Route("/setup", auth.setup, methods=["POST"]),
        Route("/api-clients", clients.list_page, methods=["GET"]),
        Route("/api-clients", clients.create, methods=["POST"]),
        Route("/api-clients/new", clients.new_page, methods=["GET"]),
        Route("/api-clients/{client_id}", clients.detail_page, methods=["GET"]),
        Route("/api-clients/{client_id}/rotate", clients.rotate, methods=["POST"]),
        Route("/api-clients/{client_id}/permissions", clients.set_permissions, methods=["POST"]),
        Route("/api-clients/{client_id}/delete", clients.delete, methods=["POST"]),
        Route("/api-clients/{client_id}/keys", client_keys.add_key, methods=["POST"]),
        Route("/api-clients/{client_id}/keys/remove", client_keys.remove_key, methods=["POST"]),
        Route("/api-clients/{client_id}/dpop", client_keys.set_dpop, methods=["POST"]),
        Route("/api-clients/{client_id}/jwks-url", client_keys.set_jwks_url, methods=["POST"]),
        Route("/audit", audit.audit_page, methods=["GET"]),
        Route("/admins", admins.admins_page, methods=["GET"]),
        Route("/admins/invite", admins.invite, methods=["POST"]),
        Route("/admins/remove", admins.remove, methods=["POST"]),
        Route("/account/password", admins.password_page, methods=["GET"]),
        Route("/account/password", admins.change_password, methods=["POST"]),
        *model_routes(),
        Route("/webhooks", webhooks.list_page, methods=["GET"]),
        Route("/webhooks", webhooks.create, methods=["POST"]),
        Route("/webhooks/{key}", webhooks.detail_page, methods=["GET"]),
        Route("/webhooks/{key}/rotate", webhooks.rotate, methods=["POST"]),
        Route("/webhooks/{key}/active", webhooks.set_active, methods=["POST"]),
        Route("/webhooks/{key}/delete", webhooks.delete, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def _error_page(request: Request, status: int, message: str, headers: dict[str, str]) -> Response:
    return render(
        request,
        "error.html",
        status,
        headers,
        title=_STATUS_TITLES.get(status, "Something went wrong"),
        message=message,
        status_code=status,
    )


async def _console_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ConsoleError)
    return _error_page(request, exc.status, exc.message, exc.headers)


async def _not_signed_in(request: Request, exc: Exception) -> Response:
    base = request.scope.get("root_path", "")
    target = f"{base}/sign-in"
    if request.method == "GET":
        path = request.url.path
        if request.url.query:
            path += "?" + request.url.query
        target += "?next=" + quote(path, safe="/")
    return RedirectResponse(target, 303)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = {
        404: "There is no such page in the console.",
        405: "This page does not accept that kind of request.",
    }.get(exc.status_code, str(exc.detail))
    return _error_page(request, exc.status_code, message, dict(exc.headers or {}))


def build(runtime: Runtime) -> Starlette:
    app = Starlette(
        routes=_routes(),
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={
            ConsoleError: _console_error,
            NotSignedIn: _not_signed_in,
            HTTPException: _http_error,
        },
    )
    app.state.runtime = runtime
    return app
