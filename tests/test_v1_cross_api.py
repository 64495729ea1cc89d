"""Web Modeler API v1 (``/api/v1``) on the same data as v2, in-process: v1 shapes, the mapping
(v1 project = v2 workspace, process application = v2 project, default project for what v1 puts
directly in a project), shared revisions, deletions v2 can restore, v1 search (filters, date
math, sort, paging), collaborators, versions and milestones, permissions and 404s."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio

from camunda_hub.server.api.v1.places import default_project_key
from camunda_hub.server.services import organizations
from tests.support.in_process import InProcessHub, in_process_hub

pytestmark = pytest.mark.asyncio(loop_scope="session")

BPMN = '<?xml version="1.0"?><definitions id="d"/>'


class Api:
    """One token's view: ``await api.v1("POST", "/files", json=...)``."""

    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    async def v1(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return await self.client.request(method, "/api/v1" + path, headers=self.headers, **kwargs)

    async def v2(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return await self.client.request(method, "/api/v2" + path, headers=self.headers, **kwargs)

    async def ok1(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.v1(method, path, **kwargs)
        assert response.status_code in (200, 204), response.text
        return response.json() if response.status_code == 200 else None

    async def ok2(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.v2(method, path, **kwargs)
        assert response.status_code in (200, 204), response.text
        return response.json() if response.status_code == 200 else None


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def hub(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[InProcessHub]:
    async with in_process_hub(tmp_path_factory.mktemp("api-v1")) as running:
        yield running


async def _api(hub: InProcessHub, *permissions: str, organization_id: str | None = None) -> Api:
    issued = await hub.create_client(
        *permissions, name="v1-" + "-".join(permissions), organization_id=organization_id
    )
    return Api(hub.client, await hub.token(issued))


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def api(hub: InProcessHub) -> Api:
    return await _api(hub, "create", "read", "update", "delete")


async def _project(api: Api, name: str = "Orders") -> str:
    created = await api.ok1("POST", "/projects", json={"name": name})
    return str(created["id"])


async def _file(api: Api, project: str, **extra: Any) -> dict[str, Any]:
    body = {"name": "order", "content": BPMN, "fileType": "bpmn", "projectId": project, **extra}
    result: dict[str, Any] = await api.ok1("POST", "/files", json=body)
    return result


async def test_info_shows_the_tokens_permissions(hub: InProcessHub, api: Api) -> None:
    info = await api.ok1("GET", "/info")
    assert info == {
        "version": "v1",
        "authorizedOrganization": hub.creds.client.organization_id,
        "createPermission": True,
        "readPermission": True,
        "updatePermission": True,
        "deletePermission": True,
    }
    reader = await _api(hub, "read")
    info = await reader.ok1("GET", "/info")
    assert (info["createPermission"], info["readPermission"]) == (False, True)
    assert (info["updatePermission"], info["deletePermission"]) == (False, False)


async def test_project_is_a_workspace_and_files_land_in_its_default_project(api: Api) -> None:
    project = await _project(api)
    workspace = await api.ok2("GET", f"/workspaces/{project}")
    assert workspace["workspace"]["name"] == "Orders"
    folder = await api.ok1("POST", "/folders", json={"name": "a/b", "projectId": project})
    assert folder["projectId"] == project and "parentId" not in folder
    file = await _file(api, project, folderId=folder["id"], name="Pay/ment")
    assert file["type"] == "BPMN"
    assert file["projectId"] == project and file["folderId"] == folder["id"]
    assert file["canonicalPath"] == [{"id": folder["id"], "name": "a/b"}]
    assert file["simplePath"] == "a\\/b/Pay\\/ment.bpmn"
    assert file["revision"] == 1
    assert "processApplicationId" not in file
    # In v2 the file is in the workspace's default project.
    v2 = await api.ok2("GET", f"/files/{file['id']}")
    assert v2["projectKey"] == default_project_key(project)
    assert v2["folderKey"] == folder["id"]
    content = (await api.ok2("GET", f"/workspaces/{project}"))["content"]["projects"]
    assert [p["projectKey"] for p in content] == [default_project_key(project)]
    # The v1 project lists every folder and file, and no process application.
    listed = await api.ok1("GET", f"/projects/{project}")
    assert listed["metadata"]["id"] == project
    assert [f["id"] for f in listed["content"]["files"]] == [file["id"]]
    assert [f["id"] for f in listed["content"]["folders"]] == [folder["id"]]
    assert listed["content"]["processApplications"] == []


@pytest.mark.parametrize("file_type", ["BPMN", "Dmn", "form", "CONNECTOR_TEMPLATE"])
async def test_file_type_is_case_insensitive(api: Api, file_type: str) -> None:
    project = await _project(api)
    content = BPMN if file_type.lower() in ("bpmn", "dmn") else '{"id": "x"}'
    file = await _file(api, project, fileType=file_type, content=content)
    assert file["type"] == file_type.upper()


async def test_unknown_file_type_is_a_400_problem(api: Api) -> None:
    project = await _project(api)
    response = await api.v1(
        "POST", "/files", json={"name": "x", "content": "", "fileType": "png", "projectId": project}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 400


async def test_create_in_v1_update_in_v2_and_back_shares_the_revision(api: Api) -> None:
    project = await _project(api)
    file = await _file(api, project)
    changed = await api.ok2(
        "PATCH", f"/files/{file['id']}", json={"revision": 1, "content": BPMN + " "}
    )
    assert changed["revision"] == 2
    fetched = await api.ok1("GET", f"/files/{file['id']}")
    assert fetched["metadata"]["revision"] == 2 and fetched["content"] == BPMN + " "
    # Stale from v1: 409, nothing written.
    stale = await api.v1("PATCH", f"/files/{file['id']}", json={"revision": 1, "content": "x"})
    assert stale.status_code == 409 and stale.json()["status"] == 409
    updated = await api.ok1(
        "PATCH",
        f"/files/{file['id']}",
        json={"revision": 2, "name": "renamed", "content": BPMN, "projectId": project},
    )
    assert updated["revision"] == 3 and updated["name"] == "renamed"
    # Stale from v2 after the v1 change: 409 as well.
    stale2 = await api.v2("PATCH", f"/files/{file['id']}", json={"revision": 2, "name": "x"})
    assert stale2.status_code == 409
    assert (await api.ok2("GET", f"/files/{file['id']}"))["name"] == "renamed"


async def test_the_sdk_update_echoing_all_fields_moves_nothing(api: Api) -> None:
    project = await _project(api)
    folder = await api.ok1("POST", "/folders", json={"name": "f", "projectId": project})
    file = await _file(api, project, folderId=folder["id"])
    body = {
        "name": "order",
        "content": BPMN,
        "revision": 1,
        "projectId": project,
        "folderId": folder["id"],
    }
    updated = await api.ok1("PATCH", f"/files/{file['id']}", json=body)
    assert updated["folderId"] == folder["id"]
    moved = await api.ok1(
        "PATCH",
        f"/files/{file['id']}",
        json={"revision": updated["revision"], "folderId": None},
    )
    assert "folderId" not in moved and moved["canonicalPath"] == []
    other = await _project(api, "Other")
    away = await api.ok1(
        "PATCH", f"/files/{file['id']}", json={"revision": moved["revision"], "projectId": other}
    )
    assert away["projectId"] == other
    assert (await api.ok2("GET", f"/files/{file['id']}"))["projectKey"] == default_project_key(
        other
    )


async def test_v2_projects_are_process_applications(api: Api) -> None:
    project = await _project(api)
    app = await api.ok1("POST", "/process-applications", json={"name": "PA", "projectId": project})
    assert app["projectId"] == project
    v2 = await api.ok2("GET", f"/projects/{app['id']}")
    assert v2["project"]["workspaceKey"] == project
    file = await _file(api, project, processApplicationId=app["id"])
    assert file["processApplicationId"] == app["id"] and "folderId" not in file
    assert (await api.ok2("GET", f"/files/{file['id']}"))["projectKey"] == app["id"]
    fetched = await api.ok1("GET", f"/process-applications/{app['id']}")
    assert [f["id"] for f in fetched["content"]["files"]] == [file["id"]]
    # A search of one process application's files (key order, on migration 0024's index).
    other = await _file(api, project, name="elsewhere")
    found = await api.ok1(
        "POST", "/files/search", json={"filter": {"processApplicationId": app["id"]}}
    )
    assert [f["id"] for f in found["items"]] == [file["id"]] and found["total"] == 1
    await api.ok1("DELETE", f"/files/{other['id']}")
    listed = await api.ok1("GET", f"/projects/{project}")
    assert [p["id"] for p in listed["content"]["processApplications"]] == [app["id"]]
    renamed = await api.ok1("PATCH", f"/process-applications/{app['id']}", json={"name": "PA2"})
    assert renamed["name"] == "PA2"
    camel = await api.ok1("GET", f"/processApplications/{app['id']}")
    assert camel["metadata"]["name"] == "PA2"
    refused = await api.v1("DELETE", f"/process-applications/{app['id']}")
    assert refused.status_code == 400
    await api.ok1("DELETE", f"/files/{file['id']}")
    assert (await api.v1("DELETE", f"/process-applications/{app['id']}")).status_code == 204
    # The default project is no process application.
    default = await api.v1("GET", f"/process-applications/{default_project_key(project)}")
    assert default.status_code == 404


async def test_delete_in_v1_restore_in_v2(api: Api) -> None:
    project = await _project(api)
    folder = await api.ok1("POST", "/folders", json={"name": "f", "projectId": project})
    file = await _file(api, project, folderId=folder["id"])
    # Deleting a project or folder that still holds a file is refused.
    assert (await api.v1("DELETE", f"/projects/{project}")).status_code == 400
    assert (await api.v1("DELETE", f"/folders/{folder['id']}")).status_code == 400
    assert (await api.v1("DELETE", f"/files/{file['id']}")).status_code == 204
    assert (await api.v1("GET", f"/files/{file['id']}")).status_code == 404
    assert (await api.v2("GET", f"/files/{file['id']}")).status_code == 404
    await api.ok2("POST", f"/files/{file['id']}/restoration")
    assert (await api.ok1("GET", f"/files/{file['id']}"))["metadata"]["folderId"] == folder["id"]
    await api.ok1("DELETE", f"/files/{file['id']}")
    assert (await api.v1("DELETE", f"/folders/{folder['id']}")).status_code == 204
    assert (await api.v1("DELETE", f"/projects/{project}")).status_code == 204
    assert (await api.v2("GET", f"/workspaces/{project}")).status_code == 404
    await api.ok2("POST", f"/workspaces/{project}/restoration")
    assert (await api.ok1("GET", f"/projects/{project}"))["metadata"]["id"] == project
    # v2 deletes are seen by v1 at once too.
    await api.ok2("DELETE", f"/workspaces/{project}")
    assert (await api.v1("GET", f"/projects/{project}")).status_code == 404


async def test_search_files_filters_sorts_and_pages(api: Api) -> None:
    project = await _project(api, "Search")
    made = [await _file(api, project, name=f"file {index:02}") for index in range(13)]
    everything = {"filter": {"projectId": project}}
    first = await api.ok1("POST", "/files/search", json=everything)
    assert first["total"] == 13 and len(first["items"]) == 10
    last = await api.ok1("POST", "/files/search", json={**everything, "page": 1, "size": 10})
    assert len(last["items"]) == 3
    ordered = await api.ok1(
        "POST",
        "/files/search",
        json={**everything, "sort": [{"field": "name", "direction": "DESC"}], "size": 50},
    )
    assert [f["name"] for f in ordered["items"]] == sorted((f["name"] for f in made), reverse=True)
    lone_sort = await api.ok1(
        "POST",
        "/files/search",
        json={**everything, "sort": {"field": "name", "direction": "ASC"}, "size": 2},
    )
    assert [f["name"] for f in lone_sort["items"]] == ["file 00", "file 01"]
    only_count = await api.ok1("POST", "/files/search", json={**everything, "size": 0})
    assert only_count == {"items": [], "total": 13}
    by_name = await api.ok1(
        "POST",
        "/files/search",
        json={"filter": {"name": "file 03", "projectId": project, "type": "bpmn"}},
    )
    assert [f["id"] for f in by_name["items"]] == [made[3]["id"]]
    assert "content" not in by_name["items"][0]
    email = made[0]["createdBy"]["email"]
    by_user = await api.ok1(
        "POST",
        "/files/search",
        json={"filter": {"projectId": project, "createdBy": {"email": email}}},
    )
    assert by_user["total"] == 13
    too_big = await api.v1("POST", "/files/search", json={"size": 51})
    assert too_big.status_code == 400
    unknown = await api.v1("POST", "/files/search", json={"filter": {"colour": "red"}})
    assert unknown.status_code == 400 and "colour" in unknown.json()["detail"]
    bad_sort = await api.v1("POST", "/files/search", json={"sort": [{"field": "simplePath"}]})
    assert bad_sort.status_code == 400


async def test_search_date_math(api: Api) -> None:
    project = await _project(api, "Dates")
    file = await _file(api, project)
    created = datetime.fromisoformat(file["created"])
    now_year = created.strftime("%Y")

    async def total(value: str) -> int:
        answer = await api.ok1(
            "POST", "/files/search", json={"filter": {"projectId": project, "created": value}}
        )
        return int(answer["total"])

    assert await total(file["created"]) == 1
    assert await total(f"{now_year}-06-15T00:00:00Z||/y") == 1
    assert await total(f">={now_year}-12-31T23:00:00Z||/y") == 1
    assert await total(f"<{now_year}-12-31T23:00:00Z||/y") == 0
    assert await total(f">{now_year}-01-01T00:00:00Z||/y") == 0
    assert await total(f"<={now_year}-01-01T00:00:00Z||/y") == 1
    stamp = created.isoformat().replace("+00:00", "Z")
    for unit in "yMwdhms":
        assert await total(f"{stamp}||/{unit}") == 1, unit
    later = (created + timedelta(days=400)).astimezone(UTC).isoformat()
    assert await total(f"{later}||/y") == 0
    assert await total(f"<{later}") == 1 and await total(f">{later}") == 0
    nanos = created.strftime("%Y-%m-%dT%H:%M:%S") + ".123456789Z||/m"
    assert await total(nanos) == 1
    bad = await api.v1("POST", "/files/search", json={"filter": {"created": "yesterday"}})
    assert bad.status_code == 400


async def test_search_projects(api: Api) -> None:
    project = await _project(api, "Findable unique")
    found = await api.ok1("POST", "/projects/search", json={"filter": {"name": "Findable unique"}})
    assert [p["id"] for p in found["items"]] == [project] and found["total"] == 1


async def test_collaborators_are_workspace_members(api: Api) -> None:
    project = await _project(api)
    body = {"email": "Jane@Example.com", "projectId": project, "role": "project_admin"}
    added = await api.v1("PUT", "/collaborators", json=body)
    assert added.status_code == 204 and added.content == b""
    members = await api.ok2("POST", "/members/search", json={"filter": {"workspaceKey": project}})
    assert [(m["email"], m["role"]) for m in members["items"]] == [
        ("jane@example.com", "workspace_admin")
    ]
    await api.ok2(
        "POST",
        f"/workspaces/{project}/members",
        json={"email": "bob@example.com", "role": "viewer"},
    )
    found = await api.ok1(
        "POST",
        "/collaborators/search",
        json={"filter": {"projectId": project}, "sort": [{"field": "email", "direction": "ASC"}]},
    )
    assert found["total"] == 2
    assert [(c["email"], c["role"]) for c in found["items"]] == [
        ("bob@example.com", "viewer"),
        ("jane@example.com", "project_admin"),
    ]
    admins = await api.ok1(
        "POST",
        "/collaborators/search",
        json={"filter": {"projectId": project, "role": "project_admin"}},
    )
    assert admins["total"] == 1
    bad_role = await api.v1("PUT", "/collaborators", json={**body, "role": "owner"})
    assert bad_role.status_code == 400
    # The e-mail arrives raw from the Node SDK.
    gone = await api.v1("DELETE", f"/projects/{project}/collaborators/jane@example.com")
    assert gone.status_code == 204
    again = await api.v1("DELETE", f"/projects/{project}/collaborators/jane%40example.com")
    assert again.status_code == 404


async def test_versions_and_milestones_are_the_same_rows(hub: InProcessHub, api: Api) -> None:
    project = await _project(api)
    file = await _file(api, project)
    version = await api.ok1(
        "POST", "/versions", json={"fileId": file["id"], "name": "v1", "description": "first"}
    )
    assert version["fileId"] == file["id"] and version["organizationPublic"] is False
    unnamed = await api.ok1("POST", "/versions", json={"fileId": file["id"]})
    assert unnamed["name"].startswith("Version ")
    milestone = await api.ok1("GET", f"/milestones/{version['id']}")
    assert milestone["metadata"]["name"] == "v1" and milestone["content"] == BPMN
    v2 = await api.ok2("GET", f"/versions/{version['id']}")
    assert v2["fileKey"] == file["id"]
    listed = await api.ok1("POST", "/versions/search", json={"filter": {"fileId": file["id"]}})
    assert {v["id"] for v in listed["items"]} == {version["id"], unnamed["id"]}
    milestones = await api.ok1(
        "POST", "/milestones/search", json={"filter": {"fileId": file["id"]}}
    )
    assert milestones["total"] == 2 and "description" not in milestones["items"][0]
    renamed = await api.ok1("PATCH", f"/versions/{version['id']}", json={"description": "1st"})
    assert renamed["name"] == "v1" and renamed["description"] == "1st"
    patched = await api.ok1("PATCH", f"/milestones/{version['id']}", json={"name": "m1"})
    assert patched["name"] == "m1"
    # Change the file, then restore with each generation's body.
    await api.ok1("PATCH", f"/files/{file['id']}", json={"revision": 1, "content": "<changed/>"})
    for body in ({"version": 3}, {"versionId": version["id"]}, None):
        kwargs = {"json": body} if body is not None else {}
        restored = await api.ok1("POST", f"/versions/{version['id']}/restore", **kwargs)
        assert restored["fileId"] == file["id"]
        assert (await api.ok1("GET", f"/files/{file['id']}"))["content"] == BPMN
    wrong = await api.v1(
        "POST", f"/versions/{version['id']}/restore", json={"versionId": unnamed["id"]}
    )
    assert wrong.status_code == 400
    milestone_restored = await api.ok1("POST", f"/milestones/{version['id']}/restore")
    assert milestone_restored["fileId"] == file["id"]
    compared = await api.ok1("GET", f"/versions/compare/{version['id']}...{unnamed['id']}")
    org = hub.creds.client.organization_id
    assert compared["url"] == (
        f"http://hub/console/orgs/{org}/files/{file['id']}/diff"
        f"?from={version['id']}&to={unnamed['id']}"
    )
    same = await api.ok1("GET", f"/milestones/compare/{version['id']}...{unnamed['id']}")
    assert same == compared
    other_file = await _file(api, project, name="other")
    other_version = await api.ok1(
        "POST", "/milestones", json={"fileId": other_file["id"], "name": "o"}
    )
    mixed = await api.v1("GET", f"/versions/compare/{version['id']}...{other_version['id']}")
    assert mixed.status_code == 400
    assert (await api.v1("DELETE", f"/milestones/{other_version['id']}")).status_code == 204
    assert (await api.v1("DELETE", f"/versions/{unnamed['id']}")).status_code == 204
    assert (await api.v2("GET", f"/versions/{unnamed['id']}")).status_code == 404


async def test_permissions_follow_v1s_rule(hub: InProcessHub, api: Api) -> None:
    project = await _project(api)
    reader = await _api(hub, "read")
    assert (await reader.v1("GET", f"/projects/{project}")).status_code == 200
    # v1: every POST needs create, searches included (v2: search needs read).
    refused = await reader.v1("POST", "/projects/search", json={})
    assert refused.status_code == 403 and refused.json()["status"] == 403
    assert "create" in refused.json()["detail"]
    assert (await reader.v2("POST", "/workspaces/search", json={})).status_code == 200
    creator = await _api(hub, "create")
    assert (await creator.v1("POST", "/projects/search", json={})).status_code == 200
    assert (await creator.v1("GET", f"/projects/{project}")).status_code == 403
    updater = await _api(hub, "update")
    assert (
        await updater.v1("PATCH", f"/projects/{project}", json={"name": "n"})
    ).status_code == 200
    assert (await updater.v1("PUT", "/collaborators", json={})).status_code == 400
    assert (await updater.v1("DELETE", f"/projects/{project}")).status_code == 403
    unauthenticated = await hub.client.get("/api/v1/info")
    assert unauthenticated.status_code == 401
    assert unauthenticated.json()["status"] == 401


async def test_404_rules_are_v2s(hub: InProcessHub, api: Api) -> None:
    project = await _project(api)
    file = await _file(api, project)
    for path in ("/files/nope", f"/files/{project}", "/folders/nope", "/projects/nope"):
        answer = await api.v1("GET", path)
        assert answer.status_code == 404, path
        assert answer.json()["status"] == 404
        assert answer.headers["content-type"] == "application/problem+json"
    assert (await api.v2("GET", "/files/nope")).status_code == 404
    # A key in a body that names nothing is a 400, as in v2.
    missing = await api.v1(
        "POST", "/files", json={"name": "x", "content": "", "fileType": "bpmn", "projectId": "nope"}
    )
    assert missing.status_code == 400
    assert (await api.v1("GET", f"/files/{file['id']}")).status_code == 200


async def test_other_organization_sees_nothing(hub: InProcessHub, api: Api) -> None:
    project = await _project(api)
    file = await _file(api, project)
    runtime = hub.app.state.runtime
    async with runtime.db.transaction() as session:
        org = await organizations.create(session, "Elsewhere", actor="test")
    other = await _api(hub, "create", "read", "update", "delete", organization_id=org.id)
    assert (await other.v1("GET", f"/files/{file['id']}")).status_code == 404
    assert (await other.v2("GET", f"/files/{file['id']}")).status_code == 404
    assert (await other.v1("GET", f"/projects/{project}")).status_code == 404
    found = await other.ok1("POST", "/files/search", json={})
    assert found["total"] == 0


async def test_concurrent_first_files_share_one_default_project(api: Api) -> None:
    project = await _project(api)
    made = await asyncio.gather(*(_file(api, project, name=f"f{i}") for i in range(4)))
    keys = {(await api.ok2("GET", f"/files/{f['id']}"))["projectKey"] for f in made}
    assert keys == {default_project_key(project)}


async def test_v1_is_in_the_served_document_deprecated_under_its_own_tags(
    hub: InProcessHub,
) -> None:
    document = (await hub.client.get("/openapi.json")).json()
    operations = [
        operation
        for path, item in document["paths"].items()
        if path.startswith("/api/v1/")
        for operation in item.values()
    ]
    assert len(operations) == 36
    for operation in operations:
        assert operation["deprecated"] is True
        assert all(tag.startswith("Web Modeler API v1: ") for tag in operation["tags"])
        assert operation["security"] == [{"bearerAuth": []}]
        assert "401" in operation["responses"] and "403" in operation["responses"]
    v2_tags = {
        tag
        for path, item in document["paths"].items()
        if path.startswith("/api/v2/")
        for operation in item.values()
        for tag in operation["tags"]
    }
    assert not any(tag.startswith("Web Modeler") for tag in v2_tags)
    docs = await hub.client.get("/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text
