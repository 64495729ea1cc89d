"""Restoring a deleted workspace, project, folder or file on a person's behalf (the console):
the Hub API's restore operations, plus an entry in the organization's audit trail."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import NotFound
from camunda_hub.server.services.hub import lifecycle
from camunda_hub.server.store import audit
from camunda_hub.server.store.schema.hub import File, Folder, Project, Workspace

Restored = Workspace | Project | Folder | File

_RESTORE: dict[str, Callable[[AsyncSession, Principal, str], Awaitable[Restored]]] = {
    "workspace": lifecycle.restore_workspace,
    "project": lifecycle.restore_project,
    "folder": lifecycle.restore_folder,
    "file": lifecycle.restore_file,
}
KINDS = tuple(_RESTORE)


async def restore(
    session: AsyncSession, principal: Principal, kind: str, key: str, *, actor: str
) -> Restored:
    """Raises NotFound (unknown kind or key, or not a deletion root) and Conflict (its
    container is still deleted) like the API does."""
    operation = _RESTORE.get(kind)
    if operation is None:
        raise NotFound(f"there is nothing of kind {kind!r} to restore")
    restored = await operation(session, principal, key)
    audit.record(
        session,
        actor=actor,
        action=f"{kind}.restored",
        target=key,
        organization_id=principal.organization_id,
        detail=restored.name,
    )
    return restored
