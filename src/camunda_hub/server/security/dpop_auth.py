"""``Authorization: DPoP <token>`` on ``/api/v2`` (RFC 9449 §7): the token must be DPoP-bound
and come with a proof, made for this request, by the key it is bound to.

Refusals carry a ``DPoP`` challenge (§7.1) naming the accepted algorithms, and a fresh nonce
when nonces are on."""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import Scope

from camunda_hub.server.security.bearer import MAX_TOKEN_CHARS, BearerError, BearerVerifier
from camunda_hub.server.security.dpop_proof import (
    ALGS_HEADER,
    InvalidProof,
    Nonces,
    ProofChecker,
    request_uris,
    single_header,
)
from camunda_hub.server.security.principal import Principal


class DpopError(BearerError):
    """A refusal answered with a DPoP challenge instead of a Bearer one."""

    def __init__(self, error: str | None, description: str, nonce: str | None = None) -> None:
        super().__init__(error, description)
        challenge = f'DPoP algs="{ALGS_HEADER}"'
        if error is not None:
            # Descriptions are our own ASCII sentences, without quotes.
            challenge = (
                f'DPoP error="{error}", error_description="{description}", algs="{ALGS_HEADER}"'
            )
        self.headers = {"WWW-Authenticate": challenge}
        if nonce is not None:
            self.headers["DPoP-Nonce"] = nonce


def is_dpop(authorization: str | None) -> bool:
    return authorization is not None and authorization[:5].lower() == "dpop "


class DpopAuthentication:
    def __init__(
        self, verifier: BearerVerifier, issuer: str, nonces: Callable[[], Nonces | None]
    ) -> None:
        """``nonces`` is asked on first use: the nonce key derives from the deployment secret,
        which the runtime reads when it starts, after this is built."""
        self.verifier = verifier
        self.issuer = issuer
        self.nonces = nonces
        self._checker: ProofChecker | None = None

    @property
    def checker(self) -> ProofChecker:
        if self._checker is None:
            self._checker = ProofChecker(self.nonces())
        return self._checker

    def principal(self, scope: Scope, authorization: str) -> Principal:
        token = authorization[5:].strip()
        if not token or len(token) > MAX_TOKEN_CHARS:
            raise DpopError("invalid_token", "the DPoP access token is missing or too long")
        checker = self.checker
        try:
            proof = single_header(scope["headers"])
            if proof is None:
                raise InvalidProof("a DPoP proof is required with the DPoP scheme")
            jkt = checker.check(
                proof,
                method=scope["method"],
                uris=request_uris(scope, self.issuer),
                access_token=token,
            )
            return self.verifier.verify(token, proof_jkt=jkt)
        except InvalidProof as exc:
            nonce = checker.nonces.current() if checker.nonces is not None else None
            raise DpopError(exc.error, exc.description, nonce) from None
        except BearerError as exc:
            if isinstance(exc, DpopError):
                raise
            raise DpopError(exc.error, exc.description) from None
