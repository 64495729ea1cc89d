"""What every console view starts with: the runtime, and the signed-in admin (or a redirect)."""

from __future__ import annotations

from starlette.requests import Request

from camunda_hub.server.console import csrf, sessions
from camunda_hub.server.console.errors import NotSignedIn
from camunda_hub.server.console.forms import Form, read_form
from camunda_hub.server.console.sessions import SignedIn
from camunda_hub.server.runtime import runtime_of

__all__ = ["admin_form", "require_admin", "runtime_of"]


async def require_admin(request: Request) -> SignedIn:
    who = await sessions.current(request, runtime_of(request))
    if who is None:
        raise NotSignedIn()
    request.state.who = who
    return who


async def admin_form(request: Request) -> tuple[SignedIn, Form]:
    """The signed-in admin and the posted form, after the CSRF checks passed."""
    who = await require_admin(request)
    form = await read_form(request)
    csrf.check_session_token(request, runtime_of(request), form, who)
    return who, form
