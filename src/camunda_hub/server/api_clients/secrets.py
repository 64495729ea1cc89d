"""Client ids and secrets: generation, keyed hashing, constant-time checks."""

from __future__ import annotations

import hmac
import secrets
import string

CLIENT_ID_LENGTH = 24  # ≈ 143 bits
SECRET_BYTES = 32  # 256 bits
# Letters and digits only: an id is a command-line argument (`clients delete ID`), and a
# base64url id may start with "-", which every CLI parser reads as an option.
_ID_ALPHABET = string.ascii_letters + string.digits


def new_client_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(CLIENT_ID_LENGTH))


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(pepper: bytes, secret: str) -> str:
    # A keyed fast hash is enough for 256-bit random secrets (no dictionary to guess from), and
    # keeps the token endpoint fast; the pepper makes a stolen database useless on its own.
    # hmac.digest: OpenSSL's one-shot HMAC, without building an HMAC object per call.
    return hmac.digest(pepper, secret.encode("utf-8", "surrogatepass"), "sha256").hex()


def matches(pepper: bytes, secret: str, stored_hash: str | None) -> bool:
    if not stored_hash:
        return False
    return hmac.compare_digest(hash_secret(pepper, secret), stored_hash)
