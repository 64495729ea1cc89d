"""Cross-site request forgery defences for every console form.

1. Signed-in forms carry the session's synchronizer token (random, stored with the session,
   compared in constant time).
2. Forms used before signing in (sign-in, account setup) carry a double-submit token: the same
   random value in a SameSite=Strict, HttpOnly cookie and in the form.
3. A POST whose ``Origin`` (or ``Sec-Fetch-Site``) says it came from another site is refused
   before any token is looked at."""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from camunda_hub.server.console.errors import CsrfFailure
from camunda_hub.server.console.forms import Form
from camunda_hub.server.console.sessions import SignedIn, is_secure
from camunda_hub.server.runtime import Runtime

FIELD = "csrf_token"


def _anonymous_cookie(runtime: Runtime) -> str:
    return "__Host-camunda-hub-csrf" if is_secure(runtime) else "camunda-hub-csrf"


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_origin(request: Request, runtime: Runtime) -> None:
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        raise CsrfFailure()
    origin = request.headers.get("origin")
    if origin is None:
        return  # older browsers and non-browser clients: the token alone decides
    host = request.headers.get("host", "").lower()
    allowed = {_origin_of(runtime.issuer), f"http://{host}", f"https://{host}"}
    if origin.lower() not in allowed:
        raise CsrfFailure()


def check_session_token(request: Request, runtime: Runtime, form: Form, who: SignedIn) -> None:
    check_origin(request, runtime)
    sent = form.get(FIELD)
    if not sent or not hmac.compare_digest(sent.encode(), who.csrf_token.encode()):
        raise CsrfFailure()


def anonymous_token(request: Request, runtime: Runtime) -> str:
    """The double-submit token for a form shown before sign-in (reused while the cookie lives,
    so several tabs of the sign-in page all work)."""
    existing = request.cookies.get(_anonymous_cookie(runtime), "")
    if 32 <= len(existing) <= 64:
        return existing
    return secrets.token_urlsafe(32)


def set_anonymous_cookie(response: Response, runtime: Runtime, token: str) -> None:
    response.set_cookie(
        _anonymous_cookie(runtime),
        token,
        max_age=3600,
        path="/",
        secure=is_secure(runtime),
        httponly=True,
        samesite="strict",
    )


def clear_anonymous_cookie(response: Response, runtime: Runtime) -> None:
    response.delete_cookie(
        _anonymous_cookie(runtime),
        path="/",
        secure=is_secure(runtime),
        httponly=True,
        samesite="strict",
    )


def check_anonymous_token(request: Request, runtime: Runtime, form: Form) -> None:
    check_origin(request, runtime)
    cookie = request.cookies.get(_anonymous_cookie(runtime), "")
    sent = form.get(FIELD)
    if not cookie or not sent or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise CsrfFailure()
