"""Applying what one page of events changed to the local folder and its sync state (blocking
file work, run in a thread by the asyncio watch).

Each changed Hub file is a :class:`Target`: gone from the project, renamed without a content
change (its content is the local file's), or fetched as the Hub has it now. The rules are
``pull``'s (:func:`tree_plan.plan_pull`): a local file is replaced only when it still holds
what was last synced, so an edit made here is never lost. What ``pull`` does not do, and a
watch must, is let a rename, move or deletion on the Hub reach the local tree: a local copy
that is unchanged since the last sync goes (its content is on the Hub), an edited one stays
where it is and is reported as a conflict.

Old places are vacated before new ones are filled, so files that swap places in one page, or a
file created where another was moved away from, land where the Hub has them. The sync state is
saved once per page, after the files it describes are on disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from camunda_hub.client import model_files
from camunda_hub.client.models import File
from camunda_hub.client.sync_state import SyncState, content_hash, write_atomic
from camunda_hub.client.tree_plan import Compare, Outcome, Write, entry_of, plan_pull
from camunda_hub.client.tree_watch_plan import Renamed
from camunda_hub.client.trees import UnsafePath, safe_parts


@dataclass(frozen=True)
class Gone:
    """No longer in the project (deleted, purged, or moved to another project)."""


Target = Gone | Renamed | File


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _path_of(target: Renamed | File) -> str:
    if isinstance(target, Renamed):
        return target.path
    return model_files.local_path(target.simple_path, target.type)


class PageApply:
    def __init__(self, root: Path, project_key: str) -> None:
        self.root = root
        self.state = SyncState.load(root, project_key)
        self.outcomes: list[Outcome] = []
        # file key → (old path, its unchanged text) of files leaving a place they held here.
        self._moving: dict[str, tuple[str, str]] = {}

    def run(self, targets: dict[str, Target]) -> list[Outcome]:
        try:
            for key, target in targets.items():
                self._vacate(key, target)
            for key, target in targets.items():
                if not isinstance(target, Gone):
                    self._place(key, target)
        finally:
            # Also after an error (a disk full): what was done is recorded, so the next pull
            # does not take the watch's own writes for someone else's.
            self.state.save(self.root)
        return sorted(self.outcomes, key=lambda o: o.path)

    def unchanged_here(self, path: str) -> bool:
        """Whether the tracked local file at ``path`` still holds what was last synced."""
        entry = self.state.files.get(path)
        text = _read(self._local(path)) if entry is not None else None
        return text is not None and entry is not None and content_hash(text) == entry.sha256

    def _local(self, path: str) -> Path:
        return self.root.joinpath(*safe_parts(path))

    def _vacate(self, key: str, target: Target) -> None:
        new_path = None if isinstance(target, Gone) else _path_of(target)
        for old in [p for p, e in self.state.files.items() if e.file_key == key]:
            if old == new_path:
                continue
            entry = self.state.files[old]
            local = self._local(old)
            if not local.exists():
                del self.state.files[old]
                continue
            if not local.parent.resolve().is_relative_to(self.root.resolve()):
                # Never remove a file outside the sync folder (a symlinked folder).
                self.outcomes.append(
                    Outcome(old, "skipped", "its local folder leads outside the sync folder")
                )
                continue
            text = _read(local)
            if text is None or content_hash(text) != entry.sha256:
                # Kept with its entry, so a push reports it instead of recreating the file.
                what = (
                    "deleted on the Hub"
                    if new_path is None
                    else f"moved on the Hub to {new_path}"
                    + (" (pull to get the Hub's copy there)" if isinstance(target, Renamed) else "")
                )
                self.outcomes.append(Outcome(old, "conflict", f"{what}; changed here, so kept"))
                continue
            local.unlink()
            self._prune(local.parent)
            del self.state.files[old]
            if new_path is None:
                self.outcomes.append(Outcome(old, "deleted", "deleted on the Hub"))
            else:
                self._moving[key] = (old, text)

    def _prune(self, folder: Path) -> None:
        """Drop folders the watch emptied (a folder exists here through its files)."""
        root = self.root.resolve()
        while folder.resolve() != root and folder.resolve().is_relative_to(root):
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent

    def _place(self, key: str, target: Renamed | File) -> None:
        path = _path_of(target)
        moving = self._moving.get(key)
        if isinstance(target, Renamed):
            if moving is None:
                # Edited here after the watch looked (reported as a conflict): the Hub's copy
                # needs a request this page did not make; the next pull brings it.
                return
            remote = File(
                file_key=key,
                name=target.name,
                project_key=self.state.project_key,
                folder_key=None,
                simple_path=path,
                canonical_path="",
                revision=target.revision,
                type=target.type,
                content=moving[1],
                created=None,
                created_by=None,
                updated=None,
                updated_by=None,
            )
        else:
            remote = target
        try:
            local = self._local(path)
        except UnsafePath as exc:
            self.outcomes.append(Outcome(path, "skipped", str(exc)))
            return
        exists = local.exists()
        step = plan_pull(
            path, remote, self.state.files.get(path), exists, _read(local) if exists else None
        )
        if isinstance(step, Outcome):
            self.outcomes.append(step)
        elif isinstance(step, Compare):
            if remote.content == step.text:
                self.state.files[path] = entry_of(remote, step.text)
                self.outcomes.append(Outcome(path, "unchanged"))
            else:
                self.outcomes.append(Outcome(path, "conflict", step.mismatch))
        elif isinstance(step, Write):
            self._write(step, local, moving)

    def _write(self, step: Write, local: Path, moving: tuple[str, str] | None) -> None:
        if not local.parent.resolve().is_relative_to(self.root.resolve()):
            # A symlinked folder must not carry Hub content outside the sync folder.
            self.outcomes.append(
                Outcome(step.path, "skipped", "its local folder leads outside the sync folder")
            )
            return
        content = step.remote.content or ""
        write_atomic(local, content)
        self.state.files[step.path] = entry_of(step.remote, content)
        if moving is not None:
            detail = f"from {moving[0]}, revision {step.remote.revision}"
            self.outcomes.append(Outcome(step.path, "moved", detail))
        else:
            detail = f"revision {step.remote.revision}"
            self.outcomes.append(Outcome(step.path, step.action, detail))
