"""Wire models of the version operations (names follow the contract's components)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from camunda_hub.server.api.models.common import (
    SearchResult,
    StrictModel,
    UserReference,
    user_ref,
)
from camunda_hub.server.api.models.numbers import Int64
from camunda_hub.server.store.schema.hub import FileVersion

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

Name = Annotated[str, Field(min_length=1, max_length=255)]
Description = Annotated[str, Field(max_length=255)]
Key = Annotated[str, Field(min_length=1, max_length=255)]
# JSON booleans and integers only: "yes" or "3" is a mistake worth a 400, not a guess.
Flag = Annotated[bool, Field(strict=True)]


class VersionCreateRequest(StrictModel):
    fileKey: Key
    name: Name
    # Omitted or a string: the contract does not make it nullable, so `null` is a 400.
    description: Description = None  # type: ignore[assignment]
    organizationPublic: Flag = Field(
        default=False,
        description="Publish the version organization-wide (element-template files only).",
    )


class VersionUpdateRequest(StrictModel):
    """``description``: omitted keeps it, ``null`` clears it. ``organizationPublic``: omitted
    keeps it (which is why the handler looks at ``model_fields_set``)."""

    name: Name
    description: Description | None = None
    organizationPublic: Flag = False


class VersionRestorationRequest(StrictModel):
    version: Int64 | None = Field(
        default=None,
        description=(
            "The element-template version number written into the restored content and given "
            "to the new version. Required for element-template files, ignored for others."
        ),
    )


class VersionResult(BaseModel):
    versionKey: str
    name: str
    description: str | None
    fileKey: str
    organizationPublic: bool
    linkedToProcessApplication: bool
    created: datetime
    createdBy: UserReference | None
    updated: datetime
    updatedBy: UserReference | None


class VersionDetailResult(VersionResult):
    content: str


class VersionSearchQueryResult(SearchResult[VersionResult]):
    pass


def _who(name: str | None, email: str | None) -> UserReference | None:
    if name is None and email is None:
        return None
    return user_ref(name, email)


def _fields(version: FileVersion) -> dict[str, object]:
    return {
        "versionKey": version.key,
        "name": version.name,
        "description": version.description,
        "fileKey": version.file_key,
        "organizationPublic": version.organization_public,
        "linkedToProcessApplication": version.linked_to_process_application,
        "created": version.created,
        "createdBy": _who(version.created_by_name, version.created_by_email),
        "updated": version.updated,
        "updatedBy": _who(version.updated_by_name, version.updated_by_email),
    }


def version_result(version: FileVersion) -> VersionResult:
    return VersionResult.model_validate(_fields(version))


def version_detail(version: FileVersion) -> VersionDetailResult:
    return VersionDetailResult.model_validate({**_fields(version), "content": version.content})
