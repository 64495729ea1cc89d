"""An event as JSON: the items of ``GET /api/v2/events`` and the body of every webhook
delivery (the dispatcher, below the API layer, sends the same bytes the API answers)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from camunda_hub.server.store.schema.events import HubEvent


class EventActor(BaseModel):
    name: str | None
    email: str | None


class EventResource(BaseModel):
    type: str = Field(description="workspace, project, folder, file, version, member, cluster …")
    key: str


class EventParents(BaseModel):
    workspaceKey: str | None = None
    projectKey: str | None = None
    folderKey: str | None = None
    fileKey: str | None = None


class EventResult(BaseModel):
    eventKey: str
    sequence: int = Field(description="Strictly increasing per organization, without gaps.")
    type: str = Field(description="`<resource>.<action>`, e.g. `file.content_changed`.")
    occurred: datetime
    actor: EventActor
    organization: str
    resource: EventResource
    parents: EventParents
    correlationId: str | None = Field(
        None, description="Shared by the events of one cascade (e.g. a project deletion)."
    )
    data: dict[str, Any] = Field(
        description="Names, revision, simplePath, type, and for updates `changes`: "
        "`{field: {old, new}}`. Never file content."
    )

    @classmethod
    def of(cls, row: HubEvent) -> EventResult:
        return cls(
            eventKey=row.event_key,
            sequence=row.sequence,
            type=row.type,
            occurred=row.occurred,
            actor=EventActor(name=row.actor_name, email=row.actor_email),
            organization=row.organization_id,
            resource=EventResource(type=row.resource_type, key=row.resource_key),
            parents=EventParents(**row.parents),
            correlationId=row.correlation_id,
            data=row.data,
        )
