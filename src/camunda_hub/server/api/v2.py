"""The ``/api/v2`` router: every Hub API route behind bearer authentication and permissions."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from camunda_hub.server.api import files, folders, info, members, projects, versions, workspaces
from camunda_hub.server.security.permissions import authorize

PREFIX = "/api/v2"


def build_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX, dependencies=[Depends(authorize)])
    router.include_router(info.router)
    for module in (workspaces, members, projects, folders, files):
        router.include_router(module.router)
    router.include_router(versions.router)
    return router
