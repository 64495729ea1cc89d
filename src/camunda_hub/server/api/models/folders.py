"""Wire models of the folder operations (names follow the contract's components)."""

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
from camunda_hub.server.store.schema.hub import Folder

Name = Annotated[str, Field(min_length=1, max_length=255)]
Key = Annotated[str, Field(min_length=1, max_length=255)]


class FolderCreateRequest(StrictModel):
    name: Name
    projectKey: Key
    parentFolderKey: Key | None = Field(
        default=None, description="The parent folder; omitted or null: the project root."
    )


class FolderUpdateRequest(StrictModel):
    """Omitted fields keep their value. ``parentFolderKey: null`` moves the folder to the project
    root; a new ``projectKey`` alone moves it to that project's root."""

    name: Annotated[
        str | None,
        Field(min_length=1, max_length=255),
        *optional_not_null({"type": "string", "minLength": 1, "maxLength": 255}),
    ] = None
    projectKey: Annotated[
        str | None,
        Field(min_length=1, max_length=255),
        *optional_not_null({"type": "string", "minLength": 1, "maxLength": 255}),
    ] = None
    parentFolderKey: Key | None = None


class FolderResult(BaseModel):
    folderKey: str
    name: str
    projectKey: str
    parentFolderKey: str | None
    created: datetime
    createdBy: UserReference
    updated: datetime
    updatedBy: UserReference

    @classmethod
    def of(cls, row: Folder) -> FolderResult:
        return cls(
            folderKey=row.key,
            name=row.name,
            projectKey=row.project_key,
            parentFolderKey=row.parent_folder_key,
            **audited(row),
        )


class FolderContent(BaseModel):
    folders: list[FolderResult]
    files: list[FileResult]


class FolderDetailResult(BaseModel):
    folder: FolderResult
    content: FolderContent


class RecentlyDeletedFolderResult(BaseModel):
    folderKey: str
    name: str
    projectKey: str
    deleted: datetime
    deletedBy: UserReference | None

    @classmethod
    def of(cls, row: Folder) -> RecentlyDeletedFolderResult:
        assert row.deleted is not None
        return cls(
            folderKey=row.key,
            name=row.name,
            projectKey=row.project_key,
            deleted=row.deleted,
            deletedBy=deleted_by(row.deleted_by_name, row.deleted_by_email),
        )
