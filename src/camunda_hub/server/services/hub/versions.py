"""File versions: immutable snapshots of one file's content, and restoring a file to one.

A version belongs to its file: while the file is soft-deleted its versions answer 404 like the
file itself, and they come back when the file is restored. Element templates carry their own
integer ``version`` inside the JSON content; that number identifies the version, so it must
be unique per file (a second version with the same number is a 409)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, Select, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from camunda_hub.server.search import Field, FieldKind, SearchSpec
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import Conflict, InvalidInput, NotFound
from camunda_hub.server.services.hub import audit_fields, hub_events, lookups, template_usages
from camunda_hub.server.services.hub.labels import (
    NAME_MAX,
    checked_description,
    clean_name,
    shown,
)
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.hub import File, FileVersion

ELEMENT_TEMPLATE = "element-template"
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
RESTORED_SUFFIX = " (restored)"


@dataclass(frozen=True)
class VersionUpdate:
    """A PATCH: ``name`` always; the rest only when ``*_given`` (``None`` description clears)."""

    name: str
    description: str | None = None
    description_given: bool = False
    organization_public: bool | None = None


def _template_document(content: str) -> dict[str, Any]:
    try:
        document = json.loads(content)
    except (ValueError, RecursionError):
        document = None
    if not isinstance(document, dict):
        raise InvalidInput(
            "the element template's content is not a JSON object, so it has no version number"
        )
    return document


def template_version_of(content: str) -> int:
    """The element template's own ``version`` number, which names its versions."""
    number = _template_document(content).get("version")
    if isinstance(number, bool) or not isinstance(number, int):
        raise InvalidInput(
            "the element template needs an integer 'version' field before a version of it "
            "can be created"
        )
    if not INT64_MIN <= number <= INT64_MAX:
        raise InvalidInput("the element template's 'version' does not fit in a 64-bit integer")
    return number


def with_template_version(content: str, number: int) -> str:
    """The template content with its ``version`` set to ``number``. The JSON is written back
    with two-space indentation (the element-template convention); keys keep their order."""
    document = _template_document(content)
    document["version"] = number
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return text + "\n" if content.endswith("\n") else text


def _restored_name(name: str) -> str:
    return name[: NAME_MAX - len(RESTORED_SUFFIX)] + RESTORED_SUFFIX


async def _version_of_live_file(
    session: AsyncSession, caller: Principal, version_key: str, *, with_content: bool = False
) -> tuple[FileVersion, str]:
    """The version and its file's type; 404 unless the version is the caller's and its file
    is live. A version's content is only loaded when asked for: it can be large."""
    query = (
        select(FileVersion, File.type)
        .join(File, File.key == FileVersion.file_key)
        .where(
            FileVersion.key == version_key,
            FileVersion.organization_id == caller.organization_id,
            File.deleted.is_(None),
        )
    )
    if not with_content:
        query = query.options(defer(FileVersion.content))
    row = (await session.execute(query)).first()
    if row is None:
        raise NotFound(f"version {shown(version_key)} was not found")
    return row[0], row[1]


async def _ensure_number_free(session: AsyncSession, file_key: str, number: int) -> None:
    taken = await session.scalar(
        select(
            exists().where(FileVersion.file_key == file_key, FileVersion.template_version == number)
        )
    )
    if taken:
        raise Conflict(f"file {file_key!r} already has a version with template version {number}")


async def _insert(session: AsyncSession, version: FileVersion) -> FileVersion:
    session.add(version)
    try:
        await session.flush()
    except IntegrityError as exc:
        # Another transaction took the same template version number between our check and
        # this insert (possible on PostgreSQL; SQLite writers are serialised).
        raise Conflict(
            f"file {version.file_key!r} already has a version with template version "
            f"{version.template_version}"
        ) from exc
    return version


def _new_version(
    caller: Principal,
    file_key: str,
    *,
    name: str,
    description: str | None,
    content: str,
    template_version: int | None,
    organization_public: bool,
) -> FileVersion:
    return FileVersion(
        organization_id=caller.organization_id,
        file_key=file_key,
        name=name,
        description=description,
        organization_public=organization_public,
        linked_to_process_application=False,
        content=content,
        template_version=template_version,
        **audit_fields.created(caller, utcnow()),
    )


async def create(
    session: AsyncSession,
    caller: Principal,
    *,
    file_key: str,
    name: str,
    description: str | None = None,
    organization_public: bool = False,
) -> FileVersion:
    """Snapshot the file's current content."""
    name = clean_name(name)
    description = checked_description(description)
    file = await lookups.referenced(session, File, caller, file_key, "fileKey")
    template_version = None
    if file.type == ELEMENT_TEMPLATE:
        template_version = template_version_of(file.content)
        await _ensure_number_free(session, file.key, template_version)
    elif organization_public:
        raise InvalidInput(
            f"organizationPublic: only element-template files can be published; "
            f"file {file.key!r} is a {file.type} file"
        )
    version = _new_version(
        caller,
        file.key,
        name=name,
        description=description,
        content=file.content,
        template_version=template_version,
        organization_public=organization_public,
    )
    created = await _insert(session, version)
    await hub_events.resource_event(session, caller, created, "created")
    return created


async def get(session: AsyncSession, caller: Principal, version_key: str) -> FileVersion:
    """The version with its content."""
    version, _type = await _version_of_live_file(session, caller, version_key, with_content=True)
    return version


async def update_metadata(
    session: AsyncSession, caller: Principal, version_key: str, change: VersionUpdate
) -> FileVersion:
    """Name, description and publication; the content of a version never changes."""
    name = clean_name(change.name)
    version, file_type = await _version_of_live_file(session, caller, version_key)
    before = hub_events.snapshot_of(version)
    if change.organization_public is not None:
        if change.organization_public and file_type != ELEMENT_TEMPLATE:
            raise InvalidInput(
                f"organizationPublic: only versions of element-template files can be "
                f"published; file {version.file_key!r} is a {file_type} file"
            )
        version.organization_public = change.organization_public
    if change.description_given:
        version.description = checked_description(change.description)
    version.name = name
    for column, value in audit_fields.updated(caller, utcnow()).items():
        setattr(version, column, value)
    await session.flush()
    if differences := hub_events.changed(before, hub_events.snapshot_of(version)):
        await hub_events.resource_event(session, caller, version, "updated", changes=differences)
    return version


async def delete(session: AsyncSession, caller: Principal, version_key: str) -> None:
    version, _type = await _version_of_live_file(session, caller, version_key)
    await hub_events.resource_event(session, caller, version, "deleted")
    await session.delete(version)
    await session.flush()


async def restore(
    session: AsyncSession, caller: Principal, version_key: str, *, target_number: int | None
) -> FileVersion:
    """Write the version's content back to its file (a new file revision) and record that
    state as a new version. For element templates, ``target_number`` becomes the template's
    ``version`` in the restored content and the new version's number; it must be unused."""
    source, file_type = await _version_of_live_file(session, caller, version_key, with_content=True)
    file_key = source.file_key
    content = source.content
    template_version = None
    if file_type == ELEMENT_TEMPLATE:
        if target_number is None:
            raise InvalidInput(
                "version: restoring a version of an element template needs the target "
                "version number"
            )
        content = with_template_version(content, target_number)
        template_version = target_number
        await _ensure_number_free(session, file_key, target_number)
    # Bumping the revision in the UPDATE itself keeps it atomic against concurrent file edits:
    # an editor holding the old revision gets a 409 instead of overwriting the restored content.
    written = await session.execute(
        update(File)
        .where(File.key == file_key, File.deleted.is_(None))
        .values(
            content=content,
            revision=File.revision + 1,
            **audit_fields.updated(caller, utcnow()),
        )
        # No File object is loaded in this session, so there is nothing to synchronise.
        .execution_options(synchronize_session=False)
    )
    if cast("CursorResult[Any]", written).rowcount == 0:
        raise NotFound(f"version {shown(version_key)} was not found")
    await template_usages.record_content(
        session,
        organization_id=caller.organization_id,
        file_key=file_key,
        file_type=file_type,
        content=content,
    )
    version = _new_version(
        caller,
        file_key,
        name=_restored_name(source.name),
        description=source.description,
        content=content,
        template_version=template_version,
        organization_public=False,
    )
    restored = await _insert(session, version)
    await hub_events.resource_event(
        session, caller, restored, "restored", extra={"restoredFrom": source.key}
    )
    file = await session.scalar(
        select(File).options(defer(File.content)).where(File.key == file_key)
    )
    if file is not None:
        await session.refresh(file, ["revision", "simple_path", "name"])
        await hub_events.resource_event(
            session,
            caller,
            file,
            "content_changed",
            changes={
                "content": {"changed": True},
                "revision": {"old": file.revision - 1, "new": file.revision},
            },
        )
    return restored


SEARCH = SearchSpec(
    fields={
        # A string filter in the contract, required: versions are listed per file.
        "fileKey": Field(FileVersion.file_key, FieldKind.STRING),
        "name": Field(FileVersion.name, FieldKind.STRING),
        "created": Field(FileVersion.created, FieldKind.DATETIME),
        "createdBy": Field(FileVersion.created_by_email, FieldKind.BASIC),
    },
    sort_fields={"name": FileVersion.name, "created": FileVersion.created},
    tiebreaker=FileVersion.key,
    required_filters=("fileKey",),
    # Oldest first: a file's history reads in the order it was written.
    default_sort=(("created", "ASC"),),
)


def search_base(caller: Principal) -> Select[Any]:
    """Every version the caller may see: their organization's, of files that are not deleted."""
    return (
        select(FileVersion)
        .options(defer(FileVersion.content))
        .join(File, File.key == FileVersion.file_key)
        .where(FileVersion.organization_id == caller.organization_id, File.deleted.is_(None))
    )
