"""The ``/api/v2`` router: every Hub API route behind bearer authentication and permissions."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from camunda_hub.server.api import (
    catalog,
    clusters,
    environments,
    files,
    folders,
    info,
    members,
    project_snapshots,
    projects,
    versions,
    workspaces,
)
from camunda_hub.server.security.permissions import authorize

PREFIX = "/api/v2"


def build_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX, dependencies=[Depends(authorize)])
    router.include_router(info.router)
    for module in (workspaces, members, projects, folders, files):
        router.include_router(module.router)
    router.include_router(versions.router)
    router.include_router(project_snapshots.router)
    router.include_router(environments.router)
    router.include_router(clusters.router)
    router.include_router(catalog.router)
    return router
