"""The SDK's typed resources against the real Hub API: CRUD, the search helpers, iterators that
page transparently, and errors carrying the problem+json fields."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from camunda_hub.client import AsyncHubClient, BadRequest, Conflict, HubClient, NotFound
from camunda_hub.client.filters import between, contains, escape_like, is_in, like, not_in
from camunda_hub.client.models import File, Workspace
from tests.support.server import Credentials, HubServer

BPMN = '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"/>'


@pytest.fixture(scope="module")
def client(hub: HubServer, admin_creds: Credentials) -> Iterator[HubClient]:
    with HubClient(**hub.sdk_options(admin_creds)) as sdk:
        yield sdk


@pytest.fixture(scope="module")
def project_key(client: HubClient) -> str:
    workspace = client.workspaces.create("SDK resources", "for the SDK tests")
    return client.projects.create("SDK project", workspace.workspace_key).project_key


def test_crud_returns_typed_models(client: HubClient, project_key: str) -> None:
    folder = client.folders.create("processes", project_key)
    sub = client.folders.create("sub", project_key, folder.folder_key)
    assert sub.parent_folder_key == folder.folder_key
    created = client.files.create("invoice", project_key, "bpmn", BPMN, sub.folder_key)
    assert isinstance(created, File)
    assert created.simple_path == "processes/sub/invoice.bpmn"
    assert created.revision == 1
    assert isinstance(created.created, datetime)

    fetched = client.files.get(created.file_key)
    assert fetched.content == BPMN
    updated = client.files.update(
        created.file_key, revision=1, content=BPMN + "\n", folder_key=None
    )
    assert (updated.revision, updated.folder_key, updated.simple_path) == (2, None, "invoice.bpmn")

    detail = client.folders.get(folder.folder_key)
    assert [f.folder_key for f in detail.folders] == [sub.folder_key]
    project = client.projects.get(project_key)
    assert created.file_key in [f.file_key for f in project.files]

    version = client.versions.create(created.file_key, "v1", "first")
    assert client.versions.get(version.version_key).content == BPMN + "\n"
    renamed = client.versions.update(version.version_key, name="v1.0", description=None)
    assert (renamed.name, renamed.description) == ("v1.0", None)

    client.files.delete(created.file_key)
    with pytest.raises(NotFound):
        client.files.get(created.file_key)
    restored = client.files.restore(created.file_key)
    assert restored.file_key == created.file_key


def test_update_with_a_stale_revision_is_a_conflict_with_problem_fields(
    client: HubClient, project_key: str
) -> None:
    created = client.files.create("stale", project_key, "dmn", "<definitions/>")
    client.files.update(
        created.file_key, revision=created.revision, content="<definitions id='a'/>"
    )
    with pytest.raises(Conflict) as caught:
        client.files.update(created.file_key, revision=created.revision, content="<x/>")
    problem = caught.value
    assert problem.status == 409
    assert problem.title
    assert "revision" in problem.detail
    assert problem.instance == f"/api/v2/files/{created.file_key}"


def test_bad_input_is_a_bad_request_naming_the_field(client: HubClient) -> None:
    with pytest.raises(BadRequest) as caught:
        client.workspaces.create("x" * 300)
    assert caught.value.status == 400
    assert "name" in caught.value.detail


def test_search_helpers_build_the_filter_language(client: HubClient, project_key: str) -> None:
    for name, kind in [
        ("alpha-1", "bpmn"),
        ("alpha-2", "dmn"),
        ("beta*1", "form"),
        ("gamma", "markdown"),
    ]:
        content = BPMN if kind == "bpmn" else ("{}" if kind == "form" else "# x")
        client.files.create(name, project_key, kind, content)
    names = lambda **f: sorted(x.name for x in client.files.iterate(project_key=project_key, **f))  # noqa: E731
    assert names(name=like("alpha-?")) == ["alpha-1", "alpha-2"]
    assert names(name=like(escape_like("beta*") + "*")) == ["beta*1"]
    assert names(name=contains("ph"), type=is_in("dmn", "form")) == ["alpha-2"]
    assert "gamma" not in names(type=not_in("markdown"))
    now = datetime.now(UTC)
    assert "gamma" in names(created=between(now - timedelta(hours=1), now + timedelta(hours=1)))
    assert names(created=between(now + timedelta(hours=1), now + timedelta(hours=2))) == []
    page = client.files.search(project_key=project_key, sort="-name", limit=2)
    assert len(page.items) == 2 and page.total_items >= 4
    assert page.items[0].name >= page.items[1].name
    assert page.items[0].content is None, "search results come without content"


def test_iterators_page_transparently(client: HubClient) -> None:
    prefix = "paging-" + datetime.now(UTC).strftime("%H%M%S%f")
    made = {client.workspaces.create(f"{prefix}-{i:02d}").workspace_key for i in range(7)}
    seen = list(client.workspaces.iterate(name=like(prefix + "*"), sort="name", page_size=3))
    assert all(isinstance(w, Workspace) for w in seen)
    assert [w.workspace_key for w in seen if w.workspace_key in made] == [
        w.workspace_key for w in seen
    ]
    assert {w.workspace_key for w in seen} == made
    assert [w.name for w in seen] == sorted(w.name for w in seen)


async def test_async_client_has_the_same_resources(
    hub: HubServer, admin_creds: Credentials
) -> None:
    async with AsyncHubClient(**hub.sdk_options(admin_creds)) as client:
        workspace = await client.workspaces.create("async workspace")
        project = await client.projects.create("async project", workspace.workspace_key)
        for i in range(5):
            await client.files.create(f"async-{i}", project.project_key, "markdown", f"# {i}")
        names = [
            f.name
            async for f in client.files.iterate(
                project_key=project.project_key, sort="name", page_size=2
            )
        ]
        assert names == [f"async-{i}" for i in range(5)]
        member = await client.members.add(workspace.workspace_key, "Someone@Example.com", "viewer")
        assert member.role == "viewer"
        members = [m.email async for m in client.members.iterate(workspace.workspace_key)]
        assert "someone@example.com" in [m.lower() for m in members]
        await client.workspaces.delete(workspace.workspace_key)
        with pytest.raises(NotFound) as caught:
            await client.projects.get(project.project_key)
        assert caught.value.status == 404
