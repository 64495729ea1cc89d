"""Signing in and out, and becoming an admin through a setup or invitation link."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from camunda_hub.server.console import csrf, sessions, throttle
from camunda_hub.server.console.access import require_admin, runtime_of
from camunda_hub.server.console.errors import sentence
from camunda_hub.server.console.forms import read_form
from camunda_hub.server.console.templating import render
from camunda_hub.server.services import admins
from camunda_hub.server.services.errors import ServiceError

HOME = "/api-clients"


def _safe_next(request: Request, value: str) -> str:
    """Where to go after signing in: only a path inside the console (no open redirect)."""
    base = request.scope.get("root_path", "")
    if value.startswith(base + "/") and not value.startswith("//") and "\\" not in value:
        rest = value[len(base) :]
        if rest.startswith("/") and not rest.startswith("//"):
            return value
    return base + HOME


def _anonymous_page(
    request: Request, template: str, status: int = 200, **context: object
) -> Response:
    runtime = runtime_of(request)
    token = csrf.anonymous_token(request, runtime)
    headers = {"WWW-Authenticate": 'Cookie realm="camunda-hub console"'} if status == 401 else {}
    response = render(request, template, status, headers, csrf_token=token, **context)
    csrf.set_anonymous_cookie(response, runtime, token)
    return response


async def sign_in_page(request: Request) -> Response:
    runtime = runtime_of(request)
    if await sessions.current(request, runtime) is not None:
        return RedirectResponse(_safe_next(request, request.query_params.get("next", "")), 303)
    signed_out = request.query_params.get("signed_out") == "1"
    return _anonymous_page(
        request,
        "sign_in.html",
        next=request.query_params.get("next", ""),
        notice="You are signed out." if signed_out else None,
    )


async def sign_in(request: Request) -> Response:
    runtime = runtime_of(request)
    form = await read_form(request)
    csrf.check_anonymous_token(request, runtime, form)
    email = admins.normalize_email(form.get("email"))
    password = form.get("password")
    next_path = form.get("next")

    def refuse(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        response = _anonymous_page(
            request, "sign_in.html", status, email=email, next=next_path, error=message
        )
        response.headers.update(headers or {})
        return response

    if not email or not password:
        return refuse(400, "Enter your e-mail address and your password.")
    keys = throttle.keys_for(email, request.client.host if request.client else None)
    async with runtime.db.transaction() as db:
        wait = await throttle.begin_attempt(db, keys)
    if wait:
        return refuse(
            429,
            f"Too many failed sign-ins. Wait {wait} second{'s' if wait != 1 else ''}, "
            "then try again.",
            {"Retry-After": str(wait)},
        )
    async with runtime.db.session() as db:
        admin = await admins.find_by_email(db, email)
        stored_hash = admin.password_hash if admin is not None else None
    # argon2 takes tens of milliseconds of CPU: off the event loop.
    valid = await asyncio.to_thread(admins.verify_password, stored_hash, password)
    if admin is None or not valid:
        return refuse(401, "The e-mail address or the password is not right.")
    upgraded = None
    if stored_hash is not None and admins.needs_rehash(stored_hash):
        upgraded = await asyncio.to_thread(admins.rehash_password, password)
    async with runtime.db.transaction() as db:
        await throttle.succeeded(db, keys)
        fresh = await admins.record_sign_in(
            db, admin.id, checked_hash=stored_hash, upgraded_hash=upgraded
        )
        if fresh is None:  # removed in the meantime
            return refuse(401, "The e-mail address or the password is not right.")
        session_id = await sessions.start(db, fresh.id)
    previous = request.cookies.get(sessions.cookie_name(runtime))
    if previous:
        # Signing in over an earlier session (maybe someone else's): that one ends.
        await sessions.end(runtime, sessions.hash_id(previous))
    response = RedirectResponse(_safe_next(request, next_path), 303)
    sessions.set_cookie(response, runtime, session_id)
    csrf.clear_anonymous_cookie(response, runtime)
    return response


async def sign_out(request: Request) -> Response:
    runtime = runtime_of(request)
    who = await require_admin(request)
    form = await read_form(request)
    csrf.check_session_token(request, runtime, form, who)
    await sessions.end(runtime, who.session_hash)
    response = RedirectResponse(f"{request.scope.get('root_path', '')}/sign-in?signed_out=1", 303)
    sessions.clear_cookie(response, runtime)
    return response


async def setup_page(request: Request) -> Response:
    return _anonymous_page(request, "setup.html")


async def setup(request: Request) -> Response:
    runtime = runtime_of(request)
    form = await read_form(request)
    csrf.check_anonymous_token(request, runtime, form)
    token = form.get("token").strip().lstrip("#")
    email = form.get("email")
    name = form.get("name")

    def again(status: int, message: str) -> Response:
        return _anonymous_page(
            request, "setup.html", status, token=token, email=email, name=name, error=message
        )

    if form.get("password") != form.get("password_confirm"):
        return again(400, "The two passwords are not the same.")
    try:
        # Cheap checks first, so invalid links never cost an argon2 hash.
        async with runtime.db.session() as db:
            link = await admins.pending_link(db, token)
        if link.email is not None and admins.normalize_email(email) != link.email:
            return again(400, "This invitation is for another e-mail address.")
        password_hash = await asyncio.to_thread(admins.hash_password, form.get("password"))
        async with runtime.db.transaction() as db:
            admin = await admins.redeem(
                db, token, email=email, name=name, password_hash=password_hash
            )
            admins.note_first_sign_in(admin)
            session_id = await sessions.start(db, admin.id)
    except ServiceError as exc:
        return again(exc.status, sentence(exc.detail))
    response = RedirectResponse(f"{request.scope.get('root_path', '')}{HOME}?done=welcome", 303)
    sessions.set_cookie(response, runtime, session_id)
    csrf.clear_anonymous_cookie(response, runtime)
    return response
