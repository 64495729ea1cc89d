"""The SDK and CLI side of the change feed and webhooks, against the session server:
``hub.events.iterate`` (sync and async, following), ``ResyncRequired`` on 410, ``hub.webhooks``,
``camunda_hub.webhooks.verify``, ``camunda-hub events watch`` and the ``webhooks`` admin
commands; permissions (403) and organization scoping (404) of the webhook operations."""

from __future__ import annotations

import asyncio
import itertools
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from standardwebhooks.webhooks import Webhook as Signer

from camunda_hub.client import AsyncHubClient, HubClient, ResyncRequired
from camunda_hub.client.errors import api_error
from camunda_hub.client.events import AsyncEvents, Events
from camunda_hub.webhooks import InvalidSignature, verify
from tests.support.server import Credentials, HubServer


@pytest.fixture(scope="module")
def sdk(hub: HubServer, admin_creds: Credentials) -> Iterator[HubClient]:
    with HubClient(**hub.sdk_options(admin_creds)) as client:
        yield client


def test_iterate_reads_on_from_a_sequence_and_stops_without_follow(sdk: HubClient) -> None:
    head = sdk.events.head()
    workspace = sdk.workspaces.create("sdk events")
    sdk.workspaces.update(workspace.workspace_key, name="sdk events renamed")
    seen = list(sdk.events.iterate(after=head, types=["workspace"], follow=False))
    mine = [e for e in seen if e.resource_key == workspace.workspace_key]
    assert [e.type for e in mine] == ["workspace.created", "workspace.updated"]
    assert mine[1].data["changes"]["name"] == {"old": "sdk events", "new": "sdk events renamed"}
    assert all(a.sequence < b.sequence for a, b in itertools.pairwise(seen))


async def test_async_iterate_follows_new_events(hub: HubServer, admin_creds: Credentials) -> None:
    async with AsyncHubClient(**hub.sdk_options(admin_creds)) as client:
        head = await client.events.head()

        async def first() -> Any:
            async for event in client.events.iterate(after=head, types=["project."]):
                return event
            return None

        waiting = asyncio.create_task(first())
        await asyncio.sleep(0.3)
        workspace = await client.workspaces.create("followed")
        project = await client.projects.create("followed project", workspace.workspace_key)
        event = await asyncio.wait_for(waiting, 10)
        assert event.type == "project.created" and event.resource_key == project.project_key


def test_a_410_is_resync_required_sync_and_async() -> None:
    def gone(_call: Any) -> Any:
        raise api_error(410, {"title": "Gone", "status": 410, "detail": "resync"}, "Gone")

    with pytest.raises(ResyncRequired) as caught:
        list(Events(gone, timeout=30).iterate(after=3))
    assert caught.value.after == 3

    async def gone_async(call: Any) -> Any:
        return gone(call)

    async def drain() -> None:
        async for _ in AsyncEvents(gone_async, timeout=30).iterate(after=3):
            pass

    with pytest.raises(ResyncRequired):
        asyncio.run(drain())


def test_head_starts_past_what_retention_dropped_sync_and_async() -> None:
    """``head()`` reads from 0; after a prune that is a 410 naming ``prunedThrough``, from
    where the head is found (without it, every reader after the first prune failed)."""
    asked: list[str] = []

    def feed(call: Any) -> Any:
        asked.append(call.path)
        if "after=0&" in call.path:
            problem = {"title": "Gone", "status": 410, "detail": "resync", "prunedThrough": 7}
            raise api_error(410, problem, "Gone")
        return call.parse({"items": [], "nextAfter": 9})

    assert Events(feed, timeout=30).head() == 9
    assert [path.split("&")[0] for path in asked] == ["/events?after=0", "/events?after=7"]

    async def feed_async(call: Any) -> Any:
        return feed(call)

    assert asyncio.run(AsyncEvents(feed_async, timeout=30).head()) == 9

    def gone(_call: Any) -> Any:
        raise api_error(410, {"title": "Gone", "status": 410, "detail": "resync"}, "Gone")

    with pytest.raises(ResyncRequired) as caught:
        Events(gone, timeout=30).head()
    assert caught.value.pruned_through is None


def test_verify_accepts_a_signed_delivery_and_refuses_a_tampered_one() -> None:
    secret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = json.dumps({"eventKey": "e1", "sequence": 1})
    now = datetime.now(UTC)
    headers = {
        "Webhook-Id": "e1",
        "Webhook-Timestamp": str(int(now.timestamp())),
        "Webhook-Signature": Signer(secret).sign("e1", now, body),
    }
    assert verify(secret, headers, body.encode()) == {"eventKey": "e1", "sequence": 1}
    with pytest.raises(InvalidSignature):
        verify(secret, headers, body.replace("1}", "2}").encode())
    with pytest.raises(InvalidSignature):
        verify(secret, {**headers, "Webhook-Signature": "v1,bm90IGl0"}, body)
    with pytest.raises(InvalidSignature):
        verify(secret, {"webhook-id": "e1"}, body)


def test_the_webhooks_resource(sdk: HubClient) -> None:
    created = sdk.webhooks.create("https://hooks.example.com/x", types=["file."], description="ci")
    key = created["webhookKey"]
    assert created["secret"].startswith("whsec_")
    assert sdk.webhooks.get(key)["types"] == ["file."]
    assert sdk.webhooks.update(key, active=False)["status"] == "disabled"
    assert key in [w["webhookKey"] for w in sdk.webhooks.list()]
    rotated = sdk.webhooks.rotate_secret(key, grace_seconds=0)
    assert rotated["secret"] != created["secret"] and rotated["previousSecretExpires"] is None
    assert sdk.webhooks.deliveries(key) == []
    sdk.webhooks.delete(key)
    assert key not in [w["webhookKey"] for w in sdk.webhooks.list()]


def test_webhook_permissions_and_organization_scope(
    api: httpx.Client,
    api_with: Callable[..., httpx.Client],
    other_org_api: httpx.Client,
) -> None:
    created = api.post("/webhooks", json={"url": "https://hooks.example.com/p"}).json()
    key = created["webhookKey"]
    reader = api_with("read")
    assert reader.post("/webhooks", json={"url": "https://hooks.example.com/r"}).status_code == 403
    assert reader.get(f"/webhooks/{key}").status_code == 200
    assert reader.delete(f"/webhooks/{key}").status_code == 403
    assert reader.patch(f"/webhooks/{key}", json={"active": False}).status_code == 403
    assert reader.post(f"/webhooks/{key}/secret-rotation").status_code == 403
    assert api_with("create").get("/events").status_code == 403
    assert reader.get("/events").status_code == 200
    for response in (
        other_org_api.get(f"/webhooks/{key}"),
        other_org_api.patch(f"/webhooks/{key}", json={"active": False}),
        other_org_api.delete(f"/webhooks/{key}"),
        other_org_api.post(f"/webhooks/{key}/deliveries/search"),
    ):
        assert response.status_code == 404, response.text
    theirs = other_org_api.get("/events", params={"type": "webhook"}).json()
    assert theirs["items"] == []
    assert key not in [
        w["webhookKey"] for w in other_org_api.post("/webhooks/search").json()["items"]
    ]
    assert api.delete(f"/webhooks/{key}").status_code == 204


def _cli(hub: HubServer, creds: Credentials, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "camunda_hub", *args],
        capture_output=True,
        text=True,
        env={**hub.env, **hub.client_env(creds)},
        timeout=60,
    )


def test_cli_events_watch_and_webhook_admin_commands(
    hub: HubServer, admin_creds: Credentials, sdk: HubClient
) -> None:
    head = sdk.events.head()
    sdk.workspaces.create("watched")
    watched = _cli(
        hub, admin_creds, "events", "watch", "--after", str(head), "--no-follow", "--json"
    )
    assert watched.returncode == 0, watched.stderr
    events = [json.loads(line) for line in watched.stdout.splitlines()]
    assert [e["data"]["name"] for e in events if e["type"] == "workspace.created"] == ["watched"]

    created = hub.cli(
        "webhooks", "create", "https://hooks.example.com/cli", "--type", "file", "--json"
    )
    made = json.loads(created.stdout)
    assert made["secret"].startswith("whsec_") and made["types"] == ["file"]
    listed = json.loads(hub.cli("webhooks", "list", "--json").stdout)
    assert made["webhookKey"] in [w["webhookKey"] for w in listed]
    rotated = json.loads(hub.cli("webhooks", "rotate-secret", made["webhookKey"], "--json").stdout)
    assert rotated["secret"] != made["secret"]
    assert json.loads(hub.cli("webhooks", "deliveries", made["webhookKey"], "--json").stdout) == []
    hub.cli("webhooks", "delete", made["webhookKey"])
    missing = hub.cli("webhooks", "delete", made["webhookKey"], check=False)
    assert missing.returncode != 0 and "no webhook" in missing.stderr
    refused = hub.cli("webhooks", "create", "http://hooks.example.com/plain", check=False)
    assert refused.returncode != 0 and "https" in refused.stderr
