"""The signing keys this process uses, in memory: one key signs, every published key verifies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.keys import material
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.identity import SigningKey


@dataclass(frozen=True, slots=True, repr=False)
class VerificationKey:
    kid: str
    alg: str
    public_key: material.PublicKey
    jwk: dict[str, str]
    verify_until: datetime | None


@dataclass(frozen=True, slots=True, repr=False)
class ActiveSigningKey:
    kid: str
    alg: str
    private_key: material.PrivateKey

    def __repr__(self) -> str:
        return f"ActiveSigningKey(kid={self.kid!r}, alg={self.alg!r})"


@dataclass
class Keyring:
    signing: ActiveSigningKey | None = None
    verification: dict[str, VerificationKey] = field(default_factory=dict)

    def verification_key(self, kid: str) -> VerificationKey | None:
        key = self.verification.get(kid)
        if key is None:
            return None
        if key.verify_until is not None and key.verify_until <= utcnow():
            return None
        return key

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        now = utcnow()
        return {
            "keys": [
                key.jwk
                for key in self.verification.values()
                if key.verify_until is None or key.verify_until > now
            ]
        }

    async def load(self, session: AsyncSession, kek: bytes) -> None:
        rows = (await session.scalars(select(SigningKey).order_by(SigningKey.created))).all()
        now = utcnow()
        verification: dict[str, VerificationKey] = {}
        signing: ActiveSigningKey | None = None
        for row in rows:
            if row.verify_until is not None and row.verify_until <= now:
                continue
            private = None
            if row.retired is None:
                private = material.decrypt_private(row.private_key_encrypted, kek, row.kid)
                signing = ActiveSigningKey(row.kid, row.alg, private)
            public = (
                private.public_key() if private is not None else _public_from_jwk(row.public_jwk)
            )
            verification[row.kid] = VerificationKey(
                row.kid, row.alg, public, dict(row.public_jwk), row.verify_until
            )
        self.verification = verification
        self.signing = signing


def _public_from_jwk(jwk: dict[str, str]) -> material.PublicKey:
    from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

    data = dict(jwk)
    key: Any
    if data["kty"] == "RSA":
        key = RSAAlgorithm.from_jwk(data)
    elif data["kty"] == "EC":
        key = ECAlgorithm.from_jwk(data)
    else:
        key = OKPAlgorithm.from_jwk(data)
    return key
