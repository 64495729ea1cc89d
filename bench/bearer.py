"""The bearer check in-process: CPU time of ``BearerVerifier.verify_header`` for a token seen
before (the verified-claims cache answers) and for a new token (signature and claims checked),
per signing algorithm. CPU time of this thread, best of several batches, so other processes on
the machine barely move it."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from bench.context import BenchContext
from bench.report import Row
from camunda_hub.server.api_clients.registry import ClientEntry, ClientRegistry
from camunda_hub.server.keys import material
from camunda_hub.server.keys.keyring import ActiveSigningKey, Keyring, VerificationKey
from camunda_hub.server.metrics import Metrics
from camunda_hub.server.oauth.minting import mint
from camunda_hub.server.security.bearer import BearerVerifier
from camunda_hub.server.settings import Settings

ISSUER = "http://127.0.0.1:8088"
AUDIENCE = "api.cloud.camunda.io"
ALGORITHMS = ("RS256", "ES256", "EdDSA")


def _verifier(alg: str) -> tuple[BearerVerifier, Callable[[], str]]:
    settings = Settings(signing_alg=alg, audiences=[AUDIENCE])
    private = material.generate(alg)
    jwk = material.public_jwk(private, alg)
    keyring = Keyring()
    keyring.signing = ActiveSigningKey(jwk["kid"], alg, private)
    keyring.verification = {
        jwk["kid"]: VerificationKey(jwk["kid"], alg, private.public_key(), jwk, None)
    }
    clients = ClientRegistry()
    client = ClientEntry(
        client_id="bench-client",
        organization_id="bench-org",
        name="bench",
        secret_hash="0" * 64,
        previous_secret_hash=None,
        previous_secret_expires=None,
        permissions=("create", "read", "update", "delete"),
        generation=1,
        min_token_generation=0,
    )
    clients.put(client)
    verifier = BearerVerifier(settings, ISSUER, keyring, clients, Metrics())

    def new_token() -> str:
        return mint(
            keyring=keyring,
            issuer=ISSUER,
            client=client,
            audience=AUDIENCE,
            permissions=list(client.permissions),
            lifetime=300,
        ).access_token

    return verifier, new_token


def _checker(verifier: BearerVerifier, header: Callable[[], str]) -> Callable[[], None]:
    def check() -> None:
        verifier.verify_header(header())

    return check


def _best_cpu_us(work: Callable[[], None], count: int, batches: int) -> float:
    best = float("inf")
    for _ in range(batches):
        started = time.thread_time()
        for _ in range(count):
            work()
        best = min(best, time.thread_time() - started)
    return best / count * 1e6


def run(ctx: BenchContext) -> list[Row]:
    count, batches = (50, 2) if ctx.smoke else (400, 5)
    rows = []
    for alg in ALGORITHMS:
        ctx.progress(f"bearer check in-process ({alg})")
        verifier, new_token = _verifier(alg)
        header = f"Bearer {new_token()}"
        verifier.verify_header(header)
        fresh = iter([f"Bearer {new_token()}" for _ in range(count * batches)])
        hit = _best_cpu_us(
            _checker(verifier, itertools.repeat(header).__next__), count * 10, batches
        )
        miss = _best_cpu_us(_checker(verifier, fresh.__next__), count, batches)
        rows.append(
            Row(
                "Bearer check",
                f"{alg}: verify_header, CPU per call",
                f"cached token {hit:.1f} µs; new token {miss:.0f} µs",
            )
        )
    return rows
