"""Restoring a project to a snapshot, and duplicating a snapshot into a new project.

Restore, in one transaction:
1. If the project already matches the snapshot, nothing happens. Otherwise, unless the project
   is unchanged since its newest snapshot, its current state is captured first as a snapshot
   attributed to the system user ("Before restoring …").
2. Live files the snapshot did not capture are soft-deleted, each as its own deletion event
   (listed in "recently deleted" and restorable one by one).
3. The captured folder chains are put back: a captured folder still live in the project is
   renamed/moved back into place; otherwise a live folder of that name at that place is used,
   or a new one is created. Folders are never deleted.
4. Every captured file gets its captured content, name and folder back (a new revision when
   anything changed). A soft-deleted one is brought back individually; one that was removed
   for good is recreated under its old key; one that now lives in another project is left
   there and recreated here under a new key (restoring one project never takes files from
   another).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.hub import (
    audit_fields,
    folders,
    hub_events,
    lifecycle,
    lookups,
    paths,
    projects,
    snapshots,
    template_usages,
)
from camunda_hub.server.services.hub import files as file_service
from camunda_hub.server.services.hub.labels import NAME_MAX
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.hub import Deletion, File, Folder, Project, Workspace

BEFORE_RESTORE = "Before restoring "
COPY_SUFFIX = " (copy)"


async def _fresh_folder(session: AsyncSession, key: str) -> Folder:
    folder: Folder = (
        await session.scalars(
            select(Folder).where(Folder.key == key).execution_options(populate_existing=True)
        )
    ).one()
    return folder


@dataclass
class _FolderPlacer:
    """Puts captured folder chains back into one project; remembers captured key → live key."""

    session: AsyncSession
    caller: Principal
    project_key: str
    placed: dict[str, str] = field(default_factory=dict)

    async def place(self, keys: Sequence[str], names: Sequence[str]) -> str | None:
        parent: str | None = None
        for key, name in zip(keys, names, strict=True):
            if key not in self.placed:
                self.placed[key] = await self._one(key, name, parent)
            parent = self.placed[key]
        return parent

    async def _one(self, key: str, name: str, parent: str | None) -> str:
        session = self.session
        row = await session.scalar(
            select(Folder)
            .where(Folder.key == key, Folder.organization_id == self.caller.organization_id)
            .execution_options(populate_existing=True)
        )
        if row is not None and row.deleted is None and row.project_key == self.project_key:
            changes: dict[str, object] = {}
            if row.name != name:
                changes["name"] = name
            if row.parent_folder_key != parent:
                changes["parentFolderKey"] = parent
            if changes:
                # Moving rewrites descendants in bulk: make every loaded folder re-read.
                for loaded in list(session.identity_map.values()):
                    if isinstance(loaded, Folder):
                        session.expire(loaded)
                await folders.update(session, self.caller, key, changes)
            return key
        same_name = await session.scalar(
            select(Folder.key)
            .where(
                Folder.project_key == self.project_key,
                Folder.parent_folder_key.is_(None)
                if parent is None
                else Folder.parent_folder_key == parent,
                Folder.name == name,
                Folder.deleted.is_(None),
            )
            .order_by(Folder.created, Folder.key)
            .limit(1)
        )
        if same_name is not None:
            return str(same_name)
        created = await folders.create(
            session, self.caller, name=name, project_key=self.project_key, parent_folder_key=parent
        )
        return created.key


async def _bring_back(session: AsyncSession, file: File) -> None:
    """Take a soft-deleted file out of its deletion event. A file deleted on its own was the
    whole event, which then ends; one deleted with its folder leaves that event, which still
    restores the rest."""
    if file.deletion_root and file.deletion_id is not None:
        await session.execute(delete(Deletion).where(Deletion.id == file.deletion_id))
    file.deleted = None
    file.deleted_by_name = None
    file.deleted_by_email = None
    file.deletion_id = None
    file.deletion_root = False


async def _reset_file(
    session: AsyncSession,
    caller: Principal,
    state: snapshots.FileState,
    content: str,
    project_key: str,
    folder_key: str | None,
) -> None:
    file = await session.scalar(
        select(File)
        .where(File.key == state.file_key)
        .execution_options(populate_existing=True)
        .with_for_update()
    )
    folder = await _fresh_folder(session, folder_key) if folder_key else None
    simple_path, canonical_path = paths.file_paths(folder, state.name, state.type)
    if file is None or file.organization_id != caller.organization_id:
        key = state.file_key if file is None else new_key()
        recreated = File(
            key=key,
            organization_id=caller.organization_id,
            project_key=project_key,
            folder_key=folder_key,
            name=state.name,
            type=state.type,
            content=content,
            revision=1,
            simple_path=simple_path,
            canonical_path=canonical_path,
            deletion_root=False,
            **audit_fields.created(caller, utcnow()),
        )
        session.add(recreated)
        await session.flush()
        await template_usages.record(session, recreated, new=True)
        await hub_events.resource_event(session, caller, recreated, "created")
        return
    if file.project_key != project_key:
        await file_service.create(
            session,
            caller,
            name=state.name,
            project_key=project_key,
            folder_key=folder_key,
            file_type=state.type,
            content=content,
        )
        return
    before = hub_events.snapshot_of(file)
    brought_back = file.deleted is not None
    if brought_back:
        await _bring_back(session, file)
    content_changed = snapshots.content_hash(file.content) != state.content_hash
    if content_changed:
        file.content = content
        await template_usages.record(session, file)
    target = (state.name, folder_key, simple_path, canonical_path)
    moved = (file.name, file.folder_key, file.simple_path, file.canonical_path) != target
    if moved:
        file.name, file.folder_key, file.simple_path, file.canonical_path = target
    if not (brought_back or content_changed or moved):
        return
    # A new revision: an editor still holding the old one gets a 409, not an overwrite.
    file.revision = file.revision + 1
    for column, value in audit_fields.updated(caller, utcnow()).items():
        setattr(file, column, value)
    # Typed like a file update (files.py), a file brought back from the bin as a restoration.
    differences = hub_events.changed(before, hub_events.snapshot_of(file))
    if content_changed:
        differences["content"] = {"changed": True}
    if brought_back:
        action = "restored"
    elif content_changed:
        action = "content_changed"
    elif "folderKey" in differences:
        action = "moved"
    else:
        action = "updated"
    await hub_events.resource_event(session, caller, file, action, changes=differences)


async def restore(session: AsyncSession, caller: Principal, key: str) -> None:
    # Every event of the restore (the files it deletes excepted: each is its own deletion
    # event with that deletion's id) carries the correlation id of `project_snapshot.restored`.
    with hub_events.correlated(session, new_key()):
        await _restore(session, caller, key)


async def _restore(session: AsyncSession, caller: Principal, key: str) -> None:
    # Locked, so a concurrent delete cannot empty it halfway (which would read as "restore to
    # an empty project").
    snapshot = await snapshots.live_snapshot(session, caller, key, for_update=True)
    await hub_events.snapshot_event(session, caller, snapshot, "restored")
    target_name = snapshot.name
    project = await lookups.live(session, Project, caller, snapshot.project_key, for_update=True)
    project_key = project.key
    wanted = await snapshots.captured_states(session, snapshot.key)
    current = await snapshots.live_state(session, project_key)
    if snapshots.same_state(current, wanted):
        # Nothing would be replaced: no system snapshot, no new revisions.
        return
    newest = await snapshots.newest_of_project(session, project_key)
    unchanged = newest is not None and snapshots.same_state(
        current, await snapshots.captured_states(session, newest.key)
    )
    if not unchanged:
        captured = await snapshots.capture(
            session,
            caller.organization_id,
            project_key,
            name=(BEFORE_RESTORE + target_name)[:NAME_MAX],
            description=None,
            actor=snapshots.SYSTEM,
            states=current,
        )
        await hub_events.snapshot_event(session, caller, captured, "created")
    captured_keys = {state.file_key for state in wanted}
    for state in current:
        if state.file_key not in captured_keys:
            await lifecycle.soft_delete(session, caller, File, state.file_key)
    placer = _FolderPlacer(session, caller, project_key)
    locations = {s.file_key: await placer.place(s.folder_keys, s.folder_names) for s in wanted}
    organization_id = caller.organization_id
    async for batch in snapshots.with_captured_contents(session, organization_id, wanted):
        for state, content in batch:
            folder_key = locations[state.file_key]
            await _reset_file(session, caller, state, content, project_key, folder_key)
        # Written, the batch's rows are no longer held by the session.
        await session.flush()


# -- duplication ------------------------------------------------------------------------------


def _copy_name(base: str, attempt: int) -> str:
    suffix = COPY_SUFFIX if attempt == 1 else f" (copy {attempt})"
    return base[: NAME_MAX - len(suffix)] + suffix


async def _free_project_name(session: AsyncSession, workspace_key: str, name: str) -> str:
    taken = set(
        await session.scalars(
            select(Project.name).where(
                Project.workspace_key == workspace_key, Project.deleted.is_(None)
            )
        )
    )
    if name not in taken:
        return name
    attempt = 1
    while _copy_name(name, attempt) in taken:
        attempt += 1
    return _copy_name(name, attempt)


async def duplicate(
    session: AsyncSession, caller: Principal, key: str, *, target_workspace_key: str
) -> Project:
    """A new project in the target workspace holding the snapshot's files, with one snapshot
    of its own carrying the source snapshot's name and description."""
    snapshot = await snapshots.live_snapshot(session, caller, key, for_update=True)
    workspace = await lookups.referenced(
        session, Workspace, caller, target_workspace_key, "targetWorkspaceKey"
    )
    source_name = await session.scalar(
        select(Project.name).where(Project.key == snapshot.project_key)
    )
    name = await _free_project_name(session, workspace.key, str(source_name))
    project = await projects.create(session, caller, name=name, workspace_key=workspace.key)
    created_folders: dict[str, str] = {}
    states = await snapshots.captured_states(session, snapshot.key)
    async for batch in snapshots.with_captured_contents(session, caller.organization_id, states):
        for state, content in batch:
            parent: str | None = None
            for folder_key, folder_name in zip(state.folder_keys, state.folder_names, strict=True):
                if folder_key not in created_folders:
                    folder = await folders.create(
                        session,
                        caller,
                        name=folder_name,
                        project_key=project.key,
                        parent_folder_key=parent,
                    )
                    created_folders[folder_key] = folder.key
                parent = created_folders[folder_key]
            await file_service.create(
                session,
                caller,
                name=state.name,
                project_key=project.key,
                folder_key=parent,
                file_type=state.type,
                content=content,
            )
    await snapshots.capture(
        session,
        caller.organization_id,
        project.key,
        name=snapshot.name,
        description=snapshot.description,
        actor=snapshots.Actor.of(caller),
    )
    return project
