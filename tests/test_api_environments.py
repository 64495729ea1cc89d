"""Environments over real HTTP with real tokens: derived from cluster registrations, assigned
to workspaces (full-set replacement), seen by projects; removal keeps assignments; permissions
and organization scoping."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.support.responses import assert_problem

LICENSE = {"validLicense": True, "licenseType": "production"}


def _cluster(api: httpx.Client, name: str = "Cluster", **extra: Any) -> str:
    cluster_id = f"env-{uuid.uuid4()}"
    body = {"clusterId": cluster_id, "clusterName": name, "version": "8.8.1", "license": LICENSE}
    response = api.post("/clusters", json={**body, **extra})
    assert response.status_code == 204, response.text
    return cluster_id


def _workspace(api: httpx.Client, name: str = "Workspace") -> str:
    response = api.post("/workspaces", json={"name": name})
    assert response.status_code == 200, response.text
    return str(response.json()["workspaceKey"])


def _assign(api: httpx.Client, workspace: str, *ids: str) -> list[dict]:
    response = api.put(f"/workspaces/{workspace}/environments", json={"environmentIds": list(ids)})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def _ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def _environment(api: httpx.Client, environment_id: str) -> dict | None:
    response = api.get("/environments")
    assert response.status_code == 200, response.text
    found = [item for item in response.json()["items"] if item["id"] == environment_id]
    return found[0] if found else None


def test_a_registration_is_an_environment(api: httpx.Client) -> None:
    cluster_id = _cluster(
        api,
        "Staging",
        profiles=["broker", "operate", "tasklist"],
        properties={
            "tags": "staging,eu",
            "apps.operate.url": "https://operate.example.com",
            "apps.tasklist.name": "Tasks",
            "apps.tasklist.url": "https://tasklist.example.com",
        },
    )
    environment = _environment(api, cluster_id)
    assert environment == {
        "id": cluster_id,
        "name": "Staging",
        "targetType": "CLUSTER_BACKED",
        "tags": ["staging", "eu"],
        "clusterId": cluster_id,
        "clusterName": "Staging",
        "clusterVersion": "8.8.1",
        "physicalTenantId": None,
        "runtimeState": "UNKNOWN",
        "discoveryState": "ACTIVE",
        "assignedWorkspaces": [],
        # Only apps with a web URL; the broker has none.
        "applications": [
            {
                "type": "operate",
                "name": "Operate",
                "webappUrl": "https://operate.example.com",
                "overridden": False,
            },
            {
                "type": "tasklist",
                "name": "Tasks",
                "webappUrl": "https://tasklist.example.com",
                "overridden": False,
            },
        ],
    }


def test_assign_replace_and_unassign(api: httpx.Client) -> None:
    a, b, c = (_cluster(api, name) for name in ("A env", "B env", "C env"))
    workspace = _workspace(api, "Assigned")
    project = api.post("/projects", json={"name": "P", "workspaceKey": workspace}).json()
    assert _ids(_assign(api, workspace, b, a, b)) == [a, b]  # by name; duplicates count once
    assert _ids(api.get(f"/workspaces/{workspace}/environments").json()["items"]) == [a, b]
    project_view = api.get(f"/projects/{project['projectKey']}/environments")
    assert project_view.status_code == 200, project_view.text
    assert _ids(project_view.json()["items"]) == [a, b]
    assert _environment(api, a)["assignedWorkspaces"] == [  # type: ignore[index]
        {"id": workspace, "name": "Assigned"}
    ]
    assert _environment(api, c)["assignedWorkspaces"] == []  # type: ignore[index]
    # The exact set: what is not listed is unassigned.
    assert _ids(_assign(api, workspace, c, b)) == [b, c]
    assert _environment(api, a)["assignedWorkspaces"] == []  # type: ignore[index]
    # An empty list, or an omitted field, unassigns all.
    assert _assign(api, workspace) == []
    _assign(api, workspace, a)
    response = api.put(f"/workspaces/{workspace}/environments", json={})
    assert response.status_code == 200, response.text
    assert response.json() == {"items": []}


def test_an_environment_lists_every_workspace_it_is_assigned_to(api: httpx.Client) -> None:
    shared = _cluster(api, "Shared")
    first, second = _workspace(api, "Beta"), _workspace(api, "Alpha")
    _assign(api, first, shared)
    items = _assign(api, second, shared)
    assert items[0]["assignedWorkspaces"] == [
        {"id": second, "name": "Alpha"},
        {"id": first, "name": "Beta"},
    ]


@pytest.mark.parametrize(
    ("payload", "mentions"),
    [
        ({"environmentIds": ["no-such-environment"]}, "no-such-environment"),
        ({"environmentIds": [""]}, "environmentIds"),
        ({"environmentIds": ["x" * 256]}, "environmentIds"),
        ({"environmentIds": [f"id-{n}" for n in range(501)]}, "environmentIds"),
        ({"environmentIds": "a"}, "environmentIds"),
        ({"environmentIds": None}, "environmentIds"),
        ({"environmentIds": ["a\x00"]}, "NUL"),
        ({"environments": []}, "environments"),
    ],
)
def test_replace_rejects_invalid_bodies(api: httpx.Client, payload: dict, mentions: str) -> None:
    workspace = _workspace(api)
    kept = _cluster(api)
    _assign(api, workspace, kept)
    body = assert_problem(api.put(f"/workspaces/{workspace}/environments", json=payload), 400)
    assert mentions in body["detail"]
    # Nothing changed.
    assert _ids(api.get(f"/workspaces/{workspace}/environments").json()["items"]) == [kept]


def test_unknown_workspaces_and_projects_are_not_found(api: httpx.Client) -> None:
    missing = str(uuid.uuid4())
    assert_problem(api.get(f"/workspaces/{missing}/environments"), 404)
    assert_problem(api.put(f"/workspaces/{missing}/environments", json={"environmentIds": []}), 404)
    assert_problem(api.get(f"/projects/{missing}/environments"), 404)


def test_organizations_do_not_see_each_others_environments(
    api: httpx.Client, other_org_api: httpx.Client
) -> None:
    ours = _cluster(api, "Ours")
    workspace = _workspace(api)
    project = api.post("/projects", json={"name": "P", "workspaceKey": workspace}).json()
    _assign(api, workspace, ours)
    assert _environment(other_org_api, ours) is None
    assert_problem(other_org_api.get(f"/workspaces/{workspace}/environments"), 404)
    assert_problem(other_org_api.put(f"/workspaces/{workspace}/environments", json={}), 404)
    assert_problem(other_org_api.get(f"/projects/{project['projectKey']}/environments"), 404)
    # Their workspace cannot be given our environment.
    theirs = _workspace(other_org_api)
    body = assert_problem(
        other_org_api.put(f"/workspaces/{theirs}/environments", json={"environmentIds": [ours]}),
        400,
    )
    assert ours in body["detail"]


def test_permissions(api: httpx.Client, api_with: Callable[..., httpx.Client]) -> None:
    workspace = _workspace(api)
    environment = _cluster(api)
    reader = api_with("read")
    assert reader.get("/environments").status_code == 200
    assert reader.get(f"/workspaces/{workspace}/environments").status_code == 200
    body = {"environmentIds": [environment]}
    assert_problem(reader.put(f"/workspaces/{workspace}/environments", json=body), 403)
    assert_problem(api_with("create").put(f"/workspaces/{workspace}/environments", json=body), 403)
    assert_problem(api_with("create").get("/environments"), 403)
    response = api_with("update").put(f"/workspaces/{workspace}/environments", json=body)
    assert response.status_code == 200, response.text


def test_removing_a_registration_keeps_its_assignments(api: httpx.Client) -> None:
    kept, gone = _cluster(api, "Kept"), _cluster(api, "Gone")
    workspace, other = _workspace(api), _workspace(api)
    _assign(api, workspace, kept)
    assert api.delete(f"/clusters/{kept}").status_code == 204
    assert api.delete(f"/clusters/{gone}").status_code == 204
    # Unassigned: gone for good. Assigned: still there, no longer reported.
    assert _environment(api, gone) is None
    environment = _environment(api, kept)
    assert environment is not None
    assert environment["discoveryState"] == "NOT_REPORTED"
    assert [item["uuid"] for item in api.get("/clusters").json()["items"]].count(kept) == 0
    # It can stay in the set it is in, but not be newly assigned.
    assert _ids(_assign(api, workspace, kept)) == [kept]
    body = assert_problem(
        api.put(f"/workspaces/{other}/environments", json={"environmentIds": [kept]}), 400
    )
    assert "no longer reported" in body["detail"]
    # Registering it again brings it back, assignments intact.
    again = {"clusterId": kept, "clusterName": "Kept", "version": "8.9.0", "license": LICENSE}
    assert api.post("/clusters", json=again).status_code == 204
    environment = _environment(api, kept)
    assert environment["discoveryState"] == "ACTIVE"  # type: ignore[index]
    assert environment["assignedWorkspaces"] == [  # type: ignore[index]
        {"id": workspace, "name": "Workspace"}
    ]
    # Removed again, then unassigned by its last workspace: gone for good.
    assert api.delete(f"/clusters/{kept}").status_code == 204
    assert _assign(api, workspace) == []
    assert _environment(api, kept) is None
    assert_problem(api.delete(f"/clusters/{kept}"), 404)


def test_deleted_workspaces_hide_their_assignments_until_restored(api: httpx.Client) -> None:
    environment = _cluster(api)
    workspace = _workspace(api, "Deleted later")
    project = api.post("/projects", json={"name": "P", "workspaceKey": workspace}).json()
    _assign(api, workspace, environment)
    assert api.delete(f"/workspaces/{workspace}").status_code == 204
    assert _environment(api, environment)["assignedWorkspaces"] == []  # type: ignore[index]
    assert_problem(api.get(f"/workspaces/{workspace}/environments"), 404)
    assert_problem(api.get(f"/projects/{project['projectKey']}/environments"), 404)
    assert api.post(f"/workspaces/{workspace}/restoration").status_code == 200
    assert _ids(api.get(f"/workspaces/{workspace}/environments").json()["items"]) == [environment]
    # Permanently deleting the workspace drops its assignments with it.
    assert api.delete(f"/workspaces/{workspace}/permanent").status_code == 204
    assert _environment(api, environment)["assignedWorkspaces"] == []  # type: ignore[index]


def test_assigning_while_the_registration_is_removed_leaves_no_dangling_assignment(
    api: httpx.Client,
) -> None:
    """Either the assignment happens first (the removal then keeps the environment as
    NOT_REPORTED) or the removal does (the assignment is then refused): never both lost."""
    for _ in range(4):
        environment = _cluster(api)
        workspace = _workspace(api)
        with ThreadPoolExecutor(max_workers=2) as pool:
            put = pool.submit(
                api.put,
                f"/workspaces/{workspace}/environments",
                json={"environmentIds": [environment]},
            )
            removal = pool.submit(api.delete, f"/clusters/{environment}")
            assigned, removed = put.result(), removal.result()
        assert removed.status_code == 204, removed.text
        assert assigned.status_code in (200, 400), assigned.text
        items = api.get(f"/workspaces/{workspace}/environments").json()["items"]
        if assigned.status_code == 200:
            assert [(i["id"], i["discoveryState"]) for i in items] == [
                (environment, "NOT_REPORTED")
            ]
        else:
            assert items == []
            assert _environment(api, environment) is None
