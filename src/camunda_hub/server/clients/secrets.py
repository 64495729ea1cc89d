"""Client ids and secrets: generation, keyed hashing, constant-time checks."""

from __future__ import annotations

import hashlib
import hmac
import secrets

CLIENT_ID_BYTES = 18
SECRET_BYTES = 32  # 256 bits


def new_client_id() -> str:
    return secrets.token_urlsafe(CLIENT_ID_BYTES)


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(pepper: bytes, secret: str) -> str:
    # A keyed fast hash is enough for 256-bit random secrets (no dictionary to guess from), and
    # keeps the token endpoint fast; the pepper makes a stolen database useless on its own.
    return hmac.new(pepper, secret.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def matches(pepper: bytes, secret: str, stored_hash: str | None) -> bool:
    if not stored_hash:
        return False
    return hmac.compare_digest(hash_secret(pepper, secret), stored_hash)
