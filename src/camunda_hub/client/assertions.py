"""Client authentication by a signed JWT (``private_key_jwt``, RFC 7523 §2.2): a fresh
assertion per token request, signed with the client's private key.

Signing needs PyJWT and cryptography, which the light SDK install does not have: they come with
``pip install 'camunda-hub[keys]'`` and are imported only when a key is configured."""

from __future__ import annotations

import secrets
import threading
import time
from pathlib import Path
from typing import Any

from camunda_hub.client.config import CLIENT_PRIVATE_KEY_FILE_VAR, HubConfig
from camunda_hub.client.errors import ConfigurationError

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
# Long enough for a slow network, short enough that a captured assertion is soon useless (it is
# single use on the server anyway).
LIFETIME_SECONDS = 60
EXTRA = "pip install 'camunda-hub[keys]'"

_loaded: dict[tuple[Path, float], tuple[Any, str]] = {}
_lock = threading.Lock()


def assertion_form(config: HubConfig) -> dict[str, str]:
    return {
        "grant_type": "client_credentials",
        "audience": config.audience,
        "client_id": config.client_id,
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": sign(config),
    }


def sign(config: HubConfig, now: float | None = None) -> str:
    jwt = _jwt()
    path = config.client_private_key_file
    if path is None:
        raise ConfigurationError(
            f"no private key configured (set {CLIENT_PRIVATE_KEY_FILE_VAR})",
            variable=CLIENT_PRIVATE_KEY_FILE_VAR,
        )
    key, alg = _key(path)
    issued = int(time.time() if now is None else now)
    claims = {
        "iss": config.client_id,
        "sub": config.client_id,
        # RFC 7523 §3: the token endpoint's URL identifies the server.
        "aud": config.oauth_url,
        "iat": issued,
        "exp": issued + LIFETIME_SECONDS,
        "jti": secrets.token_urlsafe(24),
    }
    headers = {"kid": config.client_key_id} if config.client_key_id else None
    token: str = jwt.encode(claims, key, algorithm=alg, headers=headers)
    return token


def _jwt() -> Any:
    try:
        import cryptography  # noqa: F401
        import jwt
    except ImportError:
        raise ConfigurationError(
            f"signing client assertions needs PyJWT and cryptography: {EXTRA}",
            variable=CLIENT_PRIVATE_KEY_FILE_VAR,
        ) from None
    return jwt


def _key(path: Path) -> tuple[Any, str]:
    """The private key and the algorithm it signs with; reread when the file changes."""
    try:
        stamp = path.stat().st_mtime
    except OSError as exc:
        raise ConfigurationError(
            f"cannot read the private key file {path}: {exc.strerror or exc}",
            variable=CLIENT_PRIVATE_KEY_FILE_VAR,
        ) from None
    with _lock:
        found = _loaded.get((path, stamp))
        if found is None:
            found = _read(path)
            _loaded.clear()
            _loaded[(path, stamp)] = found
    return found


def _read(path: Path) -> tuple[Any, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    problem = f"the private key file {path} is not an unencrypted PEM private key"
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        # The message never quotes the file: it is a private key.
        raise ConfigurationError(problem, variable=CLIENT_PRIVATE_KEY_FILE_VAR) from None
    if isinstance(key, rsa.RSAPrivateKey):
        return key, "RS256"
    if isinstance(key, ec.EllipticCurvePrivateKey):
        by_curve = {"secp256r1": "ES256", "secp384r1": "ES384"}
        if key.curve.name in by_curve:
            return key, by_curve[key.curve.name]
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key, "EdDSA"
    raise ConfigurationError(
        f"the private key in {path} must be RSA, EC P-256/P-384 or Ed25519",
        variable=CLIENT_PRIVATE_KEY_FILE_VAR,
    )
