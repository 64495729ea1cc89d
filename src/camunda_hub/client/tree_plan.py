"""What ``push_tree`` / ``pull_tree`` do with each file, decided without any I/O: the caller
reads the local file and the Hub listing, this module says which request (if any) follows.

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

A dry run reports ``would be created`` / ``would be updated`` / ``would be folder created``.
"""

from __future__ import annotations

from dataclasses import dataclass

from camunda_hub.client import model_files
from camunda_hub.client.models import File
from camunda_hub.client.sync_state import Entry, content_hash
from camunda_hub.client.trees import RemoteTree, UnsafePath, safe_parts

# Actions a dry run reports as "would be …".
CHANGES = ("created", "updated", "folder created", "deleted")


@dataclass(frozen=True)
class Outcome:
    path: str
    action: str
    detail: str = ""


@dataclass(frozen=True)
class Create:
    """Push: create the Hub file (its folder is created beforehand)."""

    path: str
    kind: str
    text: str


@dataclass(frozen=True)
class Update:
    """Push: update the Hub file, from the revision last synced."""

    path: str
    remote: File
    revision: int
    text: str


@dataclass(frozen=True)
class Compare:
    """Both sides hold the path without a common past: fetch the Hub content; the same text is
    ``unchanged`` (and remembered), other text is a ``conflict`` with ``mismatch``."""

    path: str
    remote: File
    text: str
    mismatch: str


@dataclass(frozen=True)
class Write:
    """Pull: fetch the Hub content and write it to the local file."""

    path: str
    remote: File
    action: str


Step = Outcome | Create | Update | Compare | Write


def dry(outcome: Outcome, dry_run: bool) -> Outcome:
    if dry_run and outcome.action in CHANGES:
        return Outcome(outcome.path, f"would be {outcome.action}", outcome.detail)
    return outcome


def entry_of(remote: File, text: str) -> Entry:
    return Entry(remote.file_key, remote.revision, content_hash(text), remote.type)


def plan_push(path: str, text: str | None, tree: RemoteTree, entry: Entry | None) -> Step:
    """The step for one local file (``text`` None: it cannot be read as UTF-8 text)."""
    if text is None:
        return Outcome(path, "skipped", "cannot be read as UTF-8 text")
    if not text:
        return Outcome(path, "skipped", "empty files are not kept by the Hub")
    try:
        safe_parts(path)
    except UnsafePath as exc:
        return Outcome(path, "skipped", str(exc))
    remote = tree.files.get(path)
    if remote is None:
        if entry is not None:
            return Outcome(
                path, "conflict", "deleted on the Hub since the last sync; not recreated"
            )
        kind = model_files.file_type(path, text)
        if kind is None:
            return Outcome(path, "skipped", "not a Hub model type")
        return Create(path, kind, text)
    if entry is None or entry.file_key != remote.file_key:
        return Compare(path, remote, text, "exists on the Hub with other content (pull first)")
    if content_hash(text) == entry.sha256:
        if remote.revision != entry.revision:
            return Outcome(path, "skipped", "changed on the Hub only: pull to get it")
        return Outcome(path, "unchanged")
    if remote.revision != entry.revision:
        return Outcome(path, "conflict", "changed here and on the Hub since the last sync")
    return Update(path, remote, entry.revision, text)


def folders_to_create(tree: RemoteTree, creates: list[Create]) -> list[str]:
    """Folder paths the creates need that the Hub lacks, each parent before its children."""
    needed: list[str] = []
    seen = set(tree.folders)
    for create in creates:
        parts = create.path.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth])
            if folder not in seen:
                seen.add(folder)
                needed.append(folder)
    return needed


def forgotten_after_push(tree: RemoteTree, local: set[str], tracked: set[str]) -> list[str]:
    """Tracked paths gone on both sides: nothing left to remember about them."""
    return sorted(tracked - local - set(tree.files))


def plan_pull(path: str, remote: File, entry: Entry | None, exists: bool, text: str | None) -> Step:
    """The step for one Hub file; ``exists``/``text`` describe the local file at its path."""
    if entry is not None and entry.file_key != remote.file_key:
        entry = None
    if not exists:
        return Write(path, remote, "created")
    if text is None:
        return Outcome(path, "skipped", "the local file cannot be read as UTF-8 text")
    if entry is None:
        return Compare(path, remote, text, "exists here with other content (push or move it first)")
    local_changed = content_hash(text) != entry.sha256
    if remote.revision == entry.revision:
        if local_changed:
            return Outcome(path, "skipped", "changed here only: push it")
        return Outcome(path, "unchanged")
    if local_changed:
        return Outcome(path, "conflict", "changed here and on the Hub since the last sync")
    return Write(path, remote, "updated")
