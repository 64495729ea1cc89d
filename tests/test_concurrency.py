"""Optimistic locking of file updates under real concurrency: real server, real HTTP, threads.

Each thread has its own connection and token, so the requests genuinely race in the server."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.support.server import Credentials, HubServer

WRITERS = 16


@pytest.fixture(scope="module")
def writer_creds(hub: HubServer, admin_creds: Credentials) -> list[Credentials]:
    # Two API clients, as two real users would be; threads alternate between them.
    return [admin_creds, hub.create_client("read", "update", name="writer")]


@pytest.fixture(scope="module")
def clients(hub: HubServer, writer_creds: list[Credentials]) -> Iterator[list[httpx.Client]]:
    made = []
    for n in range(WRITERS):
        token = hub.token(writer_creds[n % len(writer_creds)])
        made.append(
            httpx.Client(
                base_url=f"{hub.url}/api/v2",
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
        )
    yield made
    for client in made:
        client.close()


@pytest.fixture
def file(api: httpx.Client) -> dict[str, Any]:
    workspace = api.post("/workspaces", json={"name": "Concurrency"}).json()
    project = api.post(
        "/projects", json={"name": "Race", "workspaceKey": workspace["workspaceKey"]}
    ).json()
    created = api.post(
        "/files",
        json={
            "name": "contested",
            "projectKey": project["projectKey"],
            "type": "markdown",
            "content": "start\n",
        },
    )
    assert created.status_code == 200, created.text
    result: dict[str, Any] = created.json()
    return result


def run_together(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(0..count-1)`` on ``count`` threads released at the same moment."""
    barrier = threading.Barrier(count)

    def task(n: int) -> Any:
        barrier.wait()
        return work(n)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(task, range(count)))


def test_same_revision_exactly_one_update_wins(
    api: httpx.Client, clients: list[httpx.Client], file: dict[str, Any]
) -> None:
    key, revision = file["fileKey"], file["revision"]

    def update(n: int) -> httpx.Response:
        body = {"revision": revision, "content": f"written by writer {n}\n", "name": f"by-{n}"}
        return clients[n].patch(f"/files/{key}", json=body)

    responses = run_together(WRITERS, update)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [409] * (WRITERS - 1), [r.text for r in responses]
    for response in responses:
        if response.status_code == 409:
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["status"] == 409

    winner = next(n for n, r in enumerate(responses) if r.status_code == 200)
    final = api.get(f"/files/{key}").json()
    assert final["content"] == f"written by writer {winner}\n"
    assert final["name"] == f"by-{winner}"
    assert final["revision"] == revision + 1
    assert responses[winner].json()["revision"] == revision + 1


def test_read_modify_write_loops_never_lose_a_write(
    api: httpx.Client, clients: list[httpx.Client], file: dict[str, Any]
) -> None:
    """Writers append lines concurrently, retrying on 409 with the fresh revision: every line
    lands exactly once, and every successful write is exactly one revision."""
    key, start = file["fileKey"], file["revision"]
    writers, lines_each = 6, 5

    def append_lines(n: int) -> None:
        for line in range(lines_each):
            while True:
                current = clients[n].get(f"/files/{key}").json()
                content = current["content"] + f"w{n}-l{line}\n"
                response = clients[n].patch(
                    f"/files/{key}", json={"revision": current["revision"], "content": content}
                )
                if response.status_code == 200:
                    break
                assert response.status_code == 409, response.text

    run_together(writers, append_lines)

    final = api.get(f"/files/{key}").json()
    lines = final["content"].splitlines()
    assert lines[0] == "start"
    expected = {f"w{n}-l{line}" for n in range(writers) for line in range(lines_each)}
    assert sorted(lines[1:]) == sorted(expected)  # each exactly once
    assert final["revision"] == start + writers * lines_each
    # Each writer's own lines stay in the order it wrote them.
    for n in range(writers):
        mine = [entry for entry in lines if entry.startswith(f"w{n}-")]
        assert mine == [f"w{n}-l{line}" for line in range(lines_each)]


def test_interleaved_stale_update_is_refused_and_changes_nothing(
    api: httpx.Client, clients: list[httpx.Client], file: dict[str, Any]
) -> None:
    """A reads, B reads, A writes, B writes with what it read: B gets 409, A's write stays."""
    key = file["fileKey"]
    alice, bob = clients[0], clients[1]
    seen_by_alice = alice.get(f"/files/{key}").json()
    seen_by_bob = bob.get(f"/files/{key}").json()
    assert seen_by_alice["revision"] == seen_by_bob["revision"]

    first = alice.patch(
        f"/files/{key}", json={"revision": seen_by_alice["revision"], "content": "alice\n"}
    )
    assert first.status_code == 200, first.text
    stale = bob.patch(
        f"/files/{key}", json={"revision": seen_by_bob["revision"], "content": "bob\n"}
    )
    assert stale.status_code == 409, stale.text

    after = api.get(f"/files/{key}").json()
    assert after["content"] == "alice\n"
    assert after["revision"] == seen_by_alice["revision"] + 1

    retried = bob.patch(f"/files/{key}", json={"revision": after["revision"], "content": "bob\n"})
    assert retried.status_code == 200, retried.text
    assert api.get(f"/files/{key}").json()["revision"] == after["revision"] + 1


def test_restoring_a_version_while_someone_edits_loses_nothing(
    api: httpx.Client, clients: list[httpx.Client], file: dict[str, Any]
) -> None:
    """A restoration bumps the revision in the same statement that writes the content, so an
    edit based on the revision before it either lands first (and is then restored over, as a
    new revision) or is refused — never silently overwritten or overwriting."""
    key, revision = file["fileKey"], file["revision"]
    version = api.post("/versions", json={"fileKey": key, "name": "start"})
    assert version.status_code == 200, version.text
    version_key = version.json()["versionKey"]

    def race(n: int) -> httpx.Response:
        if n == 0:
            return api.post(f"/versions/{version_key}/restoration")
        body = {"revision": revision, "content": f"edit {n}\n"}
        return clients[n].patch(f"/files/{key}", json=body)

    restored, *edits = run_together(4, race)
    assert restored.status_code == 200, restored.text
    edit_statuses = sorted(r.status_code for r in edits)
    assert edit_statuses in ([409, 409, 409], [200, 409, 409]), [r.text for r in edits]

    final = api.get(f"/files/{key}").json()
    assert final["content"] == file["content"]  # the restoration always lands, last or alone
    assert final["revision"] == revision + 1 + edit_statuses.count(200)
