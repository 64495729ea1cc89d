"""Workspaces over real HTTP with real tokens: CRUD, search, permissions, organization scoping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import httpx
import pytest

from tests.support.responses import assert_problem


def _workspace(api: httpx.Client, name: str = "Workspace", **extra: object) -> dict:
    response = api.post("/workspaces", json={"name": name, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def test_create_returns_the_contract_shape(api: httpx.Client) -> None:
    info = api.get("/info").json()
    body = _workspace(api, "Sales", description="Everything sales")
    assert set(body) == {
        "workspaceKey",
        "name",
        "description",
        "created",
        "createdBy",
        "updated",
        "updatedBy",
    }
    assert body["name"] == "Sales"
    assert body["description"] == "Everything sales"
    assert body["createdBy"] == body["updatedBy"]
    assert set(body["createdBy"]) == {"name", "email"}
    assert body["createdBy"]["email"]
    created = datetime.fromisoformat(body["created"])
    assert created.tzinfo is not None
    assert info["authorizedOrganization"]
    assert _workspace(api, "No description")["description"] is None


@pytest.mark.parametrize(
    ("payload", "mentions"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 256}, "name"),
        ({"name": "ok", "description": ""}, "description"),
        ({"name": "ok", "description": "d" * 501}, "description"),
        ({"name": "ok", "owner": "me"}, "owner"),
        ({"name": 12}, "name"),
    ],
)
def test_create_rejects_invalid_bodies(api: httpx.Client, payload: dict, mentions: str) -> None:
    body = assert_problem(api.post("/workspaces", json=payload), 400)
    assert mentions in body["detail"]


def test_create_rejects_non_json(api: httpx.Client) -> None:
    assert_problem(
        api.post("/workspaces", content=b"{not json", headers={"content-type": "application/json"}),
        400,
    )
    assert_problem(api.post("/workspaces", json=["name"]), 400)


def test_get_lists_live_projects(api: httpx.Client) -> None:
    workspace = _workspace(api)
    key = workspace["workspaceKey"]
    kept = api.post("/projects", json={"name": "B kept", "workspaceKey": key}).json()
    gone = api.post("/projects", json={"name": "A gone", "workspaceKey": key}).json()
    assert api.delete(f"/projects/{gone['projectKey']}").status_code == 204
    body = api.get(f"/workspaces/{key}").json()
    assert body["workspace"] == workspace
    assert [p["projectKey"] for p in body["content"]["projects"]] == [kept["projectKey"]]


def test_patch_omit_keeps_null_clears(api: httpx.Client) -> None:
    workspace = _workspace(api, "Before", description="keep me")
    key = workspace["workspaceKey"]
    renamed = api.patch(f"/workspaces/{key}", json={"name": "After"}).json()
    assert renamed["name"] == "After"
    assert renamed["description"] == "keep me"
    assert renamed["created"] == workspace["created"]
    assert renamed["updated"] >= workspace["updated"]
    cleared = api.patch(f"/workspaces/{key}", json={"description": None}).json()
    assert cleared["description"] is None
    assert cleared["name"] == "After"
    assert api.get(f"/workspaces/{key}").json()["workspace"]["description"] is None
    assert_problem(api.patch(f"/workspaces/{key}", json={"name": None}), 400)
    assert_problem(api.patch(f"/workspaces/{key}", json={"name": ""}), 400)
    assert_problem(api.patch(f"/workspaces/{key}", json={"nope": 1}), 400)
    assert api.get(f"/workspaces/{key}").json()["workspace"]["name"] == "After"


def test_unknown_keys_are_404(api: httpx.Client) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    assert_problem(api.get(f"/workspaces/{missing}"), 404)
    assert_problem(api.patch(f"/workspaces/{missing}", json={"name": "x"}), 404)
    assert_problem(api.delete(f"/workspaces/{missing}"), 404)


def test_search_filters_sorts_and_pages(api: httpx.Client) -> None:
    tag = "srch-" + datetime.now().strftime("%H%M%S%f")
    names = [f"{tag}-c", f"{tag}-a", f"{tag}-b"]
    for name in names:
        _workspace(api, name)
    query = {
        "filter": {"name": {"$like": f"{tag}-*"}},
        "sort": [{"field": "name", "order": "DESC"}],
    }
    body = api.post("/workspaces/search", json=query).json()
    assert [w["name"] for w in body["items"]] == sorted(names, reverse=True)
    assert body["page"] == {"totalItems": 3, "hasMoreTotalItems": False}
    paged = api.post("/workspaces/search", json={**query, "page": {"from": 1, "limit": 1}}).json()
    assert [w["name"] for w in paged["items"]] == [f"{tag}-b"]
    assert paged["page"]["totalItems"] == 3
    exact = api.post("/workspaces/search", json={"filter": {"name": f"{tag}-a"}}).json()
    assert [w["name"] for w in exact["items"]] == [f"{tag}-a"]
    me = exact["items"][0]["createdBy"]["email"]
    by_me = api.post(
        "/workspaces/search", json={"filter": {"name": {"$like": f"{tag}*"}, "createdBy": me}}
    ).json()
    assert by_me["page"]["totalItems"] == 3
    nobody = api.post(
        "/workspaces/search",
        json={"filter": {"name": {"$like": f"{tag}*"}, "createdBy": "nobody@example.com"}},
    ).json()
    assert nobody["items"] == []


def test_search_without_body_and_bad_queries(api: httpx.Client) -> None:
    _workspace(api)
    assert api.post("/workspaces/search").status_code == 200
    assert_problem(api.post("/workspaces/search", json={"filter": {"owner": "x"}}), 400)
    assert_problem(api.post("/workspaces/search", json={"sort": [{"field": "description"}]}), 400)
    assert_problem(api.post("/workspaces/search", json={"page": {"limit": 0}}), 400)
    assert_problem(api.post("/workspaces/search", json=[1]), 400)


def test_other_organization_sees_nothing(api: httpx.Client, other_org_api: httpx.Client) -> None:
    workspace = _workspace(api, "Private")
    key = workspace["workspaceKey"]
    assert_problem(other_org_api.get(f"/workspaces/{key}"), 404)
    assert_problem(other_org_api.patch(f"/workspaces/{key}", json={"name": "mine"}), 404)
    assert_problem(other_org_api.delete(f"/workspaces/{key}"), 404)
    assert_problem(other_org_api.delete(f"/workspaces/{key}/permanent"), 404)
    listed = other_org_api.post("/workspaces/search", json={"page": {"limit": 10000}}).json()
    assert key not in {w["workspaceKey"] for w in listed["items"]}
    assert api.get(f"/workspaces/{key}").json()["workspace"]["name"] == "Private"


@pytest.mark.parametrize(
    ("permissions", "method", "path_suffix", "needed"),
    [
        (("read", "update", "delete"), "POST", "", "create"),
        (("create", "update", "delete"), "GET", "/{key}", "read"),
        (("create", "update", "delete"), "POST", "/search", "read"),
        (("create", "read", "delete"), "PATCH", "/{key}", "update"),
        (("create", "read", "update"), "DELETE", "/{key}", "delete"),
        (("create", "read", "update"), "DELETE", "/{key}/permanent", "delete"),
        (("read", "update", "delete"), "POST", "/{key}/restoration", "create"),
    ],
)
def test_each_operation_needs_its_permission(
    api: httpx.Client,
    api_with: Callable[..., httpx.Client],
    permissions: tuple[str, ...],
    method: str,
    path_suffix: str,
    needed: str,
) -> None:
    key = _workspace(api)["workspaceKey"]
    client = api_with(*permissions)
    payload = {"name": "x"} if method in ("POST", "PATCH") else None
    response = client.request(method, "/workspaces" + path_suffix.format(key=key), json=payload)
    body = assert_problem(response, 403)
    assert needed in body["detail"]
    assert api.get(f"/workspaces/{key}").json()["workspace"]["name"] == "Workspace"
