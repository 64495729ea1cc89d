"""The audit trail: who did what to which API client or key, and when."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.store.schema.identity import AuditEvent


def record(
    session: AsyncSession,
    *,
    actor: str,
    action: str,
    target: str,
    organization_id: str | None = None,
    detail: str | None = None,
) -> None:
    session.add(
        AuditEvent(
            organization_id=organization_id,
            actor=actor,
            action=action,
            target=target,
            detail=detail,
        )
    )
