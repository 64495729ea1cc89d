"""The token endpoint as the innermost middleware: ``POST /oauth/token`` goes straight to its
endpoint, past Starlette's exception middleware, FastAPI's per-request exit stack and the route
table scan. The endpoint answers every error itself (RFC 6749 §5.2), so none of those layers
has anything to do for it; a crash still reaches the outer ServerErrorMiddleware (500)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from camunda_hub.server.oauth.token_endpoint import token_endpoint

FAST_PATH = "/oauth/token"


class TokenEndpointFastPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == FAST_PATH:
            # What routing would have recorded: the timing middleware labels by it.
            scope["endpoint"] = token_endpoint
            response = await token_endpoint(Request(scope, receive, send))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
