"""Reading the public keys API clients sign their assertions with (``private_key_jwt``): a PEM
public key, one JWK or a JWK Set, each checked for a type and size worth trusting.

Each key gets one algorithm, fixed here: an assertion's ``alg`` header must equal it, so a
key can never be used with ``none`` or as an HMAC secret (the classic algorithm-confusion
attack), nor with a weaker algorithm than the one it was registered for."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

from camunda_hub.server.keys.material import thumbprint

MIN_RSA_BITS = 2048
MAX_KEYS_PER_FILE = 20
# What an RSA JWK may ask for with its own "alg"; without one it gets RS256.
_RSA_ALGS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
_EC_ALGS = {"secp256r1": "ES256", "secp384r1": "ES384"}
# Every algorithm a registered key can have (discovery lists them).
SIGNING_ALGS = ("EdDSA", "ES256", "ES384", *_RSA_ALGS)

PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey


class InvalidPublicKey(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class ParsedKey:
    kid: str
    alg: str
    jwk: dict[str, str]
    thumbprint: str


def parse(text: str) -> list[ParsedKey]:
    """The keys in a PEM, JWK or JWKS text; raises :class:`InvalidPublicKey` with a reason."""
    stripped = text.strip()
    if not stripped:
        raise InvalidPublicKey("the key is empty")
    if stripped.startswith("-----BEGIN"):
        return [_from_pem(stripped)]
    try:
        document = json.loads(stripped)
    except ValueError:
        raise InvalidPublicKey("the key is neither PEM nor JSON (JWK or JWK Set)") from None
    if not isinstance(document, dict):
        raise InvalidPublicKey("a JWK or JWK Set is a JSON object")
    if "keys" in document:
        keys = document["keys"]
        if not isinstance(keys, list) or not keys:
            raise InvalidPublicKey("the JWK Set has no keys")
        if len(keys) > MAX_KEYS_PER_FILE:
            raise InvalidPublicKey(f"a JWK Set may hold at most {MAX_KEYS_PER_FILE} keys")
        parsed = [_from_jwk(key) for key in keys]
        kids = [key.kid for key in parsed]
        if len(set(kids)) != len(kids):
            raise InvalidPublicKey("two keys in the JWK Set have the same kid")
        return parsed
    return [_from_jwk(document)]


def load(jwk: dict[str, Any], alg: str) -> Any:
    """The verification key object for a stored JWK (parsed once, when the registry loads)."""
    return jwt.PyJWK(jwk, algorithm=alg).key


def _from_pem(text: str) -> ParsedKey:
    if "PRIVATE KEY" in text.split("\n", 1)[0]:
        raise InvalidPublicKey("this is a private key: register the public key only")
    try:
        key = serialization.load_pem_public_key(text.encode())
    except ValueError:
        raise InvalidPublicKey("the PEM text is not a public key") from None
    return _described(key, requested_alg=None, kid=None)


def _from_jwk(jwk: object) -> ParsedKey:
    if not isinstance(jwk, dict):
        raise InvalidPublicKey("a JWK is a JSON object")
    if any(member in jwk for member in ("d", "p", "q", "dp", "dq", "qi", "k")):
        raise InvalidPublicKey("the JWK holds private (or symmetric) key material")
    if jwk.get("use") not in (None, "sig"):
        raise InvalidPublicKey("the JWK is not a signing key (use must be sig)")
    kty = jwk.get("kty")
    try:
        text = json.dumps(jwk)
        key: Any
        if kty == "RSA":
            key = RSAAlgorithm.from_jwk(text)
        elif kty == "EC":
            key = ECAlgorithm.from_jwk(text)
        elif kty == "OKP":
            key = OKPAlgorithm.from_jwk(text)
        else:
            raise InvalidPublicKey("the key type must be RSA, EC or OKP (Ed25519)")
    except (jwt.InvalidKeyError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, InvalidPublicKey):
            raise
        raise InvalidPublicKey("the JWK is not a valid public key") from None
    kid = jwk.get("kid")
    if kid is not None and (not isinstance(kid, str) or not kid or len(kid) > 255):
        raise InvalidPublicKey("the JWK's kid must be a string of 1 to 255 characters")
    requested = jwk.get("alg")
    if requested is not None and not isinstance(requested, str):
        raise InvalidPublicKey("the JWK's alg must be a string")
    return _described(key, requested_alg=requested, kid=kid)


def _described(key: object, *, requested_alg: str | None, kid: str | None) -> ParsedKey:
    jwk: dict[str, str]
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise InvalidPublicKey(f"an RSA key needs at least {MIN_RSA_BITS} bits")
        alg = requested_alg or "RS256"
        if alg not in _RSA_ALGS:
            raise InvalidPublicKey(f"an RSA key signs with one of {', '.join(_RSA_ALGS)}")
        jwk = RSAAlgorithm.to_jwk(key, as_dict=True)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        fixed = _EC_ALGS.get(key.curve.name)
        if fixed is None:
            raise InvalidPublicKey("an EC key must be on P-256 or P-384")
        alg = fixed
        jwk = ECAlgorithm.to_jwk(key, as_dict=True)
    elif isinstance(key, ed25519.Ed25519PublicKey):
        alg = "EdDSA"
        jwk = OKPAlgorithm.to_jwk(key, as_dict=True)
    elif isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise InvalidPublicKey("this is a private key: register the public key only")
    else:
        raise InvalidPublicKey("the key must be RSA (2048 bits or more), EC P-256/P-384 or Ed25519")
    if requested_alg is not None and requested_alg != alg:
        raise InvalidPublicKey(f"this key signs with {alg}, not {requested_alg}")
    jwk = {name: value for name, value in jwk.items() if name in ("kty", "crv", "x", "y", "n", "e")}
    digest = thumbprint(jwk)
    return ParsedKey(kid=kid or digest, alg=alg, jwk=jwk, thumbprint=digest)


@dataclass(frozen=True, slots=True, repr=False)
class RegisteredKey:
    """A client's key as the token endpoint uses it: parsed once, when the registry loads."""

    kid: str
    alg: str
    key: Any

    def __repr__(self) -> str:
        return f"RegisteredKey(kid={self.kid!r}, alg={self.alg!r})"
