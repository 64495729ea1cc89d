"""``/catalog/assets`` over real HTTP with real tokens: ingestion (whole-set replacement,
unpublishing, immutable versions, every malformed request a 400), deletion, search and usage."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.support.responses import assert_problem
from tests.support.server import ALL_PERMISSIONS, HubServer

ZEEBE = "http://camunda.org/schema/zeebe/1.0"


def template(resource_id: str, version: int = 1, **extra: Any) -> bytes:
    document: dict[str, Any] = {
        "$schema": "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json",
        "name": f"Connector {resource_id}",
        "id": resource_id,
        "description": f"Talks to {resource_id}",
        "version": version,
        "appliesTo": ["bpmn:Task"],
        "properties": [],
    }
    document.update(extra)
    return json.dumps(document, indent=2).encode()


def readme(
    template_file: str, *, category: str | None = None, tags: list[str] | None = None
) -> bytes:
    lines = ["---", f"template: {template_file}"]
    if category is not None:
        lines.append(f"category: {category}")
    if tags is not None:
        lines.append("tags:")
        lines += [f"  - {tag}" for tag in tags]
    lines += ["---", "## Description", "", "Does things.", ""]
    return "\n".join(lines).encode()


Files = list[tuple[str, tuple[str | None, bytes, str]]]


def asset_parts(resource_id: str, version: int = 1, **readme_args: Any) -> Files:
    name = f"{resource_id}.json"
    return [
        ("readme", (f"{resource_id}.md", readme(name, **readme_args), "text/markdown")),
        ("template", (name, template(resource_id, version), "application/json")),
    ]


def ingest(api: httpx.Client, files: Files) -> httpx.Response:
    return api.put("/catalog/assets/ingestion", files=files)


def search(api: httpx.Client, **body: Any) -> dict[str, Any]:
    response = api.post("/catalog/assets/search", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def by_resource(api: httpx.Client, prefix: str, **body: Any) -> dict[str, dict[str, Any]]:
    filter_ = {"resourceId": {"$like": f"{prefix}*"}, **body.pop("filter", {})}
    items = search(api, filter=filter_, **body)["items"]
    return {item["resourceId"]: item for item in items}


@pytest.fixture(scope="module")
def catalog_api(hub: HubServer) -> Iterator[httpx.Client]:
    """An organization of its own: ingestion replaces the organization's whole catalog."""
    org = hub.create_org(f"Catalog {uuid.uuid4().hex[:6]}")
    with hub.api(hub.create_client(*ALL_PERMISSIONS, org=org, name="catalog")) as client:
        yield client


@pytest.fixture
def prefix() -> str:
    return f"io.test.{uuid.uuid4().hex[:8]}."


def test_ingestion_creates_assets_that_search_shows(catalog_api: httpx.Client, prefix: str) -> None:
    a, b = prefix + "a", prefix + "b"
    files = asset_parts(a, 3, category="Finance", tags=["payment", "invoice"]) + asset_parts(b)
    assert ingest(catalog_api, files).status_code == 204
    found = by_resource(catalog_api, prefix)
    assert set(found) == {a, b}
    asset = found[a]
    assert asset["name"] == f"Connector {a}"
    assert asset["shortDescription"] == f"Talks to {a}"
    assert asset["category"] == "Finance"
    assert sorted(asset["tags"]) == ["invoice", "payment"]
    assert asset["latestVersion"] == 3
    assert asset["unpublished"] is False
    assert asset["created"] == asset["updated"]
    assert asset["usage"] == {
        "status": "UNUSED",
        "workspaceCount": 0,
        "projectCount": 0,
        "projectsOnLatestVersionCount": 0,
    }
    assert found[b]["category"] is None and found[b]["tags"] == []


def test_reingestion_updates_by_id_and_unpublishes_what_is_missing(
    catalog_api: httpx.Client, prefix: str
) -> None:
    a, b, c = prefix + "a", prefix + "b", prefix + "c"
    assert ingest(catalog_api, asset_parts(a) + asset_parts(b)).status_code == 204
    before = by_resource(catalog_api, prefix)

    files = asset_parts(a, 2, tags=["new"]) + asset_parts(c)
    assert ingest(catalog_api, files).status_code == 204
    after = by_resource(catalog_api, prefix)
    assert set(after) == {a, b, c}
    assert after[a]["assetKey"] == before[a]["assetKey"]
    assert after[a]["latestVersion"] == 2 and after[a]["tags"] == ["new"]
    assert after[a]["updated"] > before[a]["updated"]
    assert after[b]["unpublished"] is True and after[b]["updated"] > before[b]["updated"]
    assert after[c]["unpublished"] is False

    # The same upload again changes nothing, not even `updated`.
    assert ingest(catalog_api, files).status_code == 204
    assert by_resource(catalog_api, prefix) == after
    unpublished = by_resource(catalog_api, prefix, filter={"unpublished": True})
    assert set(unpublished) == {b}

    # Ingesting an unpublished asset again publishes it (same key).
    assert ingest(catalog_api, asset_parts(b)).status_code == 204
    again = by_resource(catalog_api, prefix)
    assert again[b]["unpublished"] is False and again[b]["assetKey"] == before[b]["assetKey"]


def test_template_versions_are_immutable_and_a_failed_ingestion_writes_nothing(
    catalog_api: httpx.Client, prefix: str
) -> None:
    a, fresh = prefix + "a", prefix + "fresh"
    assert ingest(catalog_api, asset_parts(a, 2)).status_code == 204
    before = by_resource(catalog_api, prefix)

    changed = asset_parts(a, 2)
    changed[1] = ("template", (f"{a}.json", template(a, 2, description="other"), "text/plain"))
    response = ingest(catalog_api, asset_parts(fresh) + changed)
    assert_problem(response, 400, "version 2", "higher 'version'")
    assert_problem(ingest(catalog_api, asset_parts(fresh) + asset_parts(a, 1)), 400, "older")
    assert by_resource(catalog_api, prefix) == before


def _multipart(parts: list[tuple[str, str | None, bytes]]) -> Files:
    return [(name, (filename, data, "application/octet-stream")) for name, filename, data in parts]


OK_README = readme("t.json")
OK_TEMPLATE = template("io.test.bad")

BAD_REQUESTS: dict[str, tuple[Files, str]] = {
    "no readme part": (_multipart([("template", "t.json", OK_TEMPLATE)]), "readme"),
    "no template part": (_multipart([("readme", "r.md", OK_README)]), "template"),
    "unknown part": (
        _multipart([("readme", "r.md", OK_README), ("template", "t.json", OK_TEMPLATE)])
        + _multipart([("icon", "i.png", b"x")]),
        "unknown part",
    ),
    "readme without front matter": (
        _multipart([("readme", "r.md", b"# Title\n"), ("template", "t.json", OK_TEMPLATE)]),
        "front matter",
    ),
    "front matter not closed": (
        _multipart(
            [("readme", "r.md", b"---\ntemplate: t.json\n"), ("template", "t.json", OK_TEMPLATE)]
        ),
        "not closed",
    ),
    "front matter not YAML": (
        _multipart(
            [
                ("readme", "r.md", b"---\ntemplate: [t.json\n---\n"),
                ("template", "t.json", OK_TEMPLATE),
            ]
        ),
        "not valid YAML",
    ),
    "front matter a list": (
        _multipart(
            [("readme", "r.md", b"---\n- t.json\n---\n"), ("template", "t.json", OK_TEMPLATE)]
        ),
        "mapping",
    ),
    "front matter without template": (
        _multipart(
            [("readme", "r.md", b"---\ncategory: x\n---\n"), ("template", "t.json", OK_TEMPLATE)]
        ),
        "'template'",
    ),
    "front matter names a missing template": (
        _multipart([("readme", "r.md", readme("other.json")), ("template", "t.json", OK_TEMPLATE)]),
        "not among the uploaded",
    ),
    "tags not strings": (
        _multipart(
            [
                ("readme", "r.md", b"---\ntemplate: t.json\ntags:\n  - a: b\n---\n"),
                ("template", "t.json", OK_TEMPLATE),
            ]
        ),
        "tags[0]",
    ),
    "python object tag": (
        _multipart(
            [
                ("readme", "r.md", b"---\ntemplate: !!python/object/apply:os.system [id]\n---\n"),
                ("template", "t.json", OK_TEMPLATE),
            ]
        ),
        "not valid YAML",
    ),
    "template without readme": (
        _multipart(
            [
                ("readme", "r.md", OK_README),
                ("template", "t.json", OK_TEMPLATE),
                ("template", "u.json", template("io.test.other")),
            ]
        ),
        "no README",
    ),
    "two readmes for one template": (
        _multipart(
            [
                ("readme", "r.md", OK_README),
                ("readme", "s.md", OK_README),
                ("template", "t.json", OK_TEMPLATE),
            ]
        ),
        "already has a README",
    ),
    "template file name twice": (
        _multipart(
            [
                ("readme", "r.md", OK_README),
                ("template", "t.json", OK_TEMPLATE),
                ("template", "t.json", template("io.test.x")),
            ]
        ),
        "uploaded twice",
    ),
    "template id twice": (
        _multipart(
            [
                ("readme", "r.md", OK_README),
                ("readme", "s.md", readme("u.json")),
                ("template", "t.json", OK_TEMPLATE),
                ("template", "u.json", OK_TEMPLATE),
            ]
        ),
        "own id",
    ),
    "template without file name": (
        [
            ("readme", ("r.md", OK_README, "text/markdown")),
            ("template", (None, OK_TEMPLATE, "application/json")),
        ],
        "file name",
    ),
    "template not JSON": (
        _multipart([("readme", "r.md", OK_README), ("template", "t.json", b"{nope")]),
        "not valid JSON",
    ),
    "template a JSON list": (
        _multipart([("readme", "r.md", OK_README), ("template", "t.json", b"[]")]),
        "one JSON object",
    ),
    "template without version": (
        _multipart(
            [
                ("readme", "r.md", OK_README),
                (
                    "template",
                    "t.json",
                    b'{"id": "x", "name": "x", "appliesTo": [], "properties": []}',
                ),
            ]
        ),
        "'version'",
    ),
    "template without id": (
        _multipart(
            [
                ("readme", "r.md", OK_README),
                (
                    "template",
                    "t.json",
                    b'{"name": "x", "version": 1, "appliesTo": [], "properties": []}',
                ),
            ]
        ),
        "'id'",
    ),
    "template without properties": (
        _multipart(
            [
                ("readme", "r.md", OK_README),
                ("template", "t.json", b'{"id": "x", "name": "x", "version": 1, "appliesTo": []}'),
            ]
        ),
        "'properties'",
    ),
    "template with NUL in its id": (
        _multipart(
            [
                ("readme", "r.md", OK_README),
                (
                    "template",
                    "t.json",
                    b'{"id": "x\\u0000", "name": "x", "version": 1, "appliesTo": [], "properties": []}',
                ),
            ]
        ),
        "NUL",
    ),
    "readme not UTF-8": (
        _multipart(
            [
                ("readme", "r.md", b"---\ntemplate: t.json\n---\n\xff\xfe"),
                ("template", "t.json", OK_TEMPLATE),
            ]
        ),
        "UTF-8",
    ),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_every_malformed_ingestion_is_a_400(catalog_api: httpx.Client, case: str) -> None:
    files, word = BAD_REQUESTS[case]
    assert_problem(ingest(catalog_api, files), 400, word)


def test_bodies_that_are_not_multipart_are_400(catalog_api: httpx.Client) -> None:
    url = "/catalog/assets/ingestion"
    assert_problem(catalog_api.put(url, json={"readme": []}), 400, "multipart/form-data")
    assert_problem(catalog_api.put(url), 400, "multipart/form-data")
    broken = catalog_api.put(
        url,
        content=b'--XX\r\nContent-Disposition: form-data; name="readme"\r\n\r\nno end',
        headers={"Content-Type": "multipart/form-data; boundary=XX"},
    )
    assert broken.status_code == 400, broken.text
    no_boundary = catalog_api.put(
        url, content=b"x", headers={"Content-Type": "multipart/form-data"}
    )
    assert_problem(no_boundary, 400, "multipart")


def test_search_filters_sorts_and_refuses_unknown_fields(
    catalog_api: httpx.Client, prefix: str
) -> None:
    a, b, c = prefix + "a", prefix + "b", prefix + "c"
    files = (
        asset_parts(a, category="Finance", tags=["payment", "invoice"])
        + asset_parts(b, category="Finance", tags=["invoice"])
        + asset_parts(c, category="Ops")
    )
    assert ingest(catalog_api, files).status_code == 204
    assert set(by_resource(catalog_api, prefix, filter={"tag": "payment"})) == {a}
    assert set(by_resource(catalog_api, prefix, filter={"tag": {"$in": ["invoice"]}})) == {a, b}
    assert set(by_resource(catalog_api, prefix, filter={"tag": {"$neq": "payment"}})) == {b, c}
    assert set(by_resource(catalog_api, prefix, filter={"tag": {"$exists": False}})) == {c}
    assert set(by_resource(catalog_api, prefix, filter={"category": "Finance"})) == {a, b}
    assert set(by_resource(catalog_api, prefix, filter={"name": f"Connector {c}"})) == {c}
    assert set(by_resource(catalog_api, prefix, filter={"usage": {"status": "UNUSED"}})) == {
        a,
        b,
        c,
    }
    assert by_resource(catalog_api, prefix, filter={"usage": {"status": {"$neq": "UNUSED"}}}) == {}

    ordered = search(
        catalog_api,
        filter={"resourceId": {"$like": f"{prefix}*"}},
        sort=[{"field": "name", "order": "DESC"}],
        page={"from": 1, "limit": 1},
    )
    assert [item["resourceId"] for item in ordered["items"]] == [b]
    assert ordered["page"] == {"totalItems": 3, "hasMoreTotalItems": False}

    url = "/catalog/assets/search"
    assert_problem(catalog_api.post(url, json={"filter": {"owner": "x"}}), 400, "filter.owner")
    assert_problem(catalog_api.post(url, json={"filter": {"usage.status": "UNUSED"}}), 400)
    assert_problem(catalog_api.post(url, json={"filter": {"usage": "UNUSED"}}), 400, "filter.usage")
    assert_problem(
        catalog_api.post(url, json={"filter": {"usage": {"count": 1}}}), 400, "filter.usage.count"
    )
    assert_problem(
        catalog_api.post(url, json={"filter": {"usage": {"status": {"$in": ["UNUSED", "OLD"]}}}}),
        400,
        "'OLD' is not a usage status",
    )
    assert_problem(catalog_api.post(url, json={"filter": {"unpublished": "yes"}}), 400)
    assert_problem(catalog_api.post(url, json={"sort": [{"field": "category"}]}), 400, "sort[0]")
    # No body at all is the first page.
    assert catalog_api.post(url).status_code == 200


def bpmn(*uses: tuple[str, int | None]) -> str:
    tasks = "".join(
        f'<bpmn:task id="t{index}" zeebe:modelerTemplate="{resource_id}"'
        + (f' zeebe:modelerTemplateVersion="{version}"' if version is not None else "")
        + "/>"
        for index, (resource_id, version) in enumerate(uses)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        f'xmlns:zeebe="{ZEEBE}" id="d"><bpmn:process id="p" isExecutable="true">{tasks}'
        "</bpmn:process></bpmn:definitions>"
    )


def test_usage_is_read_from_the_bpmn_files_that_apply_a_template(
    catalog_api: httpx.Client, prefix: str
) -> None:
    a, b, c = prefix + "a", prefix + "b", prefix + "c"
    files = asset_parts(a, 2) + asset_parts(b, 1) + asset_parts(c, 1)
    assert ingest(catalog_api, files).status_code == 204
    ws1 = catalog_api.post("/workspaces", json={"name": "W1"}).json()["workspaceKey"]
    ws2 = catalog_api.post("/workspaces", json={"name": "W2"}).json()["workspaceKey"]
    p1 = catalog_api.post("/projects", json={"name": "P1", "workspaceKey": ws1}).json()[
        "projectKey"
    ]
    p2 = catalog_api.post("/projects", json={"name": "P2", "workspaceKey": ws2}).json()[
        "projectKey"
    ]

    def create(project: str, content: str) -> dict[str, Any]:
        body = {"name": "flow", "projectKey": project, "type": "bpmn", "content": content}
        response = catalog_api.post("/files", json=body)
        assert response.status_code == 200, response.text
        created: dict[str, Any] = response.json()
        return created

    old = create(p1, bpmn((a, 1), (b, 1)))
    create(p2, bpmn((a, 2)))
    found = by_resource(catalog_api, prefix)
    assert found[a]["usage"] == {
        "status": "UPDATE_AVAILABLE",
        "workspaceCount": 2,
        "projectCount": 2,
        "projectsOnLatestVersionCount": 1,
    }
    assert found[b]["usage"]["status"] == "UP_TO_DATE"
    assert found[c]["usage"]["status"] == "UNUSED"
    by_status = by_resource(catalog_api, prefix, filter={"usage": {"status": "UPDATE_AVAILABLE"}})
    assert set(by_status) == {a}

    # Moving the old diagram to version 2 brings the asset up to date.
    patch = {"content": bpmn((a, 2), (b, 1)), "revision": old["revision"]}
    assert catalog_api.patch(f"/files/{old['fileKey']}", json=patch).status_code == 200
    assert by_resource(catalog_api, prefix)[a]["usage"]["status"] == "UP_TO_DATE"

    # Unpublishing a used asset (left out of the next ingestion) deprecates it; a deprecated
    # latest template version does too; an unused unpublished asset stays UNUSED.
    deprecated = [("template", (f"{a}.json", template(a, 3, deprecated=True), "application/json"))]
    files = [asset_parts(a, 3)[0], *deprecated]
    assert ingest(catalog_api, files).status_code == 204
    found = by_resource(catalog_api, prefix)
    assert found[a]["usage"]["status"] == "DEPRECATED"
    assert found[a]["usage"]["projectsOnLatestVersionCount"] == 0
    assert found[b]["unpublished"] is True and found[b]["usage"]["status"] == "DEPRECATED"
    assert found[c]["usage"]["status"] == "UNUSED"
    by_status = by_resource(catalog_api, prefix, filter={"usage": {"status": "DEPRECATED"}})
    assert set(by_status) == {a, b}

    # Deleted files no longer count.
    assert catalog_api.delete(f"/files/{old['fileKey']}").status_code == 204
    assert by_resource(catalog_api, prefix)[b]["usage"]["status"] == "UNUSED"


def test_delete_removes_the_asset_and_other_organizations_get_404(
    catalog_api: httpx.Client, other_org_api: httpx.Client, prefix: str
) -> None:
    a = prefix + "a"
    assert ingest(catalog_api, asset_parts(a)).status_code == 204
    key = by_resource(catalog_api, prefix)[a]["assetKey"]
    assert_problem(other_org_api.delete(f"/catalog/assets/{key}"), 404)
    assert other_org_api.post("/catalog/assets/search", json={}).json()["items"] == []

    assert catalog_api.delete(f"/catalog/assets/{key}").status_code == 204
    assert by_resource(catalog_api, prefix) == {}
    assert_problem(catalog_api.delete(f"/catalog/assets/{key}"), 404)
    assert_problem(catalog_api.delete(f"/catalog/assets/{uuid.uuid4()}"), 404)

    # Ingested again, it is a new asset.
    assert ingest(catalog_api, asset_parts(a)).status_code == 204
    assert by_resource(catalog_api, prefix)[a]["assetKey"] != key


def test_permissions(api_with: Any) -> None:
    reader = api_with("read")
    assert_problem(ingest(reader, asset_parts("io.test.perm")), 403, "update")
    assert_problem(reader.delete(f"/catalog/assets/{uuid.uuid4()}"), 403, "delete")
    assert reader.post("/catalog/assets/search", json={}).status_code == 200
    assert_problem(api_with("update").post("/catalog/assets/search", json={}), 403, "read")


def test_project_and_file_usage_searches(
    catalog_api: httpx.Client, other_org_api: httpx.Client, prefix: str
) -> None:
    a, unused = prefix + "a", prefix + "unused"
    assert ingest(catalog_api, asset_parts(a, 2) + asset_parts(unused)).status_code == 204
    keys = {r: item["assetKey"] for r, item in by_resource(catalog_api, prefix).items()}
    ws = catalog_api.post("/workspaces", json={"name": "Usage"}).json()["workspaceKey"]
    p1 = catalog_api.post("/projects", json={"name": "Alpha", "workspaceKey": ws}).json()
    p2 = catalog_api.post("/projects", json={"name": "Beta", "workspaceKey": ws}).json()

    def create(project: dict[str, Any], name: str, content: str) -> str:
        body = {
            "name": name,
            "projectKey": project["projectKey"],
            "type": "bpmn",
            "content": content,
        }
        response = catalog_api.post("/files", json=body)
        assert response.status_code == 200, response.text
        return str(response.json()["fileKey"])

    f1 = create(p1, "one", bpmn((a, 1), (a, 2)))
    f2 = create(p2, "two", bpmn((a, 2)))
    f3 = create(p1, "three", bpmn((a, None)))

    def projects(key: str, **body: Any) -> httpx.Response:
        return catalog_api.post(f"/catalog/assets/{key}/project-usages/search", json=body)

    def files(key: str, **body: Any) -> httpx.Response:
        return catalog_api.post(f"/catalog/assets/{key}/file-usages/search", json=body)

    found = projects(keys[a]).json()
    assert found["items"] == [
        {
            "projectKey": p1["projectKey"],
            "name": "Alpha",
            "workspaceKey": ws,
            "status": "UPDATE_AVAILABLE",
            "usedVersions": [1, 2],
        },
        {
            "projectKey": p2["projectKey"],
            "name": "Beta",
            "workspaceKey": ws,
            "status": "UP_TO_DATE",
            "usedVersions": [2],
        },
    ]
    assert found["page"] == {"totalItems": 2, "hasMoreTotalItems": False}
    only = projects(keys[a], filter={"status": "UP_TO_DATE"}).json()["items"]
    assert [item["name"] for item in only] == ["Beta"]

    listed = files(keys[a], sort=[{"field": "name", "order": "DESC"}]).json()["items"]
    assert [(i["fileKey"], i["status"], i["usedVersions"]) for i in listed] == [
        (f2, "UP_TO_DATE", [2]),
        (f3, "UPDATE_AVAILABLE", []),
        (f1, "UPDATE_AVAILABLE", [1, 2]),
    ]
    in_p1 = files(keys[a], filter={"projectKey": p1["projectKey"]}).json()["items"]
    assert {item["fileKey"] for item in in_p1} == {f1, f3}
    assert files(keys[unused]).json()["items"] == []

    assert_problem(projects(keys[a], filter={"status": "UNUSED"}), 400, "filter.status")
    assert_problem(files(keys[a], filter={"type": "bpmn"}), 400, "filter.type")
    assert_problem(projects(str(uuid.uuid4())), 404)
    assert_problem(
        other_org_api.post(f"/catalog/assets/{keys[a]}/file-usages/search", json={}), 404
    )

    # Unpublished (left out of an ingestion), every user of the asset is on a deprecated asset.
    assert ingest(catalog_api, asset_parts(unused)).status_code == 204
    statuses = {item["status"] for item in files(keys[a]).json()["items"]}
    assert statuses == {"DEPRECATED"}


def test_concurrent_ingestions_of_the_same_catalog_both_succeed_once(
    catalog_api: httpx.Client, prefix: str
) -> None:
    """Two uploads of one new asset at the same moment: serialized per organization, so the
    second finds the first's asset (same version, same content) instead of a duplicate key."""
    a = prefix + "a"
    files = asset_parts(a, 1, tags=["x"])
    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(pool.map(lambda _: ingest(catalog_api, files).status_code, range(2)))
    assert statuses == [204, 204]
    found = by_resource(catalog_api, prefix)
    assert list(found) == [a] and found[a]["tags"] == ["x"]
