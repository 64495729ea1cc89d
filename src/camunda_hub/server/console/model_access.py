"""What every model-browser page starts with: the signed-in admin, the organization in the URL
(which must be theirs: any other is a 404, as if it did not exist), and the Hub API principal
the service layer reads with on their behalf."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from starlette.requests import Request

from camunda_hub.server.console.access import admin_form, require_admin
from camunda_hub.server.console.errors import ConsoleError, sentence
from camunda_hub.server.console.forms import Form
from camunda_hub.server.console.sessions import SignedIn
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import ServiceError

NO_SUCH_ORGANIZATION = "There is no such organization in the console."
# Reading and restoring is all the model browser does.
_PERMISSIONS = frozenset({"read", "update"})


@dataclass(frozen=True)
class Viewer:
    who: SignedIn
    principal: Principal
    org_path: str  # "/console/orgs/{org}": every model page link starts with it


def _principal(who: SignedIn) -> Principal:
    return Principal(
        client_id=f"console:{who.admin_id}",
        organization_id=who.organization_id,
        permissions=_PERMISSIONS,
        name=who.name or who.email,
        email=who.email,
    )


def _viewer(request: Request, who: SignedIn) -> Viewer:
    if request.path_params.get("org") != who.organization_id:
        raise ConsoleError(404, NO_SUCH_ORGANIZATION)
    base = request.scope.get("root_path", "")
    return Viewer(who, _principal(who), f"{base}/orgs/{who.organization_id}")


async def require_viewer(request: Request) -> Viewer:
    return _viewer(request, await require_admin(request))


async def viewer_form(request: Request) -> tuple[Viewer, Form]:
    """For the few model-browser forms (restore): CSRF-checked like every console form."""
    who, form = await admin_form(request)
    return _viewer(request, who), form


@asynccontextmanager
async def service_errors() -> AsyncIterator[None]:
    """Service-layer errors as console pages: a key of another organization is a 404."""
    try:
        yield
    except ServiceError as exc:
        raise ConsoleError(exc.status, sentence(exc.detail)) from None
