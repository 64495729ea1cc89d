"""Projects over real HTTP: create in a workspace, get with direct children, rename and move,
search, permissions and organization scoping."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
import pytest

from tests.support.responses import assert_problem, ok


@pytest.fixture(scope="module")
def workspace(api: httpx.Client) -> str:
    return str(ok(api.post("/workspaces", json={"name": "Projects"}))["workspaceKey"])


def _project(api: httpx.Client, workspace: str, name: str = "Payment Flow") -> dict:
    return ok(api.post("/projects", json={"name": name, "workspaceKey": workspace}))


def test_create_and_get_with_direct_children(api: httpx.Client, workspace: str) -> None:
    project = _project(api, workspace)
    assert set(project) == {
        "projectKey",
        "name",
        "workspaceKey",
        "created",
        "createdBy",
        "updated",
        "updatedBy",
    }
    assert project["workspaceKey"] == workspace
    key = project["projectKey"]
    top = ok(api.post("/folders", json={"name": "top", "projectKey": key}))
    ok(
        api.post(
            "/folders",
            json={"name": "nested", "projectKey": key, "parentFolderKey": top["folderKey"]},
        )
    )
    body = {"projectKey": key, "type": "markdown", "content": "# hi"}
    root_file = ok(api.post("/files", json={**body, "name": "README"}))
    ok(api.post("/files", json={**body, "name": "inside", "folderKey": top["folderKey"]}))
    detail = ok(api.get(f"/projects/{key}"))
    assert detail["project"] == project
    assert [f["folderKey"] for f in detail["content"]["folders"]] == [top["folderKey"]]
    assert [f["fileKey"] for f in detail["content"]["files"]] == [root_file["fileKey"]]
    assert detail["content"]["files"][0]["simplePath"] == "README.md"
    workspace_body = ok(api.get(f"/workspaces/{workspace}"))
    assert key in {p["projectKey"] for p in workspace_body["content"]["projects"]}


def test_create_validation(api: httpx.Client, workspace: str) -> None:
    assert_problem(api.post("/projects", json={"name": "x"}), 400)
    assert_problem(api.post("/projects", json={"name": "", "workspaceKey": workspace}), 400)
    assert_problem(
        api.post("/projects", json={"name": "x", "workspaceKey": str(uuid.uuid4())}), 400
    )
    assert_problem(
        api.post("/projects", json={"name": "x", "workspaceKey": workspace, "a": 1}), 400
    )


def test_rename_and_move_between_workspaces(api: httpx.Client, workspace: str) -> None:
    project = _project(api, workspace, "Before")
    key = project["projectKey"]
    renamed = ok(api.patch(f"/projects/{key}", json={"name": "After"}))
    assert (renamed["name"], renamed["workspaceKey"]) == ("After", workspace)
    assert renamed["created"] == project["created"]
    target = ok(api.post("/workspaces", json={"name": "Target"}))["workspaceKey"]
    moved = ok(api.patch(f"/projects/{key}", json={"workspaceKey": target}))
    assert (moved["name"], moved["workspaceKey"]) == ("After", target)
    assert [
        p["projectKey"] for p in ok(api.get(f"/workspaces/{target}"))["content"]["projects"]
    ] == [key]
    assert_problem(api.patch(f"/projects/{key}", json={"workspaceKey": "missing"}), 400)
    assert_problem(api.patch(f"/projects/{key}", json={"workspaceKey": None}), 400)
    assert_problem(api.patch(f"/projects/{key}", json={"name": None}), 400)
    assert ok(api.get(f"/projects/{key}"))["project"]["workspaceKey"] == target


def test_search_by_workspace_and_name(api: httpx.Client) -> None:
    ws = ok(api.post("/workspaces", json={"name": "Search projects"}))["workspaceKey"]
    for name in ("gamma", "alpha", "beta"):
        _project(api, ws, name)
    body = {"filter": {"workspaceKey": ws}, "sort": [{"field": "name"}]}
    found = ok(api.post("/projects/search", json=body))
    assert [p["name"] for p in found["items"]] == ["alpha", "beta", "gamma"]
    assert found["page"] == {"totalItems": 3, "hasMoreTotalItems": False}
    body = {"filter": {"workspaceKey": ws, "name": {"$in": ["alpha", "gamma"]}}}
    assert ok(api.post("/projects/search", json=body))["page"]["totalItems"] == 2
    body = {"filter": {"workspaceKey": ws, "name": {"$neq": "alpha"}}}
    assert ok(api.post("/projects/search", json=body))["page"]["totalItems"] == 2
    assert_problem(
        api.post("/projects/search", json={"filter": {"workspaceKey": {"$like": "x"}}}), 400
    )


def test_other_organization_gets_404(
    api: httpx.Client, other_org_api: httpx.Client, workspace: str
) -> None:
    key = _project(api, workspace, "Private")["projectKey"]
    assert_problem(other_org_api.get(f"/projects/{key}"), 404)
    assert_problem(other_org_api.patch(f"/projects/{key}", json={"name": "x"}), 404)
    assert_problem(other_org_api.delete(f"/projects/{key}"), 404)
    assert_problem(other_org_api.delete(f"/projects/{key}/permanent"), 404)
    assert_problem(
        other_org_api.post("/projects", json={"name": "x", "workspaceKey": workspace}), 400
    )
    foreign_ws = ok(other_org_api.post("/workspaces", json={"name": "Theirs"}))["workspaceKey"]
    # Nor can a project be moved into another organization's workspace.
    assert_problem(api.patch(f"/projects/{key}", json={"workspaceKey": foreign_ws}), 400)
    listed = ok(other_org_api.post("/projects/search", json={"filter": {"name": "Private"}}))
    assert listed["items"] == []


@pytest.mark.parametrize(
    ("permissions", "method", "path", "needed"),
    [
        (("read", "update", "delete"), "POST", "/projects", "create"),
        (("create", "update", "delete"), "GET", "/projects/{key}", "read"),
        (("create", "update", "delete"), "POST", "/projects/search", "read"),
        (("create", "update", "delete"), "POST", "/projects/recently-deleted/search", "read"),
        (("create", "read", "delete"), "PATCH", "/projects/{key}", "update"),
        (("create", "read", "update"), "DELETE", "/projects/{key}", "delete"),
        (("create", "read", "update"), "DELETE", "/projects/{key}/permanent", "delete"),
        (("read", "update", "delete"), "POST", "/projects/{key}/restoration", "create"),
    ],
)
def test_each_operation_needs_its_permission(
    api: httpx.Client,
    api_with: Callable[..., httpx.Client],
    workspace: str,
    permissions: tuple[str, ...],
    method: str,
    path: str,
    needed: str,
) -> None:
    key = _project(api, workspace, "guarded")["projectKey"]
    payload = {"name": "renamed", "workspaceKey": workspace} if method != "GET" else None
    response = api_with(*permissions).request(method, path.format(key=key), json=payload)
    assert needed in assert_problem(response, 403)["detail"]
    assert ok(api.get(f"/projects/{key}"))["project"]["name"] == "guarded"
