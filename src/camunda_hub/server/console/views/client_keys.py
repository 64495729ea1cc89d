"""Organization > Administration API > a client: its public keys (private_key_jwt: paste a
PEM or JWK, remove one; or the URL of the JWK Set it publishes) and whether it must use DPoP. Applied to this process at once, to the
others through the change feed."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from camunda_hub.server.console.access import admin_form, runtime_of
from camunda_hub.server.console.errors import ConsoleError, sentence
from camunda_hub.server.console.views.clients import _client_or_404, _detail
from camunda_hub.server.services import client_keys
from camunda_hub.server.services.errors import NotFound, ServiceError

MAX_KEY_TEXT = 64 * 1024


def _done(request: Request, client_id: str, done: str) -> Response:
    base = str(request.scope.get("root_path", ""))
    return RedirectResponse(f"{base}/api-clients/{client_id}?done={done}", 303)


async def add_key(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    client = await _client_or_404(request, who)
    text = (form.get("public_key") or "").strip()
    if not text or len(text) > MAX_KEY_TEXT:
        return await _detail(request, client, 400, "Paste a public key (PEM or JWK).")
    try:
        async with runtime.db.transaction() as db:
            await client_keys.add(
                db, client.client_id, text, actor=who.actor, organization_id=who.organization_id
            )
    except NotFound as exc:
        raise ConsoleError(404, sentence(exc.detail)) from None
    except ServiceError as exc:
        return await _detail(request, client, exc.status, sentence(exc.detail))
    await runtime.sync_now()
    return _done(request, client.client_id, "key-added")


async def remove_key(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    client = await _client_or_404(request, who)
    try:
        async with runtime.db.transaction() as db:
            await client_keys.remove(
                db,
                client.client_id,
                form.get("kid") or "",
                actor=who.actor,
                organization_id=who.organization_id,
            )
    except ServiceError as exc:
        return await _detail(request, client, exc.status, sentence(exc.detail))
    await runtime.sync_now()
    return _done(request, client.client_id, "key-removed")


async def set_dpop(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    client = await _client_or_404(request, who)
    async with runtime.db.transaction() as db:
        await client_keys.set_dpop_required(
            db,
            client.client_id,
            form.get("dpop_required") == "on",
            actor=who.actor,
            organization_id=who.organization_id,
        )
    await runtime.sync_now()
    return _done(request, client.client_id, "dpop")


async def set_jwks_url(request: Request) -> Response:
    """The URL the client publishes its JWK Set at; an empty field stops fetching one."""
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    client = await _client_or_404(request, who)
    url = (form.get("jwks_url") or "").strip() or None
    try:
        async with runtime.db.transaction() as db:
            await client_keys.set_jwks_url(
                db, client.client_id, url, actor=who.actor, organization_id=who.organization_id
            )
    except NotFound as exc:
        raise ConsoleError(404, sentence(exc.detail)) from None
    except ServiceError as exc:
        return await _detail(request, client, exc.status, sentence(exc.detail))
    await runtime.sync_now()
    return _done(request, client.client_id, "jwks-url" if url else "jwks-url-cleared")
