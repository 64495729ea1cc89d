"""``/versions`` over real HTTP with real tokens: snapshots, metadata, search, restoration."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.support.responses import assert_problem, ok

BPMN_V1 = '<?xml version="1.0" encoding="UTF-8"?><definitions id="v1"/>'
BPMN_V2 = '<?xml version="1.0" encoding="UTF-8"?><definitions id="v2"/>'


def template(number: int | None, **extra: Any) -> str:
    document: dict[str, Any] = {"$schema": "https://x/element-templates.json", "id": "io.acme.x"}
    document["name"] = "Acme connector"
    if number is not None:
        document["version"] = number
    document.update(extra)
    return json.dumps(document, indent=2)


@pytest.fixture(scope="module")
def project(api: httpx.Client) -> str:
    workspace = ok(api.post("/workspaces", json={"name": "Versions"}))
    created = ok(
        api.post(
            "/projects",
            json={"name": "Versioned things", "workspaceKey": workspace["workspaceKey"]},
        )
    )
    return str(created["projectKey"])


@pytest.fixture
def new_file(api: httpx.Client, project: str) -> Callable[..., dict[str, Any]]:
    def make(kind: str = "bpmn", content: str = BPMN_V1, name: str | None = None) -> dict[str, Any]:
        body = {
            "name": name or f"file-{uuid.uuid4().hex[:8]}",
            "projectKey": project,
            "type": kind,
            "content": content,
        }
        result: dict[str, Any] = ok(api.post("/files", json=body))
        return result

    return make


def edit(api: httpx.Client, file: dict[str, Any], content: str) -> dict[str, Any]:
    current = ok(api.get(f"/files/{file['fileKey']}"))
    result: dict[str, Any] = ok(
        api.patch(
            f"/files/{file['fileKey']}", json={"revision": current["revision"], "content": content}
        )
    )
    return result


def versions_of(api: httpx.Client, file_key: str, **query: Any) -> dict[str, Any]:
    body = {"filter": {"fileKey": file_key}, **query}
    result: dict[str, Any] = ok(api.post("/versions/search", json=body))
    return result


# -- create / get --------------------------------------------------------------------------


def test_create_snapshots_the_current_content_and_never_changes(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    file = new_file()
    version = ok(
        api.post(
            "/versions",
            json={"fileKey": file["fileKey"], "name": "Release 1.0", "description": "first"},
        )
    )
    assert set(version) == {
        "versionKey",
        "name",
        "description",
        "fileKey",
        "organizationPublic",
        "linkedToProcessApplication",
        "created",
        "createdBy",
        "updated",
        "updatedBy",
    }
    assert version["name"] == "Release 1.0"
    assert version["description"] == "first"
    assert version["fileKey"] == file["fileKey"]
    assert version["organizationPublic"] is False
    assert version["linkedToProcessApplication"] is False
    assert version["createdBy"] == file["createdBy"]
    assert version["updatedBy"] == file["createdBy"]

    edit(api, file, BPMN_V2)
    detail = ok(api.get(f"/versions/{version['versionKey']}"))
    assert detail["content"] == BPMN_V1
    assert {k: v for k, v in detail.items() if k != "content"} == version


def test_description_is_optional(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    file = new_file()
    version = ok(api.post("/versions", json={"fileKey": file["fileKey"], "name": "v"}))
    assert version["description"] is None


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"name": "v"}, ["fileKey", "required"]),
        ({"fileKey": "{file}"}, ["name", "required"]),
        ({"fileKey": "{file}", "name": ""}, ["name"]),
        ({"fileKey": "{file}", "name": "   "}, ["name", "blank"]),
        ({"fileKey": "{file}", "name": "x" * 256}, ["name"]),
        ({"fileKey": "{file}", "name": "v", "description": "d" * 256}, ["description"]),
        ({"fileKey": "{file}", "name": "v", "colour": "red"}, ["colour", "not a known field"]),
        (
            {"fileKey": "{file}", "name": "v", "organizationPublic": "true"},
            ["organizationPublic", "boolean"],
        ),
        (
            {"fileKey": "{file}", "name": "v", "organizationPublic": 0},
            ["organizationPublic", "boolean"],
        ),
        ({"fileKey": str(uuid.uuid4()), "name": "v"}, ["fileKey", "no file"]),
    ],
)
def test_create_rejects_bad_input(
    api: httpx.Client,
    new_file: Callable[..., dict[str, Any]],
    body: dict[str, Any],
    words: list[str],
) -> None:
    file = new_file()
    body = {k: (file["fileKey"] if v == "{file}" else v) for k, v in body.items()}
    assert_problem(api.post("/versions", json=body), 400, *words)


def test_create_rejects_non_json_bodies(api: httpx.Client) -> None:
    response = api.post(
        "/versions", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_problem(response, 400)
    assert_problem(api.post("/versions", json=[1, 2]), 400)


def test_get_unknown_version_is_404(api: httpx.Client) -> None:
    assert_problem(api.get(f"/versions/{uuid.uuid4()}"), 404, "version")


# -- element templates and publication -----------------------------------------------------


def test_only_element_templates_can_be_published(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    bpmn = new_file()
    body = {"fileKey": bpmn["fileKey"], "name": "v", "organizationPublic": True}
    assert_problem(api.post("/versions", json=body), 400, "organizationPublic", "element-template")
    assert versions_of(api, bpmn["fileKey"])["items"] == []

    tpl = new_file("element-template", template(1))
    body = {"fileKey": tpl["fileKey"], "name": "v1", "organizationPublic": True}
    assert ok(api.post("/versions", json=body))["organizationPublic"] is True


def test_template_version_number_must_be_unique_per_file(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    tpl = new_file("element-template", template(3))
    ok(api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "three"}))
    again = api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "three again"})
    assert_problem(again, 409, "3")

    # Another file may use the same number.
    other = new_file("element-template", template(3))
    ok(api.post("/versions", json={"fileKey": other["fileKey"], "name": "three"}))

    edit(api, tpl, template(4))
    ok(api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "four"}))
    assert versions_of(api, tpl["fileKey"])["page"]["totalItems"] == 2


def test_template_version_numbers_are_64_bit(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    big = 2**40
    tpl = new_file("element-template", template(big))
    first = ok(api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "big"}))
    assert_problem(api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "again"}), 409)
    url = f"/versions/{first['versionKey']}/restoration"
    ok(api.post(url, json={"version": 2**63 - 1}))
    assert json.loads(ok(api.get(f"/files/{tpl['fileKey']}"))["content"])["version"] == 2**63 - 1


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (template(None), ["integer 'version'"]),
        (template(None, version="7"), ["integer 'version'"]),
        (template(None, version=True), ["integer 'version'"]),
        (template(None, version=1.5), ["integer 'version'"]),
        (template(None, version=2**63), ["64-bit"]),
        ("not json at all", ["JSON object"]),
        ("[1, 2]", ["JSON object"]),
    ],
)
def test_template_without_a_usable_version_number_is_refused(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]], content: str, words: list[str]
) -> None:
    tpl = new_file("element-template", content)
    response = api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "v"})
    assert_problem(response, 400, *words)


# -- update / delete -----------------------------------------------------------------------


def test_update_name_description_and_publication(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    tpl = new_file("element-template", template(1))
    version = ok(
        api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "a", "description": "d"})
    )
    key = version["versionKey"]

    renamed = ok(api.patch(f"/versions/{key}", json={"name": "b"}))
    assert renamed["name"] == "b"
    assert renamed["description"] == "d"  # omitted keeps
    assert renamed["organizationPublic"] is False
    assert renamed["updated"] >= version["updated"]
    assert renamed["created"] == version["created"]

    published = ok(api.patch(f"/versions/{key}", json={"name": "b", "organizationPublic": True}))
    assert published["organizationPublic"] is True
    kept = ok(api.patch(f"/versions/{key}", json={"name": "c"}))
    assert kept["organizationPublic"] is True  # omitted keeps

    cleared = ok(api.patch(f"/versions/{key}", json={"name": "c", "description": None}))
    assert cleared["description"] is None
    unpublished = ok(api.patch(f"/versions/{key}", json={"name": "c", "organizationPublic": False}))
    assert unpublished["organizationPublic"] is False

    detail = ok(api.get(f"/versions/{key}"))
    assert detail["name"] == "c"
    assert detail["content"] == template(1)


def test_update_rejects_bad_input(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    bpmn = new_file()
    key = ok(api.post("/versions", json={"fileKey": bpmn["fileKey"], "name": "a"}))["versionKey"]
    assert_problem(api.patch(f"/versions/{key}", json={}), 400, "name", "required")
    assert_problem(api.patch(f"/versions/{key}", json={"name": " "}), 400, "blank")
    assert_problem(
        api.patch(f"/versions/{key}", json={"name": "a", "organizationPublic": None}), 400
    )
    assert_problem(api.patch(f"/versions/{key}", json={"name": "a", "fileKey": "x"}), 400)
    assert_problem(
        api.patch(f"/versions/{key}", json={"name": "a", "organizationPublic": True}),
        400,
        "element-template",
    )
    # Unpublishing a bpmn version is a harmless no-op.
    ok(api.patch(f"/versions/{key}", json={"name": "a", "organizationPublic": False}))
    assert_problem(api.patch(f"/versions/{uuid.uuid4()}", json={"name": "a"}), 404)


def test_delete(api: httpx.Client, new_file: Callable[..., dict[str, Any]]) -> None:
    file = new_file()
    keep = ok(api.post("/versions", json={"fileKey": file["fileKey"], "name": "keep"}))
    gone = ok(api.post("/versions", json={"fileKey": file["fileKey"], "name": "gone"}))
    response = api.delete(f"/versions/{gone['versionKey']}")
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert_problem(api.get(f"/versions/{gone['versionKey']}"), 404)
    assert_problem(api.delete(f"/versions/{gone['versionKey']}"), 404)
    assert [v["versionKey"] for v in versions_of(api, file["fileKey"])["items"]] == [
        keep["versionKey"]
    ]
    # The file itself is untouched.
    assert ok(api.get(f"/files/{file['fileKey']}"))["revision"] == file["revision"]


def test_deleting_a_template_version_frees_its_number(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    tpl = new_file("element-template", template(9))
    first = ok(api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "nine"}))
    assert api.delete(f"/versions/{first['versionKey']}").status_code == 204
    ok(api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "nine again"}))


# -- search --------------------------------------------------------------------------------


def test_search_lists_one_files_versions_in_order(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    file, other = new_file(), new_file()
    names = ["beta", "alpha", "gamma"]
    made = [ok(api.post("/versions", json={"fileKey": file["fileKey"], "name": n})) for n in names]
    ok(api.post("/versions", json={"fileKey": other["fileKey"], "name": "elsewhere"}))

    found = versions_of(api, file["fileKey"])
    assert found["page"] == {"totalItems": 3, "hasMoreTotalItems": False}
    assert [v["versionKey"] for v in found["items"]] == [v["versionKey"] for v in made]
    assert all("content" not in v for v in found["items"])

    by_name = versions_of(api, file["fileKey"], sort=[{"field": "name", "order": "DESC"}])
    assert [v["name"] for v in by_name["items"]] == ["gamma", "beta", "alpha"]

    like = versions_of(
        api, file["fileKey"], filter={"fileKey": file["fileKey"], "name": {"$like": "?a*"}}
    )
    assert sorted(v["name"] for v in like["items"]) == ["gamma"]

    paged = versions_of(api, file["fileKey"], page={"from": 1, "limit": 1})
    assert [v["versionKey"] for v in paged["items"]] == [made[1]["versionKey"]]
    assert paged["page"]["totalItems"] == 3

    created_by = made[0]["createdBy"]["email"]
    mine = versions_of(
        api, file["fileKey"], filter={"fileKey": file["fileKey"], "createdBy": created_by}
    )
    assert mine["page"]["totalItems"] == 3
    since = versions_of(
        api,
        file["fileKey"],
        filter={"fileKey": file["fileKey"], "created": {"$gte": made[2]["created"]}},
    )
    assert [v["versionKey"] for v in since["items"]] == [made[2]["versionKey"]]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (None, ["fileKey"]),
        ({}, ["fileKey"]),
        ({"filter": {}}, ["fileKey"]),
        ({"filter": {"name": "x"}}, ["fileKey"]),
        ({"filter": {"fileKey": "k", "type": "bpmn"}}, ["type"]),
        ({"filter": {"fileKey": {"$gt": "k"}}}, ["$gt"]),
        ({"filter": {"fileKey": "k"}, "sort": [{"field": "updated"}]}, ["updated"]),
        ({"filter": {"fileKey": "k"}, "page": {"limit": 0}}, ["limit"]),
    ],
)
def test_search_rejects_bad_queries(
    api: httpx.Client, body: dict[str, Any] | None, words: list[str]
) -> None:
    response = (
        api.post("/versions/search", json=body)
        if body is not None
        else api.post("/versions/search")
    )
    assert_problem(response, 400, *words)


# -- restoration ---------------------------------------------------------------------------


def test_restoration_writes_content_back_and_records_a_new_version(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    file = new_file(content=BPMN_V1)
    v1 = ok(
        api.post("/versions", json={"fileKey": file["fileKey"], "name": "one", "description": "d"})
    )
    edited = edit(api, file, BPMN_V2)

    # The body is optional, and `version` is ignored for files that are not element templates.
    for body in (None, {"version": 5}):
        before = ok(api.get(f"/files/{file['fileKey']}"))
        restored = (
            api.post(f"/versions/{v1['versionKey']}/restoration", json=body)
            if body is not None
            else api.post(f"/versions/{v1['versionKey']}/restoration")
        )
        new = ok(restored)
        assert new["versionKey"] != v1["versionKey"]
        assert new["fileKey"] == file["fileKey"]
        assert new["name"] == "one (restored)"
        assert new["description"] == "d"
        assert new["organizationPublic"] is False
        after = ok(api.get(f"/files/{file['fileKey']}"))
        assert after["content"] == BPMN_V1
        assert after["revision"] == before["revision"] + 1
        assert after["updated"] >= before["updated"]
        assert ok(api.get(f"/versions/{new['versionKey']}"))["content"] == BPMN_V1

    assert versions_of(api, file["fileKey"])["page"]["totalItems"] == 3
    # An editor still holding the revision from before the restoration cannot overwrite it.
    stale = api.patch(
        f"/files/{file['fileKey']}", json={"revision": edited["revision"], "content": BPMN_V2}
    )
    assert_problem(stale, 409)
    assert ok(api.get(f"/files/{file['fileKey']}"))["content"] == BPMN_V1


def test_restoring_an_element_template_sets_the_target_number(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    tpl = new_file("element-template", template(1, description="old"))
    v1 = ok(api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "one"}))
    edit(api, tpl, template(2, description="new"))
    ok(api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "two"}))
    url = f"/versions/{v1['versionKey']}/restoration"

    assert_problem(api.post(url), 400, "version")
    assert_problem(api.post(url, json={}), 400, "version")
    assert_problem(api.post(url, json={"version": 2}), 409, "2")
    assert_problem(api.post(url, json={"version": 1}), 409, "1")
    assert_problem(api.post(url, json={"version": "3"}), 400, "version")
    assert_problem(api.post(url, json={"version": 3, "extra": 1}), 400, "extra")

    new = ok(api.post(url, json={"version": 3}))
    content = ok(api.get(f"/files/{tpl['fileKey']}"))["content"]
    document = json.loads(content)
    assert document["version"] == 3
    assert document["description"] == "old"
    assert ok(api.get(f"/versions/{new['versionKey']}"))["content"] == content
    # The restored state now owns number 3.
    assert_problem(api.post(url, json={"version": 3}), 409)
    assert_problem(api.post("/versions", json={"fileKey": tpl["fileKey"], "name": "x"}), 409)


# -- soft-deleted files, other organizations, permissions ----------------------------------


def test_versions_follow_their_file_into_the_bin_and_back(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    file = new_file()
    version = ok(api.post("/versions", json={"fileKey": file["fileKey"], "name": "v"}))
    key = version["versionKey"]
    assert api.delete(f"/files/{file['fileKey']}").status_code == 204

    assert_problem(api.get(f"/versions/{key}"), 404)
    assert_problem(api.patch(f"/versions/{key}", json={"name": "w"}), 404)
    assert_problem(api.post(f"/versions/{key}/restoration"), 404)
    assert_problem(api.delete(f"/versions/{key}"), 404)
    assert versions_of(api, file["fileKey"])["items"] == []
    assert_problem(api.post("/versions", json={"fileKey": file["fileKey"], "name": "v"}), 400)

    ok(api.post(f"/files/{file['fileKey']}/restoration"))
    assert ok(api.get(f"/versions/{key}"))["name"] == "v"


@pytest.mark.parametrize("removal", ["permanent", "purge"])
def test_removing_the_file_for_good_removes_its_versions(
    api: httpx.Client, new_file: Callable[..., dict[str, Any]], removal: str
) -> None:
    file = new_file()
    key = ok(api.post("/versions", json={"fileKey": file["fileKey"], "name": "v"}))["versionKey"]
    assert api.delete(f"/files/{file['fileKey']}/{removal}").status_code == 204
    assert_problem(api.get(f"/versions/{key}"), 404)
    assert versions_of(api, file["fileKey"])["items"] == []


def test_another_organization_sees_nothing(
    api: httpx.Client, other_org_api: httpx.Client, new_file: Callable[..., dict[str, Any]]
) -> None:
    file = new_file()
    version = ok(api.post("/versions", json={"fileKey": file["fileKey"], "name": "mine"}))
    key = version["versionKey"]

    assert_problem(other_org_api.get(f"/versions/{key}"), 404)
    assert_problem(other_org_api.patch(f"/versions/{key}", json={"name": "theirs"}), 404)
    assert_problem(other_org_api.post(f"/versions/{key}/restoration"), 404)
    assert_problem(other_org_api.delete(f"/versions/{key}"), 404)
    created = other_org_api.post("/versions", json={"fileKey": file["fileKey"], "name": "x"})
    assert_problem(created, 400, "fileKey")
    found = ok(
        other_org_api.post("/versions/search", json={"filter": {"fileKey": file["fileKey"]}})
    )
    assert found == {"items": [], "page": {"totalItems": 0, "hasMoreTotalItems": False}}

    assert ok(api.get(f"/versions/{key}"))["name"] == "mine"


def test_each_operation_needs_its_permission(
    api: httpx.Client,
    api_with: Callable[..., httpx.Client],
    new_file: Callable[..., dict[str, Any]],
) -> None:
    file = new_file()
    key = ok(api.post("/versions", json={"fileKey": file["fileKey"], "name": "v"}))["versionKey"]
    search = {"filter": {"fileKey": file["fileKey"]}}
    calls: list[tuple[str, str, dict[str, Any] | None, str]] = [
        ("POST", "/versions", {"fileKey": file["fileKey"], "name": "v"}, "create"),
        ("GET", f"/versions/{key}", None, "read"),
        ("PATCH", f"/versions/{key}", {"name": "w"}, "update"),
        ("POST", "/versions/search", search, "read"),
        ("POST", f"/versions/{key}/restoration", None, "create"),
        ("DELETE", f"/versions/{key}", None, "delete"),
    ]
    everything = ("create", "read", "update", "delete")

    def without(permission: str) -> httpx.Client:
        # The same four clients the other resources' permission tests use (session-cached).
        return api_with(*(p for p in everything if p != permission))

    for method, path, body, needed in calls:
        refused = without(needed).request(method, path, json=body)
        problem = assert_problem(refused, 403, needed)
        assert problem["instance"] == f"/api/v2{path}"
        other = "read" if needed != "read" else "create"
        allowed = without(other).request(method, path, json=body)
        assert allowed.status_code in (200, 204), (method, path, allowed.text)
