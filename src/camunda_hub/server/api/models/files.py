"""Wire models of the file operations (names follow the contract's components)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from camunda_hub.server.api.models.common import (
    StrictModel,
    UserReference,
    audited,
    deleted_by,
    optional_not_null,
)
from camunda_hub.server.api.models.numbers import Int32
from camunda_hub.server.store.schema.hub import File

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1

FileType = Literal["bpmn", "dmn", "form", "element-template", "rpa", "markdown", "tests"]
Name = Annotated[str, Field(min_length=1, max_length=255)]
Key = Annotated[str, Field(min_length=1, max_length=255)]


class FileCreateRequest(StrictModel):
    name: Name
    projectKey: Key
    folderKey: Key | None = Field(
        default=None, description="The parent folder; omitted or null: the project root."
    )
    type: FileType
    content: Annotated[str, Field(min_length=1)]


class FileUpdateRequest(StrictModel):
    """``revision`` is the revision the change is based on (409 when it is not current).
    Omitted fields keep their value; ``folderKey: null`` moves the file to the project root; a
    new ``projectKey`` alone moves it to that project's root."""

    revision: Int32
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
    folderKey: Key | None = None
    content: Annotated[str | None, *optional_not_null({"type": "string"})] = None


class FileResult(BaseModel):
    fileKey: str
    name: str
    projectKey: str | None
    folderKey: str | None
    simplePath: str
    canonicalPath: str
    revision: int
    type: FileType
    content: str | None
    created: datetime
    createdBy: UserReference
    updated: datetime
    updatedBy: UserReference

    @classmethod
    def of(cls, row: File, *, with_content: bool = True) -> FileResult:
        """``with_content=False`` for listings (search results, folder and project content),
        which answer ``content: null``."""
        return cls(
            fileKey=row.key,
            name=row.name,
            projectKey=row.project_key,
            folderKey=row.folder_key,
            simplePath=row.simple_path,
            canonicalPath=row.canonical_path,
            revision=row.revision,
            type=row.type,
            content=row.content if with_content else None,
            **audited(row),
        )


class RecentlyDeletedFileResult(BaseModel):
    fileKey: str
    name: str
    type: FileType
    projectKey: str
    deleted: datetime
    deletedBy: UserReference | None

    @classmethod
    def of(cls, row: File) -> RecentlyDeletedFileResult:
        assert row.deleted is not None
        return cls(
            fileKey=row.key,
            name=row.name,
            type=row.type,
            projectKey=row.project_key,
            deleted=row.deleted,
            deletedBy=deleted_by(row.deleted_by_name, row.deleted_by_email),
        )
