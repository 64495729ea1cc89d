"""Workspace members: one role per e-mail address and workspace.

E-mail addresses are stored lower-cased, so adding ``Alice@Example.com`` after
``alice@example.com`` changes that member's role instead of adding a second member. The name
stays null: it is only known once the invited person logs in, and this server has no user
logins (API clients act on behalf of users)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.search import Field, FieldKind, SearchSpec
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import NotFound
from camunda_hub.server.services.hub import hub_events, lookups
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.hub import Member, Workspace

SEARCH = SearchSpec(
    fields={
        "workspaceKey": Field(Member.workspace_key, FieldKind.BASIC, eq_only=True),
        "email": Field(Member.email, FieldKind.STRING),
        "name": Field(Member.name, FieldKind.STRING),
        "role": Field(Member.role, FieldKind.BASIC),
    },
    sort_fields={"email": Member.email, "name": Member.name, "role": Member.role},
    tiebreaker=Member.email,
    required_filters=("workspaceKey",),
)


def normalize_email(email: str) -> str:
    return email.strip().lower()


async def upsert(
    session: AsyncSession, principal: Principal, workspace_key: str, *, email: str, role: str
) -> Member:
    await lookups.live(session, Workspace, principal, workspace_key, for_update=True)
    email = normalize_email(email)
    member = await session.get(Member, (workspace_key, email))
    now = utcnow()
    if member is None:
        member = Member(
            workspace_key=workspace_key,
            email=email,
            organization_id=principal.organization_id,
            name=None,
            role=role,
            created=now,
            updated=now,
        )
        session.add(member)
        action, changes = "added", None
    elif member.role != role:
        changes = {"role": {"old": member.role, "new": role}}
        action = "updated"
        member.role = role
        member.updated = now
    else:
        action = None
    await session.flush()
    if action is not None:
        hub_events.plain_event(
            session,
            principal,
            f"member.{action}",
            resource_type="member",
            resource_key=email,
            parents={"workspaceKey": workspace_key},
            data={"email": email, "role": role, **({"changes": changes} if changes else {})},
        )
    return member


async def remove(
    session: AsyncSession, principal: Principal, workspace_key: str, email: str
) -> None:
    await lookups.live(session, Workspace, principal, workspace_key, for_update=True)
    if not lookups.storable(email):
        raise NotFound(f"'{email}' is not a member of workspace '{workspace_key}'")
    result = await session.execute(
        delete(Member)
        .where(Member.workspace_key == workspace_key, Member.email == normalize_email(email))
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) == 0:
        raise NotFound(f"'{email}' is not a member of workspace '{workspace_key}'")
    hub_events.plain_event(
        session,
        principal,
        "member.removed",
        resource_type="member",
        resource_key=normalize_email(email),
        parents={"workspaceKey": workspace_key},
        data={"email": normalize_email(email)},
    )


def searchable(principal: Principal) -> Select[Any]:
    """Members of the organization's live workspaces (the required workspaceKey filter then
    narrows it to one)."""
    return (
        select(Member)
        .join(Workspace, Workspace.key == Member.workspace_key)
        .where(
            Member.organization_id == principal.organization_id,
            Workspace.organization_id == principal.organization_id,
            Workspace.deleted.is_(None),
        )
    )
