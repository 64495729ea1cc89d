"""``/project-snapshots``: capture a project, read, rename, delete, search, restore, review,
duplicate, and check for external references."""

from __future__ import annotations

import asyncio

from fastapi import Request, Response

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.project_snapshots import (
    ProjectSnapshotCreateRequest,
    ProjectSnapshotDetailResult,
    ProjectSnapshotDuplicationRequest,
    ProjectSnapshotExternalResourcesResult,
    ProjectSnapshotFileVersion,
    ProjectSnapshotResult,
    ProjectSnapshotReview,
    ProjectSnapshotReviewCreateRequest,
    ProjectSnapshotReviewRequest,
    ProjectSnapshotSearchQueryResult,
    ProjectSnapshotUpdateRequest,
)
from camunda_hub.server.api.models.projects import ProjectResult
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import openapi_body, read_body, search_page
from camunda_hub.server.services.hub import (
    external_resources,
    snapshot_removal,
    snapshot_restore,
    snapshot_reviews,
)
from camunda_hub.server.services.hub import snapshots as service

router = RouteTable(tags=["Project Snapshot"])


@router.post(
    "/project-snapshots",
    operation_id="createProjectSnapshot",
    response_model=ProjectSnapshotResult,
)
async def create_project_snapshot(
    body: ProjectSnapshotCreateRequest, session: WriteSession, caller: Caller
) -> ProjectSnapshotResult:
    """Capture every live file of the project: one file version per file (an existing version
    with the file's exact current content is reused), with its name and folder location."""
    view = await service.create(
        session,
        caller,
        project_key=body.projectKey,
        name=body.name,
        description=body.description,
    )
    return ProjectSnapshotResult.of(view)


@router.post(
    "/project-snapshots/search",
    operation_id="searchProjectSnapshots",
    openapi_extra=openapi_body(service.SEARCH),
    response_model=ProjectSnapshotSearchQueryResult,
)
async def search_project_snapshots(
    request: Request, session: ReadSession, caller: Caller
) -> ProjectSnapshotSearchQueryResult:
    """Snapshots of the caller's live projects, oldest first unless sorted otherwise."""
    return await search_page(
        session,
        service.searchable(caller),
        service.SEARCH,
        await read_body(request),
        ProjectSnapshotSearchQueryResult,
        ProjectSnapshotResult.of,
        views=lambda rows: service.views(session, rows),
    )


@router.get(
    "/project-snapshots/{projectSnapshotKey}",
    operation_id="getProjectSnapshot",
    response_model=ProjectSnapshotDetailResult,
)
async def get_project_snapshot(
    projectSnapshotKey: str, session: ReadSession, caller: Caller
) -> ProjectSnapshotDetailResult:
    """The snapshot and its captured file versions, by file name."""
    snapshot = await service.live_snapshot(session, caller, projectSnapshotKey)
    view = await service.view(session, snapshot)
    captured = await service.captured_versions(session, snapshot)
    return ProjectSnapshotDetailResult(
        projectSnapshot=ProjectSnapshotResult.of(view),
        fileVersions=[ProjectSnapshotFileVersion.of(c) for c in captured],
    )


@router.patch(
    "/project-snapshots/{projectSnapshotKey}",
    operation_id="updateProjectSnapshot",
    response_model=ProjectSnapshotResult,
)
async def update_project_snapshot(
    projectSnapshotKey: str,
    body: ProjectSnapshotUpdateRequest,
    session: WriteSession,
    caller: Caller,
) -> ProjectSnapshotResult:
    changes = body.model_dump(include=body.model_fields_set)
    return ProjectSnapshotResult.of(
        await service.update(session, caller, projectSnapshotKey, changes)
    )


@router.delete(
    "/project-snapshots/{projectSnapshotKey}",
    operation_id="deleteProjectSnapshot",
    status_code=204,
    responses={
        403: problem(
            "The snapshot captured a file version published to the organization: deleting it "
            "needs elevated organization access, which API clients never hold."
        )
    },
)
async def delete_project_snapshot(
    projectSnapshotKey: str, session: WriteSession, caller: Caller
) -> Response:
    """Delete the snapshot; the file versions it captured stay."""
    await snapshot_removal.delete_snapshot(session, caller, projectSnapshotKey)
    return Response(status_code=204)


@router.post(
    "/project-snapshots/{projectSnapshotKey}/restoration",
    operation_id="restoreProjectSnapshot",
    status_code=204,
)
async def restore_project_snapshot(
    projectSnapshotKey: str, session: WriteSession, caller: Caller
) -> Response:
    """Reset the project to the snapshot: contents, names and folders; files added since are
    soft-deleted (each restorable from recently deleted), deleted ones come back. Unless the
    project is unchanged since its newest snapshot, its current state is saved first as a
    snapshot by the system user."""
    await snapshot_restore.restore(session, caller, projectSnapshotKey)
    return Response(status_code=204)


@router.post(
    "/project-snapshots/{projectSnapshotKey}/review-requests",
    operation_id="requestProjectSnapshotReview",
    response_model=ProjectSnapshotReviewRequest,
    responses={409: problem("The snapshot already has (or had) a review request.")},
)
async def request_project_snapshot_review(
    projectSnapshotKey: str, session: WriteSession, caller: Caller
) -> ProjectSnapshotReviewRequest:
    """Request a review; supersedes a pending request on another snapshot of the project."""
    request = await snapshot_reviews.request_review(session, caller, projectSnapshotKey)
    return ProjectSnapshotReviewRequest.of(request)


@router.post(
    "/project-snapshots/{projectSnapshotKey}/reviews",
    operation_id="submitProjectSnapshotReview",
    response_model=ProjectSnapshotReview,
    responses={403: problem("The snapshot has no review request, or its request was superseded.")},
)
async def submit_project_snapshot_review(
    projectSnapshotKey: str,
    body: ProjectSnapshotReviewCreateRequest,
    session: WriteSession,
    caller: Caller,
) -> ProjectSnapshotReview:
    review = await snapshot_reviews.submit_review(
        session, caller, projectSnapshotKey, status=body.status, comment=body.comment
    )
    return ProjectSnapshotReview.of(review)


@router.post(
    "/project-snapshots/{projectSnapshotKey}/duplication",
    operation_id="duplicateProjectSnapshot",
    response_model=ProjectResult,
)
async def duplicate_project_snapshot(
    projectSnapshotKey: str,
    body: ProjectSnapshotDuplicationRequest,
    session: WriteSession,
    caller: Caller,
) -> ProjectResult:
    """A new project in ``targetWorkspaceKey`` (same organization; 400 otherwise) named like
    the snapshot's project (with " (copy)", " (copy 2)" … when taken there), holding the
    snapshot's files and one snapshot of its own."""
    project = await snapshot_restore.duplicate(
        session, caller, projectSnapshotKey, target_workspace_key=body.targetWorkspaceKey
    )
    return ProjectResult.of(project)


@router.get(
    "/project-snapshots/{projectSnapshotKey}/external-resources",
    operation_id="getProjectSnapshotExternalResources",
    response_model=ProjectSnapshotExternalResourcesResult,
)
async def get_project_snapshot_external_resources(
    projectSnapshotKey: str, session: ReadSession, caller: Caller
) -> ProjectSnapshotExternalResourcesResult:
    """Whether the snapshot's BPMN files reference forms (``formId``), processes
    (``calledElement``), decisions (``calledDecision``) or RPA scripts (``linkedResource``
    of type RPA) that no file of the snapshot provides."""
    snapshot = await service.live_snapshot(session, caller, projectSnapshotKey)
    states = [
        state
        for state in await service.captured_states(session, snapshot.key)
        if state.type in external_resources.READ_TYPES
    ]
    analysis = external_resources.Analysis()
    # A batch of contents at a time; parsing is CPU work: in a worker thread, not on the loop.
    async for batch in service.with_captured_contents(session, snapshot.organization_id, states):
        await asyncio.to_thread(analysis.add, [(state.type, content) for state, content in batch])
    return ProjectSnapshotExternalResourcesResult.of(analysis.result())
