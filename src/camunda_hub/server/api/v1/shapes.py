"""v2 rows → v1 response objects.

``canonicalPath`` is the list of ``{id, name}`` of the folders from the top down to the file's
parent (empty at a root); ``simplePath`` joins their names and the file's name with its type's
extension with ``/``, writing a ``/`` inside a name as ``\\/``. Both are built from the folder
rows (the v2 ``simplePath`` cannot be split back: it does not escape)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.api.v1 import wire
from camunda_hub.server.api.v1.places import (
    V2_TO_V1_TYPE,
    process_application_of,
    workspaces_of,
)
from camunda_hub.server.services.hub import paths
from camunda_hub.server.store.schema.hub import (
    File,
    FileVersion,
    Folder,
    Member,
    Project,
    Workspace,
)


def _escaped(name: str) -> str:
    return name.replace("/", "\\/")


def _audit(row: Workspace | Project | Folder | File | FileVersion) -> dict[str, object]:
    return {
        "created": wire.timestamp(row.created),
        "createdBy": wire.user(row.created_by_name, row.created_by_email),
        "updated": wire.timestamp(row.updated),
        "updatedBy": wire.user(row.updated_by_name, row.updated_by_email),
    }


def project(workspace: Workspace) -> wire.ProjectMetadataDto:
    return wire.ProjectMetadataDto(id=workspace.key, name=workspace.name, **_audit(workspace))


def process_application(row: Project) -> wire.ProcessApplicationMetadataDto:
    return wire.ProcessApplicationMetadataDto(
        id=row.key,
        name=row.name,
        projectId=row.workspace_key,
        **_audit(row),
    )


async def folders(session: AsyncSession, rows: Sequence[Folder]) -> list[wire.FolderMetadataDto]:
    workspaces = await workspaces_of(session, {row.project_key for row in rows})
    return [
        wire.FolderMetadataDto(
            id=row.key,
            name=row.name,
            projectId=workspaces[row.project_key],
            parentId=row.parent_folder_key,
            processApplicationId=process_application_of(
                row.project_key, workspaces[row.project_key]
            ),
            **_audit(row),
        )
        for row in rows
    ]


async def folder(session: AsyncSession, row: Folder) -> wire.FolderMetadataDto:
    return (await folders(session, [row]))[0]


async def _folder_names(session: AsyncSession, keys: Iterable[str]) -> dict[str, str]:
    wanted = {key for key in keys if key}
    if not wanted:
        return {}
    rows = await session.execute(select(Folder.key, Folder.name).where(Folder.key.in_(wanted)))
    return {key: name for key, name in rows.all()}


def _chain(file: File) -> list[str]:
    return file.canonical_path.split(paths.SEPARATOR) if file.canonical_path else []


async def files(session: AsyncSession, rows: Sequence[File]) -> list[wire.FileMetadataDto]:
    workspaces = await workspaces_of(session, {row.project_key for row in rows})
    names = await _folder_names(session, (key for row in rows for key in _chain(row)))
    result = []
    for row in rows:
        chain = [wire.PathElementDto(id=key, name=names.get(key, "")) for key in _chain(row)]
        leaf = paths.file_name_with_extension(row.name, row.type)
        simple = "/".join([*(_escaped(element.name) for element in chain), _escaped(leaf)])
        workspace = workspaces[row.project_key]
        result.append(
            wire.FileMetadataDto(
                id=row.key,
                name=row.name,
                projectId=workspace,
                folderId=row.folder_key,
                processApplicationId=process_application_of(row.project_key, workspace),
                simplePath=simple,
                canonicalPath=chain,
                revision=row.revision,
                type=V2_TO_V1_TYPE.get(row.type, row.type.upper()),
                **_audit(row),
            )
        )
    return result


async def file(session: AsyncSession, row: File) -> wire.FileMetadataDto:
    return (await files(session, [row]))[0]


def version(row: FileVersion) -> wire.VersionMetadataDto:
    return wire.VersionMetadataDto(
        id=row.key,
        name=row.name,
        description=row.description,
        fileId=row.file_key,
        organizationPublic=bool(row.organization_public),
        **_audit(row),
    )


def milestone(row: FileVersion) -> wire.MilestoneMetadataDto:
    return wire.MilestoneMetadataDto(id=row.key, name=row.name, fileId=row.file_key, **_audit(row))


V1_ROLE = {"workspace_admin": "project_admin"}
V2_ROLE = {"project_admin": "workspace_admin"}


def collaborator(row: Member) -> wire.ProjectCollaboratorDto:
    return wire.ProjectCollaboratorDto(
        name=row.name,
        email=row.email,
        projectId=row.workspace_key,
        role=V1_ROLE.get(row.role, row.role),
    )
