"""Signature checks of DPoP proofs straight on ``cryptography`` keys, with everything that does
not depend on the proof made once per key: the signature algorithm objects (an ``ECDSA`` and its
hash cost as much to build as a tenth of the verification), the raw-to-DER conversion's sizes.
PyJWT's ``Algorithm.verify`` rebuilds those on every call; the key itself is still imported by
PyJWT (``PyJWK``), which checks the JWK.

A ``Verify`` takes the signing input and the JWS signature (raw ``r || s`` for ECDSA, RFC 7518
§3.4) and says whether it is valid; it raises nothing for a bad signature."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

Verify = Callable[[bytes, bytes], bool]

_EC = {"ES256": (hashes.SHA256, 32), "ES384": (hashes.SHA384, 48)}


def verifier(alg: str, key: Any) -> Verify:
    """The check for ``alg`` with ``key`` (a public key PyJWT imported for that alg)."""
    if alg in _EC and isinstance(key, ec.EllipticCurvePublicKey):
        hash_type, size = _EC[alg]
        return _ecdsa(key, ec.ECDSA(hash_type()), size)
    if alg == "EdDSA" and isinstance(key, ed25519.Ed25519PublicKey):
        return _eddsa(key)
    if alg in ("RS256", "PS256") and isinstance(key, rsa.RSAPublicKey):
        pad: padding.AsymmetricPadding = (
            padding.PKCS1v15()
            if alg == "RS256"
            else padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
        )
        return _rsa(key, pad, hashes.SHA256())
    raise ValueError(f"no {alg} verification for this key")


def _ecdsa(key: ec.EllipticCurvePublicKey, algorithm: ec.ECDSA, size: int) -> Verify:
    verify = key.verify

    def check(message: bytes, signature: bytes) -> bool:
        if len(signature) != 2 * size:
            return False
        der = encode_dss_signature(
            int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
        )
        try:
            verify(der, message, algorithm)
        except InvalidSignature:
            return False
        return True

    return check


def _eddsa(key: ed25519.Ed25519PublicKey) -> Verify:
    verify = key.verify

    def check(message: bytes, signature: bytes) -> bool:
        try:
            verify(signature, message)
        except InvalidSignature:
            return False
        return True

    return check


def _rsa(
    key: rsa.RSAPublicKey, pad: padding.AsymmetricPadding, hash_: hashes.HashAlgorithm
) -> Verify:
    verify = key.verify

    def check(message: bytes, signature: bytes) -> bool:
        try:
            verify(signature, message, pad, hash_)
        except InvalidSignature:
            return False
        return True

    return check
