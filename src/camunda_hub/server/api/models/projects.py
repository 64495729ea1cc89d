"""Wire models of the project operations (names follow the contract's components)."""

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
from camunda_hub.server.api.models.files import FileResult
from camunda_hub.server.api.models.folders import FolderResult
from camunda_hub.server.store.schema.hub import Project

Name = Annotated[str, Field(min_length=1, max_length=255)]
Key = Annotated[str, Field(min_length=1, max_length=255)]


class ProjectCreateRequest(StrictModel):
    name: Name
    workspaceKey: Key


class ProjectUpdateRequest(StrictModel):
    """Omitted fields keep their value; a new ``workspaceKey`` moves the project."""

    name: Annotated[
        str | None,
        Field(min_length=1, max_length=255),
        *optional_not_null({"type": "string", "minLength": 1, "maxLength": 255}),
    ] = None
    workspaceKey: Annotated[
        str | None,
        Field(min_length=1, max_length=255),
        *optional_not_null({"type": "string", "minLength": 1, "maxLength": 255}),
    ] = None


class ProjectResult(BaseModel):
    projectKey: str
    name: str
    workspaceKey: str
    created: datetime
    createdBy: UserReference
    updated: datetime
    updatedBy: UserReference

    @classmethod
    def of(cls, row: Project) -> ProjectResult:
        return cls(
            projectKey=row.key,
            name=row.name,
            workspaceKey=row.workspace_key,
            **audited(row),
        )


class ProjectContent(BaseModel):
    folders: list[FolderResult]
    files: list[FileResult]


class ProjectDetailResult(BaseModel):
    project: ProjectResult
    content: ProjectContent


class RecentlyDeletedProjectResult(BaseModel):
    projectKey: str
    name: str
    workspaceKey: str
    deleted: datetime
    deletedBy: UserReference | None

    @classmethod
    def of(cls, row: Project) -> RecentlyDeletedProjectResult:
        assert row.deleted is not None
        return cls(
            projectKey=row.key,
            name=row.name,
            workspaceKey=row.workspace_key,
            deleted=row.deleted,
            deletedBy=deleted_by(row.deleted_by_name, row.deleted_by_email),
        )
