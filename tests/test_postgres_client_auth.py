"""Client authentication state across two server processes on one PostgreSQL database: a client
assertion accepted by one process is refused by the other, and a token revoked on one is
refused by the other within its sync interval."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.support.client_keys import KeyPair, assertion_form, create_key_client
from tests.support.postgres import PostgresCluster, server_env
from tests.support.server import HubServer

pytestmark = pytest.mark.postgres

ISSUER = "http://hub.test"


def test_assertions_and_revocations_hold_across_processes(
    postgres: PostgresCluster, tmp_path: Path
) -> None:
    env = {**server_env(postgres.create_database("assertions")), "CAMUNDA_HUB_ISSUER": ISSUER}
    pair = KeyPair.ec()
    with (
        HubServer(tmp_path / "a", env=env) as first,
        HubServer(tmp_path / "b", env=env) as second,
    ):
        client_id = create_key_client(
            first.data_dir,
            env["CAMUNDA_HUB_DATABASE_URL"],
            pair.public_pem(),
            env["CAMUNDA_HUB_SECRET_KEY"],
        )
        servers = (first, second)
        for server in servers:  # both learn about the client through the change feed
            deadline = time.monotonic() + 10
            while True:
                form = assertion_form(pair.assertion(client_id, ISSUER), client_id)
                if httpx.post(server.token_url, data=form, timeout=30).status_code == 200:
                    break
                assert time.monotonic() < deadline, "the server did not learn about the client"
                time.sleep(0.05)
        # Sequential: accepted by one, refused by the other.
        once = assertion_form(pair.assertion(client_id, f"{ISSUER}/oauth/token"), client_id)
        assert httpx.post(first.token_url, data=once, timeout=30).status_code == 200
        refused = httpx.post(second.token_url, data=once, timeout=30)
        assert refused.status_code == 401
        assert refused.json()["error"] == "invalid_client"
        # Racing: of the same assertion sent to both at once, exactly one gets a token.
        for _ in range(5):
            racing = assertion_form(pair.assertion(client_id, ISSUER), client_id)
            with ThreadPoolExecutor(2) as pool:
                statuses = sorted(
                    pool.map(
                        lambda s, form=racing: (
                            httpx.post(s.token_url, data=form, timeout=30).status_code
                        ),
                        servers,
                    )
                )
            assert statuses == [200, 401]
        # RFC 7009: revoked on the first process, refused on both.
        token_form = assertion_form(pair.assertion(client_id, ISSUER), client_id)
        token = httpx.post(first.token_url, data=token_form, timeout=30).json()["access_token"]
        bearer = {"Authorization": f"Bearer {token}"}
        assert httpx.get(f"{second.url}/api/v2/info", headers=bearer, timeout=30).status_code == 200
        revoke = {**assertion_form(pair.assertion(client_id, ISSUER), client_id), "token": token}
        del revoke["grant_type"]
        assert httpx.post(f"{first.url}/oauth/revoke", data=revoke, timeout=30).status_code == 200
        assert httpx.get(f"{first.url}/api/v2/info", headers=bearer, timeout=30).status_code == 401
        assert second.wait_until_refused(token).status_code == 401
