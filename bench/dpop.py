"""Server CPU of a DPoP-protected API call against a Bearer call: ``GET /api/v2/info`` through
the whole ASGI app in-process (middleware, routing, handler), same token-cache state for both.

Proofs cannot be cached (each is new), so the DPoP call pays a proof signature check and a JWK
import per request on top of the cached token lookup; the client's signing of the proofs is done
before the clock starts. CPU time of this thread, best of several batches, printed as µs per
call and the ratio (target: DPoP ≤ 1.5x Bearer). Beside them, in the same batches: the Bearer
call followed by the proof's signature verification alone (``cryptography``'s verify of the
same proofs, key imported beforehand, nothing else). No DPoP implementation can cost less than
that, so ``floor`` is the best ratio possible and ``other`` what the rest of the DPoP path costs
(µs per call). The verify is measured after a real call, not in a tight loop: in a loop it
finds its code and tables in the CPU caches, which a request has evicted.

    python -m bench.dpop [--quick] [--calls N]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.support.client_keys import KeyPair, dpop_proof

from camunda_hub.server.app import create_app
from camunda_hub.server.security.dpop_proof import _b64decode, _proof_key
from camunda_hub.server.settings import Settings

URL = "http://hub/api/v2/info"


def _scope(authorization: str, proof: str | None) -> dict[str, Any]:
    headers = [(b"host", b"hub"), (b"authorization", authorization.encode())]
    if proof is not None:
        headers.append((b"dpop", proof.encode()))
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/api/v2/info",
        "raw_path": b"/api/v2/info",
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("hub", 80),
    }


async def _call(app: Any, scope: dict[str, Any]) -> int:
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def _batch(app: Any, scopes: list[dict[str, Any]]) -> float:
    started = time.thread_time()
    for scope in scopes:
        if await _call(app, scope) != 200:
            raise RuntimeError("a benchmark call was refused")
    return (time.thread_time() - started) / len(scopes)


async def _batch_with_verify(app: Any, scope: dict[str, Any], proofs: list[str]) -> float:
    """CPU per Bearer call followed by one proof signature check (and nothing else)."""
    verify, _ = _proof_key(proofs[0].partition(".")[0])
    inputs = []
    for proof in proofs:
        signing_input, _, signature = proof.rpartition(".")
        inputs.append((signing_input.encode("ascii"), _b64decode(signature)))
    started = time.thread_time()
    for message, signature in inputs:
        if await _call(app, scope) != 200 or not verify(message, signature):
            raise RuntimeError("a benchmark call or proof was refused")
    return (time.thread_time() - started) / len(inputs)


async def run(calls: int, batches: int, pair: KeyPair) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(data_dir=Path(folder), sync_interval=60, access_log=False))
        runtime = app.state.runtime
        await runtime.start()
        try:
            creds = runtime.bootstrap_credentials
            form = (
                f"grant_type=client_credentials&client_id={creds.client.client_id}"
                f"&client_secret={creds.client_secret}"
            )
            import httpx

            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
                headers = {"Content-Type": "application/x-www-form-urlencoded"}
                bearer = (await client.post("/oauth/token", content=form, headers=headers)).json()
                headers["DPoP"] = dpop_proof(pair, "POST", "http://hub/oauth/token")
                bound = (await client.post("/oauth/token", content=form, headers=headers)).json()
            assert bound["token_type"] == "DPoP"
            bearer_scopes = [_scope(f"Bearer {bearer['access_token']}", None)] * calls
            token = bound["access_token"]
            best_bearer = best_dpop = best_verify = float("inf")
            await _call(app, bearer_scopes[0])  # warm the verified-token caches
            await _call(
                app, _scope(f"DPoP {token}", dpop_proof(pair, "GET", URL, access_token=token))
            )
            for _ in range(batches):
                dpop_scopes = [
                    _scope(f"DPoP {token}", dpop_proof(pair, "GET", URL, access_token=token))
                    for _ in range(calls)
                ]
                proofs = [dict(scope["headers"])[b"dpop"].decode() for scope in dpop_scopes]
                best_bearer = min(best_bearer, await _batch(app, bearer_scopes))
                best_dpop = min(best_dpop, await _batch(app, dpop_scopes))
                best_verify = min(
                    best_verify, await _batch_with_verify(app, bearer_scopes[0], proofs)
                )
            return best_bearer, best_dpop, best_verify
        finally:
            await runtime.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds, small batches")
    parser.add_argument("--calls", type=int, default=None)
    args = parser.parse_args()
    calls = args.calls or (200 if args.quick else 2000)
    batches = 3 if args.quick else 5
    print(
        f"{'proof alg':<10}{'Bearer µs/call':>16}{'DPoP µs/call':>14}{'ratio':>8}"
        f"{'Bearer+verify µs':>18}{'floor':>8}{'other µs':>10}"
    )
    for pair in (KeyPair.ec(), KeyPair.ed25519()):
        bearer, dpop, floor = asyncio.run(run(calls, batches, pair))
        print(
            f"{pair.alg:<10}{bearer * 1e6:>16.1f}{dpop * 1e6:>14.1f}{dpop / bearer:>7.2f}x"
            f"{floor * 1e6:>18.1f}{floor / bearer:>7.2f}x{(dpop - floor) * 1e6:>10.1f}"
        )
    print(
        "server CPU per GET /api/v2/info, in-process; target: DPoP ≤ 1.5x Bearer; floor = "
        "(Bearer call + proof signature verify alone) / Bearer call"
    )


if __name__ == "__main__":
    main()
