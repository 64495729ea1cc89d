"""Wire models of the workspace operations (names follow the contract's components)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from camunda_hub.server.api.models.common import (
    StrictModel,
    UserReference,
    audited,
    deleted_by,
    optional_not_null,
)
from camunda_hub.server.api.models.projects import ProjectResult
from camunda_hub.server.store.schema.hub import Workspace

Name = Annotated[str, Field(min_length=1, max_length=255)]
Description = Annotated[str, Field(min_length=1, max_length=500)]


class WorkspaceCreateRequest(StrictModel):
    name: Name
    # Omitted or a string: the contract does not make it nullable, so `null` is a 400.
    description: Description = None  # type: ignore[assignment]


class WorkspaceUpdateRequest(StrictModel):
    """Omitted fields keep their value; ``description: null`` clears the description."""

    name: Annotated[
        str | None,
        Field(min_length=1, max_length=255),
        *optional_not_null({"type": "string", "minLength": 1, "maxLength": 255}),
    ] = None
    description: Description | None = None


class WorkspaceResult(BaseModel):
    workspaceKey: str
    name: str
    description: str | None
    created: datetime
    createdBy: UserReference
    updated: datetime
    updatedBy: UserReference

    @classmethod
    def of(cls, row: Workspace) -> WorkspaceResult:
        return cls(
            workspaceKey=row.key,
            name=row.name,
            description=row.description,
            **audited(row),
        )


class WorkspaceContent(BaseModel):
    projects: list[ProjectResult]


class WorkspaceDetailResult(BaseModel):
    workspace: WorkspaceResult
    content: WorkspaceContent


class RecentlyDeletedWorkspaceResult(BaseModel):
    workspaceKey: str
    name: str
    deleted: datetime
    deletedBy: UserReference | None

    @classmethod
    def of(cls, row: Workspace) -> RecentlyDeletedWorkspaceResult:
        assert row.deleted is not None
        return cls(
            workspaceKey=row.key,
            name=row.name,
            deleted=row.deleted,
            deletedBy=deleted_by(row.deleted_by_name, row.deleted_by_email),
        )
