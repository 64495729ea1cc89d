"""The server documents itself offline: ``/openapi.json`` and a Swagger UI at ``/docs`` whose
every asset is served by the server itself (no CDN)."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.support.browser import chromium, chromium_available
from tests.support.server import HubServer

CORE_OPERATIONS = {
    "createWorkspace",
    "getWorkspace",
    "updateWorkspace",
    "deleteWorkspace",
    "permanentlyDeleteWorkspace",
    "searchWorkspaces",
    "searchRecentlyDeletedWorkspaces",
    "restoreWorkspace",
    "addMember",
    "removeMember",
    "searchMembers",
    "createProject",
    "getProject",
    "updateProject",
    "deleteProject",
    "permanentlyDeleteProject",
    "searchProjects",
    "searchRecentlyDeletedProjects",
    "restoreProject",
    "createFolder",
    "getFolder",
    "updateFolder",
    "deleteFolder",
    "permanentlyDeleteFolder",
    "searchRecentlyDeletedFolders",
    "restoreFolder",
    "createFile",
    "getFile",
    "updateFile",
    "deleteFile",
    "permanentlyDeleteFile",
    "searchFiles",
    "searchRecentlyDeletedFiles",
    "restoreFile",
    "purgeFile",
}


def test_openapi_document_lists_the_operations_with_bearer_auth(hub: HubServer) -> None:
    response = httpx.get(f"{hub.url}/openapi.json")
    assert response.status_code == 200
    document = response.json()
    operations = {
        operation["operationId"]: (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if "operationId" in operation
    }
    assert set(operations) >= CORE_OPERATIONS
    path, method, create_file = operations["createFile"]
    assert (path, method) == ("/api/v2/files", "post")
    assert create_file["security"] == [{"bearerAuth": []}]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    schemas = document["components"]["schemas"]
    assert schemas["FileCreateRequest"]["additionalProperties"] is False
    assert set(schemas["FileResult"]["required"]) >= {"fileKey", "simplePath", "revision"}


def test_swagger_ui_is_served_offline(hub: HubServer) -> None:
    page = httpx.get(f"{hub.url}/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    html = page.text
    assert 'data-openapi-url="/openapi.json"' in html
    # Nothing is loaded from elsewhere.
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assets = re.findall(r"(?:src|href)=\"(/docs/static/[^\"]+)\"", html)
    assert {a.rsplit("/", 1)[1] for a in assets} >= {
        "swagger-ui-bundle.js",
        "init.js",
        "swagger-ui.css",
    }
    for asset in assets:
        response = httpx.get(f"{hub.url}{asset}")
        assert response.status_code == 200, asset
        assert response.content
    bundle = httpx.get(f"{hub.url}/docs/static/swagger-ui-bundle.js")
    assert "javascript" in bundle.headers["content-type"]
    assert "SwaggerUIBundle" in bundle.text
    assert httpx.get(f"{hub.url}/docs/static/../docs.py").status_code == 404


@pytest.mark.browser
@pytest.mark.skipif(not chromium_available(), reason="Debian package chromium not installed")
def test_swagger_ui_renders_in_a_browser_without_leaving_the_server(hub: HubServer) -> None:
    requested: list[str] = []
    problems: list[str] = []
    with chromium() as browser:
        page = browser.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: problems.append(message.text) if message.type == "error" else None,
        )
        page.goto(f"{hub.url}/docs")
        page.wait_for_selector("#operations-File-createFile", timeout=30_000)
        assert page.locator(".swagger-ui .info .title").inner_text().startswith("Camunda Hub API")
        assert page.locator("button.authorize").count() == 1
        browser.close()
    assert requested
    assert all(url.startswith(hub.url) for url in requested), requested
    assert problems == []


def test_events_and_webhooks_are_documented_under_their_extension_tag(hub: HubServer) -> None:
    document = httpx.get(f"{hub.url}/openapi.json").json()
    tag = "Events and webhooks (camunda-hub extension)"
    assert any(t["name"] == tag and "Not part of" in t["description"] for t in document["tags"])
    tagged: dict[str, str] = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            extension = path.startswith(("/api/v2/events", "/api/v2/webhooks"))
            assert (tag in operation.get("tags", [])) == extension, (method, path)
            if extension:
                assert operation["tags"] == [tag]
                tagged[operation["operationId"]] = f"{method.upper()} {path}"
    assert not CORE_OPERATIONS & set(tagged)
    assert "getEvents" in tagged and len(tagged) >= 8, tagged
    gone = document["paths"]["/api/v2/events"]["get"]["responses"]["410"]
    assert "prunedThrough" in gone["description"]
