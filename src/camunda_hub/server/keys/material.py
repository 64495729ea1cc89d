"""Signing key material: generation per algorithm, public JWKs, encryption at rest."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey
PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey


def generate(alg: str) -> PrivateKey:
    if alg == "RS256":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if alg == "ES256":
        return ec.generate_private_key(ec.SECP256R1())
    if alg == "EdDSA":
        return ed25519.Ed25519PrivateKey.generate()
    raise ValueError(f"unsupported signing algorithm {alg!r}")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int_bytes(value: int, length: int | None = None) -> bytes:
    return value.to_bytes(length or (value.bit_length() + 7) // 8, "big")


def public_jwk(key: PrivateKey, alg: str) -> dict[str, str]:
    public = key.public_key()
    jwk: dict[str, str]
    if isinstance(public, rsa.RSAPublicKey):
        numbers = public.public_numbers()
        jwk = {"kty": "RSA", "n": _b64(_int_bytes(numbers.n)), "e": _b64(_int_bytes(numbers.e))}
    elif isinstance(public, ec.EllipticCurvePublicKey):
        point = public.public_numbers()
        jwk = {
            "kty": "EC",
            "crv": "P-256",
            "x": _b64(_int_bytes(point.x, 32)),
            "y": _b64(_int_bytes(point.y, 32)),
        }
    else:
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        jwk = {"kty": "OKP", "crv": "Ed25519", "x": _b64(raw)}
    jwk["kid"] = thumbprint(jwk)
    jwk.update(use="sig", alg=alg)
    return jwk


def thumbprint(jwk: dict[str, str]) -> str:
    """RFC 7638 JWK thumbprint: a kid that is derived from, and so bound to, the public key."""
    required = {
        "RSA": ("e", "kty", "n"),
        "EC": ("crv", "kty", "x", "y"),
        "OKP": ("crv", "kty", "x"),
    }
    members = {name: jwk[name] for name in required[jwk["kty"]]}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
    return _b64(hashlib.sha256(canonical).digest())


def encrypt_private(key: PrivateKey, kek: bytes, kid: str) -> bytes:
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    nonce = os.urandom(12)
    # The kid is authenticated data: a ciphertext copied onto another key's row will not decrypt.
    return nonce + AESGCM(kek).encrypt(nonce, der, kid.encode())


def decrypt_private(blob: bytes, kek: bytes, kid: str) -> PrivateKey:
    der = AESGCM(kek).decrypt(blob[:12], blob[12:], kid.encode())
    key: Any = serialization.load_der_private_key(der, password=None)
    return key
