"""Client secrets and access tokens never reach a log, CLI stderr, an error body or a repr.

One server session does everything that handles secrets — successful and failing token
requests (with secrets in the wrong fields, in the URL, via Basic), bearer calls with good and
damaged tokens, rotation, deletion — then everything it printed is searched for them. The only
allowed appearance is the deliberate one-time bootstrap banner."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx

from tests.support.server import AUDIENCE, Credentials, HubServer

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_no_secret_or_token_in_server_output_cli_stderr_or_error_bodies(tmp_path: Path) -> None:
    server = HubServer(tmp_path)
    secrets: list[str] = []
    tokens: list[str] = []
    stderr: list[str] = []
    error_bodies: list[str] = []

    def remember(response: httpx.Response) -> httpx.Response:
        if response.status_code >= 400:
            error_bodies.append(response.text)
        return response

    with server:
        exports = server.bootstrap_exports()
        secrets.append(exports["CAMUNDA_HUB_CLIENT_SECRET"])

        created = server.cli("clients", "create", "--name", "a", "-p", "read", "--json")
        stderr.append(created.stderr)
        a = Credentials(**json.loads(created.stdout))
        text = server.cli("clients", "create", "--name", "b", "-p", "read", "-p", "create")
        stderr.append(text.stderr)
        b_id = text.stdout.split("client_id:")[1].split()[0]
        b = Credentials(b_id, text.stdout.split("client_secret:")[1].split()[0])
        secrets += [a.client_secret, b.client_secret]
        server.wait_for_client(a)
        server.wait_for_client(b)

        with httpx.Client(base_url=server.url, timeout=30) as http:
            good = {"grant_type": "client_credentials", "audience": AUDIENCE}
            tokens.append(server.token(a))
            basic = base64.b64encode(f"{b.client_id}:{b.client_secret}".encode()).decode()
            response = http.post(
                "/oauth/token",
                content=urlencode(good),
                headers={**FORM, "Authorization": f"Basic {basic}"},
            )
            tokens.append(response.json()["access_token"])
            # Secrets in the wrong places: the id field, the audience, the scope, a second copy,
            # the URL, Basic with id and secret swapped.
            for fields in (
                {**good, "client_id": a.client_secret, "client_secret": a.client_id},
                {
                    **good,
                    "client_id": a.client_id,
                    "client_secret": "wrong",
                    "audience": a.client_secret,
                },
                {
                    **good,
                    "client_id": a.client_id,
                    "client_secret": a.client_secret,
                    "scope": a.client_secret,
                },
                {
                    **good,
                    "client_id": a.client_id,
                    "client_secret": a.client_secret,
                    "resource": b.client_secret,
                },
                {
                    "grant_type": "password",
                    "client_id": a.client_id,
                    "client_secret": a.client_secret,
                },
            ):
                remember(http.post("/oauth/token", content=urlencode(fields), headers=FORM))
            remember(
                http.post(
                    "/oauth/token",
                    content=urlencode(good)
                    + "&"
                    + urlencode({"client_secret": a.client_secret}) * 2,
                    headers=FORM,
                )
            )
            remember(
                http.post(
                    "/oauth/token?"
                    + urlencode({"client_id": a.client_id, "client_secret": a.client_secret}),
                    content=urlencode(good),
                    headers=FORM,
                )
            )
            swapped = base64.b64encode(f"{b.client_secret}:{b.client_id}".encode()).decode()
            remember(
                http.post(
                    "/oauth/token",
                    content=urlencode(good),
                    headers={**FORM, "Authorization": f"Basic {swapped}"},
                )
            )
            remember(
                http.post("/oauth/token", content=json.dumps({"client_secret": a.client_secret}))
            )

            # Bearer calls: good, damaged, a secret as token, a token in the URL.
            assert (
                http.get(
                    "/api/v2/info", headers={"Authorization": f"Bearer {tokens[0]}"}
                ).status_code
                == 200
            )
            remember(http.get("/api/v2/info", headers={"Authorization": f"Bearer {tokens[0]}x"}))
            remember(
                http.get("/api/v2/info", headers={"Authorization": f"Bearer {a.client_secret}"})
            )
            remember(http.get("/api/v2/info", headers={"Authorization": f"Basic {basic}"}))
            remember(http.get("/api/v2/info?" + urlencode({"access_token": tokens[1]})))
            remember(
                http.post(
                    "/api/v2/workspaces",
                    headers={"Authorization": f"Bearer {tokens[0]}"},
                    json={"name": "x"},
                )
            )

        rotated = server.cli("clients", "rotate-secret", a.client_id, "--json")
        stderr.append(rotated.stderr)
        secrets.append(json.loads(rotated.stdout)["client_secret"])
        # The rotation reached the server: its old token is refused (and that was logged).
        assert server.wait_until_refused(tokens[0]).status_code == 401

    output = server.output
    banner_line = f"export CAMUNDA_HUB_CLIENT_SECRET={secrets[0]}\n"
    assert output.count(banner_line) == 1, "the bootstrap banner prints the secret exactly once"
    logged = output.replace(banner_line, "")
    assert "token request refused" in logged, "the refusals above were logged (searched below)"
    for secret in secrets:
        assert secret not in logged
        assert all(secret not in text for text in stderr)
        assert all(secret not in body for body in error_bodies)
    for token in tokens:
        assert token not in logged
        # The signature alone would also be a leak of the usable part of the token.
        assert token.rsplit(".", 1)[1] not in logged
        assert all(token not in body for body in error_bodies)


def test_reprs_hide_secrets() -> None:
    from camunda_hub.server.api_clients.registry import ClientEntry
    from camunda_hub.server.keys import material
    from camunda_hub.server.keys.deployment_secret import DeploymentSecret
    from camunda_hub.server.keys.keyring import ActiveSigningKey
    from camunda_hub.server.oauth.minting import MintedToken
    from camunda_hub.server.oauth.token_request import TokenRequest
    from camunda_hub.server.settings import Settings

    secret = "s3cr3t-" + "x" * 40
    entry = ClientEntry(
        "id", "org", "name", "hash-" + secret, "old-" + secret, datetime.now(UTC), ("read",), 1, 1
    )
    request = TokenRequest({"client_secret": secret}, (), "id", secret)
    key = ActiveSigningKey("kid", "ES256", material.generate("ES256"))
    settings = Settings(secret_key=secret)
    for thing in (
        entry,
        request,
        key,
        DeploymentSecret(secret.encode()),
        MintedToken(secret, 300, "read:*"),
        settings,
    ):
        assert secret not in repr(thing), type(thing)
        assert secret not in str(thing), type(thing)
