"""The token endpoint's own safety nets: it answers an unexpected error itself (it runs ahead of
Starlette's error middleware), and token ids never repeat, also across a fork."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from camunda_hub.server.oauth import token_endpoint
from camunda_hub.server.random_ids import RandomBlocks
from tests.support.in_process import in_process_hub


async def test_an_unexpected_error_is_an_oauth_shaped_500_without_the_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("signing failed")

    monkeypatch.setattr(token_endpoint, "mint", broken)
    async with in_process_hub(tmp_path) as hub:
        response = await hub.client.post(
            "/oauth/token", data=hub.token_form(), headers={"X-Request-Id": "req-500"}
        )
        secret = hub.creds.client_secret
    assert response.status_code == 500
    assert response.json()["error"] == "server_error"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-request-id"] == "req-500"
    assert "signing failed" not in response.text
    assert secret not in caplog.text


def test_random_ids_are_unique_across_blocks_and_forks() -> None:
    source = RandomBlocks(16)
    ids = [source.urlsafe() for _ in range(3 * 256 + 7)]
    # A forked child must not hand out what is left of its parent's block.
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        try:
            os.write(write_end, " ".join(source.urlsafe() for _ in range(10)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        from_child = pipe.read().split()
    os.waitpid(child, 0)
    ids += [source.urlsafe() for _ in range(10)]
    assert len(from_child) == 10
    ids += from_child
    assert len(set(ids)) == len(ids)
    assert all(len(jti) == 22 for jti in ids)  # 128 bits, base64url without padding
    assert len(RandomBlocks(8).hex()) == 16
