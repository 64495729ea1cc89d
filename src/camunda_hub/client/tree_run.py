"""One ``push_tree`` / ``pull_tree`` run, written once for both clients: every Hub request is
a :class:`Call` the run *yields* (a generator receives the response, or has the error thrown
in), so the asyncio driver awaits it and the blocking one sends it from a worker thread.

The decisions come from :mod:`tree_plan`; this module reads and writes the local files, keeps
the sync state and collects the outcomes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from camunda_hub.client import model_files
from camunda_hub.client import operations as ops
from camunda_hub.client.errors import BadRequest, Conflict, HubError, NotFound
from camunda_hub.client.operations import Call
from camunda_hub.client.sync_state import Entry, SyncState, fsync_all, write_atomic
from camunda_hub.client.tree_plan import (
    Compare,
    Create,
    Outcome,
    Step,
    Update,
    Write,
    dry,
    entry_of,
    folders_to_create,
    forgotten_after_push,
    plan_pull,
    plan_push,
)
from camunda_hub.client.trees import RemoteTree, add_listing, local_models, safe_parts

if TYPE_CHECKING:
    import tempfile
    import zipfile

    from camunda_hub.client.models import File

# Called after each file: its path, how many are done, how many there are.
TreeProgress = Callable[[str, int, int], None]
# Files handled at once by default (requests in flight).
DEFAULT_CONCURRENCY = 8
# A pull that writes at least this many files, and at least a quarter of the project's, takes
# their content from one project export (a zip of every live file) instead of one request per
# file: 1,000 GETs cost the client ~2 s of CPU and the server ~0.8 s, the export ~0.15 s.
ARCHIVE_MIN_WRITES = 50
ARCHIVE_MIN_SHARE = 4
# The export's manifest (``/projects/{key}/export``): each file's key and revision.
ARCHIVE_MANIFEST = "camunda-hub-project.json"


@dataclass(frozen=True)
class Local:
    """Blocking local work (a file written and fsynced): the asyncio driver runs it in a
    thread, so the writes of the files in flight overlap as their requests do."""

    run: Callable[[], Any]


@dataclass(frozen=True)
class FetchArchive:
    """The project's export saved at ``path``: the drivers send it with the client's
    ``projects.export`` (a streamed download, not a JSON call)."""

    project_key: str
    path: Path


# A piece of work: yields calls (and local work), receives their results, returns what it found.
Work = Generator["Call[Any] | Local | FetchArchive", Any, "Done"]

# Errors about one file only: it is reported and the others go on. Authentication and
# connection errors stop the run.
FILE_ERRORS = (BadRequest, NotFound, Conflict)


@dataclass(frozen=True)
class Done:
    outcome: Outcome
    entry: Entry | None = None


@dataclass(frozen=True)
class TreeSyncResult:
    """What a ``push_tree`` / ``pull_tree`` did, one outcome per file (and folder created)."""

    dry_run: bool
    outcomes: tuple[Outcome, ...]

    @property
    def summary(self) -> dict[str, int]:
        """How many files ended in each action (``{"created": 12, "unchanged": 3}``)."""
        return dict(Counter(o.action for o in self.outcomes))

    def paths(self, *actions: str) -> list[str]:
        return [o.path for o in self.outcomes if o.action in actions]

    @property
    def created(self) -> list[str]:
        return self.paths("created", "would be created")

    @property
    def updated(self) -> list[str]:
        return self.paths("updated", "would be updated")

    @property
    def unchanged(self) -> list[str]:
        return self.paths("unchanged")

    @property
    def conflicts(self) -> list[str]:
        return self.paths("conflict")

    @property
    def skipped(self) -> list[str]:
        return self.paths("skipped")

    @property
    def failed(self) -> list[str]:
        return self.paths("failed")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


class TreeRun:
    """The state of one run; the drivers call the methods in order and send the calls."""

    def __init__(
        self,
        root: Path,
        project_key: str,
        dry_run: bool,
        progress: TreeProgress | None,
        *,
        create: bool = False,
    ) -> None:
        if create and not dry_run:
            root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.project_key = project_key
        self.dry_run = dry_run
        self.state = SyncState.load(root, project_key)
        self.tree = RemoteTree(project_key, folders={"": None})
        self.outcomes: list[Outcome] = []
        self._progress = progress
        self._done = 0
        self.total = 0
        self._failed_folders: dict[str, str] = {}
        # Pulled files, flushed together before the state file records them.
        self._written: list[Path] = []
        # A pull's export, when it fetched one: file key → (zip entry, revision).
        self._archive: zipfile.ZipFile | None = None
        self._archive_dir: tempfile.TemporaryDirectory[str] | None = None
        self._archived: dict[str, tuple[str, int]] = {}
        # Local folders checked to lie inside the sync folder (see _write).
        self._root_resolved: Path | None = None
        self._inside: set[Path] = set()

    # -- shared ---------------------------------------------------------------------------------
    def walk(self) -> Generator[Call[Any], Any, None]:
        """The project's folder tree (one request per folder)."""
        detail = yield ops.get_project(self.project_key)
        pending = add_listing(self.tree, "", detail.folders, detail.files)
        while pending:
            path, key = pending.pop()
            sub = yield ops.get_folder(key)
            pending.extend(add_listing(self.tree, path, sub.folders, sub.files))

    def note(self, outcome: Outcome) -> None:
        self.outcomes.append(dry(outcome, self.dry_run))

    def apply(self, done: Done) -> None:
        """Record one file's result (on the caller's thread) and report progress."""
        self.note(done.outcome)
        if done.entry is not None and not self.dry_run:
            self.state.files[done.outcome.path] = done.entry
        self._done += 1
        if self._progress is not None:
            self._progress(done.outcome.path, self._done, self.total)

    def save(self) -> None:
        self._drop_archive()
        # Whatever was done before an error is recorded, so the next run does not mistake
        # its own earlier work for someone else's change.
        if not self.dry_run:
            if self._written:
                fsync_all(self._written)
                self._written = []
            self.state.save(self.root)

    def result(self) -> TreeSyncResult:
        # Files finish in any order when several are in flight; the report is by path (a
        # folder just before its files).
        return TreeSyncResult(self.dry_run, tuple(sorted(self.outcomes, key=lambda o: o.path)))

    def perform(self, step: Step) -> Work:
        try:
            return (yield from self._perform(step))
        except FILE_ERRORS as exc:
            return Done(Outcome(step.path, "failed", exc.message))

    def _perform(self, step: Step) -> Work:
        if isinstance(step, Outcome):
            return Done(step)
        if isinstance(step, Compare):
            fetched = step.remote
            if fetched.content is None:
                fetched = yield ops.get_file(step.remote.file_key)
            if fetched.content == step.text:
                return Done(Outcome(step.path, "unchanged"), entry_of(fetched, step.text))
            return Done(Outcome(step.path, "conflict", step.mismatch))
        if isinstance(step, Create):
            return (yield from self._create(step))
        if isinstance(step, Update):
            return (yield from self._update(step))
        return (yield from self._write(step))

    # -- push -----------------------------------------------------------------------------------
    def push_steps(self) -> tuple[list[Step], list[str]]:
        """The step of every local model file, and the folders the Hub must get first."""
        local = local_models(self.root)
        self._local = set(local)
        self.total = len(local)
        steps = [
            plan_push(path, _read(file), self.tree, self.state.files.get(path))
            for path, file in local.items()
        ]
        return steps, folders_to_create(self.tree, [s for s in steps if isinstance(s, Create)])

    def create_folders(self, folders: list[str]) -> Generator[Call[Any], Any, None]:
        for folder in folders:
            parent, _, name = folder.rpartition("/")
            if parent in self._failed_folders:
                self._failed_folders[folder] = self._failed_folders[parent]
                continue
            key = None
            if not self.dry_run:
                parent_key = self.tree.folders[parent]
                try:
                    created = yield ops.create_folder(name, self.project_key, parent_key)
                except FILE_ERRORS as exc:
                    self._failed_folders[folder] = exc.message
                    self.note(Outcome(folder + "/", "failed", exc.message))
                    continue
                key = created.folder_key
            self.tree.folders[folder] = key
            self.note(Outcome(folder + "/", "folder created"))

    def _create(self, step: Create) -> Work:
        folder = step.path.rpartition("/")[0]
        if folder in self._failed_folders:
            return Done(Outcome(step.path, "failed", f"its folder: {self._failed_folders[folder]}"))
        if self.dry_run:
            return Done(Outcome(step.path, "created", step.kind))
        created = yield ops.create_file(
            model_files.hub_name(step.path),
            self.project_key,
            step.kind,
            step.text,
            self.tree.folders[folder],
        )
        return Done(Outcome(step.path, "created", step.kind), entry_of(created, step.text))

    def _update(self, step: Update) -> Work:
        if self.dry_run:
            return Done(Outcome(step.path, "updated", f"revision {step.remote.revision}"))
        try:
            updated = yield ops.update_file(
                step.remote.file_key, step.revision, ops.UNSET, step.text, ops.UNSET, ops.UNSET
            )
        except Conflict as exc:
            return Done(
                Outcome(step.path, "conflict", f"changed on the Hub meanwhile: {exc.detail}")
            )
        return Done(
            Outcome(step.path, "updated", f"revision {step.revision} → {updated.revision}"),
            entry_of(updated, step.text),
        )

    def finish_push(self) -> None:
        if not self.dry_run:
            for path in forgotten_after_push(self.tree, self._local, set(self.state.files)):
                del self.state.files[path]

    # -- pull -----------------------------------------------------------------------------------
    def pull_steps(self) -> list[Step]:
        """Report the Hub entries that cannot be pulled; the step of each that can."""
        self.total = len(self.tree.files) + len(self.tree.unmappable)
        for path, reason in self.tree.unmappable:
            self.apply(Done(Outcome(path, "skipped", reason)))
        steps: list[Step] = []
        for path in sorted(self.tree.files):
            target = self.root.joinpath(*safe_parts(path))
            exists = target.exists()
            text = _read(target) if exists else None
            steps.append(
                plan_pull(path, self.tree.files[path], self.state.files.get(path), exists, text)
            )
        return steps

    def fetch_archive(self, steps: list[Step]) -> Generator[FetchArchive, Any, None]:
        """When the pull writes many files, fetch the project's export for their content.
        Anything wrong with it (an older server without the export, a zip cut short because a
        file changed meanwhile) leaves the files to their own requests, as without it."""
        writes = sum(1 for s in steps if isinstance(s, Write) and s.remote.content is None)
        if (
            self.dry_run
            or writes < ARCHIVE_MIN_WRITES
            or writes * ARCHIVE_MIN_SHARE < len(self.tree.files)
        ):
            return
        # Imported here: importing the SDK must stay cheap (zipfile loads the codecs).
        import json
        import tempfile
        import zipfile

        self._archive_dir = tempfile.TemporaryDirectory(prefix="camunda-hub-pull-")
        path = Path(self._archive_dir.name) / "export.zip"
        try:
            yield FetchArchive(self.project_key, path)
            self._archive = zipfile.ZipFile(path)
            manifest = json.loads(self._archive.read(ARCHIVE_MANIFEST))
            for item in manifest["files"]:
                if isinstance(item.get("fileKey"), str) and isinstance(item.get("revision"), int):
                    self._archived[item["fileKey"]] = (str(item["path"]), item["revision"])
        except (HubError, OSError, zipfile.BadZipFile, ValueError, KeyError, TypeError):
            self._drop_archive()

    def _drop_archive(self) -> None:
        self._archived = {}
        if self._archive is not None:
            self._archive.close()
            self._archive = None
        if self._archive_dir is not None:
            self._archive_dir.cleanup()
            self._archive_dir = None

    def _from_archive(self, remote: File) -> tuple[str, int] | None:
        """The zip entry and revision of ``remote``'s content in the export, if it has it: the
        export ran after the listing, so its revision is the listed one or newer (as a GET's)."""
        found = self._archived.get(remote.file_key)
        if found is None or found[1] < remote.revision:
            return None
        return found

    def _inside_root(self, folder: Path) -> bool:
        if folder in self._inside:
            return True
        if self._root_resolved is None:
            self._root_resolved = self.root.resolve()
        if not folder.resolve().is_relative_to(self._root_resolved):
            return False
        self._inside.add(folder)
        return True

    def _write(self, step: Write) -> Work:
        if self.dry_run:
            return Done(Outcome(step.path, step.action, f"revision {step.remote.revision}"))
        target = self.root.joinpath(*safe_parts(step.path))
        if not self._inside_root(target.parent):
            # A symlinked folder must not carry Hub content outside the sync folder.
            return Done(
                Outcome(step.path, "skipped", "its local folder leads outside the sync folder")
            )
        # The revision recorded is the one of the content actually read, which may be newer
        # than the listing's.
        fetched = step.remote
        if fetched.content is None:
            archived = self._from_archive(fetched)
            if archived is not None:
                entry, revision = archived
                content = yield Local(partial(self._write_archived, entry, target))
                if content is not None:
                    return self._wrote(step, target, replace(fetched, revision=revision), content)
            try:
                fetched = yield ops.get_file(step.remote.file_key)
            except NotFound:
                return Done(Outcome(step.path, "skipped", "deleted on the Hub meanwhile"))
        content = fetched.content or ""
        yield Local(partial(write_atomic, target, content, fsync=False))
        return self._wrote(step, target, fetched, content)

    def _wrote(self, step: Write, target: Path, fetched: File, content: str) -> Done:
        self._written.append(target)
        return Done(
            Outcome(step.path, step.action, f"revision {fetched.revision}"),
            entry_of(fetched, content),
        )

    def _write_archived(self, entry: str, target: Path) -> str | None:
        """Write ``entry`` of the export to ``target``; None (nothing written) when the entry
        cannot be read: the caller then fetches the file by itself."""
        assert self._archive is not None
        try:
            content = self._archive.read(entry).decode("utf-8")
        except Exception:  # a damaged entry (CRC, zlib, encoding): any reason means "not here"
            return None
        write_atomic(target, content, fsync=False)
        return content

    def finish_pull(self) -> None:
        for path in sorted(set(self.state.files) - set(self.tree.files)):
            if (self.root / path).exists():
                self.note(Outcome(path, "skipped", "deleted on the Hub; the local copy is kept"))
            elif not self.dry_run:
                self.state.files.pop(path, None)
