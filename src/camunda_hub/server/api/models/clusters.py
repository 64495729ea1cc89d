"""Wire models of the cluster registration operations (names follow the contract's components,
from its Self-Managed "Cluster" tag)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, BeforeValidator, Field, StrictBool, field_validator

from camunda_hub.server.api.models.common import StrictModel
from camunda_hub.server.services.hub import clusters as service
from camunda_hub.server.store.schema.clusters import ClusterRegistration

Text = Annotated[str, Field(min_length=1, max_length=255)]


def _storable(text: str, where: str) -> None:
    """What the generic checks miss in property names: NUL characters, and lone surrogates
    (``"\\ud800"`` in JSON), which no database stores (PostgreSQL's json refuses both)."""
    if "\x00" in text:
        raise ValueError(f"{where} must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{where} must be valid Unicode") from None


def _date_time_text(value: object) -> object:
    if isinstance(value, int | float):
        raise ValueError("must be a date-time string (RFC 3339), not a number")
    return value


class CreateClusterLicense(StrictModel):
    validLicense: StrictBool
    licenseType: Text
    isCommercial: StrictBool | None = None
    # Aware only: a date-time without an offset names no instant. A date-time string (as the
    # contract types it), never a number of seconds.
    expiresAt: Annotated[AwareDatetime | None, BeforeValidator(_date_time_text)] = None


class CreateClusterRequest(StrictModel):
    """``profiles`` and ``properties`` are the cluster's full current report: a registration
    replaces the previous one, so omitting them clears them."""

    clusterId: Text | None = None
    clusterName: Text
    version: Text
    license: CreateClusterLicense
    profiles: list[Text] | None = None
    properties: dict[str, Text] | None = None

    @field_validator("profiles")
    @classmethod
    def _profiles(cls, value: list[str] | None) -> list[str] | None:
        for profile in value or ():
            _storable(profile, "a profile")
        return value

    @field_validator("properties")
    @classmethod
    def _properties(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        # The generic NUL check sees only top-level strings; keys and values are stored too.
        for key, text in (value or {}).items():
            _storable(key, "a property name")
            _storable(text, f"property '{key[:64]}'")
        return value


class ClusterCustomPropertyLink(BaseModel):
    name: str
    url: str


class ClusterCustomProperty(BaseModel):
    description: str
    links: list[ClusterCustomPropertyLink]


class ClusterAppUrls(BaseModel):
    grpc: str | None
    http: str | None


class ClusterApp(BaseModel):
    type: str
    id: str
    status: str
    url: str | None
    urls: ClusterAppUrls | None
    generation: str | None
    readiness: str | None

    @classmethod
    def of(cls, app: service.App) -> ClusterApp:
        urls = None
        if app.http is not None or app.grpc is not None:
            urls = ClusterAppUrls(grpc=app.grpc, http=app.http)
        return cls(
            type=app.type,
            id=app.id,
            status=app.status,
            url=app.url,
            urls=urls,
            generation=app.generation,
            readiness=app.readiness,
        )


class ClusterLicense(BaseModel):
    validLicense: bool
    licenseType: str
    isCommercial: bool | None
    expiresAt: datetime | None


class ClusterResult(BaseModel):
    uuid: str
    name: str
    tags: list[str]
    customProperties: list[ClusterCustomProperty]
    namespace: str | None
    status: str
    generation: str
    type: str
    apps: list[ClusterApp]
    discoveredClusterProperties: dict[str, str]
    license: ClusterLicense | None

    @classmethod
    def of(cls, row: ClusterRegistration) -> ClusterResult:
        return cls(
            uuid=row.cluster_id,
            name=row.name,
            tags=service.tags_of(row),
            # Links shown next to a cluster in the SaaS console; a registration carries none.
            customProperties=[],
            namespace=row.properties.get(service.NAMESPACE_PROPERTY),
            status=service.STATUS_UNKNOWN,
            generation=row.version,
            type=service.CLUSTER_TYPE,
            apps=[ClusterApp.of(app) for app in service.apps_of(row)],
            discoveredClusterProperties=dict(row.properties),
            license=ClusterLicense(
                validLicense=row.license_valid,
                licenseType=row.license_type,
                isCommercial=row.license_commercial,
                expiresAt=row.license_expires,
            ),
        )


class ClusterListResult(BaseModel):
    items: list[ClusterResult]


class MetricTotal(BaseModel):
    total: int


class TaskUsersMetric(BaseModel):
    total: int
    assignees: list[str]


class UsageMetricsResult(BaseModel):
    id: str
    processInstances: MetricTotal
    decisionInstances: MetricTotal
    taskUsers: TaskUsersMetric
    activeTenants: MetricTotal | None

    @classmethod
    def of(cls, metrics: service.UsageMetrics) -> UsageMetricsResult:
        return cls(
            id=metrics.cluster_id,
            processInstances=MetricTotal(total=metrics.process_instances),
            decisionInstances=MetricTotal(total=metrics.decision_instances),
            # The Orchestration Cluster API reports how many distinct assignees there were,
            # not who they were, so the list stays empty.
            taskUsers=TaskUsersMetric(total=metrics.assignees, assignees=[]),
            activeTenants=None
            if metrics.active_tenants is None
            else MetricTotal(total=metrics.active_tenants),
        )
