"""Where v1 resources live in the v2 hierarchy, and back.

v1 has projects → folders → files (and, since 8.10, process applications inside projects). v2
has workspaces → projects → folders → files. A v1 project *is* a v2 workspace (same key), a v1
process application *is* a v2 project. What v1 puts directly into a project (files and folders
without a process application) goes into the workspace's **default project**: a v2 project
whose key is derived from the workspace key (UUID 5), created the first time v1 needs it. It is
an ordinary project for v2; v1 never shows it as a process application (its contents have no
``processApplicationId``). Deriving the key keeps the mapping without a table of its own."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import Conflict, InvalidInput
from camunda_hub.server.services.hub import lookups
from camunda_hub.server.services.hub import projects as project_service
from camunda_hub.server.store.schema.hub import Folder, Project, Workspace

_NAMESPACE = uuid.UUID("8f0c1c52-5b53-4f43-9e53-7d3c0b1a2e61")
DEFAULT_PROJECT_NAME = "Default project"

# v1 ``fileType`` (case-insensitive) → v2 ``type``; and v2 → v1 ``type`` (upper case).
V1_FILE_TYPES = {
    "bpmn": "bpmn",
    "dmn": "dmn",
    "form": "form",
    "connector_template": "element-template",
    "element_template": "element-template",
    "element-template": "element-template",
}
V2_TO_V1_TYPE = {
    "bpmn": "BPMN",
    "dmn": "DMN",
    "form": "FORM",
    "element-template": "CONNECTOR_TEMPLATE",
    "rpa": "RPA",
    "markdown": "MARKDOWN",
    "tests": "TESTS",
}
V1_TYPE_TO_V2 = {value: key for key, value in V2_TO_V1_TYPE.items()} | {
    "ELEMENT_TEMPLATE": "element-template"
}


def file_type(value: str) -> str:
    v2 = V1_FILE_TYPES.get(value.strip().lower())
    if v2 is None:
        raise InvalidInput(
            "fileType: must be one of bpmn, dmn, form, connector_template (any letter case)"
        )
    return v2


def default_project_key(workspace_key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, workspace_key))


def is_default(project: Project) -> bool:
    return project.key == default_project_key(project.workspace_key)


def process_application_of(project_key: str, workspace_key: str) -> str | None:
    return None if project_key == default_project_key(workspace_key) else project_key


async def default_project(
    session: AsyncSession, caller: Principal, workspace: Workspace
) -> Project:
    """The workspace's default project, created on first use."""
    key = default_project_key(workspace.key)
    existing = await session.get(Project, key)
    if existing is None:
        try:
            async with session.begin_nested():
                return await project_service.create(
                    session,
                    caller,
                    name=DEFAULT_PROJECT_NAME,
                    workspace_key=workspace.key,
                    key=key,
                )
        except IntegrityError:
            # Created by a concurrent request in the meantime.
            existing = await session.get(Project, key)
            if existing is None:
                raise
    if existing.deleted is not None or existing.workspace_key != workspace.key:
        raise Conflict(
            f"project '{workspace.key}': its default project '{key}' (which holds what API v1 "
            "puts directly into a project) was deleted or moved through API v2; restore or "
            "move it back first"
        )
    return existing


async def workspaces_of(session: AsyncSession, project_keys: set[str]) -> dict[str, str]:
    """v2 project key → its workspace key."""
    if not project_keys:
        return {}
    rows = await session.execute(
        select(Project.key, Project.workspace_key).where(Project.key.in_(project_keys))
    )
    return {key: workspace for key, workspace in rows.all()}


async def _folder(
    session: AsyncSession, caller: Principal, key: str, field: str
) -> tuple[Folder, Project]:
    folder = await lookups.referenced(session, Folder, caller, key, field)
    project = await session.get(Project, folder.project_key)
    assert project is not None
    return folder, project


async def _process_application(session: AsyncSession, caller: Principal, key: str) -> Project:
    project = await lookups.referenced(session, Project, caller, key, "processApplicationId")
    if is_default(project):
        raise InvalidInput(f"processApplicationId: no process application with id '{key}'")
    return project


async def placement(
    session: AsyncSession,
    caller: Principal,
    *,
    project_id: str | None,
    folder_id: str | None,
    process_application_id: str | None,
    folder_field: str,
) -> tuple[str, str | None]:
    """(v2 project key, v2 folder key or None) for a v1 create: a folder alone is enough; a
    process application alone means its root; a project alone means the project's root (its
    default project). Whatever is given must agree."""
    if folder_id is not None:
        folder, project = await _folder(session, caller, folder_id, folder_field)
        if project_id is not None and project.workspace_key != project_id:
            raise InvalidInput(
                f"{folder_field}: folder '{folder_id}' is not in project '{project_id}'"
            )
        if process_application_id is not None and project.key != process_application_id:
            raise InvalidInput(
                f"{folder_field}: folder '{folder_id}' is not in process application "
                f"'{process_application_id}'"
            )
        return project.key, folder.key
    if process_application_id is not None:
        project = await _process_application(session, caller, process_application_id)
        if project_id is not None and project.workspace_key != project_id:
            raise InvalidInput(
                f"processApplicationId: '{process_application_id}' is not in project '{project_id}'"
            )
        return project.key, None
    if project_id is None:
        raise InvalidInput(f"projectId is required when {folder_field} is not given")
    workspace = await lookups.referenced(session, Workspace, caller, project_id, "projectId")
    return (await default_project(session, caller, workspace)).key, None


async def relocation(
    session: AsyncSession,
    caller: Principal,
    *,
    current_project: Project,
    current_folder: str | None,
    given: dict[str, Any],
    folder_field: str,
) -> tuple[str, str | None] | None:
    """The new (v2 project, folder) of a v1 PATCH, or None when it stays where it is.

    ``given`` holds the location fields the request named (a null value included). Clients
    such as the Node SDK echo the current ``projectId`` with every update: naming the
    resource's own project moves nothing unless a folder or process application is named."""
    folder_id = given.get(folder_field)
    pa_id = given.get("processApplicationId")
    project_id = given.get("projectId")
    if folder_id is not None or pa_id is not None:
        target = await placement(
            session,
            caller,
            project_id=project_id,
            folder_id=folder_id,
            process_application_id=pa_id,
            folder_field=folder_field,
        )
    elif project_id is not None and project_id != current_project.workspace_key:
        target = await placement(
            session,
            caller,
            project_id=project_id,
            folder_id=None,
            process_application_id=None,
            folder_field=folder_field,
        )
    elif "processApplicationId" in given:
        # Explicitly no process application: the default project's root.
        workspace = await lookups.referenced(
            session, Workspace, caller, current_project.workspace_key, "projectId"
        )
        target = ((await default_project(session, caller, workspace)).key, None)
    elif folder_field in given:
        target = (current_project.key, None)
    else:
        return None
    if target == (current_project.key, current_folder):
        return None
    return target
