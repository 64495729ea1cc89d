"""Signing-key rotation over real processes: ``keys rotate`` while a server runs, and restarts with
another ``--signing-alg``. Earlier tokens keep verifying until they expire; JWKS publishes every
key that may still verify."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import jwt

from tests.support.server import Credentials, HubServer

# Short, so the wait for expiry stays short, but long enough for the `keys rotate` CLI and the
# checks before it expires on a busy machine (10 s, the smallest allowed, ran out at load 10).
LIFETIME = 20


def kid_of(token: str) -> str:
    return str(jwt.get_unverified_header(token)["kid"])


def alg_of(token: str) -> str:
    return str(jwt.get_unverified_header(token)["alg"])


def info(server: HubServer, token: str) -> httpx.Response:
    return httpx.get(
        f"{server.url}/api/v2/info", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def jwks_kids(server: HubServer) -> set[str]:
    return {key["kid"] for key in httpx.get(f"{server.url}/.well-known/jwks.json").json()["keys"]}


def wait_for(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def test_keys_rotate_keeps_old_tokens_valid_until_they_expire(tmp_path: Path) -> None:
    # Env, not flags, so the CLI's rotation uses the same lifetime and leeway as the server.
    env = {"CAMUNDA_HUB_TOKEN_LIFETIME": str(LIFETIME), "CAMUNDA_HUB_CLOCK_SKEW": "0"}
    with HubServer(tmp_path, env=env) as server:
        creds = server.create_client_in_process("read")
        used = server.token(creds)
        assert info(server, used).status_code == 200  # now in the verified-token cache
        unused = server.token(creds)
        old_kid = kid_of(used)
        assert jwks_kids(server) == {old_kid}

        output = server.cli("keys", "rotate").stdout
        match = re.search(r"new signing key (\S+) \(ES256\)", output)
        assert match, output
        new_kid = match.group(1)
        assert new_kid != old_kid

        wait_for(lambda: kid_of(server.token(creds)) == new_kid, 10, "the new key to sign")
        assert jwks_kids(server) == {old_kid, new_kid}
        fresh = server.token(creds)
        assert info(server, fresh).status_code == 200
        # Old tokens, cached or verified for the first time now, still pass.
        assert info(server, used).status_code == 200
        assert info(server, unused).status_code == 200

        expires = jwt.decode(used, options={"verify_signature": False})["exp"]
        time.sleep(max(0.0, expires + 1 - time.time()))
        for token in (used, unused):
            refused = info(server, token)
            assert refused.status_code == 401
            assert 'error="invalid_token"' in refused.headers["www-authenticate"]
            assert "expired" in refused.json()["detail"]
        # The retired key leaves the JWKS once every token it signed has expired.
        wait_for(lambda: jwks_kids(server) == {new_kid}, 15, "the old key to leave the JWKS")
        assert info(server, server.token(creds)).status_code == 200


def test_restart_with_another_signing_alg_accepts_earlier_tokens(tmp_path: Path) -> None:
    tokens: dict[str, str] = {}
    creds: Credentials | None = None
    for alg in ("ES256", "RS256", "EdDSA"):
        # A fixed issuer: each start listens on another free port, and the issuer defaults to it.
        args = ["--signing-alg", alg, "--issuer", "http://hub.example"]
        with HubServer(tmp_path, args=args) as server:
            if creds is None:
                creds = server.create_client_in_process("read")
            for earlier_alg, earlier in tokens.items():
                response = info(server, earlier)
                assert response.status_code == 200, (alg, earlier_alg, response.text)
            token = server.token(creds)
            assert alg_of(token) == alg
            assert info(server, token).status_code == 200
            tokens[alg] = token
            published = httpx.get(f"{server.url}/.well-known/jwks.json").json()["keys"]
            assert {key["alg"] for key in published} == set(tokens)
            metadata = httpx.get(f"{server.url}/.well-known/openid-configuration").json()
            assert set(metadata["access_token_signing_alg_values_supported"]) == set(tokens)
            if alg == "RS256":
                # Without --signing-alg, a rotation keeps the algorithm in use.
                assert "(RS256)" in server.cli("keys", "rotate").stdout

                def rotated(server: HubServer = server, creds: Credentials = creds) -> bool:
                    newest = server.token(creds)
                    return alg_of(newest) == "RS256" and kid_of(newest) != kid_of(tokens["RS256"])

                wait_for(rotated, 10, "the rotated RS256 key")


def test_keys_rotate_to_another_alg_while_running(tmp_path: Path) -> None:
    with HubServer(tmp_path) as server:
        creds = server.create_client_in_process("read")
        before = server.token(creds)
        assert "(EdDSA)" in server.cli("keys", "rotate", "--signing-alg", "EdDSA").stdout
        wait_for(lambda: alg_of(server.token(creds)) == "EdDSA", 10, "EdDSA signing")
        assert info(server, before).status_code == 200
        assert info(server, server.token(creds)).status_code == 200
        refused = server.cli("keys", "rotate", "--signing-alg", "HS256", check=False)
        assert refused.returncode == 2
        assert refused.stderr.startswith("error: ") and refused.stderr.count("\n") == 1
        assert "Traceback" not in refused.stderr


def test_a_key_rotated_elsewhere_is_accepted_before_the_next_sync(tmp_path: Path) -> None:
    """Two servers on one database. ``fast`` syncs often and signs with a rotated key at once;
    ``slow`` would learn of the key only at its next sync (a minute away) but looks it up when
    a token names it."""
    fast = HubServer(tmp_path, args=["--issuer", "http://hub.example"])
    slow = HubServer(
        tmp_path,
        args=["--issuer", "http://hub.example"],
        env={"CAMUNDA_HUB_SYNC_INTERVAL": "60"},
    )
    with fast, slow:
        creds = fast.create_client_in_process("read")
        before = fast.token(creds)
        new_kid = fast.cli("keys", "rotate").stdout.split()[3]
        wait_for(lambda: kid_of(fast.token(creds)) == new_kid, 10, "the new key to sign")
        assert new_kid not in jwks_kids(slow)
        rotated = fast.token(creds)
        assert info(slow, rotated).status_code == 200
        assert info(slow, before).status_code == 200
        assert new_kid in jwks_kids(slow)
