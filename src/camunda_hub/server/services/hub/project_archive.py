"""The project archive of ``GET /projects/{key}/export`` and ``…/import``: a zip of the live files
in their folders, named like ``camunda-hub pull`` writes them (folder names, then the file name
with its type's extension), plus ``camunda-hub-project.json`` (keys, names, types, revisions).

Reading an uploaded archive is defensive: entries are checked before anything is read (no
absolute or ``..`` paths, no symlinks, no encrypted or duplicate entries, a bounded count), and
each entry is read through a hard cap whatever its header claims, so a zip bomb costs at most
the cap."""

from __future__ import annotations

import json
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from camunda_hub.server.services.errors import InvalidInput, ServiceError
from camunda_hub.server.services.hub import lookups, paths

MANIFEST = "camunda-hub-project.json"
FORMAT = "camunda-hub-project"
FORMAT_VERSION = 1

MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
# Deflate reaches ~1000:1 only on degenerate input; real models compress 5-20:1.
MAX_RATIO = 200
MAX_NAME = 255 + len(".element-template")  # a Hub name plus its extension

# Which type a file extension means (``.json`` is an element template unless the manifest says
# it is a process test).
TYPE_OF_EXTENSION = {
    ".bpmn": "bpmn",
    ".dmn": "dmn",
    ".form": "form",
    ".json": "element-template",
    ".rpa": "rpa",
    ".md": "markdown",
}


class UnsafeArchive(InvalidInput):
    pass


class ArchiveTooLarge(ServiceError):
    status = 413
    title = "Content Too Large"


def unsafe_reason(part: str) -> str | None:
    """Why a folder or file name cannot be one component of an archive path (None: it can)."""
    if part in ("", ".", ".."):
        return "empty, '.' or '..'"
    if "/" in part or "\\" in part or "\0" in part:
        return "contains '/', '\\' or NUL"
    if part.startswith("."):
        return "starts with '.' (hidden)"
    return None


def leaf_name(name: str, file_type: str) -> str:
    return paths.file_name_with_extension(name, file_type)


# -- the manifest -----------------------------------------------------------------------------


@dataclass
class ManifestFile:
    path: str
    name: str
    type: str
    file_key: str | None = None
    revision: int | None = None


@dataclass
class ProjectManifest:
    project_key: str | None = None
    project_name: str | None = None
    workspace_key: str | None = None
    folders: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, ManifestFile] = field(default_factory=dict)

    def to_json(self, not_exported: list[dict[str, str]]) -> bytes:
        document = {
            "format": FORMAT,
            "formatVersion": FORMAT_VERSION,
            "project": {
                "projectKey": self.project_key,
                "name": self.project_name,
                "workspaceKey": self.workspace_key,
            },
            "folders": self.folders,
            "files": [
                {
                    "path": f.path,
                    "fileKey": f.file_key,
                    "name": f.name,
                    "type": f.type,
                    "revision": f.revision,
                }
                for f in self.files.values()
            ],
            "notExported": not_exported,
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def parse_manifest(data: bytes) -> ProjectManifest:
    try:
        document = json.loads(data)
        if document.get("format") != FORMAT:
            raise ValueError
        if int(document.get("formatVersion", 0)) > FORMAT_VERSION:
            raise UnsafeArchive(
                f"{MANIFEST}: format version {document['formatVersion']} is newer than this "
                "server reads"
            )
        project = document.get("project") or {}
        manifest = ProjectManifest(
            project_key=project.get("projectKey"),
            project_name=project.get("name"),
            workspace_key=project.get("workspaceKey"),
        )
        for entry in document.get("files", []):
            revision = entry.get("revision")
            item = ManifestFile(
                path=str(entry["path"]),
                name=str(entry["name"]),
                type=str(entry["type"]),
                file_key=entry.get("fileKey"),
                revision=int(revision) if revision is not None else None,
            )
            if item.type not in paths.EXTENSIONS:
                raise UnsafeArchive(f"{MANIFEST}: unknown file type {item.type[:40]!r}")
            manifest.files[item.path] = item
    except UnsafeArchive:
        raise
    except (ValueError, TypeError, KeyError, AttributeError):
        raise UnsafeArchive(f"{MANIFEST} is not a camunda-hub project manifest") from None
    return manifest


# -- reading an upload ------------------------------------------------------------------------


@dataclass
class ArchiveFile:
    parts: tuple[str, ...]  # folder names…, leaf (with extension)
    content: str

    @property
    def path(self) -> str:
        return "/".join(self.parts)


@dataclass
class ProjectUpload:
    manifest: ProjectManifest
    folders: set[tuple[str, ...]]
    files: list[ArchiveFile]


def _entry_parts(info: zipfile.ZipInfo) -> tuple[str, ...]:
    name = info.filename
    shown = name[:120]
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise UnsafeArchive(f"archive entry {shown!r}: absolute paths are not allowed")
    if "\\" in name:
        raise UnsafeArchive(f"archive entry {shown!r}: backslashes are not allowed")
    parts = tuple(name.rstrip("/").split("/"))
    for part in parts:
        if part in ("", ".", ".."):
            raise UnsafeArchive(
                f"archive entry {shown!r}: '..', '.' and empty parts are not allowed"
            )
        if "\0" in part:
            raise UnsafeArchive(f"archive entry {shown!r}: NUL in a name")
        if len(part) > MAX_NAME:
            raise UnsafeArchive(f"archive entry {shown!r}: a name longer than {MAX_NAME}")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeArchive(f"archive entry {shown!r}: symbolic links are not allowed")
    if info.flag_bits & 0x1:
        raise UnsafeArchive(f"archive entry {shown!r}: encrypted entries are not allowed")
    return parts


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    shown = info.filename[:120]
    limit = min(MAX_ENTRY_BYTES, budget)
    if info.file_size > MAX_ENTRY_BYTES:
        raise ArchiveTooLarge(
            f"archive entry {shown!r}: {info.file_size} bytes, more than {MAX_ENTRY_BYTES}"
        )
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        raise ArchiveTooLarge(f"archive entry {shown!r}: compression ratio over {MAX_RATIO}:1")
    try:
        with archive.open(info) as member:
            # The header may lie about the size: read through the cap, never past it.
            data = member.read(limit + 1)
    # zipfile raises NotImplementedError for a compression method it cannot unpack (an
    # uploader's choice, so bad input, not a gap in this code).
    except (zipfile.BadZipFile, NotImplementedError, EOFError, ValueError) as exc:
        raise UnsafeArchive(f"archive entry {shown!r} cannot be read ({exc})") from None
    if len(data) > limit:
        if limit < MAX_ENTRY_BYTES:
            raise ArchiveTooLarge(f"the archive unpacks to more than {MAX_TOTAL_BYTES} bytes")
        raise ArchiveTooLarge(f"archive entry {shown!r}: more than {MAX_ENTRY_BYTES} bytes")
    return data


def read_upload(stream: IO[bytes]) -> ProjectUpload:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnsafeArchive("archive: not a zip file") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ArchiveTooLarge(f"archive: more than {MAX_ENTRIES} entries")
        seen: set[str] = set()
        entries: list[tuple[zipfile.ZipInfo, tuple[str, ...]]] = []
        for info in infos:
            parts = _entry_parts(info)
            normal = unicodedata.normalize("NFC", "/".join(parts))
            if normal in seen:
                raise UnsafeArchive(f"archive entry {info.filename[:120]!r}: duplicate name")
            seen.add(normal)
            entries.append((info, parts))
        manifest = ProjectManifest()
        folders: set[tuple[str, ...]] = set()
        files: list[ArchiveFile] = []
        budget = MAX_TOTAL_BYTES
        for info, parts in entries:
            if info.is_dir():
                folders.add(parts)
                continue
            data = _read_capped(archive, info, budget)
            budget -= len(data)
            if parts == (MANIFEST,):
                manifest = parse_manifest(data)
                continue
            for hidden in parts:
                if hidden.startswith("."):
                    raise UnsafeArchive(
                        f"archive entry {info.filename[:120]!r}: hidden names are not allowed"
                    )
            suffix = "." + parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
            if suffix not in TYPE_OF_EXTENSION:
                raise UnsafeArchive(
                    f"archive entry {info.filename[:120]!r}: not a model file (allowed: "
                    f"{', '.join(sorted(TYPE_OF_EXTENSION))})"
                )
            try:
                content = data.decode("utf-8")
            except UnicodeDecodeError:
                raise UnsafeArchive(
                    f"archive entry {info.filename[:120]!r}: not UTF-8 text"
                ) from None
            if not content or not lookups.storable(content):
                raise UnsafeArchive(
                    f"archive entry {info.filename[:120]!r}: empty, or holds a NUL character"
                )
            files.append(ArchiveFile(parts, content))
            folders.update(parts[:i] for i in range(1, len(parts)))
    return ProjectUpload(manifest, folders, files)


def file_identity(upload: ProjectUpload, item: ArchiveFile) -> tuple[str, str]:
    """(Hub name, type) of an archive file: from the manifest when it lists the path, else from
    the extension (the name is the leaf without it)."""
    listed = upload.manifest.files.get(item.path)
    if listed is not None:
        if leaf_name(listed.name, listed.type) != item.parts[-1]:
            raise UnsafeArchive(
                f"{MANIFEST}: {item.path!r} does not match the name {listed.name!r} of type "
                f"{listed.type!r}"
            )
        return listed.name, listed.type
    leaf = item.parts[-1]
    stem, extension = leaf.rsplit(".", 1)
    file_type = TYPE_OF_EXTENSION["." + extension.lower()]
    if file_type == "element-template":
        try:
            if "testCases" in json.loads(item.content):
                file_type = "tests"
        except (ValueError, TypeError):
            pass
    return stem, file_type
