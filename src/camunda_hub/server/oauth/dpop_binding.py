"""DPoP at the token endpoint (RFC 9449 §5): a valid ``DPoP`` proof on a token request binds the
token to the proof's key (``cnf.jkt``, ``token_type: DPoP``)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import Scope

from camunda_hub.server.api_clients.registry import ClientEntry
from camunda_hub.server.oauth.errors import OAuthError
from camunda_hub.server.security.dpop_proof import (
    InvalidProof,
    Nonces,
    ProofChecker,
    request_uris,
    single_header,
)
from camunda_hub.server.settings import Settings


class DpopRefused(OAuthError):
    """``invalid_dpop_proof`` or ``use_dpop_nonce`` (§5, §8), with the nonce to use."""

    def __init__(self, error: str, description: str, headers: list[tuple[bytes, bytes]]) -> None:
        super().__init__(description)
        self.error = error
        self.headers = headers


def nonces_for(settings: Settings, pepper: bytes) -> Nonces | None:
    """The server nonces (RFC 9449 §8) when the settings ask for them, keyed by the pepper."""
    if not settings.dpop_nonce:
        return None
    return Nonces(pepper + b"dpop-nonce")


class TokenBinding:
    def __init__(self, issuer: str, nonces: Callable[[], Nonces | None]) -> None:
        """``nonces`` is asked on first use: the nonce key derives from the deployment secret,
        which the runtime reads when it starts, after this is built."""
        self.issuer = issuer
        self.nonces = nonces
        self._checker: ProofChecker | None = None

    @property
    def checker(self) -> ProofChecker:
        if self._checker is None:
            self._checker = ProofChecker(self.nonces())
        return self._checker

    def jkt(self, scope: Scope, client: ClientEntry) -> str | None:
        """The thumbprint to bind the token to, None without a proof."""
        try:
            proof = single_header(scope["headers"])
            if proof is None:
                if client.dpop_required:
                    raise InvalidProof("this client must send a DPoP proof")
                return None
            return self.checker.check(proof, method="POST", uris=request_uris(scope, self.issuer))
        except InvalidProof as exc:
            headers = []
            nonces = self.checker.nonces
            if nonces is not None:
                headers.append((b"dpop-nonce", nonces.current().encode()))
            raise DpopRefused(exc.error, exc.description, headers) from None
