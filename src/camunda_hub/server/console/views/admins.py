"""Organization admins: list, invite (a one-time link), remove; and one's own password."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from camunda_hub.server.console import sessions
from camunda_hub.server.console.access import admin_form, require_admin, runtime_of
from camunda_hub.server.console.errors import sentence
from camunda_hub.server.console.templating import render
from camunda_hub.server.services import admins
from camunda_hub.server.services.errors import ServiceError
from camunda_hub.server.store.schema.console import ConsoleAdmin

NOTICES = {
    "removed": "Admin removed. Their sessions have ended.",
    "password": "Password changed. Your other sessions have ended.",
}


def _base(request: Request) -> str:
    return str(request.scope.get("root_path", ""))


async def _page(
    request: Request,
    status: int = 200,
    error: str | None = None,
    invite_email: str = "",
) -> Response:
    who = await require_admin(request)
    runtime = runtime_of(request)
    async with runtime.db.session() as db:
        people = await admins.list_all(db, who.organization_id)
    return render(
        request,
        "admins.html",
        status,
        nav="admins",
        admins=people,
        error=error,
        invite_email=invite_email,
        notice=NOTICES.get(request.query_params.get("done", "")),
    )


async def admins_page(request: Request) -> Response:
    return await _page(request)


async def invite(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    email = form.get("email")
    try:
        async with runtime.db.transaction() as db:
            issued = await admins.invite(db, who.organization_id, email, actor=who.actor)
    except ServiceError as exc:
        return await _page(request, exc.status, sentence(exc.detail), invite_email=email)
    # The token travels in the URL fragment, which browsers never send to a server, so it
    # cannot end up in an access log or a Referer header.
    link = f"{runtime.issuer}{_base(request)}/setup#{issued.token}"
    return render(
        request,
        "admin_invited.html",
        nav="admins",
        email=issued.email,
        link=link,
        valid_days=admins.INVITATION_LIFETIME.days,
    )


async def remove(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    email = admins.normalize_email(form.get("email"))
    try:
        async with runtime.db.transaction() as db:
            await admins.remove(db, email, actor=who.actor, organization_id=who.organization_id)
    except ServiceError as exc:
        return await _page(request, exc.status, sentence(exc.detail))
    if email == who.email:
        response = RedirectResponse(f"{_base(request)}/sign-in?signed_out=1", 303)
        sessions.clear_cookie(response, runtime)
        return response
    return RedirectResponse(f"{_base(request)}/admins?done=removed", 303)


async def password_page(request: Request) -> Response:
    await require_admin(request)
    return render(request, "password.html", nav="password")


async def change_password(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)

    def again(status: int, message: str) -> Response:
        return render(request, "password.html", status, nav="password", error=message)

    async with runtime.db.session() as db:
        current = await db.get(ConsoleAdmin, who.admin_id)
        stored_hash = current.password_hash if current is not None else None
    if not await asyncio.to_thread(admins.verify_password, stored_hash, form.get("current")):
        return again(400, "Your current password is not right.")
    if form.get("password") != form.get("password_confirm"):
        return again(400, "The two new passwords are not the same.")
    try:
        new_hash = await asyncio.to_thread(admins.hash_password, form.get("password"))
    except ServiceError as exc:
        return again(exc.status, sentence(exc.detail))
    async with runtime.db.transaction() as db:
        admin = await db.get(ConsoleAdmin, who.admin_id)
        if admin is not None:
            await admins.change_password(db, admin, new_hash, keep_session=who.session_hash)
    return RedirectResponse(f"{_base(request)}/admins?done=password", 303)
