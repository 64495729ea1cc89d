"""DPoP proofs (RFC 9449): checking the ``DPoP`` header of a token request (§4.3, §5) and of an
API call with a DPoP-bound token (§7), and the optional server nonces (§8, §9).

A proof is a JWT the client signs per request with the private half of the public key it embeds
(``jwk``): it names the request (``htm``, ``htu``), when it was made (``iat``), a unique ``jti``
and, on API calls, the hash of the access token (``ath``). A token minted with a proof carries
that key's RFC 7638 thumbprint as ``cnf.jkt``, so a stolen token is useless without the key.

Replay (§11.1): ``jti``s are remembered per process for the proof window. A captured proof can
only repeat the very request it was made for (same method, URL and token) within that minute,
and only on another process; sharing the cache through the database would put a write on every
API call. Deployments that want a hard guarantee turn on nonces, which bound a proof to a
server-issued value."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import json
import time
from collections import OrderedDict
from typing import Any
from urllib.parse import urlsplit

import jwt
from starlette.types import Scope

from camunda_hub.server.keys.material import thumbprint
from camunda_hub.server.security.proof_signatures import Verify, verifier

TYP = "dpop+jwt"
# Asymmetric only (§4.2: never "none" nor a MAC).
ALGS = ("ES256", "ES384", "EdDSA", "RS256", "PS256")
ALGS_HEADER = " ".join(ALGS)
# How far a proof's iat may be from our clock (either way), in seconds.
PROOF_WINDOW = 60
NONCE_PERIOD = 300
_MAX_PROOF_CHARS = 4096
_MAX_SEEN = 100_000
_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "k", "oth")
_KTY_OF = {"ES256": "EC", "ES384": "EC", "EdDSA": "OKP", "RS256": "RSA", "PS256": "RSA"}


class InvalidProof(Exception):
    """``error`` is ``invalid_dpop_proof`` or ``use_dpop_nonce``."""

    def __init__(self, description: str, error: str = "invalid_dpop_proof") -> None:
        super().__init__(description)
        self.error = error
        self.description = description


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@functools.lru_cache(maxsize=4096)  # a token comes with many proofs
def token_hash(access_token: str) -> str:
    """``ath`` (§4.2): base64url SHA-256 of the token's ASCII."""
    return b64(hashlib.sha256(access_token.encode("ascii")).digest())


@functools.lru_cache(maxsize=1024)
def normalized_uri(uri: str) -> str | None:
    """§4.3 item 9: scheme and host case-insensitive, default port dropped, no query or
    fragment."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in ("http", "https") or not host:
        return None
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[scheme]
    netloc = host if port in (None, default) else f"{host}:{port}"
    return f"{scheme}://{netloc}{parts.path or '/'}"


class Nonces:
    """Stateless server nonces: an HMAC of the current period, so every process issues and
    accepts the same ones without sharing anything but the deployment secret."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def current(self, now: float | None = None) -> str:
        return self._for(int((time.time() if now is None else now) // NONCE_PERIOD))

    def valid(self, nonce: object, now: float | None = None) -> bool:
        if not isinstance(nonce, str):
            return False
        period = int((time.time() if now is None else now) // NONCE_PERIOD)
        # This period's and the previous one's: a nonce handed out just before the turn works.
        return any(hmac.compare_digest(nonce, self._for(p)) for p in (period, period - 1))

    def _for(self, period: int) -> str:
        return b64(hmac.digest(self._key, f"dpop-nonce:{period}".encode(), "sha256")[:18])


class ProofChecker:
    def __init__(self, nonces: Nonces | None = None) -> None:
        self.nonces = nonces
        self._seen: OrderedDict[str, float] = OrderedDict()

    def check(
        self,
        proof: str,
        *,
        method: str,
        uris: tuple[str, ...],
        access_token: str | None = None,
        now: float | None = None,
    ) -> str:
        """The proof key's thumbprint (``jkt``), once every check of §4.3 passed."""
        now = time.time() if now is None else now
        if len(proof) > _MAX_PROOF_CHARS:
            raise InvalidProof("the DPoP proof is too long")
        header_segment, _, rest = proof.partition(".")
        payload_segment, _, signature_segment = rest.partition(".")
        verify, digest = _proof_key(header_segment)
        try:
            signing_input = proof[: len(header_segment) + 1 + len(payload_segment)]
            signed = verify(signing_input.encode("ascii"), _b64decode(signature_segment))
            # Decoded to str first: json.loads on bytes sniffs the encoding, a few µs a proof.
            claims: dict[str, Any] = json.loads(_b64decode(payload_segment).decode("utf-8"))
        except (ValueError, TypeError, UnicodeError):
            raise InvalidProof("the DPoP proof is not a well-formed JWT") from None
        if not signed:
            raise InvalidProof("the DPoP proof's signature is invalid")
        if not isinstance(claims, dict) or any(
            name not in claims for name in ("iat", "jti", "htm", "htu")
        ):
            raise InvalidProof("the DPoP proof lacks one of iat, jti, htm, htu")
        if claims["htm"] != method:
            raise InvalidProof("the DPoP proof is for another HTTP method (htm)")
        htu = normalized_uri(claims["htu"]) if isinstance(claims["htu"], str) else None
        if htu is None or htu not in {normalized_uri(uri) for uri in uris}:
            raise InvalidProof("the DPoP proof is for another URL (htu)")
        iat = claims["iat"]
        if not isinstance(iat, int | float) or abs(now - iat) > PROOF_WINDOW:
            raise InvalidProof("the DPoP proof is too old or from the future (iat)")
        if access_token is not None and claims.get("ath") != token_hash(access_token):
            raise InvalidProof("the DPoP proof is for another access token (ath)")
        if self.nonces is not None and not self.nonces.valid(claims.get("nonce"), now):
            raise InvalidProof("a DPoP nonce from this server is required", "use_dpop_nonce")
        jti = claims["jti"]
        if not isinstance(jti, str) or not jti or len(jti) > 255:
            raise InvalidProof("the DPoP proof's jti is invalid")
        self._first_use(f"{digest}:{jti}", now)
        return digest

    def _first_use(self, key: str, now: float) -> None:
        seen = self._seen
        # Oldest first: drop entries past the window (either side), then bound the size.
        while seen:
            oldest_key, seen_at = next(iter(seen.items()))
            if seen_at >= now - 2 * PROOF_WINDOW and len(seen) < _MAX_SEEN:
                break
            del seen[oldest_key]
        if key in seen:
            raise InvalidProof("the DPoP proof was used before (jti)")
        seen[key] = now


def _b64decode(segment: str) -> bytes:
    # Strict: only the base64url alphabet, so one proof has one reading.
    # bytes.translate: a table lookup in C (str.translate with a dict was a fifth of a check).
    data = segment.encode("ascii").translate(_TO_STANDARD) + b"=" * (-len(segment) % 4)
    return binascii.a2b_base64(data, strict_mode=True)


_TO_STANDARD = bytes.maketrans(b"-_", b"+/")


@functools.lru_cache(maxsize=4096)
def _proof_key(header_segment: str) -> tuple[Verify, str]:
    """The verification key and its thumbprint for a proof header. Cached by the header's
    text: a client sends the same header (its key) on every request, and parsing the JSON and
    importing the key were most of a proof check (bench/dpop.py; PyJWT's own decode also checks
    the base64 alphabet slowly). The signature is checked per proof. A refused header raises
    each time (lru_cache keeps no exceptions)."""
    try:
        header = json.loads(_b64decode(header_segment))
    except (ValueError, UnicodeEncodeError):
        raise InvalidProof("the DPoP proof is not a well-formed JWT") from None
    if not isinstance(header, dict) or header.get("typ") != TYP:
        raise InvalidProof("the DPoP proof's typ must be dpop+jwt")
    alg = header.get("alg")
    if alg not in ALGS:
        raise InvalidProof(f"the DPoP proof's alg must be one of {ALGS_HEADER}")
    jwk = header.get("jwk")
    if not isinstance(jwk, dict) or jwk.get("kty") != _KTY_OF[alg]:
        raise InvalidProof("the DPoP proof needs the public jwk of its alg")
    if any(member in jwk for member in _PRIVATE_MEMBERS):
        raise InvalidProof("the DPoP proof's jwk must hold the public key only")
    try:
        key = jwt.PyJWK(jwk, algorithm=alg)
        digest = thumbprint(jwk)
        verify = verifier(alg, key.key)
    except (jwt.PyJWTError, ValueError, TypeError, KeyError):
        raise InvalidProof("the DPoP proof's jwk is not a valid public key") from None
    return verify, digest


def single_header(headers: list[tuple[bytes, bytes]], name: bytes = b"dpop") -> str | None:
    values = [value for key, value in headers if key == name]
    if len(values) > 1:
        raise InvalidProof("send one DPoP header")
    return values[0].decode("latin-1") if values else None


def request_uris(scope: Scope, base: str) -> tuple[str, ...]:
    """The URLs a proof may name for this request: under the issuer's public URL, or under the
    host the request was sent to (a proxy or a test client may use another name)."""
    path = scope.get("root_path", "") + scope["path"]
    host = next((value for name, value in scope["headers"] if name == b"host"), b"")
    scheme = scope.get("scheme", "http")
    return (f"{base}{path}", f"{scheme}://{host.decode('latin-1')}{path}")
