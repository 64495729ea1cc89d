"""Project snapshots: capture every live file of a project, read, rename and search them.
Restoration and duplication live in ``snapshot_restore``, deleting snapshots and the clean-up
when files or projects go away in ``snapshot_removal``, the review flow in ``snapshot_reviews``.

Capturing a file records one file version: the newest existing version with exactly the file's
current content is reused (so an unchanged file is shared between snapshots), otherwise a new
version named after the snapshot is created. Versions captured by some snapshot are marked
``linkedToProcessApplication``. The content itself is also kept in ``snapshot_contents`` (see
the schema module), so a snapshot stays restorable whatever happens to its versions.

A snapshot belongs to its project: while the project is soft-deleted its snapshots answer 404
and are not found by searches, and they come back with the project."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from camunda_hub.server.search import Field, FieldKind, SearchSpec
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import NotFound
from camunda_hub.server.services.hub import hub_events, lookups
from camunda_hub.server.services.hub.labels import checked_description, clean_name, shown
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.hub import File, FileVersion, Folder, Project
from camunda_hub.server.store.schema.snapshots import (
    ProjectSnapshot,
    Review,
    ReviewRequest,
    SnapshotContent,
    SnapshotFile,
)

PENDING, REVIEWED, SUPERSEDED = "PENDING", "REVIEWED", "SUPERSEDED"
# Files whose content is held at once by capture, restore, duplication and the external-resource
# check: a project of any size is processed in batches of this many.
BATCH = 200
T = TypeVar("T")


@dataclass(frozen=True)
class Actor:
    """Whom a change is attributed to: the calling API client, or the system user."""

    name: str | None
    email: str | None

    @classmethod
    def of(cls, principal: Principal) -> Actor:
        return cls(principal.name, principal.email)


# Snapshots the server makes on its own (before a restore) are attributed to this user. The
# ``.invalid`` top-level domain (RFC 2606) can never be a real mailbox.
SYSTEM = Actor("Camunda System", "system@camunda-hub.invalid")


@dataclass(frozen=True)
class FileState:
    """One file as a snapshot sees it (captured, or live right now), without its content: the
    content is read ``BATCH`` files at a time where it is needed (``with_live_contents``,
    ``with_captured_contents``)."""

    file_key: str
    name: str
    type: str
    folder_keys: tuple[str, ...]
    folder_names: tuple[str, ...]
    content_hash: str

    def identity(self) -> tuple[object, ...]:
        return (
            self.file_key,
            self.name,
            self.type,
            self.folder_keys,
            self.folder_names,
            self.content_hash,
        )


@dataclass(frozen=True)
class SnapshotView:
    """A snapshot with its review state, as the API shows it."""

    snapshot: ProjectSnapshot
    review_request: ReviewRequest | None
    latest_review: Review | None


@dataclass(frozen=True)
class CapturedVersion:
    """A ``snapshot_files`` row with the live version row when it still exists."""

    entry: SnapshotFile
    version: FileVersion | None


def content_hash(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


# -- current state of a project --------------------------------------------------------------


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def _live_rows(session: AsyncSession, project_key: str) -> list[Any]:
    """Every live file of the project, without content, by name."""
    rows = await session.execute(
        select(File.key, File.name, File.type, File.canonical_path)
        .where(File.project_key == project_key, File.deleted.is_(None))
        .order_by(File.name, File.key)
    )
    return list(rows)


async def _live_contents(session: AsyncSession, keys: Sequence[str]) -> dict[str, str]:
    rows = await session.execute(select(File.key, File.content).where(File.key.in_(keys)))
    return {key: content for key, content in rows}


async def _live_batches(
    session: AsyncSession, project_key: str
) -> AsyncIterator[list[tuple[FileState, str]]]:
    """Every live file of the project with its folder chain, content hash and content, by
    name, ``BATCH`` files at a time."""
    folders = {
        key: name
        for key, name in await session.execute(
            select(Folder.key, Folder.name).where(Folder.project_key == project_key)
        )
    }
    rows = await _live_rows(session, project_key)
    for batch in _batches(rows, BATCH):
        contents = await _live_contents(session, [row.key for row in batch])
        paired = []
        for row in batch:
            content = contents.get(row.key)
            if content is None:
                continue  # removed meanwhile (PostgreSQL reads each statement afresh)
            keys = tuple(row.canonical_path.split("/")) if row.canonical_path else ()
            state = FileState(
                file_key=row.key,
                name=row.name,
                type=row.type,
                folder_keys=keys,
                folder_names=tuple(folders.get(key, "") for key in keys),
                content_hash=content_hash(content),
            )
            paired.append((state, content))
        yield paired


async def live_state(session: AsyncSession, project_key: str) -> list[FileState]:
    """Every live file of the project with its folder chain and content hash."""
    return [state async for batch in _live_batches(session, project_key) for state, _ in batch]


async def with_live_contents(
    session: AsyncSession, states: Sequence[FileState]
) -> AsyncIterator[list[tuple[FileState, str]]]:
    """``states`` of live files with their current content, ``BATCH`` at a time. A file whose
    content changed since its state was taken comes with a state of its new hash (what is
    stored must be what is hashed); one removed since is left out."""
    for batch in _batches(states, BATCH):
        contents = await _live_contents(session, [state.file_key for state in batch])
        paired = []
        for state in batch:
            content = contents.get(state.file_key)
            if content is None:
                continue
            digest = content_hash(content)
            paired.append((replace(state, content_hash=digest), content))
        yield paired


def same_state(left: Iterable[FileState], right: Iterable[FileState]) -> bool:
    return {s.identity() for s in left} == {s.identity() for s in right}


# -- capture ----------------------------------------------------------------------------------


async def _reusable_version(
    session: AsyncSession, state: FileState, content: str
) -> FileVersion | None:
    version: FileVersion | None = await session.scalar(
        select(FileVersion)
        .options(defer(FileVersion.content))
        .where(FileVersion.file_key == state.file_key, FileVersion.content == content)
        .order_by(FileVersion.created.desc(), FileVersion.key)
        .limit(1)
    )
    return version


async def _store_contents(
    session: AsyncSession, organization_id: str, files: Sequence[tuple[FileState, str]]
) -> None:
    by_hash = {state.content_hash: content for state, content in files}
    if not by_hash:
        return
    present = set(
        await session.scalars(
            select(SnapshotContent.content_hash).where(
                SnapshotContent.organization_id == organization_id,
                SnapshotContent.content_hash.in_(list(by_hash)),
            )
        )
    )
    missing = [
        {"organization_id": organization_id, "content_hash": h, "content": c}
        for h, c in by_hash.items()
        if h not in present
    ]
    if not missing:
        return
    # ON CONFLICT DO NOTHING: a concurrent snapshot may store the same content meanwhile
    # (PostgreSQL); equal hashes mean equal content, so either row is right.
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    await session.execute(insert(SnapshotContent).values(missing).on_conflict_do_nothing())


async def capture(
    session: AsyncSession,
    organization_id: str,
    project_key: str,
    *,
    name: str,
    description: str | None,
    actor: Actor,
    states: Sequence[FileState] | None = None,
) -> ProjectSnapshot:
    """A new snapshot of the project's live files (``states``: already taken, without
    content), written ``BATCH`` files at a time."""
    now = utcnow()
    who = {"created_by_name": actor.name, "created_by_email": actor.email}
    snapshot = ProjectSnapshot(
        key=new_key(),
        organization_id=organization_id,
        project_key=project_key,
        name=name,
        description=description,
        created=now,
        updated=now,
        updated_by_name=actor.name,
        updated_by_email=actor.email,
        **who,
    )
    session.add(snapshot)
    await session.flush()
    batches = (
        _live_batches(session, project_key)
        if states is None
        else with_live_contents(session, states)
    )
    async for batch in batches:
        await _capture_batch(session, snapshot, batch, actor, now)
    return snapshot


async def _capture_batch(
    session: AsyncSession,
    snapshot: ProjectSnapshot,
    files: Sequence[tuple[FileState, str]],
    actor: Actor,
    now: datetime,
) -> None:
    organization_id = snapshot.organization_id
    who = {"created_by_name": actor.name, "created_by_email": actor.email}
    await _store_contents(session, organization_id, files)
    for state, content in files:
        version = await _reusable_version(session, state, content)
        if version is None:
            version = FileVersion(
                key=new_key(),
                organization_id=organization_id,
                file_key=state.file_key,
                name=snapshot.name,
                description=None,
                organization_public=False,
                linked_to_process_application=True,
                content=content,
                # Element-template numbers are left to explicit versions: a snapshot must
                # never fail because the template's number already has a version.
                template_version=None,
                created=now,
                updated=now,
                updated_by_name=actor.name,
                updated_by_email=actor.email,
                **who,
            )
            session.add(version)
        else:
            version.linked_to_process_application = True
        session.add(_entry(snapshot.key, organization_id, state, version))
    # Flushed rows are no longer held by the session (its identity map keeps clean objects
    # weakly): memory stays at one batch of contents.
    await session.flush()


def _entry(
    snapshot_key: str, organization_id: str, state: FileState, version: FileVersion
) -> SnapshotFile:
    return SnapshotFile(
        snapshot_key=snapshot_key,
        file_key=state.file_key,
        organization_id=organization_id,
        version_key=version.key,
        file_name=state.name,
        file_type=state.type,
        folder_keys="/".join(state.folder_keys) if state.folder_keys else None,
        folder_names=json.dumps(list(state.folder_names)) if state.folder_names else None,
        content_hash=state.content_hash,
        version_name=version.name,
        version_description=version.description,
        version_organization_public=version.organization_public,
        version_created=version.created,
        version_created_by_name=version.created_by_name,
        version_created_by_email=version.created_by_email,
    )


async def create(
    session: AsyncSession,
    caller: Principal,
    *,
    project_key: str,
    name: str,
    description: str | None,
) -> SnapshotView:
    name = clean_name(name)
    description = checked_description(description)
    project = await lookups.referenced(session, Project, caller, project_key, "projectKey")
    snapshot = await capture(
        session,
        caller.organization_id,
        project.key,
        name=name,
        description=description,
        actor=Actor.of(caller),
    )
    await hub_events.snapshot_event(session, caller, snapshot, "created")
    return SnapshotView(snapshot, None, None)


# -- reading ----------------------------------------------------------------------------------


async def live_snapshot(
    session: AsyncSession, caller: Principal, key: str, *, for_update: bool = False
) -> ProjectSnapshot:
    """The caller's snapshot of a live project, or 404."""
    if not lookups.storable(key):
        raise NotFound(f"project snapshot {shown(key)} was not found")
    query = (
        select(ProjectSnapshot)
        .join(Project, Project.key == ProjectSnapshot.project_key)
        .where(
            ProjectSnapshot.key == key,
            ProjectSnapshot.organization_id == caller.organization_id,
            Project.deleted.is_(None),
        )
    )
    if for_update:
        query = query.with_for_update(of=ProjectSnapshot)
    snapshot: ProjectSnapshot | None = await session.scalar(query)
    if snapshot is None:
        raise NotFound(f"project snapshot {shown(key)} was not found")
    return snapshot


async def views(session: AsyncSession, snapshots: Sequence[ProjectSnapshot]) -> list[SnapshotView]:
    """The snapshots with their pending request and latest review (two queries in all)."""
    keys = [s.key for s in snapshots]
    if not keys:
        return []
    pending = {
        r.snapshot_key: r
        for r in await session.scalars(
            select(ReviewRequest).where(
                ReviewRequest.snapshot_key.in_(keys), ReviewRequest.state == PENDING
            )
        )
    }
    latest: dict[str, Review] = {}
    for review in await session.scalars(
        select(Review).where(Review.snapshot_key.in_(keys)).order_by(Review.created, Review.key)
    ):
        latest[review.snapshot_key] = review
    return [SnapshotView(s, pending.get(s.key), latest.get(s.key)) for s in snapshots]


async def view(session: AsyncSession, snapshot: ProjectSnapshot) -> SnapshotView:
    return (await views(session, [snapshot]))[0]


async def captured_versions(
    session: AsyncSession, snapshot: ProjectSnapshot
) -> list[CapturedVersion]:
    """The snapshot's file versions by file name (live version metadata where it exists)."""
    rows = await session.execute(
        select(SnapshotFile, FileVersion)
        .outerjoin(
            FileVersion,
            (FileVersion.key == SnapshotFile.version_key)
            & (FileVersion.organization_id == SnapshotFile.organization_id),
        )
        .options(defer(FileVersion.content))
        .where(SnapshotFile.snapshot_key == snapshot.key)
        .order_by(SnapshotFile.file_name, SnapshotFile.file_key)
    )
    return [CapturedVersion(entry, version) for entry, version in rows]


async def captured_states(session: AsyncSession, snapshot_key: str) -> list[FileState]:
    """What the snapshot captured (contents: ``with_captured_contents``)."""
    entries = await session.scalars(
        select(SnapshotFile)
        .where(SnapshotFile.snapshot_key == snapshot_key)
        .order_by(SnapshotFile.file_name, SnapshotFile.file_key)
    )
    states = []
    for entry in entries:
        names: list[str] = json.loads(entry.folder_names) if entry.folder_names else []
        states.append(
            FileState(
                file_key=entry.file_key,
                name=entry.file_name,
                type=entry.file_type,
                folder_keys=tuple(entry.folder_keys.split("/")) if entry.folder_keys else (),
                folder_names=tuple(names),
                content_hash=entry.content_hash,
            )
        )
    return states


async def with_captured_contents(
    session: AsyncSession, organization_id: str, states: Sequence[FileState]
) -> AsyncIterator[list[tuple[FileState, str]]]:
    """Captured ``states`` with their stored content, ``BATCH`` at a time."""
    for batch in _batches(states, BATCH):
        contents = await _captured_contents(
            session, organization_id, list({state.content_hash for state in batch})
        )
        yield [(state, contents[state.content_hash]) for state in batch]


async def _captured_contents(
    session: AsyncSession, organization_id: str, hashes: Sequence[str]
) -> dict[str, str]:
    rows = await session.execute(
        select(SnapshotContent.content_hash, SnapshotContent.content).where(
            SnapshotContent.organization_id == organization_id,
            SnapshotContent.content_hash.in_(hashes),
        )
    )
    return {digest: content for digest, content in rows}


async def newest_of_project(session: AsyncSession, project_key: str) -> ProjectSnapshot | None:
    snapshot: ProjectSnapshot | None = await session.scalar(
        select(ProjectSnapshot)
        .where(ProjectSnapshot.project_key == project_key)
        .order_by(ProjectSnapshot.created.desc(), ProjectSnapshot.key.desc())
        .limit(1)
    )
    return snapshot


# -- update / delete --------------------------------------------------------------------------


async def update(
    session: AsyncSession, caller: Principal, key: str, changes: dict[str, Any]
) -> SnapshotView:
    """``changes`` holds the given fields only: ``name`` renames, ``description`` (None
    clears) re-describes."""
    snapshot = await live_snapshot(session, caller, key, for_update=True)
    before = {"name": snapshot.name, "description": snapshot.description}
    if "name" in changes:
        snapshot.name = clean_name(changes["name"])
    if "description" in changes:
        snapshot.description = checked_description(changes["description"])
    if changes:
        snapshot.updated = utcnow()
        snapshot.updated_by_name = caller.name
        snapshot.updated_by_email = caller.email
    await session.flush()
    after = {"name": snapshot.name, "description": snapshot.description}
    if differences := hub_events.changed(before, after):
        await hub_events.snapshot_event(
            session, caller, snapshot, "updated", data={"changes": differences}
        )
    return await view(session, snapshot)


# -- search -----------------------------------------------------------------------------------


def _captured(condition: Any) -> Any:
    return (
        select(SnapshotFile.snapshot_key)
        .where(SnapshotFile.snapshot_key == ProjectSnapshot.key, condition)
        .exists()
    )


_PENDING_REQUEST = (
    select(ReviewRequest.key)
    .where(ReviewRequest.snapshot_key == ProjectSnapshot.key, ReviewRequest.state == PENDING)
    .exists()
)

SEARCH = SearchSpec(
    fields={
        "projectKey": Field(ProjectSnapshot.project_key, FieldKind.BASIC),
        "fileVersionKey": Field(SnapshotFile.version_key, FieldKind.BASIC, any_of=_captured),
        "name": Field(ProjectSnapshot.name, FieldKind.STRING),
        "created": Field(ProjectSnapshot.created, FieldKind.DATETIME),
        "updated": Field(ProjectSnapshot.updated, FieldKind.DATETIME),
        "createdBy": Field(ProjectSnapshot.created_by_email, FieldKind.BASIC),
        "updatedBy": Field(ProjectSnapshot.updated_by_email, FieldKind.BASIC),
        "hasPendingReviewRequest": Field(_PENDING_REQUEST, FieldKind.BOOLEAN),
    },
    sort_fields={
        "name": ProjectSnapshot.name,
        "created": ProjectSnapshot.created,
        "updated": ProjectSnapshot.updated,
    },
    tiebreaker=ProjectSnapshot.key,
    # Oldest first: a project's history reads in the order it was recorded.
    default_sort=(("created", "ASC"),),
)


def searchable(caller: Principal) -> Select[Any]:
    """The caller's snapshots of live projects."""
    return (
        select(ProjectSnapshot)
        .join(Project, Project.key == ProjectSnapshot.project_key)
        .where(
            ProjectSnapshot.organization_id == caller.organization_id,
            Project.deleted.is_(None),
        )
    )
