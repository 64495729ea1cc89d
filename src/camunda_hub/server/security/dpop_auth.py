"""``Authorization: DPoP <token>`` on ``/api/v2`` (RFC 9449 §7): the token must be DPoP-bound
and come with a proof, made for this request, by the key it is bound to.

Refusals carry a ``DPoP`` challenge (§7.1) naming the accepted algorithms, and a fresh nonce
when nonces are on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.types import Scope

from camunda_hub.server.oauth.dpop import ALGS_HEADER, InvalidProof, ProofChecker, single_header
from camunda_hub.server.oauth.dpop_binding import nonces_for, request_uris
from camunda_hub.server.security.bearer import MAX_TOKEN_CHARS, BearerError
from camunda_hub.server.security.principal import Principal

if TYPE_CHECKING:
    from camunda_hub.server.runtime import Runtime


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
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._checker: ProofChecker | None = None

    @property
    def checker(self) -> ProofChecker:
        if self._checker is None:
            self._checker = ProofChecker(nonces_for(self.runtime))
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
                uris=request_uris(scope, self.runtime.issuer),
                access_token=token,
            )
            return self.runtime.verifier.verify(token, proof_jkt=jkt)
        except InvalidProof as exc:
            nonce = checker.nonces.current() if checker.nonces is not None else None
            raise DpopError(exc.error, exc.description, nonce) from None
        except BearerError as exc:
            if isinstance(exc, DpopError):
                raise
            raise DpopError(exc.error, exc.description) from None
