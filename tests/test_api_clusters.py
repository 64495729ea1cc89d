"""Cluster registrations over real HTTP with real tokens: register/upsert, list, remove,
the default clusterId, permissions, organization scoping, and usage metrics read from a fake
Orchestration Cluster API on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.support.responses import assert_problem
from tests.support.server import HubServer

LICENSE = {"validLicense": True, "licenseType": "production"}


def _id() -> str:
    return f"cluster-{uuid.uuid4()}"


def _register(api: httpx.Client, cluster_id: str | None = None, **extra: Any) -> None:
    body: dict[str, Any] = {"clusterName": "Cluster", "version": "8.8.0", "license": LICENSE}
    if cluster_id is not None:
        body["clusterId"] = cluster_id
    body.update(extra)
    response = api.post("/clusters", json=body)
    assert response.status_code == 204, response.text
    assert response.content == b""


def _registered(api: httpx.Client, cluster_id: str) -> dict | None:
    response = api.get("/clusters")
    assert response.status_code == 200, response.text
    found = [item for item in response.json()["items"] if item["uuid"] == cluster_id]
    return found[0] if found else None


# -- a fake Orchestration Cluster API ------------------------------------------------------


@dataclass
class FakeCluster:
    """Answers every GET with ``status``/``body`` (after ``delay`` seconds) and records what it
    was asked: path, query and the Authorization header it received."""

    url: str = ""
    status: int = 200
    body: bytes = b"{}"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def answer(self, status: int, body: Any, **headers: str) -> None:
        self.status = status
        self.body = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.headers = headers
        self.requests.clear()


@pytest.fixture(scope="module")
def fake_cluster() -> Iterator[FakeCluster]:
    fake = FakeCluster()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            fake.requests.append(
                {
                    "path": parts.path,
                    "query": parse_qs(parts.query),
                    "authorization": self.headers.get("Authorization"),
                }
            )
            time.sleep(fake.delay)
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(fake.body)))
            for name, value in fake.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(fake.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


def _bearer(api: httpx.Client) -> str:
    """The token ``api`` sends (what the hub must forward)."""
    request = api.build_request("GET", "/info")
    flow = api.auth.sync_auth_flow(request)  # type: ignore[union-attr]
    return str(next(flow).headers["authorization"])


# -- registration ----------------------------------------------------------------------------


def test_register_then_list_shows_the_contract_shape(api: httpx.Client) -> None:
    cluster_id = _id()
    _register(
        api,
        cluster_id,
        clusterName="Production",
        version="8.8.2",
        license={
            "validLicense": True,
            "licenseType": "production",
            "isCommercial": True,
            "expiresAt": "2030-01-01T00:00:00Z",
        },
        profiles=["broker", "gateway", "operate"],
        properties={
            "tags": "prod, eu,prod",
            "namespace": "camunda",
            "apps.operate.url": "https://operate.example.com",
            "apps.gateway.urls.http": "http://gateway:8080",
            "apps.gateway.urls.grpc": "grpc://gateway:26500",
            "apps.tasklist.url": "https://tasklist.example.com",
            "java.version": "21",
        },
    )
    item = _registered(api, cluster_id)
    assert item is not None
    assert set(item) == {
        "uuid",
        "name",
        "tags",
        "customProperties",
        "namespace",
        "status",
        "generation",
        "type",
        "apps",
        "discoveredClusterProperties",
        "license",
    }
    assert item["name"] == "Production"
    assert item["generation"] == "8.8.2"
    assert item["tags"] == ["prod", "eu"]
    assert item["namespace"] == "camunda"
    assert item["customProperties"] == []
    assert item["discoveredClusterProperties"]["java.version"] == "21"
    assert item["license"]["isCommercial"] is True
    assert item["license"]["expiresAt"].startswith("2030-01-01T00:00:00")
    apps = {app["type"]: app for app in item["apps"]}
    # Profiles first, in their order; then types only named by properties.
    assert [app["type"] for app in item["apps"]] == ["broker", "gateway", "operate", "tasklist"]
    assert apps["gateway"]["urls"] == {
        "http": "http://gateway:8080",
        "grpc": "grpc://gateway:26500",
    }
    assert apps["operate"]["url"] == "https://operate.example.com"
    assert apps["operate"]["urls"] is None
    assert apps["broker"]["generation"] == "8.8.2"
    assert apps["broker"]["id"] == f"{cluster_id}-broker"


def test_registering_again_replaces_the_registration(api: httpx.Client) -> None:
    cluster_id = _id()
    _register(api, cluster_id, profiles=["operate"], properties={"tags": "a"})
    _register(api, cluster_id, clusterName="Renamed", version="8.9.0")
    items = [i for i in api.get("/clusters").json()["items"] if i["uuid"] == cluster_id]
    assert len(items) == 1
    assert items[0]["name"] == "Renamed"
    assert items[0]["generation"] == "8.9.0"
    assert items[0]["apps"] == []
    assert items[0]["tags"] == []
    assert items[0]["discoveredClusterProperties"] == {}
    assert items[0]["license"]["isCommercial"] is None


def test_default_cluster_id_is_the_peer_address_not_a_forged_header(api: httpx.Client) -> None:
    # No proxy is configured, so the header any client can send is ignored.
    response = api.post(
        "/clusters",
        json={"clusterName": "Local", "version": "8.8.0", "license": LICENSE, "clusterId": None},
        headers={"X-Forwarded-For": "10.9.8.7"},
    )
    assert response.status_code == 204, response.text
    try:
        assert _registered(api, "127.0.0.1") is not None
        assert _registered(api, "10.9.8.7") is None
    finally:
        assert api.delete("/clusters/127.0.0.1").status_code == 204


@pytest.mark.parametrize(
    ("payload", "mentions"),
    [
        ({"version": "1", "license": LICENSE}, "clusterName"),
        ({"clusterName": "x", "license": LICENSE}, "version"),
        ({"clusterName": "x", "version": "1"}, "license"),
        ({"clusterName": "", "version": "1", "license": LICENSE}, "clusterName"),
        ({"clusterName": "x" * 256, "version": "1", "license": LICENSE}, "clusterName"),
        ({"clusterName": "x", "version": "1", "license": LICENSE, "clusterId": ""}, "clusterId"),
        ({"clusterName": "x", "version": "1", "license": LICENSE, "owner": 1}, "owner"),
        ({"clusterName": "x", "version": "1", "license": {"validLicense": True}}, "licenseType"),
        (
            {"clusterName": "x", "version": "1", "license": {**LICENSE, "validLicense": "yes"}},
            "validLicense",
        ),
        (
            {
                "clusterName": "x",
                "version": "1",
                "license": {**LICENSE, "expiresAt": "2030-01-01T00:00:00"},
            },
            "expiresAt",
        ),
        ({"clusterName": "x", "version": "1", "license": LICENSE, "profiles": [""]}, "profiles"),
        (
            {"clusterName": "x", "version": "1", "license": LICENSE, "properties": {"a": ""}},
            "properties",
        ),
        (
            {"clusterName": "x", "version": "1", "license": LICENSE, "properties": {"a\x00": "b"}},
            "NUL",
        ),
        (
            {
                "clusterName": "x",
                "version": "1",
                "license": LICENSE,
                "properties": {"apps.orchestration.urls.http": "ftp://host"},
            },
            "apps.orchestration.urls.http",
        ),
        (
            {
                "clusterName": "x",
                "version": "1",
                "license": LICENSE,
                "properties": {"apps.operate.url": "http://user:secret@host"},
            },
            "credentials",
        ),
        (
            {
                "clusterName": "x",
                "version": "1",
                "license": LICENSE,
                "properties": {"apps.operate.readiness": "/ready"},
            },
            "apps.operate.readiness",
        ),
    ],
)
def test_register_rejects_invalid_bodies(api: httpx.Client, payload: dict, mentions: str) -> None:
    body = assert_problem(api.post("/clusters", json=payload), 400)
    assert mentions in body["detail"]


def test_remove_unregisters_and_then_is_not_found(api: httpx.Client) -> None:
    cluster_id = _id()
    _register(api, cluster_id)
    response = api.delete(f"/clusters/{cluster_id}")
    assert response.status_code == 204, response.text
    assert _registered(api, cluster_id) is None
    assert_problem(api.delete(f"/clusters/{cluster_id}"), 404)
    assert_problem(api.delete(f"/clusters/{_id()}"), 404)


def test_registrations_are_scoped_to_the_organization(
    api: httpx.Client, other_org_api: httpx.Client
) -> None:
    cluster_id = _id()
    _register(api, cluster_id, clusterName="Ours")
    assert _registered(other_org_api, cluster_id) is None
    assert_problem(other_org_api.delete(f"/clusters/{cluster_id}"), 404)
    # The same id may be registered by another organization, independently.
    _register(other_org_api, cluster_id, clusterName="Theirs")
    assert _registered(api, cluster_id)["name"] == "Ours"  # type: ignore[index]
    assert _registered(other_org_api, cluster_id)["name"] == "Theirs"  # type: ignore[index]


def test_permissions(api: httpx.Client, api_with: Callable[..., httpx.Client]) -> None:
    cluster_id = _id()
    _register(api, cluster_id)
    reader = api_with("read")
    assert _registered(reader, cluster_id) is not None
    assert_problem(
        reader.post("/clusters", json={"clusterName": "x", "version": "1", "license": LICENSE}), 403
    )
    assert_problem(reader.delete(f"/clusters/{cluster_id}"), 403)
    assert_problem(api_with("create").get("/clusters"), 403)
    assert_problem(api_with("create").get("/clusters/usage-metrics?id=x&start=0&end=1"), 403)
    # Replacing an existing registration is an update: `create` alone may only add new ids.
    body = {"clusterId": cluster_id, "clusterName": "Hijack", "version": "1", "license": LICENSE}
    problem = assert_problem(api_with("create").post("/clusters", json=body), 403)
    assert "update" in problem["detail"]
    assert _registered(api, cluster_id)["name"] == "Cluster"  # type: ignore[index]
    _register(api_with("create"), _id())
    _register(api_with("create", "update"), cluster_id, clusterName="Replaced")
    assert _registered(api, cluster_id)["name"] == "Replaced"  # type: ignore[index]
    assert api_with("delete").delete(f"/clusters/{cluster_id}").status_code == 204


# -- usage metrics ---------------------------------------------------------------------------


def _with_orchestration(api: httpx.Client, base_url: str, app_type: str = "orchestration") -> str:
    cluster_id = _id()
    _register(api, cluster_id, properties={f"apps.{app_type}.urls.http": base_url})
    return cluster_id


def test_usage_metrics_are_read_from_the_orchestration_api_with_the_callers_token(
    api: httpx.Client, fake_cluster: FakeCluster
) -> None:
    cluster_id = _with_orchestration(api, fake_cluster.url + "/")
    fake_cluster.answer(
        200, {"processInstances": 5, "decisionInstances": 23, "assignees": 2, "activeTenants": 1}
    )
    response = api.get(
        "/clusters/usage-metrics",
        params={"id": cluster_id, "start": 1_700_000_000_000, "end": 1_700_086_400_123},
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "id": cluster_id,
        "processInstances": {"total": 5},
        "decisionInstances": {"total": 23},
        "taskUsers": {"total": 2, "assignees": []},
        "activeTenants": {"total": 1},
    }
    [seen] = fake_cluster.requests
    assert seen["path"] == "/v2/system/usage-metrics"
    assert seen["query"] == {
        "startTime": ["2023-11-14T22:13:20.000Z"],
        "endTime": ["2023-11-15T22:13:20.123Z"],
        "withTenants": ["false"],
    }
    assert seen["authorization"] == _bearer(api)


def test_usage_metrics_accept_a_v2_url_a_gateway_app_and_missing_counts(
    api: httpx.Client, fake_cluster: FakeCluster
) -> None:
    cluster_id = _with_orchestration(api, fake_cluster.url + "/v2", app_type="gateway")
    fake_cluster.answer(200, {"processInstances": 1})
    response = api.get("/clusters/usage-metrics", params={"id": cluster_id, "start": 0, "end": 0})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["decisionInstances"] == {"total": 0}
    assert body["activeTenants"] is None
    assert fake_cluster.requests[0]["path"] == "/v2/system/usage-metrics"


@pytest.mark.parametrize(
    ("status", "body", "expected", "mentions"),
    [
        (401, {"title": "Unauthorized"}, 403, "orchestration-api"),
        (403, {"title": "Forbidden"}, 403, "orchestration-api"),
        (500, {"title": "boom"}, 404, "the cluster answered with an error"),
        (404, {"title": "no such endpoint"}, 404, "the cluster answered with an error"),
        (200, b"<html>", 404, "the cluster answered with an error"),
        (200, [1, 2], 404, "the cluster answered with an error"),
        (200, {"processInstances": "many"}, 404, "the cluster answered with an error"),
        (200, {"processInstances": -1}, 404, "the cluster answered with an error"),
        # Answers are read up to 64 KiB (server/outbound/): anything longer is an error.
        (200, b" " * (64 * 1024 + 1), 404, "the cluster answered with an error"),
    ],
)
def test_usage_metrics_failures_of_the_cluster(
    api: httpx.Client,
    fake_cluster: FakeCluster,
    status: int,
    body: Any,
    expected: int,
    mentions: str,
) -> None:
    cluster_id = _with_orchestration(api, fake_cluster.url)
    fake_cluster.answer(status, body)
    problem = assert_problem(
        api.get("/clusters/usage-metrics", params={"id": cluster_id, "start": 0, "end": 1}),
        expected,
    )
    assert mentions in problem["detail"]
    assert cluster_id in problem["detail"]
    # Generic: nothing the cluster sent comes back to the caller (the random cluster id may
    # contain "500" itself).
    said = problem["detail"].replace(cluster_id, "")
    assert "boom" not in said and "500" not in said


def test_usage_metrics_do_not_follow_redirects(
    api: httpx.Client, fake_cluster: FakeCluster
) -> None:
    cluster_id = _with_orchestration(api, fake_cluster.url)
    fake_cluster.answer(302, {}, Location=fake_cluster.url + "/elsewhere")
    assert_problem(
        api.get("/clusters/usage-metrics", params={"id": cluster_id, "start": 0, "end": 1}), 404
    )
    assert [seen["path"] for seen in fake_cluster.requests] == ["/v2/system/usage-metrics"]


def test_usage_metrics_without_a_reachable_orchestration_app(
    api: httpx.Client, fake_cluster: FakeCluster
) -> None:
    fake_cluster.answer(200, {})
    # Registered, but no orchestration app with an HTTP URL: nothing is called.
    bare = _id()
    _register(api, bare, profiles=["operate"], properties={"apps.operate.url": fake_cluster.url})
    problem = assert_problem(
        api.get("/clusters/usage-metrics", params={"id": bare, "start": 0, "end": 1}), 404
    )
    assert "apps.orchestration.urls.http" in problem["detail"]
    assert fake_cluster.requests == []
    # Registered with a URL nobody listens on.
    closed = _with_orchestration(api, "http://127.0.0.1:9")
    problem = assert_problem(
        api.get("/clusters/usage-metrics", params={"id": closed, "start": 0, "end": 1}), 404
    )
    assert "the cluster could not be reached" in problem["detail"]
    assert "Error" not in problem["detail"]  # no exception names
    # Addresses the server does not call (the session hub allows 127.0.0.1/32 only): refused
    # before anything is sent, with the same generic answer as an unreachable cluster.
    for url in ("http://169.254.169.254/latest", "http://127.0.0.2:9", "http://[::1]:9"):
        refused = _with_orchestration(api, url)
        problem = assert_problem(
            api.get("/clusters/usage-metrics", params={"id": refused, "start": 0, "end": 1}), 404
        )
        assert problem["detail"] == f"cluster '{refused}': the cluster could not be reached"
    # Not registered at all (or only in another organization).
    assert_problem(
        api.get("/clusters/usage-metrics", params={"id": _id(), "start": 0, "end": 1}), 404
    )


@pytest.mark.parametrize(
    "query",
    [
        {"start": 0, "end": 1},
        {"id": "{id}", "end": 1},
        {"id": "{id}", "start": 0},
        {"id": "{id}", "start": "yesterday", "end": 1},
        {"id": "{id}", "start": 1.5, "end": 2},
        {"id": "{id}", "start": 2, "end": 1},
        {"id": "{id}", "start": 0, "end": 2**62},
        {"id": "{id}", "start": -(2**62), "end": 0},
    ],
)
def test_usage_metrics_reject_invalid_parameters(api: httpx.Client, query: dict) -> None:
    cluster_id = _id()
    _register(api, cluster_id)
    query = {name: cluster_id if value == "{id}" else value for name, value in query.items()}
    assert_problem(api.get("/clusters/usage-metrics", params=query), 400)


# -- behind a proxy, and a slow cluster: a server of their own -------------------------------


@pytest.fixture(scope="module")
def proxied_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    server = HubServer(
        Path(tmp_path_factory.mktemp("proxied-hub")),
        env={
            "CAMUNDA_HUB_FORWARDED_FOR_HOPS": "1",
            "CAMUNDA_HUB_CLUSTER_REQUEST_TIMEOUT": "0.5",
            "CAMUNDA_HUB_ACCESS_LOG": "false",
            "CAMUNDA_HUB_OUTBOUND_ALLOW": "127.0.0.1",
        },
    )
    server.start()
    try:
        with server.api(server.create_client_in_process(name="proxied")) as client:
            yield client
    finally:
        server.stop()


def test_behind_a_proxy_the_default_id_is_the_address_the_proxy_saw(
    proxied_hub: httpx.Client,
) -> None:
    body = {"clusterName": "Behind proxy", "version": "8.8.0", "license": LICENSE}
    # The client forged the first entry; the trusted proxy appended the real one.
    response = proxied_hub.post(
        "/clusters", json=body, headers={"X-Forwarded-For": "6.6.6.6, 10.0.0.5"}
    )
    assert response.status_code == 204, response.text
    assert _registered(proxied_hub, "10.0.0.5") is not None
    assert _registered(proxied_hub, "6.6.6.6") is None
    # No header: the peer is the proxy, whose address would merge all clusters into one.
    problem = assert_problem(proxied_hub.post("/clusters", json=body), 400)
    assert "clusterId" in problem["detail"]


def test_a_slow_cluster_is_given_up_on_after_the_timeout(
    proxied_hub: httpx.Client, fake_cluster: FakeCluster
) -> None:
    cluster_id = _with_orchestration(proxied_hub, fake_cluster.url)
    fake_cluster.answer(200, {"processInstances": 1})
    fake_cluster.delay = 2.0
    try:
        started = time.monotonic()
        problem = assert_problem(
            proxied_hub.get(
                "/clusters/usage-metrics", params={"id": cluster_id, "start": 0, "end": 1}
            ),
            404,
        )
        assert time.monotonic() - started < 1.8
        assert "the cluster could not be reached" in problem["detail"]
    finally:
        fake_cluster.delay = 0.0


def test_concurrent_registrations_of_one_id_make_one_registration(api: httpx.Client) -> None:
    cluster_id = _id()
    body = {"clusterId": cluster_id, "version": "8.8.0", "license": LICENSE}
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(
            pool.map(
                lambda n: api.post("/clusters", json={**body, "clusterName": f"n{n}"}).status_code,
                range(6),
            )
        )
    assert statuses == [204] * 6
    items = [item for item in api.get("/clusters").json()["items"] if item["uuid"] == cluster_id]
    assert len(items) == 1
    assert items[0]["name"] in {f"n{n}" for n in range(6)}
