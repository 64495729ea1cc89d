"""Soft delete, restoration, permanent deletion and purge over real HTTP: one deletion event per
delete, only roots listed and restorable, the 409s for deleted containers and non-roots, the
wrapper-folder rule, and the permanent-delete preconditions."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from tests.support.responses import assert_problem, ok


def _gone(response: httpx.Response) -> None:
    assert response.status_code == 204, response.text


@dataclass
class Tree:
    """workspace → project → folder ``outer`` → folder ``inner`` → file ``leaf``, plus ``loose``
    at the project root."""

    workspace: str
    project: str
    outer: str
    inner: str
    leaf: str
    loose: str


@pytest.fixture
def tree(api: httpx.Client) -> Tree:
    workspace = ok(api.post("/workspaces", json={"name": "Lifecycle"}))["workspaceKey"]
    project = ok(api.post("/projects", json={"name": "P", "workspaceKey": workspace}))["projectKey"]
    outer = ok(api.post("/folders", json={"name": "outer", "projectKey": project}))["folderKey"]
    inner = ok(
        api.post(
            "/folders", json={"name": "inner", "projectKey": project, "parentFolderKey": outer}
        )
    )["folderKey"]

    def file(name: str, folder: str | None) -> str:
        body = {"name": name, "projectKey": project, "folderKey": folder, "type": "form"}
        return str(ok(api.post("/files", json={**body, "content": "{}"}))["fileKey"])

    return Tree(workspace, project, outer, inner, file("leaf", inner), file("loose", None))


def _listed(api: httpx.Client, resource: str, key_field: str, key: str) -> bool:
    body = {"filter": {key_field: key}}
    items = ok(api.post(f"/{resource}/recently-deleted/search", json=body))["items"]
    return [item[key_field] for item in items] == [key]


def test_workspace_delete_cascades_as_one_event(api: httpx.Client, tree: Tree) -> None:
    _gone(api.delete(f"/workspaces/{tree.workspace}"))
    for path in (
        f"/workspaces/{tree.workspace}",
        f"/projects/{tree.project}",
        f"/folders/{tree.outer}",
        f"/files/{tree.leaf}",
        f"/files/{tree.loose}",
    ):
        assert_problem(api.get(path), 404)
    assert _listed(api, "workspaces", "workspaceKey", tree.workspace)
    deleted = ok(
        api.post(
            "/workspaces/recently-deleted/search", json={"filter": {"workspaceKey": tree.workspace}}
        )
    )
    item = deleted["items"][0]
    assert set(item) == {"workspaceKey", "name", "deleted", "deletedBy"}
    assert item["deletedBy"]["email"]
    # Descendants are represented by the workspace: not listed, not restorable on their own.
    assert not _listed(api, "projects", "projectKey", tree.project)
    assert not _listed(api, "folders", "folderKey", tree.outer)
    assert not _listed(api, "files", "fileKey", tree.leaf)
    assert_problem(api.post(f"/projects/{tree.project}/restoration"), 404)
    assert_problem(api.post(f"/files/{tree.leaf}/restoration"), 404)
    assert_problem(api.delete(f"/workspaces/{tree.workspace}"), 404)
    restored = ok(api.post(f"/workspaces/{tree.workspace}/restoration"))
    assert restored["workspaceKey"] == tree.workspace
    assert ok(api.get(f"/files/{tree.leaf}"))["simplePath"] == "outer/inner/leaf.form"
    assert ok(api.get(f"/files/{tree.loose}"))["folderKey"] is None
    assert not _listed(api, "workspaces", "workspaceKey", tree.workspace)
    assert_problem(api.post(f"/workspaces/{tree.workspace}/restoration"), 404)


def test_earlier_deletions_stay_their_own_event(api: httpx.Client, tree: Tree) -> None:
    _gone(api.delete(f"/files/{tree.loose}"))
    _gone(api.delete(f"/projects/{tree.project}"))
    assert _listed(api, "files", "fileKey", tree.loose)
    assert _listed(api, "projects", "projectKey", tree.project)
    # The file's project is still deleted.
    assert_problem(api.post(f"/files/{tree.loose}/restoration"), 409)
    ok(api.post(f"/projects/{tree.project}/restoration"))
    # Restoring the project did not revive the file deleted before it.
    assert_problem(api.get(f"/files/{tree.loose}"), 404)
    assert ok(api.get(f"/files/{tree.leaf}"))["fileKey"] == tree.leaf
    ok(api.post(f"/files/{tree.loose}/restoration"))
    assert ok(api.get(f"/files/{tree.loose}"))["name"] == "loose"


def test_restore_inside_a_deleted_project_is_409(api: httpx.Client, tree: Tree) -> None:
    _gone(api.delete(f"/folders/{tree.inner}"))
    _gone(api.delete(f"/projects/{tree.project}"))
    assert (
        "project" in assert_problem(api.post(f"/folders/{tree.inner}/restoration"), 409)["detail"]
    )
    ok(api.post(f"/projects/{tree.project}/restoration"))
    restored = ok(api.post(f"/folders/{tree.inner}/restoration"))
    assert restored["parentFolderKey"] == tree.outer
    assert ok(api.get(f"/files/{tree.leaf}"))["simplePath"] == "outer/inner/leaf.form"


def test_restore_inside_a_deleted_workspace_is_409(api: httpx.Client, tree: Tree) -> None:
    _gone(api.delete(f"/projects/{tree.project}"))
    _gone(api.delete(f"/workspaces/{tree.workspace}"))
    assert (
        "workspace"
        in assert_problem(api.post(f"/projects/{tree.project}/restoration"), 409)["detail"]
    )
    ok(api.post(f"/workspaces/{tree.workspace}/restoration"))
    assert_problem(api.get(f"/projects/{tree.project}"), 404)
    ok(api.post(f"/projects/{tree.project}/restoration"))
    assert ok(api.get(f"/folders/{tree.inner}"))["folder"]["name"] == "inner"


def test_file_whose_folder_is_gone_lands_in_a_wrapper_at_the_root(
    api: httpx.Client, tree: Tree
) -> None:
    _gone(api.delete(f"/files/{tree.leaf}"))
    _gone(api.delete(f"/folders/{tree.outer}"))
    restored = ok(api.post(f"/files/{tree.leaf}/restoration"))
    wrapper = ok(api.get(f"/folders/{restored['folderKey']}"))
    assert wrapper["folder"]["parentFolderKey"] is None
    assert wrapper["folder"]["name"] == "inner"
    assert restored["simplePath"] == "inner/leaf.form"
    assert restored["canonicalPath"] == wrapper["folder"]["folderKey"]
    # The deleted folders are still deleted, and still restorable.
    assert_problem(api.get(f"/folders/{tree.inner}"), 404)
    ok(api.post(f"/folders/{tree.outer}/restoration"))
    assert ok(api.get(f"/folders/{tree.inner}"))["content"]["files"] == []


def test_folder_whose_parent_is_gone_lands_under_the_nearest_survivor(
    api: httpx.Client, tree: Tree
) -> None:
    deeper = ok(
        api.post(
            "/folders",
            json={"name": "deeper", "projectKey": tree.project, "parentFolderKey": tree.inner},
        )
    )["folderKey"]
    _gone(api.delete(f"/folders/{deeper}"))
    _gone(api.delete(f"/folders/{tree.inner}"))
    restored = ok(api.post(f"/folders/{deeper}/restoration"))
    wrapper = ok(api.get(f"/folders/{restored['parentFolderKey']}"))["folder"]
    assert wrapper["name"] == "inner"
    assert wrapper["folderKey"] != tree.inner
    assert wrapper["parentFolderKey"] == tree.outer


def test_restoring_a_live_or_unknown_resource_is_404(api: httpx.Client, tree: Tree) -> None:
    assert_problem(api.post(f"/workspaces/{tree.workspace}/restoration"), 404)
    assert_problem(api.post(f"/projects/{tree.project}/restoration"), 404)
    assert_problem(api.post(f"/folders/{tree.outer}/restoration"), 404)
    assert_problem(api.post(f"/files/{tree.leaf}/restoration"), 404)
    assert_problem(api.post("/files/00000000-0000-0000-0000-000000000000/restoration"), 404)


def test_permanent_delete_of_live_containers_needs_them_free_of_live_files(
    api: httpx.Client, tree: Tree
) -> None:
    for path in (
        f"/folders/{tree.outer}/permanent",
        f"/projects/{tree.project}/permanent",
        f"/workspaces/{tree.workspace}/permanent",
    ):
        assert "live files" in assert_problem(api.delete(path), 400)["detail"]
    ok(api.get(f"/files/{tree.leaf}"))
    # A soft-deleted file inside does not block, and goes with the folder.
    _gone(api.delete(f"/files/{tree.leaf}"))
    _gone(api.delete(f"/folders/{tree.outer}/permanent"))
    for path in (f"/folders/{tree.outer}", f"/folders/{tree.inner}", f"/files/{tree.leaf}"):
        assert_problem(api.get(path), 404)
    assert not _listed(api, "files", "fileKey", tree.leaf)
    assert_problem(api.post(f"/files/{tree.leaf}/restoration"), 404)
    assert_problem(api.delete(f"/folders/{tree.outer}/permanent"), 404)
    _gone(api.delete(f"/files/{tree.loose}/permanent"))
    _gone(api.delete(f"/workspaces/{tree.workspace}/permanent"))
    assert_problem(api.get(f"/projects/{tree.project}"), 404)


def test_permanent_delete_of_soft_deleted_resources(api: httpx.Client, tree: Tree) -> None:
    _gone(api.delete(f"/projects/{tree.project}"))
    # Deleted only as part of the project's event: delete the root instead.
    assert_problem(api.delete(f"/folders/{tree.inner}/permanent"), 409)
    _gone(api.delete(f"/projects/{tree.project}/permanent"))
    assert not _listed(api, "projects", "projectKey", tree.project)
    assert_problem(api.post(f"/projects/{tree.project}/restoration"), 404)
    assert_problem(api.delete(f"/files/{tree.leaf}/permanent"), 404)
    # A soft-deleted workspace goes with everything in it.
    _gone(api.delete(f"/workspaces/{tree.workspace}"))
    _gone(api.delete(f"/workspaces/{tree.workspace}/permanent"))
    assert not _listed(api, "workspaces", "workspaceKey", tree.workspace)


def test_permanent_file_delete_works_on_live_files(api: httpx.Client, tree: Tree) -> None:
    _gone(api.delete(f"/files/{tree.leaf}/permanent"))
    assert_problem(api.get(f"/files/{tree.leaf}"), 404)
    assert_problem(api.delete(f"/files/{tree.leaf}/permanent"), 404)


def test_purge_is_idempotent(api: httpx.Client, other_org_api: httpx.Client, tree: Tree) -> None:
    assert_problem(other_org_api.delete(f"/files/{tree.leaf}/purge"), 404)
    _gone(api.delete(f"/files/{tree.leaf}/purge"))
    assert_problem(api.get(f"/files/{tree.leaf}"), 404)
    _gone(api.delete(f"/files/{tree.leaf}/purge"))
    _gone(api.delete("/files/never-existed/purge"))
    _gone(api.delete(f"/files/{tree.loose}"))
    _gone(api.delete(f"/files/{tree.loose}/purge"))
    assert not _listed(api, "files", "fileKey", tree.loose)


def test_recently_deleted_searches_filter_and_sort(api: httpx.Client, tree: Tree) -> None:
    _gone(api.delete(f"/files/{tree.loose}"))
    _gone(api.delete(f"/files/{tree.leaf}"))
    body = {"filter": {"projectKey": tree.project}, "sort": [{"field": "name", "order": "DESC"}]}
    items = ok(api.post("/files/recently-deleted/search", json=body))["items"]
    assert [i["name"] for i in items] == ["loose", "leaf"]
    assert set(items[0]) == {"fileKey", "name", "type", "projectKey", "deleted", "deletedBy"}
    assert_problem(
        api.post("/files/recently-deleted/search", json={"sort": [{"field": "created"}]}), 400
    )
    _gone(api.delete(f"/folders/{tree.outer}"))
    folders = ok(
        api.post("/folders/recently-deleted/search", json={"filter": {"projectKey": tree.project}})
    )
    assert [f["folderKey"] for f in folders["items"]] == [tree.outer]
    _gone(api.delete(f"/projects/{tree.project}"))
    projects = ok(
        api.post(
            "/projects/recently-deleted/search", json={"filter": {"workspaceKey": tree.workspace}}
        )
    )
    assert [(p["projectKey"], p["workspaceKey"]) for p in projects["items"]] == [
        (tree.project, tree.workspace)
    ]


def test_other_organization_cannot_see_or_touch_deleted_items(
    api: httpx.Client, other_org_api: httpx.Client, tree: Tree
) -> None:
    _gone(api.delete(f"/projects/{tree.project}"))
    assert_problem(other_org_api.post(f"/projects/{tree.project}/restoration"), 404)
    assert_problem(other_org_api.delete(f"/projects/{tree.project}/permanent"), 404)
    assert not _listed(other_org_api, "projects", "projectKey", tree.project)
    assert _listed(api, "projects", "projectKey", tree.project)
