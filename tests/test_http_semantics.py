"""RFC 9110 semantics the fuzzer found missing: ``Allow`` on 405 names every method of the path,
``HEAD`` answers like ``GET`` without a body, ``OPTIONS`` answers ``Allow``, no redirect is built
from the ``Host`` header, and a body that is not JSON is 415 on every JSON endpoint."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import ValidationError

from camunda_hub.server.api.models.clusters import CreateClusterLicense
from camunda_hub.server.api.models.files import FileUpdateRequest
from tests.support.in_process import InProcessHub, in_process_hub


@pytest.fixture(scope="module")
async def api(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str]]]:
    async with in_process_hub(tmp_path_factory.mktemp("http")) as hub:
        yield hub.client, await _auth(hub)


async def _auth(hub: InProcessHub) -> dict[str, str]:
    token = (await hub.client.post("/oauth/token", data=hub.token_form())).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def _allow(response: httpx.Response) -> set[str]:
    return {method.strip() for method in response.headers["allow"].split(",")}


@pytest.mark.parametrize(
    ("path", "served"),
    [
        ("/api/v2/files/abc", {"GET", "HEAD", "PATCH", "DELETE", "OPTIONS"}),
        ("/api/v2/clusters", {"GET", "HEAD", "POST", "OPTIONS"}),
        ("/api/v2/versions/search", {"POST", "OPTIONS"}),
    ],
)
async def test_405_allow_names_every_method_of_the_path(
    api: tuple[httpx.AsyncClient, dict[str, str]], path: str, served: set[str]
) -> None:
    client, auth = api
    refused = await client.put(path, headers=auth, json={})
    assert refused.status_code == 405
    assert refused.headers["content-type"] == "application/problem+json"
    assert _allow(refused) == served
    options = await client.options(path, headers=auth)
    assert options.status_code == 204 and _allow(options) == served


async def test_a_literal_path_is_not_served_by_a_parameterised_one(
    api: tuple[httpx.AsyncClient, dict[str, str]],
) -> None:
    client, auth = api
    refused = await client.get("/api/v2/versions/search", headers=auth)
    assert refused.status_code == 405 and _allow(refused) == {"POST", "OPTIONS"}


async def test_head_is_get_without_a_body(api: tuple[httpx.AsyncClient, dict[str, str]]) -> None:
    client, auth = api
    got = await client.get("/api/v2/info", headers=auth)
    head = await client.head("/api/v2/info", headers=auth)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-type"] == got.headers["content-type"]
    missing = await client.head("/api/v2/files/no-such-file", headers=auth)
    assert missing.status_code == 404 and missing.content == b""


async def test_no_redirect_is_built_from_the_host_header(
    api: tuple[httpx.AsyncClient, dict[str, str]],
) -> None:
    client, auth = api
    for path in ("/api/v2/info/", "/console"):
        response = await client.get(path, headers={**auth, "Host": "evil.example"})
        location = response.headers.get("location", "")
        assert "evil.example" not in location
        assert response.status_code == 404 or location.startswith("/")


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/v2/projects", "text/plain"),
        ("/api/v2/files/search", "text/plain"),
        ("/api/v2/workspaces/search", "application/x-www-form-urlencoded"),
        ("/api/v2/projects", None),
    ],
)
async def test_a_body_that_is_not_json_is_415_everywhere(
    api: tuple[httpx.AsyncClient, dict[str, str]], path: str, content_type: str | None
) -> None:
    client, auth = api
    headers = {**auth, **({"Content-Type": content_type} if content_type else {})}
    response = await client.post(path, headers=headers, content=b'{"name": "x"}')
    assert response.status_code == 415, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "application/json" in response.headers["accept-post"]
    # The same body as JSON is understood, and a search without a body is the first page.
    assert (await client.post("/api/v2/files/search", headers=auth)).status_code == 200


async def test_multipart_stays_the_catalog_ingestion_type(
    api: tuple[httpx.AsyncClient, dict[str, str]],
) -> None:
    client, auth = api
    wrong = await client.put(
        "/api/v2/catalog/assets/ingestion",
        headers={**auth, "Content-Type": "text/plain"},
        content=b"x",
    )
    assert wrong.status_code == 415
    multipart = await client.put(
        "/api/v2/catalog/assets/ingestion",
        headers=auth,
        files={"readme": ("a.md", b"no front matter"), "template": ("a.json", b"{}")},
    )
    assert multipart.status_code != 415


async def test_whole_number_floats_are_integers(
    api: tuple[httpx.AsyncClient, dict[str, str]],
) -> None:
    client, auth = api
    for limit, status in ((5.0, 200), (5, 200), (5.5, 400), (True, 400), ("5", 400)):
        response = await client.post(
            "/api/v2/projects/search", headers=auth, json={"page": {"limit": limit}}
        )
        assert response.status_code == status, (limit, response.text)
    assert FileUpdateRequest.model_validate({"revision": 3.0}).revision == 3
    for wrong in (3.5, True, "3"):
        with pytest.raises(ValidationError):
            FileUpdateRequest.model_validate({"revision": wrong})


async def test_values_the_contract_forbids_are_refused(
    api: tuple[httpx.AsyncClient, dict[str, str]],
) -> None:
    client, auth = api
    # `description` of a create request is a string, not nullable; omitted is fine.
    refused = await client.post(
        "/api/v2/workspaces", headers=auth, json={"name": "w", "description": None}
    )
    assert refused.status_code == 400, refused.text
    created = await client.post("/api/v2/workspaces", headers=auth, json={"name": "w"})
    assert created.status_code == 200 and created.json()["description"] is None
    # A search body is an object: no body is the first page, `null` is a 400.
    assert (await client.post("/api/v2/workspaces/search", headers=auth)).status_code == 200
    null = await client.post(
        "/api/v2/workspaces/search",
        headers={**auth, "Content-Type": "application/json"},
        content=b"null",
    )
    assert null.status_code == 400 and "not null" in null.json()["detail"]
    # A licence's expiresAt is a date-time string, never a number.
    for expires, ok in ((0, False), ("2030-01-01T00:00:00Z", True)):
        license_ = {"validLicense": True, "licenseType": "x", "expiresAt": expires}
        if ok:
            CreateClusterLicense.model_validate(license_)
        else:
            with pytest.raises(ValidationError):
                CreateClusterLicense.model_validate(license_)
