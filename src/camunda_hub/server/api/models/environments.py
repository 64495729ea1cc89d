"""Wire models of the environment operations (names follow the contract's components).

How a cluster registration maps onto ``EnvironmentResult``: ``id`` and ``clusterId`` = the
cluster id; ``name`` and ``clusterName`` = its name; ``clusterVersion`` = its version;
``targetType`` = ``CLUSTER_BACKED`` with ``physicalTenantId`` null (a registration describes a
whole cluster); ``tags`` = its ``tags`` property; ``runtimeState`` = ``UNKNOWN`` (the hub does
not probe clusters); ``discoveryState`` = ``ACTIVE`` while registered, ``NOT_REPORTED`` once the
registration was removed; ``applications`` = its apps that have a web ``url``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from camunda_hub.server.api.models.common import StrictModel
from camunda_hub.server.services.hub import clusters
from camunda_hub.server.services.hub.environments import MAX_ENVIRONMENTS, Environment

EnvironmentId = Annotated[str, Field(min_length=1, max_length=255)]


class ReplaceWorkspaceEnvironmentsRequest(StrictModel):
    """The exact set the workspace should end up with; empty or omitted unassigns all."""

    environmentIds: Annotated[list[EnvironmentId], Field(max_length=MAX_ENVIRONMENTS)] = []

    @field_validator("environmentIds")
    @classmethod
    def _ids_without_nul(cls, value: list[str]) -> list[str]:
        # The generic NUL check of StrictModel only sees top-level strings.
        if any("\x00" in environment_id for environment_id in value):
            raise ValueError("an environment id must not contain NUL characters")
        return value


class WorkspaceReference(BaseModel):
    id: str
    name: str


class EnvironmentApplication(BaseModel):
    type: str
    name: str
    webappUrl: str
    overridden: bool


class EnvironmentResult(BaseModel):
    id: str
    name: str
    targetType: Literal["PHYSICAL_TENANT_BACKED", "CLUSTER_BACKED"]
    tags: list[str]
    clusterId: str
    clusterName: str
    clusterVersion: str | None
    physicalTenantId: str | None
    runtimeState: Literal["HEALTHY", "UNHEALTHY", "PAUSED", "RESUMING", "UNKNOWN"]
    discoveryState: Literal["ACTIVE", "NOT_REPORTED"]
    assignedWorkspaces: list[WorkspaceReference]
    applications: list[EnvironmentApplication]

    @classmethod
    def of(cls, environment: Environment) -> EnvironmentResult:
        row = environment.registration
        return cls(
            id=row.cluster_id,
            name=row.name,
            targetType="CLUSTER_BACKED",
            tags=clusters.tags_of(row),
            clusterId=row.cluster_id,
            clusterName=row.name,
            clusterVersion=row.version,
            physicalTenantId=None,
            runtimeState="UNKNOWN",
            discoveryState="ACTIVE" if row.removed is None else "NOT_REPORTED",
            assignedWorkspaces=[
                WorkspaceReference(id=workspace.key, name=workspace.name)
                for workspace in environment.workspaces
            ],
            applications=[
                # Self-Managed overrides per physical tenant do not exist for a whole cluster.
                EnvironmentApplication(
                    type=app.type, name=app.name, webappUrl=app.url, overridden=False
                )
                for app in clusters.apps_of(row)
                if app.url
            ],
        )


class EnvironmentListResult(BaseModel):
    items: list[EnvironmentResult]

    @classmethod
    def of(cls, environments: list[Environment]) -> EnvironmentListResult:
        return cls(items=[EnvironmentResult.of(environment) for environment in environments])
