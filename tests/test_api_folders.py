"""Folders over real HTTP: nesting, children, renames and moves that keep every descendant's
paths right, the never-into-itself rule, permissions and organization scoping."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.support.responses import assert_problem, ok


@pytest.fixture(scope="module")
def workspace(api: httpx.Client) -> dict:
    return ok(api.post("/workspaces", json={"name": "Folders"}))


@pytest.fixture
def project(api: httpx.Client, workspace: dict) -> dict:
    body = {"name": "P", "workspaceKey": workspace["workspaceKey"]}
    return ok(api.post("/projects", json=body))


def _folder(api: httpx.Client, project: dict, name: str, parent: str | None = None) -> dict:
    body: dict = {"name": name, "projectKey": project["projectKey"]}
    if parent is not None:
        body["parentFolderKey"] = parent
    return ok(api.post("/folders", json=body))


def _file(api: httpx.Client, project: dict, name: str, folder: str | None) -> dict:
    body = {
        "name": name,
        "projectKey": project["projectKey"],
        "folderKey": folder,
        "type": "dmn",
        "content": "<definitions/>",
    }
    return ok(api.post("/files", json=body))


def test_create_and_get_direct_children(api: httpx.Client, project: dict) -> None:
    top = _folder(api, project, "top")
    assert set(top) == {
        "folderKey",
        "name",
        "projectKey",
        "parentFolderKey",
        "created",
        "createdBy",
        "updated",
        "updatedBy",
    }
    assert top["parentFolderKey"] is None
    child = _folder(api, project, "child", top["folderKey"])
    assert child["parentFolderKey"] == top["folderKey"]
    _folder(api, project, "grandchild", child["folderKey"])
    file = _file(api, project, "rules", top["folderKey"])
    body = ok(api.get(f"/folders/{top['folderKey']}"))
    assert body["folder"] == top
    assert [f["folderKey"] for f in body["content"]["folders"]] == [child["folderKey"]]
    assert [f["fileKey"] for f in body["content"]["files"]] == [file["fileKey"]]
    assert body["content"]["files"][0]["content"] is None
    project_body = ok(api.get(f"/projects/{project['projectKey']}"))
    assert [f["folderKey"] for f in project_body["content"]["folders"]] == [top["folderKey"]]


def test_create_rejects_bad_references(api: httpx.Client, project: dict, workspace: dict) -> None:
    assert_problem(api.post("/folders", json={"name": "x", "projectKey": "nope"}), 400)
    assert_problem(
        api.post("/folders", json={"name": "", "projectKey": project["projectKey"]}), 400
    )
    assert_problem(api.post("/folders", json={"projectKey": project["projectKey"]}), 400)
    other = ok(api.post("/projects", json={"name": "Q", "workspaceKey": workspace["workspaceKey"]}))
    foreign = _folder(api, other, "foreign")
    body = {
        "name": "x",
        "projectKey": project["projectKey"],
        "parentFolderKey": foreign["folderKey"],
    }
    assert_problem(api.post("/folders", json=body), 400)


def test_paths_follow_nested_renames_and_moves(api: httpx.Client, project: dict) -> None:
    a = _folder(api, project, "a")
    b = _folder(api, project, "b", a["folderKey"])
    c = _folder(api, project, "c", b["folderKey"])
    deep = _file(api, project, "deep", c["folderKey"])
    mid = _file(api, project, "mid", b["folderKey"])
    ka, kb, kc = a["folderKey"], b["folderKey"], c["folderKey"]

    def paths(file: dict) -> tuple[str, str]:
        body = ok(api.get(f"/files/{file['fileKey']}"))
        return body["simplePath"], body["canonicalPath"]

    assert paths(deep) == ("a/b/c/deep.dmn", f"{ka}/{kb}/{kc}")
    ok(api.patch(f"/folders/{ka}", json={"name": "alpha"}))
    assert paths(deep) == ("alpha/b/c/deep.dmn", f"{ka}/{kb}/{kc}")
    assert paths(mid) == ("alpha/b/mid.dmn", f"{ka}/{kb}")
    moved = ok(api.patch(f"/folders/{kb}", json={"parentFolderKey": None, "name": "beta"}))
    assert moved["parentFolderKey"] is None
    assert paths(deep) == ("beta/c/deep.dmn", f"{kb}/{kc}")
    assert paths(mid) == ("beta/mid.dmn", kb)
    # And back under a new parent, one level deeper than before.
    z = _folder(api, project, "z", ka)
    ok(api.patch(f"/folders/{kb}", json={"parentFolderKey": z["folderKey"]}))
    assert paths(deep) == ("alpha/z/beta/c/deep.dmn", f"{ka}/{z['folderKey']}/{kb}/{kc}")
    assert ok(api.get(f"/folders/{z['folderKey']}"))["content"]["folders"][0]["folderKey"] == kb


def test_move_to_another_project_carries_the_subtree(
    api: httpx.Client, project: dict, workspace: dict
) -> None:
    a = _folder(api, project, "a")
    b = _folder(api, project, "b", a["folderKey"])
    file = _file(api, project, "f", b["folderKey"])
    other = ok(api.post("/projects", json={"name": "Q", "workspaceKey": workspace["workspaceKey"]}))
    moved = ok(api.patch(f"/folders/{a['folderKey']}", json={"projectKey": other["projectKey"]}))
    assert (moved["projectKey"], moved["parentFolderKey"]) == (other["projectKey"], None)
    assert ok(api.get(f"/folders/{b['folderKey']}"))["folder"]["projectKey"] == other["projectKey"]
    body = ok(api.get(f"/files/{file['fileKey']}"))
    assert (body["projectKey"], body["simplePath"]) == (other["projectKey"], "a/b/f.dmn")
    assert ok(api.get(f"/projects/{project['projectKey']}"))["content"]["folders"] == []


def test_never_into_itself_or_a_descendant(api: httpx.Client, project: dict) -> None:
    a = _folder(api, project, "a")
    b = _folder(api, project, "b", a["folderKey"])
    c = _folder(api, project, "c", b["folderKey"])
    for target in (a, b, c):
        body = {"parentFolderKey": target["folderKey"]}
        assert_problem(api.patch(f"/folders/{a['folderKey']}", json=body), 400)
    assert ok(api.get(f"/folders/{a['folderKey']}"))["folder"]["parentFolderKey"] is None
    assert ok(api.get(f"/folders/{c['folderKey']}"))["folder"]["parentFolderKey"] == b["folderKey"]


def test_update_validation(api: httpx.Client, project: dict) -> None:
    key = _folder(api, project, "v")["folderKey"]
    assert_problem(api.patch(f"/folders/{key}", json={"name": None}), 400)
    assert_problem(api.patch(f"/folders/{key}", json={"projectKey": None}), 400)
    assert_problem(api.patch(f"/folders/{key}", json={"parentFolderKey": "nope"}), 400)
    assert_problem(api.patch(f"/folders/{key}", json={"color": "red"}), 400)
    assert_problem(api.patch("/folders/nope", json={"name": "x"}), 404)


def test_other_organization_gets_404(
    api: httpx.Client, other_org_api: httpx.Client, project: dict
) -> None:
    key = _folder(api, project, "private")["folderKey"]
    assert_problem(other_org_api.get(f"/folders/{key}"), 404)
    assert_problem(other_org_api.patch(f"/folders/{key}", json={"name": "x"}), 404)
    assert_problem(other_org_api.delete(f"/folders/{key}"), 404)
    assert_problem(other_org_api.delete(f"/folders/{key}/permanent"), 404)
    assert_problem(other_org_api.post(f"/folders/{key}/restoration"), 404)
    assert_problem(
        other_org_api.post("/folders", json={"name": "x", "projectKey": project["projectKey"]}), 400
    )
    assert ok(api.get(f"/folders/{key}"))["folder"]["name"] == "private"


@pytest.mark.parametrize(
    ("permissions", "method", "path", "needed"),
    [
        (("read", "update", "delete"), "POST", "/folders", "create"),
        (("create", "update", "delete"), "GET", "/folders/{key}", "read"),
        (("create", "update", "delete"), "POST", "/folders/recently-deleted/search", "read"),
        (("create", "read", "delete"), "PATCH", "/folders/{key}", "update"),
        (("create", "read", "update"), "DELETE", "/folders/{key}", "delete"),
        (("create", "read", "update"), "DELETE", "/folders/{key}/permanent", "delete"),
        (("read", "update", "delete"), "POST", "/folders/{key}/restoration", "create"),
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
    key = _folder(api, project, "guarded")["folderKey"]
    payload = {"name": "renamed", "projectKey": project["projectKey"]} if method != "GET" else None
    response = api_with(*permissions).request(method, path.format(key=key), json=payload)
    assert needed in assert_problem(response, 403)["detail"]
    assert ok(api.get(f"/folders/{key}"))["folder"]["name"] == "guarded"


def test_names_with_separators_and_wildcards_keep_paths_exact(
    api: httpx.Client, project: dict
) -> None:
    # Prefix rewriting is by length, never by pattern: '%', '_', '*' and '/' in names are data.
    odd = _folder(api, project, "50%_off/*")
    inner = _folder(api, project, "in_ner", odd["folderKey"])
    file = _file(api, project, "f%", inner["folderKey"])
    sibling = _folder(api, project, "50%_offX")
    bystander = _file(api, project, "g", sibling["folderKey"])
    ok(api.patch(f"/folders/{odd['folderKey']}", json={"name": "50%"}))
    assert ok(api.get(f"/files/{file['fileKey']}"))["simplePath"] == "50%/in_ner/f%.dmn"
    assert ok(api.get(f"/files/{bystander['fileKey']}"))["simplePath"] == "50%_offX/g.dmn"


def test_nesting_depth_is_bounded(api: httpx.Client, project: dict) -> None:
    from camunda_hub.server.services.hub.folders import MAX_DEPTH

    parent: str | None = None
    chain = []
    for level in range(MAX_DEPTH):
        parent = _folder(api, project, f"level-{level}", parent)["folderKey"]
        chain.append(parent)
    too_deep = api.post(
        "/folders",
        json={"name": "x", "projectKey": project["projectKey"], "parentFolderKey": parent},
    )
    assert f"at most {MAX_DEPTH} levels" in assert_problem(too_deep, 400)["detail"]
    # Moving a two-level subtree under the chain's second-to-last folder would be too deep too.
    top = _folder(api, project, "top")
    _folder(api, project, "child", top["folderKey"])
    moved = api.patch(f"/folders/{top['folderKey']}", json={"parentFolderKey": chain[-2]})
    assert f"at most {MAX_DEPTH} levels" in assert_problem(moved, 400)["detail"]
    # Under the third-to-last it fits exactly.
    fits = api.patch(f"/folders/{top['folderKey']}", json={"parentFolderKey": chain[-3]})
    assert fits.status_code == 200, fits.text
