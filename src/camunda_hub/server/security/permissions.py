"""Which Hub API permission an operation needs, and the FastAPI dependency that enforces it.

The rule is Camunda's documented model: POST creates need ``create``, GET and the POST search
operations need ``read``, PATCH/PUT need ``update``, DELETE needs ``delete``. Other POST
operations (restoration, duplication, reviews) follow "POST = create" as documented."""

from __future__ import annotations

from typing import Protocol

from fastapi import Request

from camunda_hub.server.metrics import Metrics
from camunda_hub.server.security.bearer import BearerError, BearerVerifier
from camunda_hub.server.security.principal import Principal

_BY_METHOD = {
    "GET": "read",
    "HEAD": "read",
    "POST": "create",
    "PUT": "update",
    "PATCH": "update",
    "DELETE": "delete",
}


class MissingPermission(BearerError):
    def __init__(self, permission: str) -> None:
        super().__init__(
            "insufficient_scope",
            f"this operation needs the '{permission}' permission on the Camunda Hub API",
            status=403,
        )
        self.permission = permission


# Web Modeler API v1's documented rule differs: every POST, searches included, needs create.
V1_PREFIX = "/api/v1/"


def required_permission(method: str, path: str) -> str:
    if method == "POST" and path.startswith(V1_PREFIX):
        return "create"
    if method == "POST" and path.rstrip("/").endswith("/search"):
        return "read"
    return _BY_METHOD.get(method, "read")


class _BearerCheck(Protocol):
    """What this layer needs of the runtime (``runtime.py``, a layer above: not imported)."""

    verifier: BearerVerifier
    metrics: Metrics


def _bearer_check(request: Request) -> _BearerCheck:
    check: _BearerCheck = request.app.state.runtime
    return check


def principal_of(request: Request) -> Principal:
    """The caller of an ``/api/v2`` operation. The ``BearerAuthentication`` middleware normally
    established it already, before routing; the check is repeated only for an app assembled
    without that middleware, so no route is ever left unprotected."""
    established: Principal | None = request.scope.get("state", {}).get("principal")
    if established is not None:
        return established
    runtime = _bearer_check(request)
    principal: Principal = runtime.verifier.verify_header(request.headers.get("authorization"))
    permission = required_permission(request.method, request.url.path)
    if permission not in principal.permissions:
        runtime.metrics.bearer_failures["insufficient_scope"] += 1
        raise MissingPermission(permission)
    request.state.principal = principal
    return principal


async def current_principal(request: Request) -> Principal:
    """The ``Caller`` dependency every Hub API route declares (``api/caller.py`` serves it
    without FastAPI's dependency resolution). async on purpose: FastAPI runs a plain ``def``
    dependency in a worker thread, which cost more than the whole bearer check."""
    return principal_of(request)
