"""``/project-snapshots`` over real HTTP with real tokens: capture, read, update, delete,
search, review flow, restoration, duplication, external references, and how purging and
permanently deleting files affect snapshots."""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.support.responses import assert_problem, ok

ZEEBE = 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"'
BPMN_NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def bpmn(process_id: str = "p", body: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions {BPMN_NS} {ZEEBE}>'
        f'<bpmn:process id="{process_id}">{body}</bpmn:process></bpmn:definitions>'
    )


def no_content(response: httpx.Response) -> None:
    assert response.status_code == 204, response.text


@pytest.fixture(scope="module")
def workspace(api: httpx.Client) -> str:
    return str(ok(api.post("/workspaces", json={"name": "Snapshots"}))["workspaceKey"])


@pytest.fixture
def project(api: httpx.Client, workspace: str) -> str:
    body = {"name": f"app-{uuid.uuid4().hex[:8]}", "workspaceKey": workspace}
    return str(ok(api.post("/projects", json=body))["projectKey"])


@pytest.fixture
def add(api: httpx.Client, project: str) -> Callable[..., dict[str, Any]]:
    def make(
        name: str, content: str | None = None, kind: str = "bpmn", folder: str | None = None
    ) -> dict[str, Any]:
        body = {
            "name": name,
            "projectKey": project,
            "folderKey": folder,
            "type": kind,
            "content": content if content is not None else bpmn(name),
        }
        result: dict[str, Any] = ok(api.post("/files", json=body))
        return result

    return make


def folder(api: httpx.Client, project: str, name: str, parent: str | None = None) -> str:
    body = {"name": name, "projectKey": project, "parentFolderKey": parent}
    return str(ok(api.post("/folders", json=body))["folderKey"])


def snap(api: httpx.Client, project: str, name: str = "Release", **extra: Any) -> dict[str, Any]:
    result: dict[str, Any] = ok(
        api.post("/project-snapshots", json={"projectKey": project, "name": name, **extra})
    )
    return result


def detail(api: httpx.Client, key: str) -> dict[str, Any]:
    result: dict[str, Any] = ok(api.get(f"/project-snapshots/{key}"))
    return result


def edit(api: httpx.Client, file_key: str, **changes: Any) -> dict[str, Any]:
    current = ok(api.get(f"/files/{file_key}"))
    body = {"revision": current["revision"], **changes}
    result: dict[str, Any] = ok(api.patch(f"/files/{file_key}", json=body))
    return result


def search(api: httpx.Client, **query: Any) -> list[str]:
    found = ok(api.post("/project-snapshots/search", json=query))
    return [item["projectSnapshotKey"] for item in found["items"]]


def live_files(api: httpx.Client, project: str) -> dict[str, dict[str, Any]]:
    """fileKey → file (with content) of every live file in the project."""
    query = {"filter": {"projectKey": project}, "page": {"limit": 1000}}
    found = ok(api.post("/files/search", json=query))
    files = [ok(api.get(f"/files/{f['fileKey']}")) for f in found["items"]]
    return {f["fileKey"]: f for f in files}


# -- capture and read ------------------------------------------------------------------------


def test_create_captures_every_live_file_with_its_place(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    orders = folder(api, project, "orders")
    processes = folder(api, project, "a/b", orders)
    root_file = add("zeta", kind="markdown", content="# hello")
    nested = add("order-process", folder=processes)
    gone = add("gone")
    no_content(api.delete(f"/files/{gone['fileKey']}"))

    created = snap(api, project, "Release 1.0", description="first")
    assert set(created) == {
        "projectSnapshotKey",
        "projectKey",
        "name",
        "description",
        "created",
        "createdBy",
        "updated",
        "updatedBy",
        "reviewRequest",
        "latestReview",
    }
    assert created["projectKey"] == project
    assert (created["name"], created["description"]) == ("Release 1.0", "first")
    assert created["reviewRequest"] is None and created["latestReview"] is None
    assert created["createdBy"] == nested["createdBy"]

    found = detail(api, created["projectSnapshotKey"])
    assert found["projectSnapshot"] == created
    versions = found["fileVersions"]
    assert [v["fileName"] for v in versions] == ["order-process", "zeta"]
    first, second = versions
    assert first["fileKey"] == nested["fileKey"]
    assert first["fileType"] == "bpmn"
    # Slashes inside a folder name are replaced in the path; the key path tells folders apart.
    assert first["folderPath"] == "orders/a_b"
    assert first["folderIdPath"] == f"{orders}/{processes}"
    assert first["contentHash"] == hashlib.sha256(nested["content"].encode()).hexdigest()
    assert first["name"] == "Release 1.0"
    assert first["organizationPublic"] is False
    assert second["fileKey"] == root_file["fileKey"]
    assert second["folderPath"] is None and second["folderIdPath"] is None

    # Each captured version is a real version holding the captured content.
    version = ok(api.get(f"/versions/{first['versionKey']}"))
    assert version["content"] == nested["content"]
    assert version["linkedToProcessApplication"] is True


def test_unchanged_files_share_their_version_between_snapshots(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    kept, changed = add("kept"), add("changed")
    first = detail(api, snap(api, project, "one")["projectSnapshotKey"])["fileVersions"]
    edit(api, changed["fileKey"], content=bpmn("changed-v2"))
    second = detail(api, snap(api, project, "two")["projectSnapshotKey"])["fileVersions"]
    by_file = {v["fileKey"]: v for v in first}
    again = {v["fileKey"]: v for v in second}
    assert again[kept["fileKey"]]["versionKey"] == by_file[kept["fileKey"]]["versionKey"]
    assert again[changed["fileKey"]]["versionKey"] != by_file[changed["fileKey"]]["versionKey"]
    assert again[changed["fileKey"]]["contentHash"] != by_file[changed["fileKey"]]["contentHash"]


def test_an_empty_project_gives_an_empty_snapshot(api: httpx.Client, project: str) -> None:
    assert detail(api, snap(api, project)["projectSnapshotKey"])["fileVersions"] == []


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"name": "x"}, ["projectKey", "required"]),
        ({"projectKey": "{p}"}, ["name", "required"]),
        ({"projectKey": "{p}", "name": ""}, ["name"]),
        ({"projectKey": "{p}", "name": "  "}, ["name", "blank"]),
        ({"projectKey": "{p}", "name": "x" * 256}, ["name"]),
        ({"projectKey": "{p}", "name": "x", "description": "d" * 256}, ["description"]),
        ({"projectKey": "{p}", "name": "x", "colour": 1}, ["colour"]),
        ({"projectKey": str(uuid.uuid4()), "name": "x"}, ["projectKey"]),
        ({"projectKey": "{p}", "name": 5}, ["name"]),
    ],
)
def test_create_rejects_bad_input(
    api: httpx.Client, project: str, body: dict[str, Any], words: list[str]
) -> None:
    body = {k: (project if v == "{p}" else v) for k, v in body.items()}
    assert_problem(api.post("/project-snapshots", json=body), 400, *words)


def test_update_renames_and_redescribes(api: httpx.Client, project: str) -> None:
    created = snap(api, project, "a", description="d")
    key = created["projectSnapshotKey"]
    renamed = ok(api.patch(f"/project-snapshots/{key}", json={"name": "b"}))
    assert (renamed["name"], renamed["description"]) == ("b", "d")
    assert renamed["updated"] >= created["updated"]
    cleared = ok(api.patch(f"/project-snapshots/{key}", json={"description": None}))
    assert (cleared["name"], cleared["description"]) == ("b", None)
    assert ok(api.patch(f"/project-snapshots/{key}", json={}))["name"] == "b"
    assert_problem(api.patch(f"/project-snapshots/{key}", json={"name": None}), 400, "name")
    assert_problem(api.patch(f"/project-snapshots/{key}", json={"name": " "}), 400, "blank")
    assert_problem(api.patch(f"/project-snapshots/{key}", json={"key": "x"}), 400)
    assert_problem(api.patch(f"/project-snapshots/{uuid.uuid4()}", json={"name": "c"}), 404)
    assert detail(api, key)["projectSnapshot"]["name"] == "b"


def test_unknown_snapshots_are_404_everywhere(api: httpx.Client) -> None:
    key = str(uuid.uuid4())
    for response in (
        api.get(f"/project-snapshots/{key}"),
        api.delete(f"/project-snapshots/{key}"),
        api.post(f"/project-snapshots/{key}/restoration"),
        api.post(f"/project-snapshots/{key}/review-requests"),
        api.post(f"/project-snapshots/{key}/reviews", json={"status": "APPROVED"}),
        api.post(f"/project-snapshots/{key}/duplication", json={"targetWorkspaceKey": key}),
        api.get(f"/project-snapshots/{key}/external-resources"),
    ):
        assert_problem(response, 404, "snapshot")


# -- delete ----------------------------------------------------------------------------------


def test_delete_keeps_the_captured_versions(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    add("f")
    first = snap(api, project, "one")
    second = snap(api, project, "two")
    version = detail(api, first["projectSnapshotKey"])["fileVersions"][0]["versionKey"]
    no_content(api.delete(f"/project-snapshots/{first['projectSnapshotKey']}"))
    assert_problem(api.get(f"/project-snapshots/{first['projectSnapshotKey']}"), 404)
    # Still captured by the second snapshot, so still linked.
    assert ok(api.get(f"/versions/{version}"))["linkedToProcessApplication"] is True
    no_content(api.delete(f"/project-snapshots/{second['projectSnapshotKey']}"))
    kept = ok(api.get(f"/versions/{version}"))
    assert kept["linkedToProcessApplication"] is False


def test_delete_of_a_snapshot_with_an_organization_public_version_is_403(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    template = add("tpl", kind="element-template", content=json.dumps({"id": "t", "version": 1}))
    body = {"fileKey": template["fileKey"], "name": "v1", "organizationPublic": True}
    published = ok(api.post("/versions", json=body))
    created = snap(api, project)
    captured = detail(api, created["projectSnapshotKey"])["fileVersions"][0]
    assert captured["versionKey"] == published["versionKey"]
    assert captured["organizationPublic"] is True
    assert_problem(
        api.delete(f"/project-snapshots/{created['projectSnapshotKey']}"), 403, "elevated"
    )
    ok(api.get(f"/project-snapshots/{created['projectSnapshotKey']}"))


# -- search ----------------------------------------------------------------------------------


def test_search_filters_sorts_and_pages(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    empty = snap(api, project, "b-empty")
    add("f")
    full = snap(api, project, "a-full")
    version = detail(api, full["projectSnapshotKey"])["fileVersions"][0]["versionKey"]
    mine = {"projectKey": project}

    assert search(api, filter=mine) == [empty["projectSnapshotKey"], full["projectSnapshotKey"]]
    by_name = search(api, filter=mine, sort=[{"field": "name", "order": "ASC"}])
    assert by_name == [full["projectSnapshotKey"], empty["projectSnapshotKey"]]
    assert search(api, filter={**mine, "name": {"$like": "a-*"}}) == [full["projectSnapshotKey"]]
    assert search(api, filter={**mine, "fileVersionKey": version}) == [full["projectSnapshotKey"]]
    assert search(api, filter={**mine, "fileVersionKey": {"$neq": version}}) == [
        empty["projectSnapshotKey"]
    ]
    assert search(api, filter={**mine, "fileVersionKey": {"$exists": False}}) == [
        empty["projectSnapshotKey"]
    ]
    assert search(api, filter={**mine, "fileVersionKey": {"$in": [version, "x"]}}) == [
        full["projectSnapshotKey"]
    ]
    created_by = full["createdBy"]["email"]
    assert len(search(api, filter={**mine, "createdBy": created_by})) == 2
    assert search(api, filter={**mine, "created": {"$gt": full["created"]}}) == []
    paged = ok(
        api.post(
            "/project-snapshots/search", json={"filter": mine, "page": {"from": 1, "limit": 1}}
        )
    )
    assert [i["projectSnapshotKey"] for i in paged["items"]] == [full["projectSnapshotKey"]]
    assert paged["page"] == {"totalItems": 2, "hasMoreTotalItems": False}
    assert ok(api.post("/project-snapshots/search"))["page"]["totalItems"] >= 2


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"filter": {"fileKey": "x"}}, ["fileKey"]),
        ({"filter": {"hasPendingReviewRequest": "yes"}}, ["hasPendingReviewRequest"]),
        ({"filter": {"name": {"$gt": "a"}}}, ["$gt"]),
        ({"sort": [{"field": "projectKey"}]}, ["projectKey"]),
        ({"page": {"limit": 10001}}, ["limit"]),
        ([1], ["object"]),
    ],
)
def test_search_rejects_bad_queries(api: httpx.Client, body: Any, words: list[str]) -> None:
    assert_problem(api.post("/project-snapshots/search", json=body), 400, *words)


# -- review flow -----------------------------------------------------------------------------


def test_review_flow(api: httpx.Client, project: str) -> None:
    first = snap(api, project, "one")["projectSnapshotKey"]
    second = snap(api, project, "two")["projectSnapshotKey"]
    pending = {"projectKey": project, "hasPendingReviewRequest": True}

    assert_problem(
        api.post(f"/project-snapshots/{first}/reviews", json={"status": "APPROVED"}),
        403,
        "no review request",
    )
    request = ok(api.post(f"/project-snapshots/{first}/review-requests"))
    assert set(request) == {"reviewRequestKey", "projectSnapshotKey", "created", "createdBy"}
    assert request["projectSnapshotKey"] == first
    assert detail(api, first)["projectSnapshot"]["reviewRequest"] == request
    assert search(api, filter=pending) == [first]
    assert_problem(api.post(f"/project-snapshots/{first}/review-requests"), 409, "already")

    for bad in ({"status": "MAYBE"}, {"status": "APPROVED", "comment": "  "}, {}):
        assert_problem(api.post(f"/project-snapshots/{first}/reviews", json=bad), 400)

    review = ok(
        api.post(
            f"/project-snapshots/{first}/reviews",
            json={"status": "CHANGES_REQUESTED", "comment": "fix the gateway"},
        )
    )
    assert set(review) == {
        "reviewKey",
        "projectSnapshotKey",
        "status",
        "comment",
        "created",
        "createdBy",
    }
    assert (review["status"], review["comment"]) == ("CHANGES_REQUESTED", "fix the gateway")
    shown = detail(api, first)["projectSnapshot"]
    assert shown["reviewRequest"] is None
    assert shown["latestReview"] == review
    assert search(api, filter=pending) == []
    assert search(api, filter={"projectKey": project, "hasPendingReviewRequest": False}) == [
        first,
        second,
    ]
    # A reviewed request is never re-requested, but follow-up reviews are accepted.
    assert_problem(api.post(f"/project-snapshots/{first}/review-requests"), 409)
    follow_up = ok(api.post(f"/project-snapshots/{first}/reviews", json={"status": "APPROVED"}))
    assert follow_up["comment"] is None
    assert detail(api, first)["projectSnapshot"]["latestReview"] == follow_up

    # A new request supersedes the pending request on another snapshot of the project.
    third = snap(api, project, "three")["projectSnapshotKey"]
    ok(api.post(f"/project-snapshots/{second}/review-requests"))
    assert search(api, filter=pending) == [second]
    ok(api.post(f"/project-snapshots/{third}/review-requests"))
    assert search(api, filter=pending) == [third]
    assert detail(api, second)["projectSnapshot"]["reviewRequest"] is None
    assert_problem(
        api.post(f"/project-snapshots/{second}/reviews", json={"status": "APPROVED"}),
        403,
        "superseded",
    )
    # The reviewed request of the first snapshot was not pending, so it still takes reviews.
    ok(api.post(f"/project-snapshots/{first}/reviews", json={"status": "APPROVED"}))


# -- restoration -----------------------------------------------------------------------------


def test_restore_resets_contents_names_locations_and_membership(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    x = folder(api, project, "x")
    y = folder(api, project, "y", x)
    edited = add("edited")
    renamed = add("renamed", folder=x)
    moved = add("moved", folder=y)
    soft_deleted = add("soft-deleted")
    removed = add("removed", folder=y)
    target = snap(api, project, "Release 1")
    wanted = {v["fileKey"]: v for v in detail(api, target["projectSnapshotKey"])["fileVersions"]}

    edit(api, edited["fileKey"], content=bpmn("edited-later"))
    edit(api, renamed["fileKey"], name="renamed-later")
    edit(api, moved["fileKey"], folderKey=None)
    no_content(api.delete(f"/files/{soft_deleted['fileKey']}"))
    no_content(api.delete(f"/files/{removed['fileKey']}/permanent"))
    ok(api.patch(f"/folders/{x}", json={"name": "x-later"}))
    newer = add("newer")

    no_content(api.post(f"/project-snapshots/{target['projectSnapshotKey']}/restoration"))

    files = live_files(api, project)
    assert set(files) == set(wanted)
    for key, version in wanted.items():
        file = files[key]
        assert file["name"] == version["fileName"]
        assert hashlib.sha256(file["content"].encode()).hexdigest() == version["contentHash"]
    assert files[moved["fileKey"]]["canonicalPath"] == f"{x}/{y}"
    assert files[moved["fileKey"]]["simplePath"] == "x/y/moved.bpmn"
    assert files[renamed["fileKey"]]["simplePath"] == "x/renamed.bpmn"
    assert files[removed["fileKey"]]["folderKey"] == y
    assert files[edited["fileKey"]]["revision"] > edited["revision"]

    # The newer file went to "recently deleted", restorable on its own.
    assert_problem(api.get(f"/files/{newer['fileKey']}"), 404)
    ok(api.post(f"/files/{newer['fileKey']}/restoration"))

    # The replaced state was saved first, by the system user.
    listed = ok(
        api.post(
            "/project-snapshots/search",
            json={"filter": {"projectKey": project}, "sort": [{"field": "created"}]},
        )
    )["items"]
    assert [s["name"] for s in listed] == ["Release 1", "Before restoring Release 1"]
    system = listed[1]
    assert system["createdBy"]["email"] == "system@camunda-hub.invalid"
    saved = {v["fileKey"]: v for v in detail(api, system["projectSnapshotKey"])["fileVersions"]}
    assert newer["fileKey"] in saved and soft_deleted["fileKey"] not in saved
    assert saved[renamed["fileKey"]]["fileName"] == "renamed-later"
    assert saved[renamed["fileKey"]]["folderPath"] == "x-later"

    # The restored-to snapshot is unchanged, and restoring it again when nothing would change
    # records nothing.
    unchanged = {v["fileKey"]: v for v in detail(api, target["projectSnapshotKey"])["fileVersions"]}
    assert unchanged == wanted
    no_content(api.delete(f"/files/{newer['fileKey']}"))
    no_content(api.post(f"/project-snapshots/{target['projectSnapshotKey']}/restoration"))
    assert len(search(api, filter={"projectKey": project})) == 2


def test_restore_brings_back_files_of_a_deleted_folder(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    x = folder(api, project, "x")
    inside = add("inside", folder=x)
    target = snap(api, project)
    no_content(api.delete(f"/folders/{x}"))
    no_content(api.post(f"/project-snapshots/{target['projectSnapshotKey']}/restoration"))
    file = ok(api.get(f"/files/{inside['fileKey']}"))
    assert file["simplePath"] == "x/inside.bpmn"
    assert file["folderKey"] != x  # the deleted folder stays deleted; a new "x" holds the file


def test_restore_saves_nothing_when_the_newest_snapshot_has_the_current_state(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    file = add("f")
    first = snap(api, project, "first")["projectSnapshotKey"]
    edit(api, file["fileKey"], content=bpmn("f-v2"))
    second = snap(api, project, "second")["projectSnapshotKey"]
    no_content(api.post(f"/project-snapshots/{first}/restoration"))
    assert search(api, filter={"projectKey": project}) == [first, second]
    assert ok(api.get(f"/files/{file['fileKey']}"))["content"] == file["content"]


# -- duplication -----------------------------------------------------------------------------


def test_duplicate_creates_a_project_from_the_snapshot(
    api: httpx.Client, project: str, workspace: str, add: Callable[..., dict[str, Any]]
) -> None:
    x = folder(api, project, "x")
    add("inside", folder=x, content=bpmn("inside-v1"))
    add("top")
    source = snap(api, project, "Release 2", description="for the copy")
    edit_target = live_files(api, project)
    for key, file in edit_target.items():
        if file["name"] == "inside":
            edit(api, key, content=bpmn("inside-v2"))
    target_ws = ok(api.post("/workspaces", json={"name": "Copies"}))["workspaceKey"]
    url = f"/project-snapshots/{source['projectSnapshotKey']}/duplication"

    copy = ok(api.post(url, json={"targetWorkspaceKey": target_ws}))
    name = ok(api.get(f"/projects/{project}"))["project"]["name"]
    assert (copy["workspaceKey"], copy["name"]) == (target_ws, name)
    files = {f["simplePath"]: f for f in live_files(api, copy["projectKey"]).values()}
    assert set(files) == {"x/inside.bpmn", "top.bpmn"}
    assert files["x/inside.bpmn"]["content"] == bpmn("inside-v1")
    own = ok(
        api.post("/project-snapshots/search", json={"filter": {"projectKey": copy["projectKey"]}})
    )["items"]
    assert [(s["name"], s["description"]) for s in own] == [("Release 2", "for the copy")]

    # Names taken in the target workspace get a copy suffix.
    assert ok(api.post(url, json={"targetWorkspaceKey": target_ws}))["name"] == f"{name} (copy)"
    assert ok(api.post(url, json={"targetWorkspaceKey": target_ws}))["name"] == f"{name} (copy 2)"
    # The source snapshot is unchanged.
    assert len(detail(api, source["projectSnapshotKey"])["fileVersions"]) == 2


def test_duplicate_rejects_unknown_workspaces(
    api: httpx.Client, other_org_api: httpx.Client, project: str
) -> None:
    key = snap(api, project)["projectSnapshotKey"]
    foreign = ok(other_org_api.post("/workspaces", json={"name": "Theirs"}))["workspaceKey"]
    for target in (str(uuid.uuid4()), foreign):
        response = api.post(
            f"/project-snapshots/{key}/duplication", json={"targetWorkspaceKey": target}
        )
        assert_problem(response, 400, "targetWorkspaceKey")
    assert_problem(api.post(f"/project-snapshots/{key}/duplication", json={}), 400)


# -- external resources ----------------------------------------------------------------------

FORM_REF = '<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:formDefinition formId="f1"/></bpmn:extensionElements></bpmn:userTask>'
CALL_REF = '<bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="p2"/></bpmn:extensionElements></bpmn:callActivity>'
DMN_REF = '<bpmn:businessRuleTask id="b"><bpmn:extensionElements><zeebe:calledDecision decisionId="d1" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask>'
RPA_REF = '<bpmn:serviceTask id="s"><bpmn:extensionElements><zeebe:taskDefinition type="camunda::RPA-Task::default"/><zeebe:linkedResources><zeebe:linkedResource resourceId="r1" resourceType="RPA" linkName="RPAScript"/></zeebe:linkedResources></bpmn:extensionElements></bpmn:serviceTask>'
DMN = '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision id="d1"/></definitions>'


def external(api: httpx.Client, project: str) -> dict[str, bool]:
    key = snap(api, project)["projectSnapshotKey"]
    result: dict[str, bool] = ok(api.get(f"/project-snapshots/{key}/external-resources"))
    return result


def test_external_resources_are_references_nothing_in_the_snapshot_provides(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    assert external(api, project) == {
        "hasRefToExternalForms": False,
        "hasRefToExternalCallActivities": False,
        "hasRefToExternalBusinessRuleTasks": False,
        "hasRefToExternalRpaResources": False,
    }
    add("main", content=bpmn("p1", FORM_REF + CALL_REF + DMN_REF + RPA_REF))
    assert set(external(api, project).values()) == {True}

    add("form", kind="form", content=json.dumps({"id": "f1", "components": []}))
    add("sub", content=bpmn("p2"))
    add("decision", kind="dmn", content=DMN)
    add("robot", kind="rpa", content=json.dumps({"id": "r1", "script": ""}))
    assert set(external(api, project).values()) == {False}


def test_external_resources_survive_hostile_and_dynamic_models(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<bpmn:definitions {BPMN_NS} {ZEEBE}><bpmn:process id="x">&lol2;{CALL_REF}'
        "</bpmn:process></bpmn:definitions>"
    )
    add("laughs", content=laughs)
    add("broken", content="<bpmn:definitions")
    add("not-xml", content="hello")
    assert external(api, project)["hasRefToExternalCallActivities"] is False
    dynamic = CALL_REF.replace('processId="p2"', 'processId="=subProcessId"')
    add("dynamic", content=bpmn("p2", dynamic))
    assert external(api, project)["hasRefToExternalCallActivities"] is True


# -- files and projects going away -----------------------------------------------------------


def test_permanent_delete_detaches_and_purge_drops_references(
    api: httpx.Client, project: str, add: Callable[..., dict[str, Any]]
) -> None:
    file = add("doomed")
    other = add("other")
    key = snap(api, project, "kept")["projectSnapshotKey"]
    before = {v["fileKey"]: v for v in detail(api, key)["fileVersions"]}

    no_content(api.delete(f"/files/{file['fileKey']}/permanent"))
    after = {v["fileKey"]: v for v in detail(api, key)["fileVersions"]}
    assert after == before  # detached: still listed, with its fileKey and version metadata
    assert_problem(api.get(f"/versions/{before[file['fileKey']]['versionKey']}"), 404)

    # The detached file comes back under its old key when the snapshot is restored.
    no_content(api.post(f"/project-snapshots/{key}/restoration"))
    assert ok(api.get(f"/files/{file['fileKey']}"))["content"] == file["content"]

    no_content(api.delete(f"/files/{file['fileKey']}/purge"))
    remaining = [v["fileKey"] for v in detail(api, key)["fileVersions"]]
    assert remaining == [other["fileKey"]]
    # Purge is idempotent and also drops references of files already removed for good.
    no_content(api.delete(f"/files/{other['fileKey']}/permanent"))
    no_content(api.delete(f"/files/{other['fileKey']}/purge"))
    assert detail(api, key)["fileVersions"] == []


def test_snapshots_follow_their_project(api: httpx.Client, project: str) -> None:
    key = snap(api, project)["projectSnapshotKey"]
    no_content(api.delete(f"/projects/{project}"))
    assert_problem(api.get(f"/project-snapshots/{key}"), 404)
    assert search(api, filter={"projectKey": project}) == []
    ok(api.post(f"/projects/{project}/restoration"))
    ok(api.get(f"/project-snapshots/{key}"))
    no_content(api.delete(f"/projects/{project}/permanent"))
    assert_problem(api.get(f"/project-snapshots/{key}"), 404)


# -- permissions and organizations -----------------------------------------------------------


def test_permissions_and_other_organizations(
    api: httpx.Client,
    api_with: Callable[..., httpx.Client],
    other_org_api: httpx.Client,
    project: str,
) -> None:
    key = snap(api, project)["projectSnapshotKey"]
    reader = api_with("read")
    ok(reader.get(f"/project-snapshots/{key}"))
    ok(reader.get(f"/project-snapshots/{key}/external-resources"))
    ok(reader.post("/project-snapshots/search", json={}))
    for response in (
        reader.post("/project-snapshots", json={"projectKey": project, "name": "x"}),
        reader.post(f"/project-snapshots/{key}/restoration"),
        reader.post(f"/project-snapshots/{key}/review-requests"),
        reader.patch(f"/project-snapshots/{key}", json={"name": "x"}),
        reader.delete(f"/project-snapshots/{key}"),
    ):
        assert_problem(response, 403)

    assert_problem(other_org_api.get(f"/project-snapshots/{key}"), 404)
    assert_problem(other_org_api.post(f"/project-snapshots/{key}/restoration"), 404)
    assert_problem(other_org_api.delete(f"/project-snapshots/{key}"), 404)
    assert key not in search(other_org_api)
    body = {"projectKey": project, "name": "theirs"}
    assert_problem(other_org_api.post("/project-snapshots", json=body), 400, "projectKey")


def test_concurrent_review_requests_leave_one_pending(api: httpx.Client, project: str) -> None:
    keys = [snap(api, project, f"s{i}")["projectSnapshotKey"] for i in range(4)]
    targets = [keys[0], keys[0], keys[1], keys[2], keys[3]]
    barrier = threading.Barrier(len(targets))
    statuses: list[int] = []

    def request(key: str) -> None:
        barrier.wait()
        statuses.append(api.post(f"/project-snapshots/{key}/review-requests").status_code)

    threads = [threading.Thread(target=request, args=(key,)) for key in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 200, 200, 200, 409]
    pending = {"projectKey": project, "hasPendingReviewRequest": True}
    assert len(search(api, filter=pending)) == 1
