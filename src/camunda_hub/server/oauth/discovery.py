"""JWKS (RFC 7517), OpenID Provider metadata and OAuth 2.0 AS metadata (RFC 8414)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from camunda_hub.server.api_clients.public_keys import SIGNING_ALGS
from camunda_hub.server.runtime import Runtime, runtime_of
from camunda_hub.server.security.dpop_proof import ALGS as DPOP_ALGS


async def jwks(request: Request) -> Response:
    runtime = runtime_of(request)
    # Short caching: a rotation signs with the new key at once, so verifiers that cache the
    # set must be able to see it soon (and refetch on an unknown kid).
    return JSONResponse(runtime.keyring.jwks(), headers={"Cache-Control": "public, max-age=60"})


def metadata(runtime: Runtime) -> dict[str, object]:
    issuer = runtime.issuer
    algs = sorted(
        {key.alg for key in runtime.keyring.verification.values()} | {runtime.settings.signing_alg}
    )
    return {
        "issuer": issuer,
        "token_endpoint": f"{issuer}/oauth/token",
        "jwks_uri": f"{issuer}/.well-known/jwks.json",
        "grant_types_supported": ["client_credentials"],
        "token_endpoint_auth_methods_supported": [
            "client_secret_post",
            "client_secret_basic",
            "private_key_jwt",
        ],
        "token_endpoint_auth_signing_alg_values_supported": list(SIGNING_ALGS),
        # RFC 8414 §2 requires the member; there is no authorization endpoint, so no type.
        "response_types_supported": [],
        "scopes_supported": ["create:*", "read:*", "update:*", "delete:*"],
        # OpenID Discovery requires these two; no ID tokens are issued, but the algorithms are
        # the ones access tokens are signed with.
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": algs,
        "access_token_signing_alg_values_supported": algs,
        "service_documentation": f"{issuer}/docs",
        "dpop_signing_alg_values_supported": list(DPOP_ALGS),
        # RFC 7662 and RFC 7009 (oauth/token_services.py): same client authentication.
        "introspection_endpoint": f"{issuer}/oauth/introspect",
        "introspection_endpoint_auth_methods_supported": [
            "client_secret_post",
            "client_secret_basic",
            "private_key_jwt",
        ],
        "revocation_endpoint": f"{issuer}/oauth/revoke",
        "revocation_endpoint_auth_methods_supported": [
            "client_secret_post",
            "client_secret_basic",
            "private_key_jwt",
        ],
    }


async def openid_configuration(request: Request) -> Response:
    return JSONResponse(
        metadata(runtime_of(request)), headers={"Cache-Control": "public, max-age=300"}
    )


async def authorization_server(request: Request) -> Response:
    return JSONResponse(
        metadata(runtime_of(request)), headers={"Cache-Control": "public, max-age=300"}
    )
