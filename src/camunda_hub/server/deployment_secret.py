"""The one deployment secret, and the keys derived from it.

Every process of a deployment is given the same secret (``CAMUNDA_HUB_SECRET_KEY`` or a key
file). From it we derive, with HKDF, the key-encryption key that protects private signing keys
at rest and the pepper of the client-secret hashes. A check value stored in the database makes a
wrong or lost secret a clear startup error instead of silently unusable data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from camunda_hub.server.settings import Settings

SECRET_FILE_NAME = "secret.key"
MIN_SECRET_BYTES = 32


class DeploymentSecretError(RuntimeError):
    pass


@dataclass(frozen=True, repr=False)
class DeploymentSecret:
    raw: bytes

    def __repr__(self) -> str:
        return "DeploymentSecret(<redacted>)"

    def derive(self, purpose: str) -> bytes:
        return HKDF(
            algorithm=hashes.SHA256(), length=32, salt=b"camunda-hub", info=purpose.encode()
        ).derive(self.raw)

    @property
    def key_encryption_key(self) -> bytes:
        return self.derive("key-encryption-key/v1")

    @property
    def client_secret_pepper(self) -> bytes:
        return self.derive("client-secret-pepper/v1")

    def check_value(self) -> str:
        """A value that identifies the secret without revealing it (stored in the database)."""
        return hmac.new(self.derive("check/v1"), b"camunda-hub", hashlib.sha256).hexdigest()


def _decode(text: str, origin: str) -> bytes:
    text = text.strip()
    if not text:
        raise DeploymentSecretError(f"the deployment secret from {origin} is empty")
    raw = text.encode()
    if len(raw) < MIN_SECRET_BYTES:
        raise DeploymentSecretError(
            f"the deployment secret from {origin} is too short: use at least "
            f"{MIN_SECRET_BYTES} characters (e.g. `python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'`)"
        )
    return raw


def generate_secret_text() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(48)).decode().rstrip("=")


def load(settings: Settings, *, may_create: bool) -> tuple[DeploymentSecret, bool]:
    """Return the deployment secret and whether it was just generated.

    Only the embedded mode generates one (into ``<data-dir>/secret.key``, mode 0600), and only
    when the caller says the database is still empty (``may_create``).
    """
    if settings.secret_key is not None:
        return DeploymentSecret(
            _decode(settings.secret_key.get_secret_value(), "CAMUNDA_HUB_SECRET_KEY")
        ), False
    path = settings.secret_key_file or settings.data_dir / SECRET_FILE_NAME
    if path.exists():
        try:
            text = path.read_text()
        except OSError as exc:
            raise DeploymentSecretError(
                f"cannot read the secret key file {path}: {exc.strerror}"
            ) from None
        return DeploymentSecret(_decode(text, str(path))), False
    if settings.secret_key_file is not None:
        raise DeploymentSecretError(f"the secret key file {path} does not exist")
    if not settings.embedded:
        raise DeploymentSecretError(
            "no deployment secret: set CAMUNDA_HUB_SECRET_KEY or --secret-key-file "
            "(every process of a deployment needs the same one)"
        )
    if not may_create:
        raise DeploymentSecretError(
            f"the deployment secret {path} is missing but the database already holds keys and "
            "clients protected by it; restore the file (or set CAMUNDA_HUB_SECRET_KEY)"
        )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = generate_secret_text()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text + "\n")
    return DeploymentSecret(text.encode()), True
