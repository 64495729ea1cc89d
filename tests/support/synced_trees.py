"""What a push or pull left in a local folder, for the tree-sync tests."""

from __future__ import annotations

from pathlib import Path

from camunda_hub.client.sync_state import STATE_FILE


def files_of(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its relative POSIX path, without the sync state file."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name != STATE_FILE
    }
