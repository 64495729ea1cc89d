"""The token endpoint's own safety nets: it answers an unexpected error itself (it runs ahead of
Starlette's error middleware), and token ids never repeat, also across a fork."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from camunda_hub.server.app import create_app
from camunda_hub.server.oauth import token_endpoint
from camunda_hub.server.random_ids import RandomBlocks
from camunda_hub.server.settings import Settings


async def test_an_unexpected_error_is_an_oauth_shaped_500_without_the_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(data_dir=tmp_path, sync_interval=60))
    runtime = app.state.runtime
    await runtime.start()
    creds = runtime.bootstrap_credentials

    def broken(**_: object) -> None:
        raise RuntimeError("signing failed")

    monkeypatch.setattr(token_endpoint, "mint", broken)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            response = await client.post(
                "/oauth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": creds.client.client_id,
                    "client_secret": creds.client_secret,
                },
                headers={"X-Request-Id": "req-500"},
            )
    finally:
        await runtime.stop()
    assert response.status_code == 500
    assert response.json()["error"] == "server_error"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-request-id"] == "req-500"
    assert "signing failed" not in response.text
    assert creds.client_secret not in caplog.text


def test_random_ids_are_unique_across_blocks_and_forks() -> None:
    source = RandomBlocks(16)
    ids = [source.urlsafe() for _ in range(3 * 256 + 7)]
    source._pid = -1  # as a forked child sees it: the parent's block must not be reused
    ids += [source.urlsafe() for _ in range(10)]
    assert len(set(ids)) == len(ids)
    assert all(len(jti) == 22 for jti in ids)  # 128 bits, base64url without padding
    assert len(RandomBlocks(8).hex()) == 16
