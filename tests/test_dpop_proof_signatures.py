"""The proof signature check on every algorithm DPoP accepts (security/proof_signatures.py):
valid proofs pass, a signature of another key, a flipped bit or a truncated one fail — the
proof check's own code, not PyJWT's, so each algorithm is exercised here."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from camunda_hub.server.security.dpop_proof import InvalidProof, ProofChecker
from tests.support.client_keys import KeyPair, dpop_proof

URL = "https://hub.example/api/v2/info"


def _pairs() -> list[KeyPair]:
    rsa = KeyPair.rsa()
    pss = KeyPair(rsa.private, "PS256")
    return [KeyPair.ec(), KeyPair.ec(ec.SECP384R1()), KeyPair.ed25519(), rsa, pss]


def _with_signature(proof: str, signature: bytes) -> str:
    signing_input = proof.rpartition(".")[0]
    return f"{signing_input}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


def _signature(proof: str) -> bytes:
    segment = proof.rpartition(".")[2]
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def test_each_algorithm_verifies_and_refuses_forgeries() -> None:
    checker = ProofChecker()
    for pair in _pairs():
        assert checker.check(dpop_proof(pair, "GET", URL), method="GET", uris=(URL,))
        good = dpop_proof(pair, "GET", URL)
        signature = bytearray(_signature(good))
        signature[len(signature) // 2] ^= 1
        forgeries = [
            _with_signature(good, bytes(signature)),
            _with_signature(good, b""),
            _with_signature(good, _signature(good)[:-1]),
        ]
        if pair.alg == "ES256":
            # Signed by another key, presented with this one's jwk.
            other = dpop_proof(KeyPair.ec(), "GET", URL)
            forgeries.append(_with_signature(good, _signature(other)))
        for forged in forgeries:
            with pytest.raises(InvalidProof) as refused:
                checker.check(forged, method="GET", uris=(URL,))
            assert refused.value.error == "invalid_dpop_proof", pair.alg
