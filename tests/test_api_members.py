"""Members over real HTTP: upsert by e-mail (case-insensitive), removal, the search that needs
exactly one workspace, permissions and organization scoping."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.support.responses import assert_problem, ok


@pytest.fixture
def workspace(api: httpx.Client) -> str:
    return str(ok(api.post("/workspaces", json={"name": "Members"}))["workspaceKey"])


def _members(api: httpx.Client, workspace: str, **filters: object) -> list[dict]:
    body = {"filter": {"workspaceKey": workspace, **filters}, "sort": [{"field": "email"}]}
    return list(ok(api.post("/members/search", json=body))["items"])


def test_add_is_an_upsert_by_email(api: httpx.Client, workspace: str) -> None:
    added = ok(
        api.post(
            f"/workspaces/{workspace}/members",
            json={"email": "Alice@Example.com", "role": "editor"},
        )
    )
    assert added == {
        "workspaceKey": workspace,
        "email": "alice@example.com",
        "name": None,
        "role": "editor",
    }
    again = {"email": "alice@example.COM", "role": "workspace_admin"}
    assert ok(api.post(f"/workspaces/{workspace}/members", json=again))["role"] == "workspace_admin"
    ok(
        api.post(
            f"/workspaces/{workspace}/members", json={"email": "bob@example.com", "role": "viewer"}
        )
    )
    members = _members(api, workspace)
    assert [(m["email"], m["role"]) for m in members] == [
        ("alice@example.com", "workspace_admin"),
        ("bob@example.com", "viewer"),
    ]
    assert [m["email"] for m in _members(api, workspace, role="viewer")] == ["bob@example.com"]
    assert [m["email"] for m in _members(api, workspace, email={"$like": "ali*"})] == [
        "alice@example.com"
    ]


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email", "role": "editor"},
        {"email": "a@b.c", "role": "owner"},
        {"email": "a@b.c"},
        {"role": "editor"},
        {"email": "a@b.c", "role": "editor", "name": "A"},
    ],
)
def test_add_validation(api: httpx.Client, workspace: str, body: dict) -> None:
    assert_problem(api.post(f"/workspaces/{workspace}/members", json=body), 400)
    assert _members(api, workspace) == []


def test_remove(api: httpx.Client, workspace: str) -> None:
    ok(
        api.post(
            f"/workspaces/{workspace}/members",
            json={"email": "carol@example.com", "role": "commenter"},
        )
    )
    assert api.delete(f"/workspaces/{workspace}/members/Carol@Example.com").status_code == 204
    assert _members(api, workspace) == []
    assert_problem(api.delete(f"/workspaces/{workspace}/members/carol@example.com"), 404)
    assert_problem(api.delete("/workspaces/missing/members/carol@example.com"), 404)


def test_search_needs_exactly_one_workspace(api: httpx.Client, workspace: str) -> None:
    assert_problem(api.post("/members/search"), 400)
    assert_problem(api.post("/members/search", json={}), 400)
    assert_problem(api.post("/members/search", json={"filter": {"role": "editor"}}), 400)
    for operator in ({"$neq": workspace}, {"$in": [workspace]}, {"$exists": True}):
        assert_problem(
            api.post("/members/search", json={"filter": {"workspaceKey": operator}}), 400
        )
    eq = ok(api.post("/members/search", json={"filter": {"workspaceKey": {"$eq": workspace}}}))
    assert eq == {"items": [], "page": {"totalItems": 0, "hasMoreTotalItems": False}}


def test_deleted_workspace_has_no_members_to_manage(api: httpx.Client, workspace: str) -> None:
    ok(
        api.post(
            f"/workspaces/{workspace}/members", json={"email": "dan@example.com", "role": "viewer"}
        )
    )
    assert api.delete(f"/workspaces/{workspace}").status_code == 204
    assert_problem(
        api.post(f"/workspaces/{workspace}/members", json={"email": "e@x.io", "role": "viewer"}),
        404,
    )
    assert _members(api, workspace) == []
    ok(api.post(f"/workspaces/{workspace}/restoration"))
    assert [m["email"] for m in _members(api, workspace)] == ["dan@example.com"]


def test_other_organization_gets_404(
    api: httpx.Client, other_org_api: httpx.Client, workspace: str
) -> None:
    ok(
        api.post(
            f"/workspaces/{workspace}/members", json={"email": "eve@example.com", "role": "viewer"}
        )
    )
    body = {"email": "mallory@example.com", "role": "workspace_admin"}
    assert_problem(other_org_api.post(f"/workspaces/{workspace}/members", json=body), 404)
    assert_problem(other_org_api.delete(f"/workspaces/{workspace}/members/eve@example.com"), 404)
    assert _members(other_org_api, workspace) == []
    assert [m["email"] for m in _members(api, workspace)] == ["eve@example.com"]


@pytest.mark.parametrize(
    ("permissions", "method", "path", "needed"),
    [
        (("read", "update", "delete"), "POST", "/workspaces/{key}/members", "create"),
        (("create", "read", "update"), "DELETE", "/workspaces/{key}/members/x@y.z", "delete"),
        (("create", "update", "delete"), "POST", "/members/search", "read"),
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
    ok(api.post(f"/workspaces/{workspace}/members", json={"email": "x@y.z", "role": "viewer"}))
    payloads = {
        "POST /workspaces/{key}/members": {"email": "x@y.z", "role": "editor"},
        "POST /members/search": {"filter": {"workspaceKey": workspace}},
    }
    payload = payloads.get(f"{method} {path}")
    response = api_with(*permissions).request(method, path.format(key=workspace), json=payload)
    assert needed in assert_problem(response, 403)["detail"]
    assert [m["role"] for m in _members(api, workspace)] == ["viewer"]
