"""The sync-state file ``push``/``pull`` keep in the local folder (``.camunda-hub-sync.json``):
for each synced path, the Hub file key, the revision and a hash of the content as last synced.

It is what tells "changed here", "changed on the Hub" and "changed on both sides" apart, so a
conflict is reported instead of one side silently overwriting the other."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from camunda_hub.client.errors import HubError

STATE_FILE = ".camunda-hub-sync.json"
FORMAT = 1


class SyncStateError(HubError):
    """The sync-state file cannot be used (damaged, or kept for another project)."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Entry:
    file_key: str
    revision: int
    sha256: str
    type: str


@dataclass
class SyncState:
    project_key: str
    files: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path, project_key: str) -> SyncState:
        path = folder / STATE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(project_key)
        except (OSError, ValueError) as exc:
            raise SyncStateError(f"cannot read {path}: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SyncStateError(f"{path} is not a sync-state file this version understands")
        if data.get("projectKey") != project_key:
            raise SyncStateError(
                f"{folder} is synced with project {data.get('projectKey')}, not {project_key} "
                f"(remove {STATE_FILE} to start over)"
            )
        try:
            files = {
                str(p): Entry(
                    file_key=str(e["fileKey"]),
                    revision=int(e["revision"]),
                    sha256=str(e["sha256"]),
                    type=str(e["type"]),
                )
                for p, e in dict(data.get("files") or {}).items()
            }
        except (KeyError, TypeError, ValueError):
            raise SyncStateError(f"{path} is damaged (remove it to start over)") from None
        return cls(project_key, files)

    def save(self, folder: Path) -> None:
        data = {
            "format": FORMAT,
            "projectKey": self.project_key,
            "files": {
                path: {
                    "fileKey": e.file_key,
                    "revision": e.revision,
                    "sha256": e.sha256,
                    "type": e.type,
                }
                for path, e in sorted(self.files.items())
            },
        }
        write_atomic(folder / STATE_FILE, json.dumps(data, indent=2) + "\n")


def write_atomic(path: Path, text: str, *, fsync: bool = True) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new one.

    ``fsync=False`` leaves flushing to the caller (:func:`fsync_all` of many files at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def fsync_all(paths: list[Path], threads: int = 8) -> None:
    """Flush files written with ``fsync=False``. Many fsyncs pending at once share the
    filesystem's journal commits, so this costs a fraction of one fsync per write."""
    from concurrent.futures import ThreadPoolExecutor

    def flush(path: Path) -> None:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    with ThreadPoolExecutor(max(1, min(threads, len(paths)))) as pool:
        list(pool.map(flush, paths))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once, at import: reading it means setting it, which is not safe while other threads
# create files (the bulk pull writes from several).
_UMASK = _umask()
