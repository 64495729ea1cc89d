"""Key pairs and client assertions (RFC 7523) for the private_key_jwt tests."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


@dataclass
class KeyPair:
    private: Any
    alg: str

    @classmethod
    def ec(cls, curve: ec.EllipticCurve | None = None) -> KeyPair:
        chosen = curve or ec.SECP256R1()
        alg = "ES384" if isinstance(chosen, ec.SECP384R1) else "ES256"
        return cls(ec.generate_private_key(chosen), alg)

    @classmethod
    def rsa(cls, bits: int = 2048) -> KeyPair:
        return cls(rsa.generate_private_key(public_exponent=65537, key_size=bits), "RS256")

    @classmethod
    def ed25519(cls) -> KeyPair:
        return cls(ed25519.Ed25519PrivateKey.generate(), "EdDSA")

    def public_pem(self) -> str:
        return (
            self.private.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )

    def private_pem(self) -> str:
        return self.private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()

    def public_jwk(self, **extra: str) -> dict[str, Any]:
        public = self.private.public_key()
        if isinstance(public, rsa.RSAPublicKey):
            jwk = RSAAlgorithm.to_jwk(public, as_dict=True)
        elif isinstance(public, ec.EllipticCurvePublicKey):
            jwk = ECAlgorithm.to_jwk(public, as_dict=True)
        else:
            jwk = OKPAlgorithm.to_jwk(public, as_dict=True)
        return {**jwk, **extra}

    def public_jwk_text(self, **extra: str) -> str:
        return json.dumps(self.public_jwk(**extra))

    def assertion(
        self,
        client_id: str,
        audience: str,
        *,
        lifetime: int = 60,
        headers: dict[str, Any] | None = None,
        **claims: Any,
    ) -> str:
        now = int(time.time())
        body: dict[str, Any] = {
            "iss": client_id,
            "sub": client_id,
            "aud": audience,
            "iat": now,
            "exp": now + lifetime,
            "jti": secrets.token_urlsafe(16),
            **claims,
        }
        body = {name: value for name, value in body.items() if value is not None}
        return jwt.encode(body, self.private, algorithm=self.alg, headers=headers)


def assertion_form(assertion: str, client_id: str | None = None, **extra: str) -> dict[str, str]:
    form = {
        "grant_type": "client_credentials",
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": assertion,
        **extra,
    }
    if client_id is not None:
        form["client_id"] = client_id
    return form


def create_key_client(
    data_dir: Any, database_url: str | None, key_text: str, secret_key: str | None = None
) -> str:
    """A key-only client (read permission) through the service layer, in this process: no CLI
    start-up, for tests where the CLI is not what is being tested."""
    import asyncio

    from camunda_hub.server.services import client_keys, organizations
    from camunda_hub.server.settings import Settings
    from camunda_hub.server.store.open import open_store

    settings = Settings(data_dir=data_dir, database_url=database_url, secret_key=secret_key)

    async def create() -> str:
        store = await open_store(settings)
        try:
            async with store.db.transaction() as session:
                org = await organizations.resolve(session, None, actor="tests")
                client = await client_keys.create_with_keys(
                    session,
                    organization_id=org.id,
                    name="keyed",
                    permissions=["read"],
                    key_text=key_text,
                    actor="tests",
                )
                return client.client_id
        finally:
            await store.close()

    return asyncio.run(create())


def dpop_proof(
    pair: KeyPair,
    method: str,
    url: str,
    *,
    access_token: str | None = None,
    nonce: str | None = None,
    headers: dict[str, Any] | None = None,
    **claims: Any,
) -> str:
    """A DPoP proof (RFC 9449 §4.2) signed with ``pair``."""
    import base64
    import hashlib

    body: dict[str, Any] = {
        "jti": secrets.token_urlsafe(16),
        "htm": method,
        "htu": url,
        "iat": int(time.time()),
    }
    if access_token is not None:
        digest = hashlib.sha256(access_token.encode()).digest()
        body["ath"] = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    if nonce is not None:
        body["nonce"] = nonce
    body.update(claims)
    body = {name: value for name, value in body.items() if value is not None}
    header = {"typ": "dpop+jwt", "jwk": pair.public_jwk(), **(headers or {})}
    return jwt.encode(body, pair.private, algorithm=pair.alg, headers=header)
