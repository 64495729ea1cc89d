"""How many signatures one core makes with a signing algorithm's key alone (OpenSSL through
``cryptography``, no HTTP, no JSON): the ceiling of any token endpoint on that core, whatever
language it is written in.

Run as ``python -m bench.signing ALG SECONDS`` (pinned by the caller); prints signatures/s."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from bench.context import BenchContext
from bench.procs import ProcessFailed, pinned, run_bounded

# The size of a camunda-hub JWT signing input (header.claims), so hashing costs the same.
_MESSAGE = b"x" * 620


def signer(alg: str) -> Callable[[], bytes]:
    """A call that makes one signature of a token-sized input, with a key of ``alg`` made once."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

    if alg == "RS256":
        rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return lambda: rsa_key.sign(_MESSAGE, padding.PKCS1v15(), hashes.SHA256())
    if alg == "ES256":
        ec_key = ec.generate_private_key(ec.SECP256R1())
        return lambda: ec_key.sign(_MESSAGE, ec.ECDSA(hashes.SHA256()))
    ed_key = ed25519.Ed25519PrivateKey.generate()
    return lambda: ed_key.sign(_MESSAGE)


def signatures_per_second(alg: str, seconds: float) -> float:
    sign = signer(alg)
    count = 0
    started = time.process_time()
    while (elapsed := time.process_time() - started) < seconds:
        for _ in range(20):
            sign()
        count += 20
    return count / elapsed


def ceiling(ctx: BenchContext, alg: str, seconds: float = 2.0) -> float:
    """Signatures per CPU-second on the server core, measured in a process of its own."""
    argv = pinned(ctx.server_core, [sys.executable, "-m", "bench.signing", alg, str(seconds)])
    ctx.record(argv)
    result = run_bounded(argv, timeout=seconds + 30)
    if result.returncode != 0:
        raise ProcessFailed(f"signing ceiling failed: {result.stderr[-500:]}")
    return float(result.stdout.strip())


if __name__ == "__main__":
    print(f"{signatures_per_second(sys.argv[1], float(sys.argv[2])):.1f}")
