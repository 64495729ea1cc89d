"""The console's model browser over HTTP, in-process: every page needs a session and only
shows the signed-in admin's organization (another organization, or its keys, are a 404),
navigation links, content endpoints, search, restore (CSRF-checked, audit-logged) and the
licence page. What the viewers draw is checked in tests/test_console_model_browser.py."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from camunda_hub.server.app import HubApp
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services import admins, organizations
from camunda_hub.server.services.hub import files, projects, workspaces
from tests.support.console_models import BPMN_V1, BPMN_V2, Tree, seed
from tests.support.console_pages import csrf_token
from tests.support.in_process import in_process_hub

PASSWORD = "correct horse battery staple"
ADMIN = "ada@example.com"
OTHER_ADMIN = "grace@elsewhere.example"


@dataclass
class Setup:
    app: HubApp
    org: str
    other_org: str
    other_file: str
    tree: Tree
    api: httpx.AsyncClient


@pytest.fixture(scope="module")
async def setup(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Setup]:
    async with in_process_hub(tmp_path_factory.mktemp("console-models")) as hub:
        runtime = hub.app.state.runtime
        org = hub.creds.client.organization_id
        token = (await hub.client.post("/oauth/token", data=hub.token_form())).json()
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=hub.app),
            base_url="http://hub/api/v2",
            headers={"Authorization": f"Bearer {token['access_token']}"},
        ) as api:
            tree = await seed(api)
            async with runtime.db.transaction() as db:
                password_hash = admins.hash_password(PASSWORD)
                await admins.create(
                    db, organization_id=org, email=ADMIN, password_hash=password_hash, actor="t"
                )
                other = await organizations.create(db, "Elsewhere", actor="t")
                await admins.create(
                    db,
                    organization_id=other.id,
                    email=OTHER_ADMIN,
                    password_hash=password_hash,
                    actor="t",
                )
                someone = Principal("x", other.id, frozenset({"create"}), "Grace", OTHER_ADMIN)
                ws = await workspaces.create(db, someone, name="Theirs", description=None)
                pr = await projects.create(db, someone, name="Secret", workspace_key=ws.key)
                theirs = await files.create(
                    db,
                    someone,
                    name="Their process",
                    project_key=pr.key,
                    folder_key=None,
                    file_type="bpmn",
                    content=BPMN_V1,
                )
            yield Setup(hub.app, org, other.id, theirs.key, tree, api)


@asynccontextmanager
async def _signed_in(setup: Setup, email: str = ADMIN) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=setup.app), base_url="http://hub/console"
    ) as client:
        page = await client.get("/sign-in")
        done = await client.post(
            "/sign-in",
            data={"csrf_token": csrf_token(page), "email": email, "password": PASSWORD},
        )
        assert done.status_code == 303, done.text
        yield client


def _pages(setup: Setup) -> list[str]:
    org, tree = f"/orgs/{setup.org}", setup.tree
    bpmn = tree.files["bpmn"]
    return [
        f"{org}/workspaces",
        f"{org}/workspaces/{tree.workspace}",
        f"{org}/projects/{tree.project}",
        f"{org}/folders/{tree.folder}",
        f"{org}/files/{bpmn}",
        f"{org}/files/{bpmn}?version={tree.version_v1}",
        f"{org}/files/{bpmn}/content",
        f"{org}/files/{bpmn}/download",
        f"{org}/files/{bpmn}/diff?from={tree.version_v1}&to=current",
        f"{org}/snapshots/{tree.snapshot}",
        f"{org}/search?q=Order",
        f"{org}/recently-deleted",
        "/about",
    ]


async def test_every_model_page_needs_a_session(setup: Setup) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=setup.app), base_url="http://hub/console"
    ) as anonymous:
        for path in _pages(setup):
            response = await anonymous.get(path)
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/console/sign-in?next=/console/"), path
        file_key = setup.tree.files["dmn"]
        restore = await anonymous.post(
            f"/orgs/{setup.org}/recently-deleted/file/{file_key}/restore", data={}
        )
        assert restore.status_code == 303
        assert restore.headers["location"] == "/console/sign-in"
    # Signed in, every one of them answers.
    async with _signed_in(setup) as client:
        for path in _pages(setup):
            response = await client.get(path)
            assert response.status_code == 200, (path, response.text[:300])


async def test_another_organization_and_its_keys_are_not_found(setup: Setup) -> None:
    tree = setup.tree
    async with _signed_in(setup) as client:
        # Our pages under the other organization's id …
        for path in _pages(setup):
            if path.startswith("/orgs/"):
                moved = path.replace(setup.org, setup.other_org, 1)
                assert (await client.get(moved)).status_code == 404, moved
        # … and the other organization's keys under ours.
        org = f"/orgs/{setup.org}"
        theirs = setup.other_file
        for path in (
            f"{org}/files/{theirs}",
            f"{org}/files/{theirs}/content",
            f"{org}/files/{theirs}/download",
            f"{org}/files/{theirs}/diff",
            f"{org}/workspaces/{theirs}",
            f"{org}/projects/{theirs}",
            f"{org}/folders/{theirs}",
            f"{org}/snapshots/{theirs}",
            # a version of another file of ours is not this file's version either
            f"{org}/files/{tree.files['dmn']}/content?version={tree.version_v1}",
            f"{org}/files/{tree.files['dmn']}/diff?from={tree.version_v1}",
        ):
            response = await client.get(path)
            assert response.status_code == 404, path
            assert "text/html" in response.headers["content-type"] or path.endswith("content")
            assert "Their process" not in response.text
        listing = await client.get(f"{org}/search?q=Their")
        assert "Their process" not in listing.text
    # The other organization's admin sees theirs, not ours.
    async with _signed_in(setup, OTHER_ADMIN) as other:
        mine = await other.get(f"/orgs/{setup.other_org}/files/{theirs}")
        assert mine.status_code == 200
        assert ">Their process<" in mine.text
        ours = await other.get(f"/orgs/{setup.other_org}/files/{tree.files['bpmn']}")
        assert ours.status_code == 404


async def test_navigation_from_the_organization_to_a_file(setup: Setup) -> None:
    tree, org = setup.tree, f"/console/orgs/{setup.org}"
    at = f"/orgs/{setup.org}"
    async with _signed_in(setup) as client:
        home = await client.get("/api-clients")
        assert f'href="{org}/workspaces"' in home.text
        page = await client.get(f"{at}/workspaces")
        assert f'<a href="{org}/workspaces/{tree.workspace}">Sales</a>' in page.text
        page = await client.get(f"{at}/workspaces/{tree.workspace}")
        assert f'<a href="{org}/projects/{tree.project}">Orders</a>' in page.text
        page = await client.get(f"{at}/projects/{tree.project}")
        assert f'<a href="{org}/folders/{tree.folder}">processes</a>' in page.text
        assert f'<a href="{org}/files/{tree.files["dmn"]}">Discount</a>' in page.text
        assert f'<a href="{org}/snapshots/{tree.snapshot}">Release 1</a>' in page.text
        page = await client.get(f"{at}/folders/{tree.folder}")
        bpmn = tree.files["bpmn"]
        assert f'<a href="{org}/files/{bpmn}">Order process</a>' in page.text
        assert 'data-label="Revision">2<' in page.text
        page = await client.get(f"{at}/files/{bpmn}")
        # Breadcrumbs from simplePath: workspace, project, folder, then the file.
        crumbs = re.search(r'<nav class="crumbs".*?</nav>', page.text, re.S)
        assert crumbs is not None
        names = re.findall(r">([^<>]+)</(?:a|span)>", crumbs.group(0))
        assert names == ["Workspaces", "Sales", "Orders", "processes", "Order process.bpmn"]
        assert f'data-content-url="{org}/files/{bpmn}/content"' in page.text
        assert f"{org}/files/{bpmn}/diff?from={tree.version_v1}&amp;to=current" in page.text
        assert ">v1</a>" in page.text
        # The page carries no model and no inline script: the bundle fetches the content.
        assert "ShipOrder" not in page.text
        assert not re.search(r"<script(?![^>]*\bsrc=)", page.text)
        assert "'unsafe-inline'" not in page.headers["content-security-policy"]
        snapshot = await client.get(f"{at}/snapshots/{tree.snapshot}")
        assert f"{org}/files/{bpmn}?version=" in snapshot.text
        assert re.search(rf"{org}/files/{bpmn}/diff\?from=[^&]+&amp;to=current", snapshot.text)


async def test_content_raw_and_download(setup: Setup) -> None:
    tree, org = setup.tree, f"/orgs/{setup.org}"
    bpmn = tree.files["bpmn"]
    async with _signed_in(setup) as client:
        current = await client.get(f"{org}/files/{bpmn}/content")
        assert current.text == BPMN_V2
        assert current.headers["content-type"] == "text/plain; charset=utf-8"
        assert current.headers["x-content-type-options"] == "nosniff"
        assert current.headers["cache-control"] == "no-store"
        old = await client.get(f"{org}/files/{bpmn}/content?version={tree.version_v1}")
        assert old.text == BPMN_V1
        download = await client.get(f"{org}/files/{bpmn}/download")
        assert download.text == BPMN_V2
        assert download.headers["content-disposition"].startswith(
            'attachment; filename="Order process.bpmn"'
        )
        assert download.headers["content-type"].startswith("application/xml")


async def test_diff_page_defaults_and_unknown_versions(setup: Setup) -> None:
    tree, org = setup.tree, f"/orgs/{setup.org}"
    bpmn = tree.files["bpmn"]
    async with _signed_in(setup) as client:
        page = await client.get(f"{org}/files/{bpmn}/diff")
        assert page.status_code == 200
        assert 'data-model-view="diff-bpmn"' in page.text
        # The newest version (the snapshot recorded one after "v1") against the current content.
        newest = re.search(r'data-from-url="([^"]+)"', page.text)
        assert newest is not None
        assert newest.group(1).startswith(f"/console{org}/files/{bpmn}/content?version=")
        assert tree.version_v1 not in newest.group(1)
        assert f'data-to-url="/console{org}/files/{bpmn}/content"' in page.text
        missing = await client.get(f"{org}/files/{bpmn}/diff?from=nope&to=current")
        assert missing.status_code == 404
        text = await client.get(f"{org}/files/{tree.files['markdown']}/diff")
        assert 'data-model-view="diff-text"' in text.text


async def test_search_by_name_uses_like(setup: Setup) -> None:
    org = f"/orgs/{setup.org}"
    async with _signed_in(setup) as client:
        found = await client.get(f"{org}/search", params={"q": "Order"})
        assert ">Order process</a>" in found.text
        assert ">Orders</a>" in found.text
        assert ">Discount</a>" not in found.text
        # Wildcards typed by a person are literal characters.
        star = await client.get(f"{org}/search", params={"q": "*"})
        assert star.status_code == 200
        assert "No workspace, project or file name contains" in star.text
        long = await client.get(f"{org}/search", params={"q": "x" * 201})
        assert long.status_code == 400


async def test_recently_deleted_restore_is_csrf_checked_and_audited(setup: Setup) -> None:
    tree, org = setup.tree, f"/orgs/{setup.org}"
    notes = tree.files["markdown"]
    deleted = await setup.api.delete(f"/files/{notes}")
    assert deleted.status_code == 204
    async with _signed_in(setup) as client:
        page = await client.get(f"{org}/recently-deleted")
        assert f'action="/console{org}/recently-deleted/file/{notes}/restore"' in page.text
        token = csrf_token(page)
        action = f"{org}/recently-deleted/file/{notes}/restore"
        refused = await client.post(action, data={"csrf_token": "wrong"})
        assert refused.status_code == 403
        assert (await setup.api.get(f"/files/{notes}")).status_code == 404
        cross_site = await client.post(
            action, data={"csrf_token": token}, headers={"Origin": "https://evil.example"}
        )
        assert cross_site.status_code == 403
        unknown = await client.post(
            f"{org}/recently-deleted/file/{setup.other_file}/restore",
            data={"csrf_token": token},
        )
        assert unknown.status_code == 404
        done = await client.post(action, data={"csrf_token": token})
        assert done.status_code == 303
        assert done.headers["location"] == f"/console{org}/recently-deleted?done=restored"
        assert (await setup.api.get(f"/files/{notes}")).status_code == 200
        again = await client.post(action, data={"csrf_token": token})
        assert again.status_code == 404
        audit = await client.get("/audit")
        assert "Restored file" in audit.text
        assert "Notes" in audit.text


async def test_about_page_lists_bundled_licences(setup: Setup) -> None:
    async with _signed_in(setup) as client:
        page = await client.get("/about")
        for name in ("bpmn-js", "dmn-js", "@bpmn-io/form-js-viewer", "bpmnlint", "markdown-it"):
            assert f">{name}</a>" in page.text, name
        assert "bpmn.io" in page.text  # the bpmn.io licence text itself
        notices = await client.get("/static/models/THIRD-PARTY-LICENSES.txt")
        assert notices.status_code == 200
        assert "bpmn-js-differ" in notices.text


def test_built_bundles_are_shipped_as_package_data() -> None:
    static = Path(__file__).resolve().parents[1] / "src/camunda_hub/server/console/static/models"
    assert (static / "models.js").is_file()
    assert (static / "models.css").is_file()
    assert any((static / "chunks").glob("view-bpmn-*.js"))
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert '"server/console/static/**/*"' in pyproject
