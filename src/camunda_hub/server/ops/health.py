"""``/health/live`` (the process answers) and ``/health/ready`` (it can reach its database)."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from camunda_hub.server.problem_details import problem
from camunda_hub.server.runtime import runtime_of

log = logging.getLogger("camunda_hub.health")

READY_TIMEOUT_SECONDS = 2.0
NO_STORE = {"Cache-Control": "no-store"}


async def live(request: Request) -> Response:
    return JSONResponse({"status": "UP"}, headers=NO_STORE)


async def ready(request: Request) -> Response:
    runtime = runtime_of(request)
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            async with runtime.db.session() as session:
                await session.execute(text("SELECT 1"))
    except Exception as exc:
        log.warning("readiness check failed: the database is unreachable (%s)", type(exc).__name__)
        return problem(
            503,
            "the database is unreachable",
            instance=request.url.path,
            headers={"Retry-After": "1", **NO_STORE},
            checks={"database": "DOWN"},
        )
    return JSONResponse({"status": "UP", "checks": {"database": "UP"}}, headers=NO_STORE)
