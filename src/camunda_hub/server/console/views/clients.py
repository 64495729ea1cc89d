"""Organization > Administration API: list, create, rotate, re-permission and revoke API clients.

Every change is committed, then applied to this process at once (``runtime.sync_now``), so a
revoked client's live tokens are refused by the very next request."""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from camunda_hub.server.api_clients.permissions import ALL_PERMISSIONS
from camunda_hub.server.console import credentials_files
from camunda_hub.server.console.access import admin_form, require_admin, runtime_of
from camunda_hub.server.console.errors import ConsoleError, sentence
from camunda_hub.server.console.sessions import SignedIn
from camunda_hub.server.console.templating import render
from camunda_hub.server.services import api_clients, client_keys
from camunda_hub.server.services.api_clients import IssuedCredentials
from camunda_hub.server.services.errors import NotFound, ServiceError
from camunda_hub.server.store.schema.identity import ApiClient

PERMISSION_HELP = {
    "create": "POST operations: create workspaces, projects, folders, files, versions …",
    "read": "GET operations and searches",
    "update": "PATCH and PUT operations",
    "delete": "DELETE operations",
    "introspect": "Ask /oauth/introspect about tokens (for resource servers; nothing on the Hub API)",
}
GRACE_CHOICES = [
    (0, "No time: old secret and its tokens stop now"),
    (3600, "1 hour"),
    (86400, "24 hours"),
    (7 * 86400, "7 days"),
]
NOTICES = {
    "created": "API client created.",
    "permissions": "Permissions changed. Tokens issued before no longer work.",
    "unchanged": "The permissions were already like that.",
    "deleted": "API client revoked and deleted. Its tokens no longer work.",
    "welcome": "Welcome! Your admin account is ready.",
    "key-created": "API client created. It has no secret: it signs its token requests with its key.",
    "key-added": "Key added. All of the client's keys work until removed.",
    "key-removed": "Key removed. Assertions it signs are refused.",
    "dpop": "DPoP setting saved.",
    "jwks-url": "JWK Set URL saved. The server fetches the client's keys from it.",
    "jwks-url-cleared": "JWK Set URL removed. Only the registered keys are valid.",
}


def _base(request: Request) -> str:
    return str(request.scope.get("root_path", ""))


async def list_page(request: Request) -> Response:
    who = await require_admin(request)
    runtime = runtime_of(request)
    # Token counts are batched in memory: write this process's share first, so they are current.
    await runtime.usage.flush(runtime.db)
    async with runtime.db.session() as db:
        clients = await api_clients.list_all(db, who.organization_id)
    return render(
        request,
        "clients_list.html",
        nav="clients",
        clients=clients,
        token_url=f"{runtime.issuer}/oauth/token",
        notice=NOTICES.get(request.query_params.get("done", "")),
    )


def _new_form(
    request: Request, status: int = 200, error: str | None = None, **values: object
) -> Response:
    return render(
        request,
        "client_new.html",
        status,
        nav="clients",
        permissions=ALL_PERMISSIONS,
        permission_help=PERMISSION_HELP,
        error=error,
        **values,
    )


async def new_page(request: Request) -> Response:
    await require_admin(request)
    return _new_form(request, name="", chosen=[], public_key="", dpop_required=False)


def _credentials(
    request: Request, issued: IssuedCredentials
) -> credentials_files.ClientCredentials:
    runtime = runtime_of(request)
    return credentials_files.ClientCredentials(
        name=issued.client.name,
        client_id=issued.client.client_id,
        client_secret=issued.client_secret,
        token_url=f"{runtime.issuer}/oauth/token",
        audience=runtime.settings.default_audience,
        rest_url=runtime.issuer,
    )


def _secret_page(request: Request, issued: IssuedCredentials, heading: str) -> Response:
    """The only page that ever shows a secret: the answer to the POST that made it. It is not
    cached, and the page script swaps its history entry for the client's page, so reload and
    back show that page instead."""
    creds = _credentials(request, issued)
    return render(
        request,
        "client_secret.html",
        nav="clients",
        heading=heading,
        client=issued.client,
        creds=creds,
        exports=credentials_files.shell_exports(creds),
        env_url=credentials_files.data_url(credentials_files.dotenv(creds), "text/plain"),
        script_url=credentials_files.data_url(
            credentials_files.token_script(creds), "text/x-shellscript"
        ),
        detail_path=f"{_base(request)}/api-clients/{issued.client.client_id}",
    )


async def create(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    name = form.get("name")
    chosen = form.all("permission")
    public_key = (form.get("public_key") or "").strip()
    dpop_required = form.get("dpop_required") == "on"
    try:
        async with runtime.db.transaction() as db:
            if public_key:
                client = await client_keys.create_with_keys(
                    db,
                    organization_id=who.organization_id,
                    name=name,
                    permissions=chosen,
                    key_text=public_key,
                    actor=who.actor,
                )
                issued = None
            else:
                issued = await api_clients.create(
                    db,
                    organization_id=who.organization_id,
                    name=name,
                    permissions=chosen,
                    pepper=runtime.pepper,
                    actor=who.actor,
                )
                client = issued.client
            client.dpop_required = dpop_required
    except ServiceError as exc:
        return _new_form(
            request, exc.status, sentence(exc.detail), name=name, chosen=chosen,
            public_key=public_key, dpop_required=dpop_required,
        )  # fmt: skip
    await runtime.sync_now()
    if issued is None:
        return RedirectResponse(
            f"{_base(request)}/api-clients/{client.client_id}?done=key-created", 303
        )
    return _secret_page(request, issued, "API client created")


async def _client_or_404(request: Request, who: SignedIn) -> ApiClient:
    runtime = runtime_of(request)
    async with runtime.db.session() as db:
        try:
            return await api_clients.get(
                db, request.path_params["client_id"], organization_id=who.organization_id
            )
        except NotFound as exc:
            raise ConsoleError(404, sentence(exc.detail)) from None


async def _detail(
    request: Request, client: ApiClient, status: int = 200, error: str | None = None
) -> Response:
    runtime = runtime_of(request)
    async with runtime.db.session() as db:
        keys = await client_keys.list_keys(db, client.client_id)
    return render(
        request,
        "client_detail.html",
        status,
        nav="clients",
        client=client,
        permissions=ALL_PERMISSIONS,
        permission_help=PERMISSION_HELP,
        grace_choices=GRACE_CHOICES,
        keys=keys,
        error=error,
        notice=NOTICES.get(request.query_params.get("done", "")),
    )


async def detail_page(request: Request) -> Response:
    who = await require_admin(request)
    await runtime_of(request).usage.flush(runtime_of(request).db)
    return await _detail(request, await _client_or_404(request, who))


async def rotate(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    client = await _client_or_404(request, who)
    grace_text = form.get("grace") or "0"
    if not grace_text.isdigit() or len(grace_text) > 9:
        return await _detail(request, client, 400, "Choose a grace period from the list.")
    try:
        async with runtime.db.transaction() as db:
            issued = await api_clients.rotate_secret(
                db,
                client.client_id,
                pepper=runtime.pepper,
                actor=who.actor,
                grace=timedelta(seconds=int(grace_text)),
                organization_id=who.organization_id,
            )
    except NotFound as exc:
        raise ConsoleError(404, sentence(exc.detail)) from None
    except ServiceError as exc:
        return await _detail(request, client, exc.status, sentence(exc.detail))
    await runtime.sync_now()
    return _secret_page(request, issued, "New secret")


async def set_permissions(request: Request) -> Response:
    who, form = await admin_form(request)
    runtime = runtime_of(request)
    client = await _client_or_404(request, who)
    before = list(client.permissions)
    try:
        async with runtime.db.transaction() as db:
            changed = await api_clients.set_permissions(
                db,
                client.client_id,
                form.all("permission"),
                actor=who.actor,
                organization_id=who.organization_id,
            )
            after = list(changed.permissions)
    except NotFound as exc:
        raise ConsoleError(404, sentence(exc.detail)) from None
    except ServiceError as exc:
        return await _detail(request, client, exc.status, sentence(exc.detail))
    await runtime.sync_now()
    done = "unchanged" if after == before else "permissions"
    return RedirectResponse(f"{_base(request)}/api-clients/{client.client_id}?done={done}", 303)


async def delete(request: Request) -> Response:
    who, _form = await admin_form(request)
    runtime = runtime_of(request)
    client = await _client_or_404(request, who)
    try:
        async with runtime.db.transaction() as db:
            await api_clients.delete(
                db, client.client_id, actor=who.actor, organization_id=who.organization_id
            )
    except NotFound as exc:
        raise ConsoleError(404, sentence(exc.detail)) from None
    await runtime.sync_now()
    return RedirectResponse(f"{_base(request)}/api-clients?done=deleted", 303)
