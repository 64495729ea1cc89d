"""The hottest Hub reads — a file, a project with its root content, a file search — as plain
rows of the columns their responses show, run through ``store.direct_reads``.

Same queries as ``files.get`` / ``projects.get_with_content`` / ``files.searchable`` (scoped to
the caller's organization, live rows only, the same order and paging), but as Core selects of
columns: building ORM objects and running SQLAlchemy's execution machinery cost several times
the queries themselves (bench/reads.py). Each row is a tuple in the order of the ``*_COLUMNS``
below; timestamps are the text SQLite stores (``api/wire_json`` decodes them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, select

from camunda_hub.server.search import SearchPage, SearchRequest, SearchSpec
from camunda_hub.server.search.execute import SearchStatements, run_statements
from camunda_hub.server.search.like import LikePattern
from camunda_hub.server.search.request import Condition
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import NotFound
from camunda_hub.server.services.hub import files, lookups
from camunda_hub.server.store.direct_reads import DirectReads, Row, Snapshot, stored_time_text
from camunda_hub.server.store.schema.hub import File, Folder, Project
from camunda_hub.server.store.schema.read_versions import HubReadVersion

_AUDIT = (
    "created",
    "created_by_name",
    "created_by_email",
    "updated",
    "updated_by_name",
    "updated_by_email",
)
FILE_COLUMNS = (
    "key",
    "name",
    "project_key",
    "folder_key",
    "simple_path",
    "canonical_path",
    "revision",
    "type",
    "content",
    *_AUDIT,
)
# Listings answer ``content: null``: the column is never read.
LISTED_FILE_COLUMNS = tuple(name for name in FILE_COLUMNS if name != "content")
# A project's root files: their project is the one asked for and they have no folder, so the
# two columns are not fetched either (sqlite3 hands back each value at a cost; a listing of 200
# files has 400 fewer).
ROOT_FILE_COLUMNS = tuple(
    name for name in LISTED_FILE_COLUMNS if name not in ("project_key", "folder_key")
)
FOLDER_COLUMNS = ("key", "name", "project_key", "parent_folder_key", *_AUDIT)
PROJECT_COLUMNS = ("key", "name", "workspace_key", *_AUDIT)

_files, _folders, _projects = File.__table__.c, Folder.__table__.c, Project.__table__.c
_TIMES = frozenset({"created", "updated"})


def _shown(columns: Any, names: tuple[str, ...]) -> list[Any]:
    """The columns, timestamps as their stored text on every database (see wire_json)."""
    return [stored_time_text(columns[n]) if n in _TIMES else columns[n] for n in names]


def _live_by_key(columns: Any, names: tuple[str, ...]) -> Select[Any]:
    return select(*_shown(columns, names)).where(
        columns.key == bindparam("key"),
        columns.organization_id == bindparam("organization"),
        columns.deleted.is_(None),
    )


_FILE = _live_by_key(_files, FILE_COLUMNS)
_PROJECT = _live_by_key(_projects, PROJECT_COLUMNS)
_ROOT_FOLDERS = (
    select(*_shown(_folders, FOLDER_COLUMNS))
    .where(
        _folders.project_key == bindparam("key"),
        _folders.parent_folder_key.is_(None),
        _folders.deleted.is_(None),
    )
    .order_by(_folders.name, _folders.key)
)
_ROOT_FILES = (
    select(*_shown(_files, ROOT_FILE_COLUMNS))
    .where(
        _files.project_key == bindparam("key"),
        _files.folder_key.is_(None),
        _files.deleted.is_(None),
    )
    .order_by(_files.name, _files.key)
)


async def file(reads: DirectReads, principal: Principal, key: str) -> Row:
    """As ``files.get``: the live file of the caller's organization, or 404."""
    if lookups.storable(key):
        async with reads.snapshot() as snapshot:
            row = await snapshot.row(_FILE, key=key, organization=principal.organization_id)
        if row is not None:
            return row
    raise NotFound(f"no file with key '{key}' was found")


async def project_with_content(
    reads: DirectReads, principal: Principal, key: str
) -> tuple[Row, list[Row], list[Row]]:
    """As ``projects.get_with_content``: the project, its root folders and root files (rows of
    ``ROOT_FILE_COLUMNS``: the project's key is the project row's), read in one snapshot."""
    async with reads.snapshot(consistent=True) as snapshot:
        found = await _project_rows(snapshot, principal, key)
    if found is None:
        raise _no_project(key)
    return found


async def project_body(
    reads: DirectReads,
    principal: Principal,
    key: str,
    render: Callable[[Row, list[Row], list[Row]], bytes],
    kind: str,
) -> bytes:
    """``render`` of what ``project_with_content`` reads. A project is read far more often
    than anything in the database changes (a CI job polling it, a pull), so the body is kept
    while the project's rows stay the same (``Snapshot.kept``: writes in the organization's
    other projects leave it), for the organization, key and ``kind`` (which names
    ``render``)."""

    async with reads.snapshot(consistent=True) as snapshot:

        async def make() -> bytes | None:
            found = await _project_rows(snapshot, principal, key)
            return None if found is None else render(*found)

        body = await snapshot.kept(
            (kind, principal.organization_id, key),
            make,
            scope=principal.organization_id,
            project=key,
        )
    if body is None:
        raise _no_project(key)
    return body


async def _project_rows(
    snapshot: Snapshot, principal: Principal, key: str
) -> tuple[Row, list[Row], list[Row]] | None:
    if not lookups.storable(key):
        return None
    project = await snapshot.row(_PROJECT, key=key, organization=principal.organization_id)
    if project is None:
        return None
    return (
        project,
        await snapshot.rows(_ROOT_FOLDERS, key=key),
        await snapshot.rows(_ROOT_FILES, key=key),
    )


def _no_project(key: str) -> NotFound:
    return NotFound(f"no project with key '{key}' was found")


# files.searchable as columns, built once: the organization is bound per call.
_SEARCHABLE = select(*_shown(_files, LISTED_FILE_COLUMNS)).where(
    _files.organization_id == bindparam("organization"), _files.deleted.is_(None)
)


# ``_SEARCHABLE`` with the always-true ``key IS NOT NULL``, for the searches that
# ``files.uses_key_order_indexes`` names.
_KEY_ORDERED = _SEARCHABLE.where(_files.key.is_not(None))


def _searchable(request: SearchRequest) -> Select[Any]:
    return _KEY_ORDERED if files.uses_key_order_indexes(request, "projectKey") else _SEARCHABLE


# What ``_SEARCHABLE`` matches without conditions, as the triggers keep it (None: not known).
_LIVE_FILES = select(HubReadVersion.__table__.c.live_files).where(
    HubReadVersion.__table__.c.organization_id == bindparam("organization")
)


def _table_column(column: Any) -> Any:
    return _files[column.key]


def _on_table_columns(spec: SearchSpec) -> SearchSpec:
    """``spec`` with its ORM attributes replaced by the table's columns: the same SQL, and
    expressions on plain columns are several times cheaper to build per request."""
    return replace(
        spec,
        fields={
            name: replace(field, column=_table_column(field.column))
            for name, field in spec.fields.items()
        },
        sort_fields={name: _table_column(c) for name, c in spec.sort_fields.items()},
        tiebreaker=_table_column(spec.tiebreaker),
    )


_SEARCH = _on_table_columns(files.SEARCH)


# Statements of recent requests. Building a search's SQLAlchemy statements (where clause,
# order, page, count) and hashing them for the compiled cache took ~0.15 ms, more than the
# page's query on a small organization; the same request comes again and again (a CI job
# polling, a listing refreshed), and its statements depend on nothing else.
_STATEMENTS_CACHED = 512


@lru_cache(maxsize=_STATEMENTS_CACHED)
def _cached_statements(
    dialect: str, request: SearchRequest, _value_types: tuple[type, ...]
) -> SearchStatements:
    return SearchStatements(dialect, _searchable(request), _SEARCH, request)


def _statements(dialect: str, request: SearchRequest) -> SearchStatements:
    # The values' types are part of the key: 1 == True and 1 == 1.0 would share an entry.
    types = tuple(type(condition.value) for condition in request.conditions)
    return _cached_statements(dialect, request, types)


async def search(reads: DirectReads, principal: Principal, request: SearchRequest) -> SearchPage:
    """As ``run_search`` over ``files.searchable``, with rows of ``LISTED_FILE_COLUMNS``;
    ``request`` is parsed with ``files.SEARCH``."""
    async with reads.snapshot(consistent=True) as snapshot:
        return await _search_in(snapshot, reads.dialect, principal, request)


async def search_body(
    reads: DirectReads,
    principal: Principal,
    request: SearchRequest,
    render: Callable[[SearchPage], bytes],
    kind: str,
) -> bytes:
    """``render`` of ``search``'s page, kept while the data stays the same as ``project_body``
    keeps a project's body (the same search again and again: a CI job polling, a listing
    refreshed). A request with long values is made every time: it would be a large key."""
    if _weight(request.conditions) > _KEPT_REQUEST_WEIGHT:
        return render(await search(reads, principal, request))
    # The values' types are part of the key: 1 == True and 1 == 1.0 would share an entry.
    types = tuple(type(condition.value) for condition in request.conditions)
    key = (kind, principal.organization_id, request, types)
    async with reads.snapshot(consistent=True) as snapshot:

        async def make() -> bytes:
            return render(await _search_in(snapshot, reads.dialect, principal, request))

        return await snapshot.kept(key, make, scope=principal.organization_id)


# Characters of a request's values (and one per other value) up to which its body is kept.
_KEPT_REQUEST_WEIGHT = 512


def _weight(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, tuple):
        return sum(_weight(part) for part in value)
    if isinstance(value, Condition):
        return len(value.field) + _weight(value.value)
    if isinstance(value, LikePattern):
        return _weight(value.tokens)
    return 1


async def _search_in(
    snapshot: Snapshot, dialect: str, principal: Principal, request: SearchRequest
) -> SearchPage:
    organization = principal.organization_id
    statements = _statements(dialect, request)

    async def rows(query: Select[Any]) -> list[Row]:
        return await snapshot.rows(query, organization=organization)

    async def count(query: Select[Any]) -> Any:
        if not request.conditions:
            # Every live file matches: the kept number, in this snapshot, for the bounded count.
            live = await snapshot.row(_LIVE_FILES, organization=organization)
            if live is not None and live[0] is not None:
                return live[0]
        # Bounded, but up to 10,000 index entries a full page: kept until the data changes.
        return (
            await snapshot.lasting_value(query, scope=organization, organization=organization) or 0
        )

    return await run_statements(rows, count, statements)
