"""Organization > Webhooks: create (secret shown once), list with status and last delivery,
delivery log, rotate the secret, disable/enable, delete."""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from camunda_hub.server.console.access import admin_form, require_admin, runtime_of
from camunda_hub.server.console.errors import ConsoleError, sentence
from camunda_hub.server.console.sessions import SignedIn
from camunda_hub.server.console.templating import render
from camunda_hub.server.events import feed, webhooks
from camunda_hub.server.outbound import policy_for
from camunda_hub.server.services.errors import NotFound, ServiceError
from camunda_hub.server.store.schema.events import Webhook

GRACE_CHOICES = [
    (0, "No time: the old secret stops signing now"),
    (3600, "1 hour"),
    (86400, "24 hours"),
    (7 * 86400, "7 days"),
]
NOTICES = {
    "disabled": "Webhook disabled: nothing is sent to it until you enable it.",
    "enabled": "Webhook enabled: delivery resumes where it stopped.",
    "deleted": "Webhook deleted.",
}


def _base(request: Request) -> str:
    return str(request.scope.get("root_path", ""))


class _Actor:
    def __init__(self, who: SignedIn) -> None:
        self.name = who.name
        self.email = who.email


def _types(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").replace("\n", ",").split(",") if part.strip()]


async def list_page(request: Request) -> Response:
    who = await require_admin(request)
    runtime = runtime_of(request)
    async with runtime.db.session() as db:
        rows, _ = await webhooks.search(db, who.organization_id, active=None, limit=1000, offset=0)
    return render(
        request,
        "webhooks_list.html",
        nav="webhooks",
        hooks=rows,
        status_of=webhooks.status_of,
        notice=NOTICES.get(request.query_params.get("done", "")),
        error=None,
        values={"url": "", "types": "", "description": ""},
    )


async def create(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    values = {
        "url": form.get("url") or "",
        "types": form.get("types") or "",
        "description": form.get("description") or "",
    }
    try:
        async with runtime.db.transaction() as db:
            head, _ = await feed.counter(db, who.organization_id)
            created = await webhooks.create(
                db,
                organization_id=who.organization_id,
                actor=_Actor(who),
                url=values["url"],
                types=_types(values["types"]),
                description=values["description"][:500] or None,
                kek=runtime.kek,
                policy=policy_for(runtime.settings.outbound_allow),
                start_after=head,
            )
    except ServiceError as exc:
        async with runtime.db.session() as db:
            rows, _ = await webhooks.search(
                db, who.organization_id, active=None, limit=1000, offset=0
            )
        return render(
            request,
            "webhooks_list.html",
            exc.status,
            nav="webhooks",
            hooks=rows,
            status_of=webhooks.status_of,
            notice=None,
            error=sentence(exc.detail),
            values=values,
        )
    return _secret_page(request, created.row, created.secret, "Webhook created")


def _secret_page(request: Request, row: Webhook, secret: str, heading: str) -> Response:
    """The only page that shows a webhook secret: the answer to the POST that made it."""
    return render(
        request,
        "webhook_secret.html",
        nav="webhooks",
        heading=heading,
        hook=row,
        secret=secret,
        detail_path=f"{_base(request)}/webhooks/{row.key}",
    )


async def _hook_or_404(request: Request, who: SignedIn) -> Webhook:
    runtime = runtime_of(request)
    async with runtime.db.session() as db:
        try:
            return await webhooks.get(db, who.organization_id, request.path_params["key"])
        except NotFound as exc:
            raise ConsoleError(404, sentence(exc.detail)) from None


async def detail_page(request: Request) -> Response:
    who = await require_admin(request)
    hook = await _hook_or_404(request, who)
    async with runtime_of(request).db.session() as db:
        attempts, total = await webhooks.attempts(
            db, who.organization_id, hook.key, limit=100, offset=0
        )
    return render(
        request,
        "webhook_detail.html",
        nav="webhooks",
        hook=hook,
        status=webhooks.status_of(hook),
        attempts=attempts,
        total=total,
        grace_choices=GRACE_CHOICES,
        notice=NOTICES.get(request.query_params.get("done", "")),
    )


async def rotate(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    hook = await _hook_or_404(request, who)
    grace_text = form.get("grace") or "0"
    if not grace_text.isdigit() or len(grace_text) > 9:
        raise ConsoleError(400, "Choose a grace period from the list.")
    try:
        async with runtime.db.transaction() as db:
            row, secret = await webhooks.rotate_secret(
                db,
                who.organization_id,
                hook.key,
                kek=runtime.kek,
                grace=timedelta(seconds=int(grace_text)),
            )
    except NotFound as exc:
        raise ConsoleError(404, sentence(exc.detail)) from None
    except ServiceError as exc:
        raise ConsoleError(exc.status, sentence(exc.detail)) from None
    return _secret_page(request, row, secret, "New webhook secret")


async def set_active(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    hook = await _hook_or_404(request, who)
    active = form.get("active") == "true"
    async with runtime.db.transaction() as db:
        await webhooks.update(
            db,
            who.organization_id,
            hook.key,
            {"active": active},
            policy=policy_for(runtime.settings.outbound_allow),
        )
    done = "enabled" if active else "disabled"
    return RedirectResponse(f"{_base(request)}/webhooks/{hook.key}?done={done}", 303)


async def delete(request: Request) -> Response:
    who, _form = await admin_form(request)
    runtime = runtime_of(request)
    hook = await _hook_or_404(request, who)
    try:
        async with runtime.db.transaction() as db:
            await webhooks.delete(db, who.organization_id, hook.key)
    except NotFound as exc:
        raise ConsoleError(404, sentence(exc.detail)) from None
    return RedirectResponse(f"{_base(request)}/webhooks?done=deleted", 303)
