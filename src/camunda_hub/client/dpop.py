"""DPoP on the client side (RFC 9449): an EC P-256 key held in memory only, a fresh proof for
every token request and API call, and the server nonces (§8, §9) it asks for.

One key per token-cache entry (token URL, client id, audience, credential): tokens are shared
by every client object of the process with the same settings, and a DPoP token only works with
the key it was bound to. Needs ``pip install 'camunda-hub[keys]'`` (imported on first use)."""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from camunda_hub.client.errors import ConfigurationError

if TYPE_CHECKING:
    import httpx

DPOP_VAR = "CAMUNDA_HUB_DPOP"
EXTRA = "pip install 'camunda-hub[keys]'"


class DpopKey:
    def __init__(self) -> None:
        try:
            import jwt
            from cryptography.hazmat.primitives.asymmetric import ec
            from jwt.algorithms import ECAlgorithm
        except ImportError:
            raise ConfigurationError(
                f"DPoP needs PyJWT and cryptography: {EXTRA}", variable=DPOP_VAR
            ) from None
        self._jwt = jwt
        self._private = ec.generate_private_key(ec.SECP256R1())
        public: dict[str, Any] = ECAlgorithm.to_jwk(self._private.public_key(), as_dict=True)
        self.public_jwk = {name: public[name] for name in ("kty", "crv", "x", "y")}
        # Server nonces by origin (the token endpoint and the API may be different servers).
        self._nonces: dict[str, str] = {}

    def __repr__(self) -> str:
        return "DpopKey(ES256)"

    def proof(self, method: str, url: str, access_token: str | None = None) -> str:
        parts = urlsplit(url)
        claims: dict[str, Any] = {
            "jti": secrets.token_urlsafe(16),
            "htm": method.upper(),
            # §4.2: without query and fragment.
            "htu": f"{parts.scheme}://{parts.netloc}{parts.path}",
            "iat": int(time.time()),
        }
        if access_token is not None:
            digest = hashlib.sha256(access_token.encode("ascii")).digest()
            claims["ath"] = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        nonce = self._nonces.get(_origin(url))
        if nonce is not None:
            claims["nonce"] = nonce
        headers = {"typ": "dpop+jwt", "jwk": self.public_jwk}
        token: str = self._jwt.encode(claims, self._private, algorithm="ES256", headers=headers)
        return token

    def learned_nonce(self, response: httpx.Response) -> bool:
        """Whether ``response`` asked for a nonce (``use_dpop_nonce``) and gave one: then the
        request is worth sending again with a new proof."""
        nonce = response.headers.get("DPoP-Nonce")
        if nonce is None or response.status_code not in (400, 401):
            return False
        asked = "use_dpop_nonce" in response.headers.get("WWW-Authenticate", "")
        if not asked and response.status_code == 400:
            try:
                asked = response.json().get("error") == "use_dpop_nonce"
            except (ValueError, AttributeError):
                asked = False
        if not asked:
            return False
        origin = _origin(str(response.request.url))
        if self._nonces.get(origin) == nonce:
            return False  # the same nonce again: retrying would loop
        self._nonces[origin] = nonce
        return True


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


_keys: dict[tuple[str, ...], DpopKey] = {}
_keys_lock = threading.Lock()


def key_for(cache_key: tuple[str, ...]) -> DpopKey:
    with _keys_lock:
        key = _keys.get(cache_key)
        if key is None:
            key = _keys[cache_key] = DpopKey()
        return key


def parse_flag(raw: str | None) -> bool:
    if raw is None or not raw.strip():
        return False
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ConfigurationError(f"{DPOP_VAR} must be true or false, got {raw!r}", variable=DPOP_VAR)
