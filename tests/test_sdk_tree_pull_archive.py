"""``pull_tree`` taking many files' content from one project export (blocking and asyncio)
against the real server: no request per file, the same tree and sync state as file by file, the
newer revision when a file changed between the listing and the export, and a fall-back to one
request per file when the export fails or lacks an entry."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from camunda_hub.client import AsyncHubClient, HubClient
from camunda_hub.client.errors import api_error
from camunda_hub.client.sync_state import STATE_FILE
from camunda_hub.client.tree_run import ARCHIVE_MIN_WRITES
from tests.support.server import Credentials, HubServer
from tests.support.synced_trees import files_of

FILES = ARCHIVE_MIN_WRITES + 10


def _tree(root: Path) -> None:
    for i in range(FILES):
        folder = root / f"folder-{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"note-{i:03d}.md").write_text(f"# Note {i}\n\nsome text é\n", encoding="utf-8")


def _state(root: Path) -> dict[str, Any]:
    return dict(json.loads((root / STATE_FILE).read_text())["files"])


class Spy:
    """Counts the exports and the per-file GETs a pull sends through ``sdk.files``."""

    def __init__(self, sdk: Any) -> None:
        self.exports = 0
        self.gets = 0
        self._export = sdk.projects.export
        self._run = sdk.files._run
        sdk.files._projects = self
        sdk.files._run = self.run
        self.before_export: Any = None

    def run(self, call: Any) -> Any:
        if call.method == "GET" and call.path.startswith("/files/"):
            self.gets += 1
        return self._run(call)

    def export(self, project_key: str, path: Path) -> Any:
        self.exports += 1
        if self.before_export is not None:
            self.before_export()
        return self._export(project_key, path)


def _project(sdk: HubClient, source: Path, name: str) -> str:
    workspace = sdk.workspaces.create(name)
    project = sdk.projects.create("Bulk", workspace.workspace_key).project_key
    assert len(sdk.files.push_tree(source, project).created) == FILES
    return project


def test_a_large_pull_takes_the_content_from_one_export(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path
) -> None:
    source, by_archive, by_file = tmp_path / "source", tmp_path / "archive", tmp_path / "files"
    _tree(source)
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        project = _project(sdk, source, "Pull archive")
        spy = Spy(sdk)
        pulled = sdk.files.pull_tree(project, by_archive)
        assert (spy.exports, spy.gets) == (1, 0)
        assert len(pulled.created) == FILES
        assert files_of(by_archive) == files_of(source)

        plain = sdk.files.pull_tree(project, by_file, archive=False)
        assert (spy.exports, spy.gets) == (1, FILES)
        assert plain.outcomes == pulled.outcomes
        assert _state(by_file) == _state(by_archive)
        assert not list(by_archive.rglob(".tmp-*")), "no temporary file is left behind"

        # A few changed files are fetched one by one: the export would carry them all.
        key = _state(by_archive)["folder-0/note-000.md"]["fileKey"]
        sdk.files.update(key, revision=1, content="# changed\n")
        again = sdk.files.pull_tree(project, by_archive)
        assert again.updated == ["folder-0/note-000.md"] and (spy.exports, spy.gets) == (
            1,
            FILES + 1,
        )
        assert (by_archive / "folder-0/note-000.md").read_text() == "# changed\n"


def test_a_file_changed_before_the_export_is_pulled_at_its_newer_revision(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path
) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    _tree(source)
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        project = _project(sdk, source, "Pull archive newer")
        key = _state(source)["folder-1/note-001.md"]["fileKey"]
        spy = Spy(sdk)
        spy.before_export = lambda: sdk.files.update(key, revision=1, content="# newer\n")
        pulled = sdk.files.pull_tree(project, target)
        assert (spy.exports, spy.gets) == (1, 0)
        assert pulled.summary == {"created": FILES}
        assert (target / "folder-1/note-001.md").read_text() == "# newer\n"
        assert _state(target)["folder-1/note-001.md"]["revision"] == 2
        # The state holds the revision of the content written: nothing is left to pull.
        assert set(sdk.files.pull_tree(project, target).unchanged) == set(files_of(source))


def test_a_failed_or_incomplete_export_falls_back_to_one_request_per_file(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    _tree(source)
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        project = _project(sdk, source, "Pull archive fallback")
        spy = Spy(sdk)

        def refused(project_key: str, path: Path) -> None:
            spy.exports += 1
            raise api_error(404, {"title": "Not Found", "detail": "no export here"}, "Not Found")

        spy.export = refused  # type: ignore[method-assign]
        failed = sdk.files.pull_tree(project, tmp_path / "refused")
        assert (spy.exports, spy.gets, len(failed.created)) == (1, FILES, FILES)
        assert files_of(tmp_path / "refused") == files_of(source)

        state = _state(source)

        def without_entries(project_key: str, path: Path) -> None:
            # A manifest that promises every file, with none of their entries in the zip.
            spy.exports += 1
            files = [
                {"path": f"missing/{p}", "fileKey": e["fileKey"], "revision": e["revision"]}
                for p, e in state.items()
            ]
            with zipfile.ZipFile(path, "w") as archive:
                archive.writestr("camunda-hub-project.json", json.dumps({"files": files}))

        spy.gets = 0
        spy.export = without_entries  # type: ignore[method-assign]
        incomplete = sdk.files.pull_tree(project, tmp_path / "incomplete")
        assert (spy.exports, spy.gets, len(incomplete.created)) == (2, FILES, FILES)
        assert files_of(tmp_path / "incomplete") == files_of(source)


async def test_async_large_pull_takes_the_content_from_one_export(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path
) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    _tree(source)
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        project = _project(sdk, source, "Pull archive async")
    async with AsyncHubClient(**hub.sdk_options(admin_creds)) as sdk:
        exports = 0
        export = sdk.projects.export

        async def counted(project_key: str, path: Path) -> Any:
            nonlocal exports
            exports += 1
            return await export(project_key, path)

        sdk.files._projects = type("P", (), {"export": staticmethod(counted)})()
        seen: list[str] = []
        pulled = await sdk.files.pull_tree(
            project, target, progress=lambda path, done, total: seen.append(path)
        )
        assert exports == 1 and len(pulled.created) == FILES == len(seen)
        assert files_of(target) == files_of(source)


@pytest.mark.parametrize("archive", [True, False])
def test_a_dry_run_fetches_no_export(
    hub: HubServer, admin_creds: Credentials, tmp_path: Path, archive: bool
) -> None:
    source = tmp_path / "source"
    _tree(source)
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        project = _project(sdk, source, f"Pull archive dry {archive}")
        spy = Spy(sdk)
        dry = sdk.files.pull_tree(project, tmp_path / "dry", dry_run=True, archive=archive)
        assert dry.summary == {"would be created": FILES} and spy.exports == 0
