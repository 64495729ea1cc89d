"""Handing each Hub API operation its caller (``caller: Caller``) without a FastAPI dependency
resolution per request.

Every operation declares ``caller: Caller``, a dependency on ``current_principal``. Resolved by
FastAPI, that one dependency cost ~14 µs per call — about half of what authentication added to
``GET /api/v2/info`` over a hello-world route (bench/, in-process CPU time). ``v2.install``
therefore wraps each endpoint: FastAPI sees a ``Request`` parameter instead (handed over without
any resolving) and the wrapper reads the caller from it with the same function the dependency
uses. The endpoints keep their declarative signatures, the OpenAPI document does not change,
and a route that forgets the caller is refused at start-up."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, get_args, get_origin

from fastapi import Request
from fastapi.params import Depends

from camunda_hub.server.security.permissions import current_principal, principal_of

Endpoint = Callable[..., Coroutine[Any, Any, Any]]
# Not a name any endpoint uses; FastAPI fills a Request-typed parameter whatever it is called.
_REQUEST = "_hub_caller_request"


class MissingCaller(TypeError):
    pass


def _is_caller(annotation: Any) -> bool:
    if get_origin(annotation) is not Annotated:
        return False
    return any(
        isinstance(meta, Depends) and meta.dependency is current_principal
        for meta in get_args(annotation)[1:]
    )


def with_direct_caller(endpoint: Endpoint) -> Endpoint:
    """``endpoint`` with its ``Caller`` parameter filled from the request."""
    if not inspect.iscoroutinefunction(endpoint):
        # A plain def would be run in a worker thread by FastAPI; the wrapper must not hide it.
        raise MissingCaller(f"{endpoint.__qualname__}: Hub API endpoints are async")
    signature = inspect.signature(endpoint, eval_str=True)
    params = signature.parameters
    callers = [name for name, param in params.items() if _is_caller(param.annotation)]
    if len(callers) != 1:
        raise MissingCaller(f"{endpoint.__qualname__}: a Hub API route must take one Caller")
    caller_name = callers[0]
    # FastAPI hands over one Request per endpoint: reuse the endpoint's own if it has one.
    existing = [name for name, param in params.items() if param.annotation is Request]
    request_name = existing[0] if existing else _REQUEST
    keeps_request = bool(existing)

    @functools.wraps(endpoint)
    async def endpoint_with_caller(**values: Any) -> Any:
        request = values[request_name] if keeps_request else values.pop(request_name)
        values[caller_name] = principal_of(request)
        return await endpoint(**values)

    replaced = []
    for name, param in params.items():
        if name == caller_name:
            if keeps_request:
                continue
            param = param.replace(name=_REQUEST, annotation=Request, default=param.empty)
        replaced.append(param)
    # Keyword-only from here on: FastAPI passes every value by name.
    endpoint_with_caller.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[param.replace(kind=inspect.Parameter.KEYWORD_ONLY) for param in replaced]
    )
    return endpoint_with_caller
