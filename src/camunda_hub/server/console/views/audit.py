"""The audit trail of the organization: who created, rotated, re-permissioned or revoked which
API client, who became or stopped being an admin, and token issuance per client."""

from __future__ import annotations

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response

from camunda_hub.server.console.access import require_admin, runtime_of
from camunda_hub.server.console.templating import render
from camunda_hub.server.services import api_clients
from camunda_hub.server.store.schema.identity import AuditEvent

PAGE_SIZE = 50

ACTIONS = {
    "client.created": "Created API client",
    "client.secret_rotated": "Rotated secret",
    "client.permissions_changed": "Changed permissions",
    "client.deleted": "Revoked and deleted API client",
    "admin.created": "Added admin",
    "admin.invited": "Invited admin",
    "admin.removed": "Removed admin",
    "admin.signed_in": "Signed in",
    "admin.password_changed": "Changed password",
    "organization.created": "Created organization",
    "workspace.restored": "Restored workspace",
    "project.restored": "Restored project",
    "folder.restored": "Restored folder",
    "file.restored": "Restored file",
}


async def audit_page(request: Request) -> Response:
    who = await require_admin(request)
    runtime = runtime_of(request)
    before_text = request.query_params.get("before", "")
    before = int(before_text) if before_text.isdigit() and len(before_text) < 19 else None
    await runtime.usage.flush(runtime.db)
    async with runtime.db.session() as db:
        query = (
            select(AuditEvent)
            .where(AuditEvent.organization_id == who.organization_id)
            .order_by(AuditEvent.id.desc())
            .limit(PAGE_SIZE + 1)
        )
        if before is not None:
            query = query.where(AuditEvent.id < before)
        events = list((await db.scalars(query)).all())
        clients = await api_clients.list_all(db, who.organization_id)
    more = len(events) > PAGE_SIZE
    events = events[:PAGE_SIZE]
    names = {client.client_id: client.name for client in clients}
    return render(
        request,
        "audit.html",
        nav="audit",
        events=events,
        actions=ACTIONS,
        names=names,
        clients=clients,
        older=events[-1].id if more and events else None,
        paged=before is not None,
    )
