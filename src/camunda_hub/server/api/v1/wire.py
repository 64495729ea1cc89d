"""Wire shapes of Web Modeler API v1 (names as in Web Modeler's published document).

Request bodies are read like Web Modeler's own server reads them: unknown fields are ignored
(the v1 document declares no ``additionalProperties``, and the Node SDK sends fields such as
``processApplicationId`` only where it knows them); a NUL character is refused, as in v2.
Response fields without a value are left out: the v1 document declares none of them nullable."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator

INT32_MAX = 2**31 - 1

Name = Annotated[str, Field(min_length=1, max_length=255)]
Id = Annotated[str, Field(min_length=1, max_length=255)]

TAG_PREFIX = "Web Modeler API v1: "


def tags(name: str) -> list[str | Any]:
    return [TAG_PREFIX + name]


class V1Request(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class UserDto(BaseModel):
    name: str | None = None
    email: str | None = None


def user(name: str | None, email: str | None) -> UserDto:
    return UserDto(name=name, email=email)


def timestamp(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


class PathElementDto(BaseModel):
    id: str
    name: str


# -- requests ------------------------------------------------------------------------------


class CreateProjectDto(V1Request):
    name: Name


class UpdateProjectDto(V1Request):
    name: Name


class CreateFolderDto(V1Request):
    name: Name
    projectId: Id | None = None
    parentId: Id | None = None
    processApplicationId: Id | None = None


class UpdateFolderDto(V1Request):
    name: Name | None = None
    projectId: Id | None = None
    parentId: Id | None = None
    processApplicationId: Id | None = None


class CreateFileDto(V1Request):
    name: Name
    content: str
    fileType: Annotated[str, Field(min_length=1, max_length=64)]
    folderId: Id | None = None
    projectId: Id | None = None
    processApplicationId: Id | None = None


class UpdateFileDto(V1Request):
    revision: Annotated[StrictInt, Field(ge=-(2**31), le=INT32_MAX)]
    name: Name | None = None
    content: str | None = None
    projectId: Id | None = None
    folderId: Id | None = None
    processApplicationId: Id | None = None


class CreateCollaboratorDto(V1Request):
    email: Annotated[str, Field(min_length=1, max_length=255)]
    projectId: Id
    role: Annotated[str, Field(pattern="^(project_admin|editor|viewer|commenter)$")]


class CreateMilestoneDto(V1Request):
    name: Name
    fileId: Id


class UpdateMilestoneDto(V1Request):
    name: Name


class CreateVersionDto(V1Request):
    fileId: Id
    name: Name | None = None
    description: Annotated[str, Field(max_length=255)] | None = None
    organizationPublic: StrictBool | None = None


class UpdateVersionDto(V1Request):
    name: Name | None = None
    description: Annotated[str, Field(max_length=255)] | None = None
    organizationPublic: StrictBool | None = None


class RestoreVersionDto(V1Request):
    """Three generations of clients: the Node SDK sends ``{version: <number>}``, Camunda's
    migration guide ``{versionId}``, milestone-era clients nothing at all."""

    version: Annotated[StrictInt, Field(ge=0, le=2**63 - 1)] | None = None
    versionId: Id | None = None


class CreateProcessApplicationDto(V1Request):
    name: Name
    projectId: Id


class UpdateProcessApplicationDto(V1Request):
    name: Name | None = None
    projectId: Id | None = None


# -- responses -----------------------------------------------------------------------------


class InfoDto(BaseModel):
    version: str
    authorizedOrganization: str
    createPermission: bool
    readPermission: bool
    updatePermission: bool
    deletePermission: bool


class _Audited(BaseModel):
    created: str
    createdBy: UserDto
    updated: str
    updatedBy: UserDto


class ProjectMetadataDto(_Audited):
    id: str
    name: str


class ProcessApplicationMetadataDto(_Audited):
    id: str
    name: str
    projectId: str


class FolderMetadataDto(_Audited):
    id: str
    name: str
    projectId: str
    parentId: str | None = None
    processApplicationId: str | None = None


class FileMetadataDto(_Audited):
    id: str
    name: str
    projectId: str
    folderId: str | None = None
    processApplicationId: str | None = None
    simplePath: str
    canonicalPath: list[PathElementDto]
    revision: int
    type: str


class ProjectContent(BaseModel):
    folders: list[FolderMetadataDto]
    files: list[FileMetadataDto]
    processApplications: list[ProcessApplicationMetadataDto]


class ProjectDto(BaseModel):
    metadata: ProjectMetadataDto
    content: ProjectContent


class FolderContentDto(BaseModel):
    folders: list[FolderMetadataDto]
    files: list[FileMetadataDto]


class FolderDto(BaseModel):
    metadata: FolderMetadataDto
    content: FolderContentDto


class ProcessApplicationDto(BaseModel):
    metadata: ProcessApplicationMetadataDto
    content: FolderContentDto


class FileDto(BaseModel):
    metadata: FileMetadataDto
    content: str


class ProjectCollaboratorDto(BaseModel):
    name: str | None = None
    email: str
    projectId: str
    role: str


class MilestoneMetadataDto(_Audited):
    id: str
    name: str
    fileId: str


class MilestoneDto(BaseModel):
    metadata: MilestoneMetadataDto
    content: str


class VersionMetadataDto(_Audited):
    id: str
    name: str
    description: str | None = None
    fileId: str
    organizationPublic: bool


class VersionDto(BaseModel):
    metadata: VersionMetadataDto
    content: str


class ComparisonDto(BaseModel):
    url: str


class PubSearchResultProjectMetadataDto(BaseModel):
    items: list[ProjectMetadataDto]
    total: int


class PubSearchResultFileMetadataDto(BaseModel):
    items: list[FileMetadataDto]
    total: int


class PubSearchResultMilestoneMetadataDto(BaseModel):
    items: list[MilestoneMetadataDto]
    total: int


class PubSearchResultVersionMetadataDto(BaseModel):
    items: list[VersionMetadataDto]
    total: int


class PubSearchResultProjectCollaboratorDto(BaseModel):
    items: list[ProjectCollaboratorDto]
    total: int


def search_body(item: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI request body of a v1 search (``PubSearchDto<item>``)."""
    return {
        "requestBody": {
            "required": False,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "filter": {
                                "type": "object",
                                "description": f"Fields of {item.__name__} to match (equality; "
                                "dates also with <, <=, >, >= and a ||/y|M|w|d|h|m|s suffix).",
                            },
                            "sort": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["field", "direction"],
                                    "properties": {
                                        "field": {"type": "string"},
                                        "direction": {"type": "string", "enum": ["ASC", "DESC"]},
                                    },
                                },
                            },
                            "page": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
                            "size": {"type": "integer", "minimum": 0, "maximum": 50, "default": 10},
                        },
                    }
                }
            },
        }
    }


def optional_body(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        }
    }
