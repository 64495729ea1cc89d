"""A deployment holding one of every kind of resource, made through the Hub API, and the list of
every read (GET and search) that shows it: for tests that move a deployment and compare."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx

from camunda_hub.server.services import admins, api_clients
from camunda_hub.server.store.db import Database

BPMN_NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'
ZEEBE = 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"'
LICENSE = {"validLicense": True, "licenseType": "production"}
ADMIN = ("root@example.com", "correct horse battery staple")


def bpmn(process_id: str, task: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions {BPMN_NS} {ZEEBE}>'
        f'<bpmn:process id="{process_id}">{task}</bpmn:process></bpmn:definitions>'
    )


def template(resource_id: str, version: int) -> bytes:
    return json.dumps(
        {
            "$schema": "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json",
            "name": f"connector {resource_id}",
            "id": resource_id,
            "description": f"talks to {resource_id}",
            "version": version,
            "appliesTo": ["bpmn:Task"],
            "properties": [],
        }
    ).encode()


def readme(template_file: str) -> bytes:
    return (
        f"---\ntemplate: {template_file}\ncategory: messaging\ntags:\n  - chat\n  - email\n"
        "---\n## Description\n\nsends things.\n"
    ).encode()


@dataclass
class Seeded:
    reads: list[tuple[str, str, Any]] = field(default_factory=list)  # (method, path, json body)
    clients: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (id, secret)


class _Api:
    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    async def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        response = await self.client.request(
            method, f"/api/v2{path}", headers=self.headers, **kwargs
        )
        assert response.status_code == expect, (method, path, response.text)
        return response.json() if response.content else None


async def seed(client: httpx.AsyncClient, token: str, db: Database, pepper: bytes) -> Seeded:
    api = _Api(client, token)
    out = Seeded()
    reads = out.reads

    workspace = (await api.call("POST", "/workspaces", json={"name": "main"}))["workspaceKey"]
    gone_ws = (await api.call("POST", "/workspaces", json={"name": "old"}))["workspaceKey"]
    await api.call(
        "POST",
        f"/workspaces/{workspace}/members",
        json={"email": "ann@example.com", "role": "editor"},
    )
    project = (
        await api.call("POST", "/projects", json={"name": "orders", "workspaceKey": workspace})
    )["projectKey"]
    gone_project = (
        await api.call("POST", "/projects", json={"name": "legacy", "workspaceKey": workspace})
    )["projectKey"]
    parent = (await api.call("POST", "/folders", json={"name": "flows", "projectKey": project}))[
        "folderKey"
    ]
    child = (
        await api.call(
            "POST",
            "/folders",
            json={"name": "sub", "projectKey": project, "parentFolderKey": parent},
        )
    )["folderKey"]
    gone_folder = (
        await api.call("POST", "/folders", json={"name": "trash", "projectKey": project})
    )["folderKey"]

    # The catalog first, so a file can use one of its templates.
    for version in (1, 2):
        files = [
            ("readme", ("mail.md", readme("mail.json"), "text/markdown")),
            ("template", ("mail.json", template("io.mail", version), "application/json")),
        ]
        await api.call("PUT", "/catalog/assets/ingestion", expect=204, files=files)
    assets = (await api.call("POST", "/catalog/assets/search", json={}))["items"]
    asset = assets[0]["assetKey"]

    task = '<bpmn:task id="t" zeebe:modelerTemplate="io.mail" zeebe:modelerTemplateVersion="1"/>'
    files = {}
    for name, folder, content in [
        ("order", None, bpmn("order", task)),
        ("ship", parent, bpmn("ship")),
        ("deep", child, bpmn("deep")),
        ("doomed", None, bpmn("doomed")),
        ("in-trash", gone_folder, bpmn("trash")),
    ]:
        body = {"name": name, "projectKey": project, "folderKey": folder, "type": "bpmn"}
        files[name] = (await api.call("POST", "/files", json={**body, "content": content}))[
            "fileKey"
        ]
    form = {"components": [], "type": "default", "id": "f"}
    files["form"] = (
        await api.call(
            "POST",
            "/files",
            json={
                "name": "ask",
                "projectKey": project,
                "type": "form",
                "content": json.dumps(form),
            },
        )
    )["fileKey"]
    current = await api.call("GET", f"/files/{files['order']}")
    await api.call(
        "PATCH",
        f"/files/{files['order']}",
        json={"revision": current["revision"], "content": bpmn("order", task + "<!-- v2 -->")},
    )
    version = (await api.call("POST", "/versions", json={"fileKey": files["order"], "name": "v1"}))[
        "versionKey"
    ]
    snapshots = []
    for name in ("release", "hotfix"):
        created = await api.call(
            "POST", "/project-snapshots", json={"projectKey": project, "name": name}
        )
        snapshots.append(created["projectSnapshotKey"])
    await api.call("POST", f"/project-snapshots/{snapshots[0]}/review-requests")
    await api.call(
        "POST", f"/project-snapshots/{snapshots[0]}/reviews", json={"status": "APPROVED"}
    )

    cluster = "cluster-00000000-0000-0000-0000-000000000001"
    await api.call(
        "POST",
        "/clusters",
        expect=204,
        json={"clusterId": cluster, "clusterName": "prod", "version": "8.8.0", "license": LICENSE},
    )
    await api.call(
        "PUT", f"/workspaces/{workspace}/environments", json={"environmentIds": [cluster]}
    )

    # Deleted things, kept for the retention period.
    await api.call("DELETE", f"/files/{files['doomed']}", expect=204)
    await api.call("DELETE", f"/folders/{gone_folder}", expect=204)
    await api.call("DELETE", f"/projects/{gone_project}", expect=204)
    await api.call("DELETE", f"/workspaces/{gone_ws}", expect=204)

    # Clients: one plain, one rotated whose old secret still works for a while.
    async with db.transaction() as session:
        org = (await api.call("GET", "/info"))["authorizedOrganization"]
        plain = await api_clients.create(
            session,
            organization_id=org,
            name="plain",
            permissions=["read"],
            pepper=pepper,
            actor="t",
        )
        rotated = await api_clients.create(
            session,
            organization_id=org,
            name="rotated",
            permissions=["read"],
            pepper=pepper,
            actor="t",
        )
        renewed = await api_clients.rotate_secret(
            session, rotated.client.client_id, pepper=pepper, actor="t", grace=timedelta(hours=1)
        )
        await admins.create(
            session,
            organization_id=org,
            email=ADMIN[0],
            password_hash=admins.hash_password(ADMIN[1]),
            actor="t",
        )
    out.clients["plain"] = (plain.client.client_id, plain.client_secret)
    out.clients["rotated-old"] = (rotated.client.client_id, rotated.client_secret)
    out.clients["rotated-new"] = (renewed.client.client_id, renewed.client_secret)

    get = [
        "/info",
        "/clusters",
        "/environments",
        f"/workspaces/{workspace}",
        f"/workspaces/{workspace}/environments",
        f"/projects/{project}",
        f"/projects/{project}/environments",
        f"/folders/{parent}",
        f"/folders/{child}",
        f"/versions/{version}",
        *(f"/files/{key}" for key in files.values()),
        *(f"/project-snapshots/{key}" for key in snapshots),
        *(f"/project-snapshots/{key}/external-resources" for key in snapshots),
    ]
    reads += [("GET", path, None) for path in get]
    search = [
        ("/workspaces/search", {}),
        ("/projects/search", {}),
        ("/files/search", {}),
        ("/files/search", {"filter": {"projectKey": project}, "sort": [{"field": "name"}]}),
        ("/versions/search", {"filter": {"fileKey": files["order"]}}),
        ("/project-snapshots/search", {}),
        ("/members/search", {"filter": {"workspaceKey": workspace}}),
        ("/catalog/assets/search", {}),
        (f"/catalog/assets/{asset}/file-usages/search", {}),
        (f"/catalog/assets/{asset}/project-usages/search", {}),
        ("/workspaces/recently-deleted/search", {}),
        ("/projects/recently-deleted/search", {}),
        ("/folders/recently-deleted/search", {}),
        ("/files/recently-deleted/search", {}),
    ]
    reads += [("POST", path, body) for path, body in search]
    return out


async def read_all(
    client: httpx.AsyncClient, token: str, seeded: Seeded
) -> list[tuple[int, bytes]]:
    headers = {"Authorization": f"Bearer {token}"}
    answers = []
    for method, path, body in seeded.reads:
        response = await client.request(method, f"/api/v2{path}", headers=headers, json=body)
        # A deleted item's GET is a 404: compared like the rest.
        assert response.status_code in (200, 404), (path, response.text)
        answers.append((response.status_code, response.content))
    return answers
