"""Wire models of the project snapshot operations (names follow the contract's components)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from camunda_hub.server.api.models.common import (
    SearchResult,
    StrictModel,
    UserReference,
    audited,
    optional_not_null,
    user_ref,
)
from camunda_hub.server.api.models.files import FileType
from camunda_hub.server.services.hub.external_resources import ExternalResources
from camunda_hub.server.services.hub.snapshots import CapturedVersion, SnapshotView
from camunda_hub.server.store.schema.snapshots import Review, ReviewRequest

Name = Annotated[str, Field(min_length=1, max_length=255)]
Description = Annotated[str, Field(max_length=255)]
Key = Annotated[str, Field(min_length=1, max_length=255)]
ReviewStatus = Literal["APPROVED", "CHANGES_REQUESTED"]


class ProjectSnapshotCreateRequest(StrictModel):
    projectKey: Key
    name: Name
    # Omitted or a string: the contract does not make it nullable, so `null` is a 400.
    description: Description = None  # type: ignore[assignment]


class ProjectSnapshotUpdateRequest(StrictModel):
    """Omitted fields keep their value; ``description: null`` clears it."""

    name: Annotated[
        str | None,
        Field(min_length=1, max_length=255),
        *optional_not_null({"type": "string", "minLength": 1, "maxLength": 255}),
    ] = None
    description: Description | None = None


class ProjectSnapshotReviewCreateRequest(StrictModel):
    status: ReviewStatus
    comment: str | None = Field(default=None, description="Optional; must not be blank when given.")


class ProjectSnapshotDuplicationRequest(StrictModel):
    targetWorkspaceKey: Key


class ProjectSnapshotReviewRequest(BaseModel):
    reviewRequestKey: str
    projectSnapshotKey: str
    created: datetime
    createdBy: UserReference

    @classmethod
    def of(cls, row: ReviewRequest) -> ProjectSnapshotReviewRequest:
        return cls(
            reviewRequestKey=row.key,
            projectSnapshotKey=row.snapshot_key,
            created=row.created,
            createdBy=user_ref(row.created_by_name, row.created_by_email),
        )


class ProjectSnapshotReview(BaseModel):
    reviewKey: str
    projectSnapshotKey: str
    status: ReviewStatus
    comment: str | None
    created: datetime
    createdBy: UserReference

    @classmethod
    def of(cls, row: Review) -> ProjectSnapshotReview:
        return cls(
            reviewKey=row.key,
            projectSnapshotKey=row.snapshot_key,
            status=row.status,
            comment=row.comment,
            created=row.created,
            createdBy=user_ref(row.created_by_name, row.created_by_email),
        )


class ProjectSnapshotResult(BaseModel):
    projectSnapshotKey: str
    projectKey: str
    name: str
    description: str | None
    created: datetime
    createdBy: UserReference
    updated: datetime
    updatedBy: UserReference
    reviewRequest: ProjectSnapshotReviewRequest | None
    latestReview: ProjectSnapshotReview | None

    @classmethod
    def of(cls, view: SnapshotView) -> ProjectSnapshotResult:
        row = view.snapshot
        return cls(
            projectSnapshotKey=row.key,
            projectKey=row.project_key,
            name=row.name,
            description=row.description,
            **audited(row),
            reviewRequest=(
                ProjectSnapshotReviewRequest.of(view.review_request)
                if view.review_request
                else None
            ),
            latestReview=(
                ProjectSnapshotReview.of(view.latest_review) if view.latest_review else None
            ),
        )


def _sanitized_path(folder_names: str | None) -> str | None:
    if not folder_names:
        return None
    names: list[str] = json.loads(folder_names)
    return "/".join(name.replace("/", "_") for name in names)


def _who(name: str | None, email: str | None) -> UserReference | None:
    if name is None and email is None:
        return None
    return user_ref(name, email)


class ProjectSnapshotFileVersion(BaseModel):
    versionKey: str
    fileKey: str
    fileName: str
    fileType: FileType
    folderPath: str | None
    folderIdPath: str | None
    contentHash: str
    name: str
    description: str | None
    organizationPublic: bool
    created: datetime
    createdBy: UserReference | None

    @classmethod
    def of(cls, captured: CapturedVersion) -> ProjectSnapshotFileVersion:
        entry, version = captured.entry, captured.version
        return cls(
            versionKey=entry.version_key,
            fileKey=entry.file_key,
            fileName=entry.file_name,
            fileType=entry.file_type,
            folderPath=_sanitized_path(entry.folder_names),
            folderIdPath=entry.folder_keys,
            contentHash=entry.content_hash,
            # The live version's metadata while it exists; the captured copy afterwards.
            name=version.name if version else entry.version_name,
            description=version.description if version else entry.version_description,
            organizationPublic=(
                version.organization_public if version else entry.version_organization_public
            ),
            created=version.created if version else entry.version_created,
            createdBy=(
                _who(version.created_by_name, version.created_by_email)
                if version
                else _who(entry.version_created_by_name, entry.version_created_by_email)
            ),
        )


class ProjectSnapshotDetailResult(BaseModel):
    projectSnapshot: ProjectSnapshotResult
    fileVersions: list[ProjectSnapshotFileVersion]


class ProjectSnapshotSearchQueryResult(SearchResult[ProjectSnapshotResult]):
    pass


class ProjectSnapshotExternalResourcesResult(BaseModel):
    hasRefToExternalForms: bool
    hasRefToExternalCallActivities: bool
    hasRefToExternalBusinessRuleTasks: bool
    hasRefToExternalRpaResources: bool

    @classmethod
    def of(cls, found: ExternalResources) -> ProjectSnapshotExternalResourcesResult:
        return cls(
            hasRefToExternalForms=found.forms,
            hasRefToExternalCallActivities=found.call_activities,
            hasRefToExternalBusinessRuleTasks=found.business_rule_tasks,
            hasRefToExternalRpaResources=found.rpa,
        )
