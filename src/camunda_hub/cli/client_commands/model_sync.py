"""``push`` and ``pull``: bring a local folder of models and a Hub project in step, one file at
a time, never overwriting a change made on the other side since the last sync.

Each file lands in one of these outcomes:

======================  =================================================================
``created``             new here / on the Hub: copied over
``updated``             changed on one side only: copied over (Hub updates carry the
                        revision last seen, so a concurrent edit is a 409, not a loss)
``unchanged``           same on both sides
``conflict``            changed on both sides, or present on both without a common past:
                        left alone and reported
``skipped``             not copied, with the reason (e.g. changed on the Hub during a push)
``failed``              the Hub refused this one file (the others go on)
======================  =================================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from camunda_hub.cli.client_commands import model_files
from camunda_hub.cli.client_commands.sync_state import Entry, SyncState, content_hash, write_atomic
from camunda_hub.cli.client_commands.trees import RemoteTree, UnsafePath, local_models, safe_parts
from camunda_hub.client import BadRequest, Conflict, NotFound

if TYPE_CHECKING:
    from camunda_hub.client import HubClient
from camunda_hub.client.models import File

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Outcome:
    path: str
    action: str
    detail: str = ""


@dataclass
class SyncRun:
    hub: HubClient
    root: Path
    tree: RemoteTree
    state: SyncState
    dry_run: bool
    progress: Progress

    def __post_init__(self) -> None:
        self.outcomes: list[Outcome] = []

    def note(self, path: str, action: str, detail: str = "") -> None:
        if self.dry_run and action in ("created", "updated", "folder created", "deleted"):
            action = f"would be {action}"
        self.outcomes.append(Outcome(path, action, detail))

    def remember(self, path: str, remote: File, text: str) -> None:
        if not self.dry_run:
            self.state.files[path] = Entry(
                remote.file_key, remote.revision, content_hash(text), remote.type
            )

    def with_content(self, remote: File) -> File:
        return remote if remote.content is not None else self.hub.files.get(remote.file_key)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# -- push --------------------------------------------------------------------------------------
def push(run: SyncRun) -> list[Outcome]:
    local = local_models(run.root)
    for path, file in local.items():
        try:
            _push_one(run, path, file)
        except (BadRequest, NotFound, Conflict) as exc:
            # One file the Hub refuses (a name too long, its folder deleted meanwhile) does
            # not stop the others; authentication and connection errors do.
            run.note(path, "failed", exc.message)
        run.progress(path)
    # Gone on both sides: nothing left to track.
    for path in sorted(set(run.state.files) - set(local) - set(run.tree.files)):
        if not run.dry_run:
            del run.state.files[path]
    return run.outcomes


def _push_one(run: SyncRun, path: str, local: Path) -> None:
    text = _read(local)
    if text is None:
        run.note(path, "skipped", "cannot be read as UTF-8 text")
        return
    if not text:
        run.note(path, "skipped", "empty files are not kept by the Hub")
        return
    try:
        safe_parts(path)
    except UnsafePath as exc:
        run.note(path, "skipped", str(exc))
        return
    remote = run.tree.files.get(path)
    entry = run.state.files.get(path)
    digest = content_hash(text)
    if remote is None:
        if entry is not None:
            run.note(path, "conflict", "deleted on the Hub since the last sync; not recreated")
            return
        _create_remote(run, path, text)
        return
    if entry is None or entry.file_key != remote.file_key:
        fetched = run.with_content(remote)
        if fetched.content == text:
            run.remember(path, fetched, text)
            run.note(path, "unchanged")
        else:
            run.note(path, "conflict", "exists on the Hub with other content (pull first)")
        return
    if digest == entry.sha256:
        if remote.revision != entry.revision:
            run.note(path, "skipped", "changed on the Hub only: pull to get it")
        else:
            run.note(path, "unchanged")
        return
    if remote.revision != entry.revision:
        run.note(path, "conflict", "changed here and on the Hub since the last sync")
        return
    if run.dry_run:
        run.note(path, "updated", f"revision {remote.revision}")
        return
    try:
        updated = run.hub.files.update(remote.file_key, revision=entry.revision, content=text)
    except Conflict as exc:
        run.note(path, "conflict", f"changed on the Hub meanwhile: {exc.detail}")
        return
    run.remember(path, updated, text)
    run.note(path, "updated", f"revision {entry.revision} → {updated.revision}")


def _create_remote(run: SyncRun, path: str, text: str) -> None:
    kind = model_files.file_type(path, text)
    if kind is None:
        run.note(path, "skipped", "not a Hub model type")
        return
    folder_key = _ensure_folder(run, path.rpartition("/")[0])
    if run.dry_run:
        run.note(path, "created", kind)
        return
    created = run.hub.files.create(
        model_files.hub_name(path), run.tree.project_key, kind, text, folder_key
    )
    run.tree.files[path] = created
    run.remember(path, created, text)
    run.note(path, "created", kind)


def _ensure_folder(run: SyncRun, folder_path: str) -> str | None:
    if folder_path in run.tree.folders:
        return run.tree.folders[folder_path]
    parent_path, _, name = folder_path.rpartition("/")
    parent_key = _ensure_folder(run, parent_path)
    if run.dry_run:
        key = None
    else:
        key = run.hub.folders.create(name, run.tree.project_key, parent_key).folder_key
    run.tree.folders[folder_path] = key
    run.note(folder_path + "/", "folder created")
    return key


# -- pull --------------------------------------------------------------------------------------
def pull(run: SyncRun) -> list[Outcome]:
    for path, reason in run.tree.unmappable:
        run.note(path, "skipped", reason)
        run.progress(path)
    for path, remote in sorted(run.tree.files.items()):
        try:
            _pull_one(run, path, remote)
        except (BadRequest, NotFound, Conflict) as exc:
            run.note(path, "failed", exc.message)
        run.progress(path)
    for path in sorted(set(run.state.files) - set(run.tree.files)):
        if (run.root / path).exists():
            run.note(path, "skipped", "deleted on the Hub; the local copy is kept")
        elif not run.dry_run:
            run.state.files.pop(path, None)
    return run.outcomes


def _pull_one(run: SyncRun, path: str, remote: File) -> None:
    target = run.root.joinpath(*safe_parts(path))
    entry = run.state.files.get(path)
    if entry is not None and entry.file_key != remote.file_key:
        entry = None
    if not target.exists():
        _write_local(run, path, target, remote, "created")
        return
    text = _read(target)
    if text is None:
        run.note(path, "skipped", "the local file cannot be read as UTF-8 text")
        return
    if entry is None:
        fetched = run.with_content(remote)
        if fetched.content == text:
            run.remember(path, fetched, text)
            run.note(path, "unchanged")
        else:
            run.note(path, "conflict", "exists here with other content (push or move it first)")
        return
    local_changed = content_hash(text) != entry.sha256
    if remote.revision == entry.revision:
        run.note(
            path,
            "skipped" if local_changed else "unchanged",
            "changed here only: push it" if local_changed else "",
        )
        return
    if local_changed:
        run.note(path, "conflict", "changed here and on the Hub since the last sync")
        return
    _write_local(run, path, target, remote, "updated")


def _write_local(run: SyncRun, path: str, target: Path, remote: File, action: str) -> None:
    if run.dry_run:
        run.note(path, action, f"revision {remote.revision}")
        return
    try:
        # The revision recorded is the one of the content actually read, which may be newer
        # than the listing's.
        fetched = run.with_content(remote)
    except NotFound:
        run.note(path, "skipped", "deleted on the Hub meanwhile")
        return
    content = fetched.content or ""
    if not target.parent.resolve().is_relative_to(run.root.resolve()):
        # A symlinked folder must not carry Hub content outside the sync folder.
        run.note(path, "skipped", "its local folder leads outside the sync folder")
        return
    write_atomic(target, content)
    run.remember(path, fetched, content)
    run.note(path, action, f"revision {fetched.revision}")
