"""``simplePath`` and ``canonicalPath``: where a file sits inside its project.

Folders carry their materialized path (``path_keys`` = ``k1/k2/self``, ``path_names`` =
``a/b/self``); a file copies its folder's pair, so ``canonicalPath`` is the ``/``-joined keys of
its ancestor folders (empty at the project root) and ``simplePath`` the folder names followed by
the file name and its type's extension (``orders/processes/order-process.bpmn``).

Renaming or moving a folder rewrites the prefix of every descendant with one set-based UPDATE
per table (prefix replacement with ``substr``), however deep or large the subtree is."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, SQLColumnExpression, func, literal, or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.store.schema.hub import File, Folder

SEPARATOR = "/"

# The extension a file's type gets in ``simplePath`` (the file name itself carries none).
EXTENSIONS = {
    "bpmn": ".bpmn",
    "dmn": ".dmn",
    "form": ".form",
    "element-template": ".json",
    "rpa": ".rpa",
    "markdown": ".md",
    "tests": ".json",
}


def file_name_with_extension(name: str, file_type: str) -> str:
    extension = EXTENSIONS[file_type]
    # Names that already end in their extension (``order.bpmn``) are not doubled.
    if name.lower().endswith(extension):
        return name
    return name + extension


class FolderPaths(Protocol):
    """What a file's paths are made of: a Folder row, or the few columns of one."""

    @property
    def path_keys(self) -> str: ...

    @property
    def path_names(self) -> str: ...


def file_paths(folder: FolderPaths | None, name: str, file_type: str) -> tuple[str, str]:
    """(simple_path, canonical_path) of a file named ``name`` in ``folder`` (None = root)."""
    leaf = file_name_with_extension(name, file_type)
    if folder is None:
        return leaf, ""
    return folder.path_names + SEPARATOR + leaf, folder.path_keys


def folder_paths(parent: Folder | None, key: str, name: str) -> tuple[str, str]:
    """(path_keys, path_names) of folder ``key`` named ``name`` under ``parent`` (None = root)."""
    if parent is None:
        return key, name
    return parent.path_keys + SEPARATOR + key, parent.path_names + SEPARATOR + name


def ancestor_keys(folder: Folder) -> list[str]:
    """Keys of the folder's ancestors, outermost first (the folder itself excluded)."""
    return folder.path_keys.split(SEPARATOR)[:-1]


def _starts_with(column: SQLColumnExpression[str], prefix: str) -> ColumnElement[bool]:
    # substr comparison instead of LIKE: keys and names may hold LIKE wildcards.
    return func.substr(column, 1, len(prefix)) == prefix


def folders_below(project_key: str, path_keys: str) -> ColumnElement[bool]:
    """Strict descendants of the folder whose materialized path is ``path_keys``."""
    return (Folder.project_key == project_key) & _starts_with(
        Folder.path_keys, path_keys + SEPARATOR
    )


def folder_and_below(project_key: str, path_keys: str) -> ColumnElement[bool]:
    return (Folder.project_key == project_key) & or_(
        Folder.path_keys == path_keys, _starts_with(Folder.path_keys, path_keys + SEPARATOR)
    )


def files_below(project_key: str, path_keys: str) -> ColumnElement[bool]:
    """Files anywhere inside the folder whose materialized path is ``path_keys``."""
    return (File.project_key == project_key) & or_(
        File.canonical_path == path_keys,
        _starts_with(File.canonical_path, path_keys + SEPARATOR),
    )


def _replace_prefix(column: SQLColumnExpression[str], old: str, new: str) -> ColumnElement[str]:
    return literal(new) + func.substr(column, len(old) + 1)


async def rewrite_descendants(
    session: AsyncSession,
    *,
    old_project: str,
    old_keys: str,
    old_names: str,
    new_project: str,
    new_keys: str,
    new_names: str,
) -> None:
    """After a folder moved or was renamed, give every descendant (live or soft-deleted, so a
    later restoration finds correct paths) its new path prefix and project."""
    if (old_project, old_keys, old_names) == (new_project, new_keys, new_names):
        return
    await session.execute(
        update(Folder)
        .where(folders_below(old_project, old_keys))
        .values(
            project_key=new_project,
            path_keys=_replace_prefix(Folder.path_keys, old_keys, new_keys),
            path_names=_replace_prefix(Folder.path_names, old_names, new_names),
        )
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(File)
        .where(files_below(old_project, old_keys))
        .values(
            project_key=new_project,
            canonical_path=_replace_prefix(File.canonical_path, old_keys, new_keys),
            simple_path=_replace_prefix(File.simple_path, old_names, new_names),
        )
        .execution_options(synchronize_session=False)
    )
