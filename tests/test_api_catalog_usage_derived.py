"""Catalog and usage searches read ``file_template_usages``: after every kind of write to file
content (create, content update, rename, move, delete, restore, version restore, snapshot
restore, duplication, permanent deletion, purge, project deletion) they answer exactly what
parsing every live BPMN file of the organization gives (SQLite, and PostgreSQL with
``CAMUNDA_HUB_TEST_DATABASE=postgres``)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from camunda_hub.server.services.hub import catalog_usage
from camunda_hub.server.services.hub.catalog_usage import Use
from tests.support.server import ALL_PERMISSIONS, HubServer
from tests.test_api_catalog import asset_parts, bpmn, ingest


@pytest.fixture(scope="module")
def api(hub: HubServer) -> Iterator[httpx.Client]:
    org = hub.create_org(f"Derived usage {uuid.uuid4().hex[:6]}")
    with hub.api(hub.create_client(*ALL_PERMISSIONS, org=org, name="derived")) as client:
        yield client


def ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 204), response.text
    return response.json() if response.status_code == 200 else None


def _live_bpmn(api: httpx.Client) -> list[dict[str, Any]]:
    found = ok(api.post("/files/search", json={"filter": {"type": "bpmn"}, "page": {"limit": 100}}))
    assert found["page"]["totalItems"] < 100
    return [ok(api.get(f"/files/{item['fileKey']}")) for item in found["items"]]


def _target(versions: set[int | None], latest: int, retired: bool) -> tuple[str, list[int]]:
    if retired:
        status = "DEPRECATED"
    elif versions == {latest}:
        status = "UP_TO_DATE"
    else:
        status = "UPDATE_AVAILABLE"
    return status, sorted(v for v in versions if v is not None)


def _reference(api: httpx.Client, assets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Everything the three searches answer, computed by parsing each live model."""
    workspaces: dict[str, str] = {}
    uses: dict[str, list[Use]] = defaultdict(list)
    for file in _live_bpmn(api):
        project = file["projectKey"]
        if project not in workspaces:
            workspaces[project] = ok(api.get(f"/projects/{project}"))["project"]["workspaceKey"]
        for template, versions in catalog_usage.template_versions(file["content"]).items():
            use = Use(file["fileKey"], project, workspaces[project], frozenset(versions))
            uses[template].append(use)
    expected: dict[str, Any] = {}
    for resource_id, asset in assets.items():
        latest, retired = asset["latestVersion"], asset["unpublished"] or asset["deprecated"]
        used = uses.get(resource_id, [])
        usage = catalog_usage.aggregate(used, latest=latest, retired=retired)
        by_project: dict[str, set[int | None]] = defaultdict(set)
        for use in used:
            by_project[use.project_key] |= use.versions

        expected[resource_id] = {
            "usage": {
                "status": usage.status.value,
                "workspaceCount": usage.workspace_count,
                "projectCount": usage.project_count,
                "projectsOnLatestVersionCount": usage.projects_on_latest_version_count,
            },
            "projects": sorted(
                (key, *_target(v, latest, retired)) for key, v in by_project.items()
            ),
            "files": sorted(
                (use.file_key, *_target(set(use.versions), latest, retired)) for use in used
            ),
        }
    return expected


def _answered(api: httpx.Client, assets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    listed = {
        item["resourceId"]: item
        for item in ok(api.post("/catalog/assets/search", json={"page": {"limit": 100}}))["items"]
    }
    answered: dict[str, Any] = {}
    for resource_id in assets:
        key = listed[resource_id]["assetKey"]
        projects = ok(
            api.post(f"/catalog/assets/{key}/project-usages/search", json={"page": {"limit": 100}})
        )["items"]
        files = ok(
            api.post(f"/catalog/assets/{key}/file-usages/search", json={"page": {"limit": 100}})
        )["items"]
        answered[resource_id] = {
            "usage": listed[resource_id]["usage"],
            "projects": sorted((p["projectKey"], p["status"], p["usedVersions"]) for p in projects),
            "files": sorted((f["fileKey"], f["status"], f["usedVersions"]) for f in files),
        }
    return answered


def test_usage_searches_match_parsing_after_every_kind_of_write(api: httpx.Client) -> None:
    prefix = f"io.derived.{uuid.uuid4().hex[:6]}."
    a, b, c = prefix + "a", prefix + "b", prefix + "c"
    assert ingest(api, asset_parts(a, 2) + asset_parts(b, 1) + asset_parts(c, 3)).status_code == 204

    def assets() -> dict[str, dict[str, Any]]:
        items = ok(api.post("/catalog/assets/search", json={"page": {"limit": 100}}))["items"]
        # No template of this test declares itself deprecated: only unpublishing retires one.
        return {item["resourceId"]: {**item, "deprecated": False} for item in items}

    steps: list[str] = []

    def check(step: str) -> None:
        steps.append(step)
        current = assets()
        assert _answered(api, current) == _reference(api, current), step

    w1 = ok(api.post("/workspaces", json={"name": "W1"}))["workspaceKey"]
    w2 = ok(api.post("/workspaces", json={"name": "W2"}))["workspaceKey"]
    p1 = ok(api.post("/projects", json={"name": "P1", "workspaceKey": w1}))["projectKey"]
    p2 = ok(api.post("/projects", json={"name": "P2", "workspaceKey": w2}))["projectKey"]
    p3 = ok(api.post("/projects", json={"name": "P3", "workspaceKey": w1}))["projectKey"]

    def create(project: str, name: str, content: str, file_type: str = "bpmn") -> dict[str, Any]:
        body = {"name": name, "projectKey": project, "type": file_type, "content": content}
        created: dict[str, Any] = ok(api.post("/files", json=body))
        return created

    def patch(file: dict[str, Any], **changes: Any) -> dict[str, Any]:
        revision = ok(api.get(f"/files/{file['fileKey']}"))["revision"]
        updated: dict[str, Any] = ok(
            api.patch(f"/files/{file['fileKey']}", json={"revision": revision, **changes})
        )
        return updated

    f1 = create(p1, "one", bpmn((a, 1), (b, 1)))
    f2 = create(p2, "two", bpmn((a, 2)))
    f3 = create(p1, "three", bpmn((a, None), (a, 2)))
    f4 = create(p3, "four", bpmn((c, 3), (a, 2)))
    create(p2, "plain", bpmn())
    create(p2, "broken", bpmn((c, 3))[:-20])
    create(p2, "not-bpmn", '{"modelerTemplate": "x"}', "form")
    check("created")

    patch(f1, content=bpmn((a, 2)))
    check("content updated")
    patch(f2, name="two renamed")
    check("renamed")
    patch(f3, projectKey=p2)
    check("moved to another project")

    ok(api.delete(f"/files/{f2['fileKey']}"))
    check("deleted")
    ok(api.post(f"/files/{f2['fileKey']}/restoration"))
    check("restored")

    version = ok(api.post("/versions", json={"fileKey": f4["fileKey"], "name": "v"}))
    patch(f4, content=bpmn())
    check("templates removed")
    ok(api.post(f"/versions/{version['versionKey']}/restoration"))
    check("version restored")

    snapshot = ok(api.post("/project-snapshots", json={"projectKey": p1, "name": "S"}))
    patch(f1, content=bpmn((b, 1), (c, 1)))
    create(p1, "later", bpmn((c, 2)))
    check("after the snapshot")
    ok(api.post(f"/project-snapshots/{snapshot['projectSnapshotKey']}/restoration"))
    check("snapshot restored")
    ok(api.delete(f"/files/{f1['fileKey']}/permanent"))
    check("permanently deleted")
    ok(api.post(f"/project-snapshots/{snapshot['projectSnapshotKey']}/restoration"))
    check("snapshot restored over a removed file")
    ok(
        api.post(
            f"/project-snapshots/{snapshot['projectSnapshotKey']}/duplication",
            json={"targetWorkspaceKey": w2},
        )
    )
    check("duplicated")

    ok(api.delete(f"/files/{f4['fileKey']}/purge"))
    check("purged")
    ok(api.delete(f"/projects/{p2}"))
    check("project deleted")
    ok(api.post(f"/projects/{p2}/restoration"))
    check("project restored")

    assert ingest(api, asset_parts(a, 3) + asset_parts(c, 3)).status_code == 204
    check("reingested: a has a newer version, b is unpublished")
    assert len(steps) == 17
