"""The two sides of a sync: the model files under a local folder, and a project's folder tree
on the Hub, both keyed by the same relative POSIX path (``orders/order-process.bpmn``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from camunda_hub.client import model_files
from camunda_hub.client.models import File, Folder
from camunda_hub.client.sync_state import STATE_FILE

UNSAFE_PARTS = frozenset({"", ".", ".."})


class UnsafePath(ValueError):
    pass


def safe_parts(path: str) -> tuple[str, ...]:
    """The components of a relative path that may be written under the sync folder."""
    parts = tuple(path.split("/"))
    for part in parts:
        if part in UNSAFE_PARTS or "\\" in part or "\0" in part or part.startswith("."):
            raise UnsafePath(f"{path!r} is not a safe relative path")
    return parts


def local_models(root: Path) -> dict[str, Path]:
    """Model files under ``root`` by relative path; hidden files and folders are skipped."""
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or relative.name == STATE_FILE:
            continue
        if path.is_file() and relative.suffix.lower() in model_files.EXTENSIONS:
            found[PurePosixPath(*relative.parts).as_posix()] = path
    return found


@dataclass
class RemoteTree:
    project_key: str
    # Folder path ("" is the project root) → folder key (None for the root).
    folders: dict[str, str | None] = field(default_factory=dict)
    files: dict[str, File] = field(default_factory=dict)
    # Hub entries that cannot be mapped onto a local path, with the reason.
    unmappable: list[tuple[str, str]] = field(default_factory=list)


def add_listing(
    tree: RemoteTree, prefix: str, folders: list[Folder], files: list[File]
) -> list[tuple[str, str]]:
    """Put one folder's listing (``prefix`` is its path) into ``tree``; returns the
    ``(path, folder_key)`` of the subfolders still to be listed. No I/O: the caller fetches."""
    for remote_file in files:
        leaf = model_files.local_path(remote_file.name, remote_file.type)
        path = f"{prefix}/{leaf}" if prefix else leaf
        try:
            safe_parts(path)
        except UnsafePath as exc:
            tree.unmappable.append((path, str(exc)))
            continue
        if path in tree.files:
            tree.unmappable.append(
                (
                    path,
                    f"two Hub files map to {path} ({tree.files[path].file_key}, {remote_file.file_key})",
                )
            )
            continue
        tree.files[path] = remote_file
    pending: list[tuple[str, str]] = []
    for folder in folders:
        path = f"{prefix}/{folder.name}" if prefix else folder.name
        if "/" in folder.name or folder.name in UNSAFE_PARTS or folder.name.startswith("."):
            tree.unmappable.append((path, f"folder name {folder.name!r} cannot be a local folder"))
            continue
        tree.folders[path] = folder.folder_key
        pending.append((path, folder.folder_key))
    return pending
