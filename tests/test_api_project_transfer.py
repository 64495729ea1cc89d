"""Project export and import: a round trip keeps every path, type and content; an update by path
is revision-checked; hostile archives are refused with a problem+json and change nothing."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from camunda_hub.server.services.hub import project_archive
from tests.support.deployment_seed import bpmn
from tests.support.in_process import InProcessHub, in_process_hub

MANIFEST = project_archive.MANIFEST


class Api:
    def __init__(self, hub: InProcessHub, token: str) -> None:
        self.client = hub.client
        self.headers = {"Authorization": f"Bearer {token}"}

    async def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return await self.client.request(method, f"/api/v2{path}", headers=headers, **kwargs)

    async def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.call(method, path, **kwargs)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="module")
async def api(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Api]:
    async with in_process_hub(tmp_path_factory.mktemp("transfer")) as hub:
        form = hub.token_form()
        token = (await hub.client.post("/oauth/token", data=form)).json()["access_token"]
        yield Api(hub, token)


async def make_project(api: Api) -> tuple[str, str]:
    workspace = (await api.ok("POST", "/workspaces", json={"name": "w"}))["workspaceKey"]
    project = (
        await api.ok("POST", "/projects", json={"name": "orders", "workspaceKey": workspace})
    )["projectKey"]
    flows = (await api.ok("POST", "/folders", json={"name": "flows", "projectKey": project}))[
        "folderKey"
    ]
    deep = (
        await api.ok(
            "POST",
            "/folders",
            json={"name": "deep", "projectKey": project, "parentFolderKey": flows},
        )
    )["folderKey"]
    await api.ok("POST", "/folders", json={"name": "empty", "projectKey": project})
    for name, folder, kind, content in [
        ("order", None, "bpmn", bpmn("order")),
        ("ship", flows, "bpmn", bpmn("ship")),
        ("rules", deep, "dmn", "<definitions/>"),
        ("ask", flows, "form", json.dumps({"components": []})),
        ("connector", None, "element-template", json.dumps({"name": "c"})),
        ("check", None, "tests", json.dumps({"testCases": []})),
        ("notes", deep, "markdown", "# Hello, wörld\n"),
    ]:
        body = {"name": name, "projectKey": project, "folderKey": folder, "type": kind}
        await api.ok("POST", "/files", json={**body, "content": content})
    gone = await api.ok(
        "POST",
        "/files",
        json={"name": "gone", "projectKey": project, "type": "bpmn", "content": bpmn("g")},
    )
    assert (await api.call("DELETE", f"/files/{gone['fileKey']}")).status_code == 204
    return workspace, project


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist() if i.filename != MANIFEST}


def manifest(data: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        result: dict[str, Any] = json.loads(archive.read(MANIFEST))
        return result


async def export(api: Api, project: str) -> bytes:
    response = await api.call("GET", f"/projects/{project}/export")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    return response.content


def upload(data: bytes, **fields: str) -> dict[str, Any]:
    return {"files": {"archive": ("p.zip", data, "application/zip")}, "data": fields}


async def test_export_import_export_is_identical(api: Api) -> None:
    workspace, project = await make_project(api)
    first = await export(api, project)
    assert set(entries(first)) == {
        "flows/",
        "flows/deep/",
        "empty/",
        "order.bpmn",
        "connector.json",
        "check.json",
        "flows/ship.bpmn",
        "flows/ask.form",
        "flows/deep/rules.dmn",
        "flows/deep/notes.md",
    }
    etag = (await api.call("GET", f"/projects/{project}/export")).headers["etag"]
    cached = await api.call("GET", f"/projects/{project}/export", headers={"If-None-Match": etag})
    assert cached.status_code == 304
    # A name that cannot be a path component is listed, not silently dropped; the ETag moves.
    odd = {"name": "a/b", "projectKey": project, "type": "bpmn", "content": bpmn("odd")}
    odd_key = (await api.ok("POST", "/files", json=odd))["fileKey"]
    with_odd = await api.call("GET", f"/projects/{project}/export", headers={"If-None-Match": etag})
    assert with_odd.status_code == 200 and with_odd.headers["etag"] != etag
    assert [(n["fileKey"], n["name"]) for n in manifest(with_odd.content)["notExported"]] == [
        (odd_key, "a/b")
    ]
    assert entries(with_odd.content) == entries(first)

    imported = await api.ok("POST", "/projects/import", **upload(first, workspaceKey=workspace))
    assert imported["summary"] == {"created": 7, "updated": 0, "unchanged": 0, "foldersCreated": 3}
    second = await export(api, imported["projectKey"])
    assert entries(second) == entries(first)
    kinds = {f["path"]: (f["name"], f["type"]) for f in manifest(first)["files"]}
    assert {f["path"]: (f["name"], f["type"]) for f in manifest(second)["files"]} == kinds
    assert kinds["check.json"] == ("check", "tests")
    assert manifest(second)["project"]["name"] == "orders"


async def test_import_into_a_project_updates_by_path_and_refuses_stale_revisions(api: Api) -> None:
    _, project = await make_project(api)
    original = await export(api, project)
    same = await api.ok("PUT", f"/projects/{project}/import", **upload(original))
    assert same["summary"] == {"created": 0, "updated": 0, "unchanged": 7, "foldersCreated": 0}

    changed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(changed, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "flows/ship.bpmn":
                data = bpmn("ship-v2").encode()
            copy.writestr(info, data)
        copy.writestr("flows/new.bpmn", bpmn("new"))
    applied = await api.ok("PUT", f"/projects/{project}/import", **upload(changed.getvalue()))
    assert applied["summary"] == {"created": 1, "updated": 1, "unchanged": 6, "foldersCreated": 0}

    # The original archive is now based on an old revision of ship.bpmn: refused, nothing written.
    stale = await api.call("PUT", f"/projects/{project}/import", **upload(original))
    assert stale.status_code == 409, stale.text
    body = stale.json()
    assert [c["path"] for c in body["conflicts"]] == ["flows/ship.bpmn"]
    assert body["conflicts"][0]["revision"] == 2 and body["conflicts"][0]["archiveRevision"] == 1
    assert b"ship-v2" in entries(await export(api, project))["flows/ship.bpmn"]


def _zip(*members: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def _symlink() -> bytes:
    info = zipfile.ZipInfo("link.bpmn")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _zip((info, b"/etc/passwd"))


def _duplicate() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("a.bpmn", bpmn("a"))
        archive.writestr("a.bpmn", bpmn("b"))
    return out.getvalue()


def _oversized() -> bytes:
    return _zip(("big.bpmn", b"<a/>" * (project_archive.MAX_ENTRY_BYTES // 4 + 1)))


def _high_ratio() -> bytes:
    return _zip(("bomb.bpmn", b"\0" * 1_000_000))


def _lying_size() -> bytes:
    # Headers claiming 100 bytes for an entry that inflates to 4 MB: never read past the claim.
    data = bytearray(_zip(("liar.bpmn", b"<a/>" * 1_000_000)))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(signature) + offset
        data[at : at + 4] = (100).to_bytes(4, "little")
    return bytes(data)


def _too_many() -> bytes:
    return _zip(*((f"f{i}.md", b"x") for i in range(project_archive.MAX_ENTRIES + 1)))


CORPUS = [
    ("traversal", _zip(("../escape.bpmn", b"x")), 400, "'..'"),
    ("nested traversal", _zip(("a/../../b.bpmn", b"x")), 400, "'..'"),
    ("absolute", _zip(("/etc/cron.bpmn", b"x")), 400, "absolute"),
    ("drive letter", _zip(("C:/x.bpmn", b"x")), 400, "absolute"),
    ("backslash", _zip(("a\\..\\b.bpmn", b"x")), 400, "backslash"),
    ("symlink", _symlink(), 400, "symbolic link"),
    ("duplicate", _duplicate(), 400, "duplicate"),
    ("oversized entry", _oversized(), 413, "more than"),
    ("zip bomb", _high_ratio(), 413, "compression ratio"),
    ("lying header", _lying_size(), 400, "cannot be read"),
    ("too many entries", _too_many(), 413, "entries"),
    ("not a zip", b"PK\x03\x04 not really", 400, "not a zip"),
    ("not a model", _zip(("run.sh", b"rm -rf /")), 400, "not a model file"),
    ("hidden", _zip((".git/config.md", b"x")), 400, "hidden"),
    ("binary", _zip(("x.bpmn", b"\xff\xfe")), 400, "UTF-8"),
    ("bad manifest", _zip((MANIFEST, b"[]")), 400, "manifest"),
]


@pytest.mark.parametrize(("case", "data", "status", "words"), CORPUS, ids=[c[0] for c in CORPUS])
async def test_hostile_archives_are_refused_and_change_nothing(
    api: Api, case: str, data: bytes, status: int, words: str
) -> None:
    workspace = (await api.ok("POST", "/workspaces", json={"name": "w"}))["workspaceKey"]
    before = await api.ok("POST", "/projects/search", json={})
    response = await api.call(
        "POST", "/projects/import", **upload(data, workspaceKey=workspace, name="x")
    )
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert words in response.json()["detail"], response.json()["detail"]
    assert (await api.ok("POST", "/projects/search", json={}))["page"] == before["page"]


async def test_import_needs_multipart_with_an_archive_and_a_workspace(api: Api) -> None:
    # JSON reaches the operation (the media-type check lets JSON through unmatched, it is the
    # hot path), which says it wants multipart; any other type is the check's 415.
    assert (await api.call("POST", "/projects/import", json={})).status_code == 400
    urlencoded = await api.call("POST", "/projects/import", data={"workspaceKey": "w"})
    assert urlencoded.status_code == 415
    missing = await api.call("POST", "/projects/import", files={"workspaceKey": (None, "w")})
    assert missing.status_code == 400
    no_workspace = await api.call("POST", "/projects/import", **upload(_zip(("a.bpmn", b"x"))))
    assert no_workspace.status_code == 400 and "workspaceKey" in no_workspace.json()["detail"]
    assert (await api.call("GET", "/projects/nope/export")).status_code == 404
