"""What ``watch_tree`` makes of one page of the change feed, decided without any I/O: which
files of the watched project changed, and for each whether the events alone say what it is now
(gone from the project, or only renamed/moved) or the Hub must be asked (one ``GET /files``).

Events only say *which* files to look at; a fetched file is taken as the Hub has it now, so
events that were coalesced, or overtaken by later ones, cannot mislead the local tree. The
events are trusted on their own only where they cannot be wrong: a deletion that is the last
word of the page on a file, and a move whose revision chain starts at the revision last synced
with no content change on the way (the content is then the one the local file already holds).

Folder events need no request: a folder is kept locally through its files (as ``pull`` does),
and a folder rename, move, deletion or restoration comes with an event per file it carries
(``data.root: false``). A type this module does not know cannot be mapped: the caller pulls
the whole project instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from camunda_hub.client import model_files
from camunda_hub.client.events import Event
from camunda_hub.client.sync_state import Entry

# The families that can change a pulled tree (the feed's type filter).
WATCHED_TYPES = ("file.", "folder.", "project.")

FILE_TYPES = frozenset(
    f"file.{action}"
    for action in (
        "created",
        "updated",
        "content_changed",
        "moved",
        "deleted",
        "restored",
        "purged",
    )
)
FOLDER_TYPES = frozenset(
    f"folder.{action}" for action in ("created", "updated", "deleted", "restored", "purged")
)
PROJECT_ENDS = frozenset({"project.deleted", "project.purged"})
PROJECT_KEEPS = frozenset({"project.created", "project.updated", "project.restored"})

_GONE = frozenset({"file.deleted", "file.purged"})
_METADATA = frozenset({"file.moved", "file.updated"})


@dataclass
class Batch:
    """One page's events that concern the project, by file key (in feed order)."""

    files: dict[str, list[Event]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    # Why the watch must end (the project is gone), or why this page cannot be applied file
    # by file (the caller pulls the whole project).
    stop: str | None = None
    unmappable: str | None = None


def _changes(event: Event) -> dict[str, Any]:
    changes = event.data.get("changes")
    return changes if isinstance(changes, dict) else {}


def concerns(event: Event, project_key: str) -> bool:
    """Whether the event is about the project, something in it, or something that left it."""
    if event.resource_type == "project" or event.type.startswith("project."):
        return event.resource_key == project_key
    if event.parents.get("projectKey") == project_key:
        return True
    # Moved out of the project: the old projectKey is in the changes.
    moved = _changes(event).get("projectKey")
    return isinstance(moved, dict) and project_key in (moved.get("old"), moved.get("new"))


def sort_page(events: list[Event], project_key: str) -> Batch:
    batch = Batch()
    for event in events:
        if not concerns(event, project_key):
            continue
        batch.events.append(event)
        if event.type in PROJECT_ENDS:
            batch.stop = f"project {project_key} was {event.type.split('.', 1)[1]} on the Hub"
            return batch
        if event.type in PROJECT_KEEPS or event.type in FOLDER_TYPES:
            continue
        if event.type in FILE_TYPES and event.resource_key:
            batch.files.setdefault(event.resource_key, []).append(event)
            continue
        batch.unmappable = f"event {event.sequence} ({event.type}) cannot be applied file by file"
    return batch


def gone(events: list[Event], project_key: str) -> bool:
    """The page's last word on the file: deleted, purged or moved to another project."""
    last = events[-1]
    return last.type in _GONE or last.parents.get("projectKey") != project_key


@dataclass(frozen=True)
class Renamed:
    """Only the file's place (or name) changed since ``entry``: no request needed."""

    path: str
    revision: int
    name: str
    type: str


def _revision_before(event: Event) -> Any:
    revision = _changes(event).get("revision")
    # A folder move's event for the files below it leaves their revision as it is.
    return revision.get("old") if isinstance(revision, dict) else event.data.get("revision")


def renamed(events: list[Event], entry: Entry | None, project_key: str) -> Renamed | None:
    """The file's new place when the events prove its content is still ``entry``'s: every
    event a move or metadata update within the project, no content change, and revisions
    that follow on from the one last synced without a hole (a hole is a change this watch
    did not see, e.g. made while the file was in another project)."""
    if entry is None:
        return None
    expected: Any = entry.revision
    last = events[-1]
    for event in events:
        changes = _changes(event)
        if (
            event.type not in _METADATA
            or "content" in changes
            or "projectKey" in changes
            or event.parents.get("projectKey") != project_key
            or event.data.get("type") != entry.type
            or _revision_before(event) != expected
        ):
            return None
        expected = event.data.get("revision")
    path = last.data.get("simplePath")
    if not isinstance(path, str) or not path or not isinstance(expected, int):
        return None
    return Renamed(
        model_files.local_path(path, entry.type),
        expected,
        str(last.data.get("name", "")),
        entry.type,
    )
