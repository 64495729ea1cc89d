"""Files over real HTTP: create/get/update with revision locking, paths, search, limits,
permissions and organization scoping."""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx
import pytest

from tests.support.responses import assert_problem, ok

BPMN = "<?xml version='1.0' encoding='UTF-8'?><definitions/>"


@pytest.fixture(scope="module")
def project(api: httpx.Client) -> dict:
    workspace = ok(api.post("/workspaces", json={"name": "Files"}))
    return ok(api.post("/projects", json={"name": "P", "workspaceKey": workspace["workspaceKey"]}))


def _folder(api: httpx.Client, project: dict, name: str, parent: str | None = None) -> dict:
    body = {"name": name, "projectKey": project["projectKey"], "parentFolderKey": parent}
    return ok(api.post("/folders", json=body))


def _file(api: httpx.Client, project: dict, name: str = "order-process", **extra: object) -> dict:
    body = {"name": name, "projectKey": project["projectKey"], "type": "bpmn", "content": BPMN}
    return ok(api.post("/files", json={**body, **extra}))


def test_create_get_shape_and_paths(api: httpx.Client, project: dict) -> None:
    orders = _folder(api, project, "orders")
    processes = _folder(api, project, "processes", orders["folderKey"])
    file = _file(api, project, folderKey=processes["folderKey"])
    assert set(file) == {
        "fileKey",
        "name",
        "projectKey",
        "folderKey",
        "simplePath",
        "canonicalPath",
        "revision",
        "type",
        "content",
        "created",
        "createdBy",
        "updated",
        "updatedBy",
    }
    assert file["simplePath"] == "orders/processes/order-process.bpmn"
    assert file["canonicalPath"] == f"{orders['folderKey']}/{processes['folderKey']}"
    assert file["revision"] == 1
    assert file["content"] == BPMN
    assert file["projectKey"] == project["projectKey"]
    assert api.get(f"/files/{file['fileKey']}").json() == file
    root = _file(api, project, "root-file")
    assert (root["simplePath"], root["canonicalPath"], root["folderKey"]) == (
        "root-file.bpmn",
        "",
        None,
    )


@pytest.mark.parametrize(
    ("file_type", "leaf"),
    [
        ("bpmn", "x.bpmn"),
        ("dmn", "x.dmn"),
        ("form", "x.form"),
        ("element-template", "x.json"),
        ("rpa", "x.rpa"),
        ("markdown", "x.md"),
        ("tests", "x.json"),
    ],
)
def test_every_type_and_its_extension(
    api: httpx.Client, project: dict, file_type: str, leaf: str
) -> None:
    file = _file(api, project, "x", type=file_type, content="c")
    assert file["type"] == file_type
    assert file["simplePath"] == leaf


@pytest.mark.parametrize(
    ("change", "mentions"),
    [
        ({"content": ""}, "content"),
        ({"content": None}, "content"),
        ({"type": "connector_template"}, "type"),
        ({"name": ""}, "name"),
        ({"name": "n" * 256}, "name"),
        ({"owner": "me"}, "owner"),
        ({"projectKey": "no-such-project"}, "projectKey"),
        ({"folderKey": "no-such-folder"}, "folderKey"),
    ],
)
def test_create_rejects_invalid_bodies(
    api: httpx.Client, project: dict, change: dict, mentions: str
) -> None:
    body = {"name": "f", "projectKey": project["projectKey"], "type": "bpmn", "content": "c"}
    problem = assert_problem(api.post("/files", json={**body, **change}), 400)
    assert mentions in problem["detail"]


def test_create_requires_content(api: httpx.Client, project: dict) -> None:
    body = {"name": "f", "projectKey": project["projectKey"], "type": "bpmn"}
    assert "content" in assert_problem(api.post("/files", json=body), 400)["detail"]


def test_folder_of_another_project_is_refused(api: httpx.Client, project: dict) -> None:
    other = ok(api.post("/projects", json={"name": "Q", "workspaceKey": project["workspaceKey"]}))
    folder = _folder(api, other, "elsewhere")
    body = {"name": "f", "projectKey": project["projectKey"], "folderKey": folder["folderKey"]}
    assert_problem(api.post("/files", json={**body, "type": "bpmn", "content": "c"}), 400)


def test_update_content_and_name_bump_revision(api: httpx.Client, project: dict) -> None:
    folder = _folder(api, project, "docs")
    file = _file(api, project, "readme", folderKey=folder["folderKey"])
    key = file["fileKey"]
    edited = ok(api.patch(f"/files/{key}", json={"revision": 1, "content": "v2"}))
    assert (edited["revision"], edited["content"], edited["name"]) == (2, "v2", "readme")
    renamed = ok(api.patch(f"/files/{key}", json={"revision": 2, "name": "guide"}))
    assert renamed["revision"] == 3
    assert renamed["simplePath"] == "docs/guide.bpmn"
    assert renamed["content"] == "v2"
    unchanged = ok(api.patch(f"/files/{key}", json={"revision": 3}))
    assert unchanged["revision"] == 3


def test_stale_revision_is_409_and_never_overwrites(api: httpx.Client, project: dict) -> None:
    file = _file(api, project, "locked")
    key = file["fileKey"]
    ok(api.patch(f"/files/{key}", json={"revision": 1, "content": "first writer"}))
    problem = assert_problem(
        api.patch(f"/files/{key}", json={"revision": 1, "content": "lost"}), 409
    )
    assert "revision" in problem["detail"]
    current = api.get(f"/files/{key}").json()
    assert (current["content"], current["revision"]) == ("first writer", 2)
    assert_problem(api.patch(f"/files/{key}", json={"revision": 99, "name": "x"}), 409)
    assert api.get(f"/files/{key}").json()["name"] == "locked"


def test_revision_is_required_and_an_integer(api: httpx.Client, project: dict) -> None:
    key = _file(api, project)["fileKey"]
    assert_problem(api.patch(f"/files/{key}", json={"content": "x"}), 400)
    assert_problem(api.patch(f"/files/{key}", json={"revision": "1", "content": "x"}), 400)
    assert_problem(api.patch(f"/files/{key}", json={"revision": 2**31, "content": "x"}), 400)
    assert_problem(api.patch(f"/files/{key}", json={"revision": 1, "name": None}), 400)
    assert api.get(f"/files/{key}").json()["revision"] == 1


def test_concurrent_writers_with_one_revision_exactly_one_wins(
    api: httpx.Client, project: dict
) -> None:
    key = _file(api, project, "contended")["fileKey"]
    statuses: dict[str, int] = {}
    barrier = threading.Barrier(2)
    base = str(api.base_url)
    auth = api.auth

    def write(content: str) -> None:
        with httpx.Client(base_url=base, auth=auth, timeout=30) as client:
            barrier.wait()
            statuses[content] = client.patch(
                f"/files/{key}", json={"revision": 1, "content": content}
            ).status_code

    threads = [threading.Thread(target=write, args=(c,)) for c in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses.values()) == [200, 409]
    winner = next(c for c, status in statuses.items() if status == 200)
    current = api.get(f"/files/{key}").json()
    assert (current["content"], current["revision"]) == (winner, 2)


def test_moves_between_folders_root_and_projects(api: httpx.Client, project: dict) -> None:
    a = _folder(api, project, "a")
    b = _folder(api, project, "b", a["folderKey"])
    file = _file(api, project, "moving")
    key = file["fileKey"]
    into_b = ok(api.patch(f"/files/{key}", json={"revision": 1, "folderKey": b["folderKey"]}))
    assert into_b["simplePath"] == "a/b/moving.bpmn"
    assert into_b["canonicalPath"] == f"{a['folderKey']}/{b['folderKey']}"
    to_root = ok(api.patch(f"/files/{key}", json={"revision": 2, "folderKey": None}))
    assert (to_root["folderKey"], to_root["simplePath"], to_root["canonicalPath"]) == (
        None,
        "moving.bpmn",
        "",
    )
    other = ok(api.post("/projects", json={"name": "R", "workspaceKey": project["workspaceKey"]}))
    moved = ok(api.patch(f"/files/{key}", json={"revision": 3, "projectKey": other["projectKey"]}))
    assert (moved["projectKey"], moved["folderKey"]) == (other["projectKey"], None)
    target = _folder(api, other, "inbox")
    # A folder alone names its project.
    placed = ok(api.patch(f"/files/{key}", json={"revision": 4, "folderKey": target["folderKey"]}))
    assert (placed["projectKey"], placed["simplePath"]) == (
        other["projectKey"],
        "inbox/moving.bpmn",
    )
    mismatch = {
        "revision": 5,
        "projectKey": project["projectKey"],
        "folderKey": target["folderKey"],
    }
    assert_problem(api.patch(f"/files/{key}", json=mismatch), 400)


def test_search_answers_without_content(api: httpx.Client, project: dict) -> None:
    folder = _folder(api, project, "searched")
    made = {_file(api, project, name, folderKey=folder["folderKey"])["fileKey"] for name in "yxz"}
    query = {"filter": {"folderKey": folder["folderKey"]}, "sort": [{"field": "name"}]}
    body = ok(api.post("/files/search", json=query))
    assert {f["fileKey"] for f in body["items"]} == made
    assert [f["name"] for f in body["items"]] == ["x", "y", "z"]
    assert all(f["content"] is None for f in body["items"])
    assert body["page"] == {"totalItems": 3, "hasMoreTotalItems": False}
    like = ok(
        api.post(
            "/files/search",
            json={"filter": {"name": {"$like": "?"}, "folderKey": folder["folderKey"]}},
        )
    )
    assert like["page"]["totalItems"] == 3
    assert_problem(api.post("/files/search", json={"filter": {"content": "x"}}), 400)


def test_get_files_search_is_the_first_page(api: httpx.Client, project: dict) -> None:
    _file(api, project)
    body = ok(api.get("/files/search"))
    assert body["items"]
    assert len(body["items"]) <= 100
    assert all(f["content"] is None for f in body["items"])


def test_body_over_the_limit_is_413(api: httpx.Client, project: dict) -> None:
    huge = "a" * (10 * 1024 * 1024 + 1)
    body = {"name": "huge", "projectKey": project["projectKey"], "type": "bpmn", "content": huge}
    assert_problem(api.post("/files", json=body), 413)


def test_other_organization_gets_404(
    api: httpx.Client, other_org_api: httpx.Client, project: dict
) -> None:
    key = _file(api, project, "secret")["fileKey"]
    assert_problem(other_org_api.get(f"/files/{key}"), 404)
    assert_problem(other_org_api.patch(f"/files/{key}", json={"revision": 1, "content": "x"}), 404)
    assert_problem(other_org_api.delete(f"/files/{key}"), 404)
    assert_problem(other_org_api.delete(f"/files/{key}/permanent"), 404)
    assert_problem(other_org_api.delete(f"/files/{key}/purge"), 404)
    assert_problem(other_org_api.post(f"/files/{key}/restoration"), 404)
    body = {"name": "f", "projectKey": project["projectKey"], "type": "bpmn", "content": "c"}
    assert_problem(other_org_api.post("/files", json=body), 400)
    listed = other_org_api.post("/files/search", json={"filter": {"name": "secret"}}).json()
    assert listed["items"] == []
    assert api.get(f"/files/{key}").json()["content"] == BPMN


@pytest.mark.parametrize(
    ("permissions", "method", "path", "needed"),
    [
        (("read", "update", "delete"), "POST", "/files", "create"),
        (("create", "update", "delete"), "GET", "/files/{key}", "read"),
        (("create", "update", "delete"), "POST", "/files/search", "read"),
        (("create", "update", "delete"), "GET", "/files/search", "read"),
        (("create", "update", "delete"), "POST", "/files/recently-deleted/search", "read"),
        (("create", "read", "delete"), "PATCH", "/files/{key}", "update"),
        (("create", "read", "update"), "DELETE", "/files/{key}", "delete"),
        (("create", "read", "update"), "DELETE", "/files/{key}/permanent", "delete"),
        (("create", "read", "update"), "DELETE", "/files/{key}/purge", "delete"),
        (("read", "update", "delete"), "POST", "/files/{key}/restoration", "create"),
    ],
)
def test_each_operation_needs_its_permission(
    api: httpx.Client,
    api_with: Callable[..., httpx.Client],
    project: dict,
    permissions: tuple[str, ...],
    method: str,
    path: str,
    needed: str,
) -> None:
    key = _file(api, project, "guarded")["fileKey"]
    payload = {"revision": 1, "content": "x"} if method == "PATCH" else None
    response = api_with(*permissions).request(method, path.format(key=key), json=payload)
    assert needed in assert_problem(response, 403)["detail"]
    current = api.get(f"/files/{key}").json()
    assert (current["revision"], current["content"]) == (1, BPMN)


def test_nul_characters_are_refused_not_a_database_error(api: httpx.Client, project: dict) -> None:
    # PostgreSQL text cannot hold NUL: in a body it is a 400, in a key it matches nothing.
    body = {"name": "a\x00b", "projectKey": project["projectKey"], "type": "bpmn", "content": "c"}
    assert "NUL" in assert_problem(api.post("/files", json=body), 400)["detail"]
    assert_problem(api.post("/files", json={**body, "name": "ok", "content": "\x00"}), 400)
    assert_problem(api.get("/files/a%00b"), 404)
    assert_problem(api.patch("/files/a%00b", json={"revision": 1, "content": "x"}), 404)
    assert api.delete("/files/a%00b/purge").status_code == 204
    assert_problem(api.post("/files", json={**body, "name": "ok", "projectKey": "p\x00"}), 400)


def test_create_names_the_key_that_does_not_resolve(api: httpx.Client, project: dict) -> None:
    # The one-statement location lookup of a create finds nothing in all these cases; the
    # answer must still say which key is wrong and why.
    other = ok(api.post("/projects", json={"name": "R", "workspaceKey": project["workspaceKey"]}))
    elsewhere = _folder(api, other, "elsewhere")
    gone = _folder(api, project, "gone")
    assert api.delete(f"/folders/{gone['folderKey']}").status_code == 204
    body = {"name": "f", "projectKey": project["projectKey"], "type": "bpmn", "content": "c"}
    cases = {
        "no-such-folder": "folderKey: no folder with key 'no-such-folder' was found",
        gone["folderKey"]: f"folderKey: no folder with key '{gone['folderKey']}' was found",
        elsewhere["folderKey"]: (
            f"folderKey: folder '{elsewhere['folderKey']}' belongs to another project than "
            "projectKey"
        ),
    }
    for folder_key, detail in cases.items():
        problem = assert_problem(api.post("/files", json={**body, "folderKey": folder_key}), 400)
        assert problem["detail"] == detail
    missing = {**body, "projectKey": "no-such-project"}
    problem = assert_problem(api.post("/files", json=missing), 400)
    assert problem["detail"] == "projectKey: no project with key 'no-such-project' was found"


def test_create_event_carries_the_workspace_and_folder(api: httpx.Client, project: dict) -> None:
    folder = _folder(api, project, "evented")
    created = _file(api, project, "evented-file", folderKey=folder["folderKey"])
    mine: list[dict] = []
    after = 0
    while True:
        page = ok(api.get("/events", params={"after": after, "type": "file.", "limit": 1000}))
        mine += [e for e in page["items"] if e["resource"]["key"] == created["fileKey"]]
        if not page["items"]:
            break
        after = page["nextAfter"]
    assert [e["type"] for e in mine] == ["file.created"]
    parents = mine[0]["parents"]
    assert (parents["workspaceKey"], parents["projectKey"], parents["folderKey"]) == (
        project["workspaceKey"],
        project["projectKey"],
        folder["folderKey"],
    )
    assert mine[0]["data"]["simplePath"] == "evented/evented-file.bpmn"


def test_write_answers_are_the_bytes_a_read_answers(api: httpx.Client, project: dict) -> None:
    # Creates and updates encode the object they wrote; reads encode the stored row. Both must
    # give the same body, timestamps included.
    body = {"name": "same", "projectKey": project["projectKey"], "type": "bpmn", "content": "<a/>"}
    created = api.post("/files", json=body)
    assert created.status_code == 200, created.text
    key = created.json()["fileKey"]
    assert api.get(f"/files/{key}").content == created.content
    updated = api.patch(f"/files/{key}", json={"revision": 1, "name": "other", "content": "<b/>"})
    assert updated.status_code == 200, updated.text
    assert api.get(f"/files/{key}").content == updated.content
