"""JWKS (RFC 7517), OpenID Provider metadata and OAuth 2.0 AS metadata (RFC 8414)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from camunda_hub.server.runtime import Runtime


async def jwks(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    # Short caching: verifiers refetch on an unknown kid anyway, and rotations publish the new
    # key before it signs anything (see keys/rotation.py).
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
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "response_types_supported": ["token"],
        "scopes_supported": ["create:*", "read:*", "update:*", "delete:*"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": algs,
        "token_endpoint_auth_signing_alg_values_supported": algs,
        "access_token_signing_alg_values_supported": algs,
        "service_documentation": f"{issuer}/docs",
    }


async def openid_configuration(request: Request) -> Response:
    return JSONResponse(
        metadata(request.app.state.runtime), headers={"Cache-Control": "public, max-age=300"}
    )


async def authorization_server(request: Request) -> Response:
    return JSONResponse(
        metadata(request.app.state.runtime), headers={"Cache-Control": "public, max-age=300"}
    )
