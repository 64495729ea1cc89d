"""Cluster registrations (Self-Managed dynamic cluster management) and their usage metrics.

A registration is the cluster's own report of itself: name, version, licence, active profiles
and a string map of discovered properties. Registering an id again replaces the report.

What the contract's ``ClusterResult`` shows beyond the report is derived from the properties:
- ``apps``: one app per profile, plus one per type named by a property ``apps.<type>.<field>``,
  where ``<field>`` mirrors the response (``url``, ``urls.http``, ``urls.grpc``, ``readiness``,
  ``generation``, and ``name`` for the environment's display name).
- ``tags``: property ``tags`` (comma-separated); ``namespace``: property ``namespace``.
- The orchestration app (type ``orchestration``, else ``gateway``, else ``zeebe``) with an
  ``urls.http`` is where usage metrics are read: the Orchestration Cluster REST API.
The hub does not probe clusters, so every status reads ``UNKNOWN``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server import outbound
from camunda_hub.server.outbound import AddressPolicy
from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import Forbidden, InvalidInput, NotFound
from camunda_hub.server.services.hub import hub_events, lookups
from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.clusters import (
    ClusterRegistration,
    WorkspaceEnvironment,
)

APP_PREFIX = "apps."
TAGS_PROPERTY = "tags"
NAMESPACE_PROPERTY = "namespace"
STATUS_UNKNOWN = "UNKNOWN"
CLUSTER_TYPE = "SELF_MANAGED"
ORCHESTRATION_TYPES = ("orchestration", "gateway", "zeebe")
# Longest first: "urls.http" must not be read as a type ending in ".urls" with field "http".
_APP_FIELDS = ("urls.http", "urls.grpc", "generation", "readiness", "name", "url")
_HTTP_FIELDS = ("url", "urls.http", "readiness")
_DISPLAY_NAMES = {
    "operate": "Operate",
    "tasklist": "Tasklist",
    "optimize": "Optimize",
    "identity": "Identity",
    "admin": "Admin",
    "console": "Console",
    "connectors": "Connectors",
    "modeler": "Web Modeler",
    "orchestration": "Orchestration Cluster",
    "gateway": "Gateway",
    "zeebe": "Zeebe",
}
_log = logging.getLogger(__name__)
_METRICS_PATH = "/v2/system/usage-metrics"
# The generic answers to API callers (see usage_metrics).
UNREACHABLE = "the cluster could not be reached"
ANSWERED_ERROR = "the cluster answered with an error"
_MAX_INT64 = 2**63 - 1
# datetime's range, in epoch milliseconds (years 1 to 9999).
_MIN_MS = -62_135_596_800_000
_MAX_MS = 253_402_300_799_999


@dataclass(frozen=True)
class Registration:
    cluster_id: str
    name: str
    version: str
    license_valid: bool
    license_type: str
    license_commercial: bool | None
    license_expires: datetime | None
    profiles: list[str]
    properties: dict[str, str]


@dataclass(frozen=True)
class App:
    type: str
    id: str
    status: str
    name: str
    url: str | None
    http: str | None
    grpc: str | None
    generation: str | None
    readiness: str | None


@dataclass(frozen=True)
class UsageMetrics:
    cluster_id: str
    process_instances: int
    decision_instances: int
    assignees: int
    active_tenants: int | None


def _app_fields(properties: Mapping[str, str]) -> dict[str, dict[str, str]]:
    by_type: dict[str, dict[str, str]] = {}
    for key, value in properties.items():
        if not key.startswith(APP_PREFIX):
            continue
        rest = key[len(APP_PREFIX) :]
        for field in _APP_FIELDS:
            app_type = rest[: -len(field) - 1]
            if rest.endswith("." + field) and app_type:
                by_type.setdefault(app_type, {})[field] = value
                break
    return by_type


def apps_of(row: ClusterRegistration) -> list[App]:
    fields = _app_fields(row.properties)
    types = list(dict.fromkeys([*row.profiles, *sorted(fields)]))
    apps = []
    for app_type in types:
        own = fields.get(app_type, {})
        apps.append(
            App(
                type=app_type,
                id=f"{row.cluster_id}-{app_type}",
                status=STATUS_UNKNOWN,
                name=own.get("name") or _DISPLAY_NAMES.get(app_type, app_type),
                url=own.get("url"),
                http=own.get("urls.http"),
                grpc=own.get("urls.grpc"),
                generation=own.get("generation") or row.version,
                readiness=own.get("readiness"),
            )
        )
    return apps


def tags_of(row: ClusterRegistration) -> list[str]:
    raw = row.properties.get(TAGS_PROPERTY, "")
    return list(dict.fromkeys(tag.strip() for tag in raw.split(",") if tag.strip()))


def orchestration_url(row: ClusterRegistration) -> str | None:
    by_type = {app.type: app for app in apps_of(row)}
    for app_type in ORCHESTRATION_TYPES:
        app = by_type.get(app_type)
        if app is not None and app.http:
            return app.http
    return None


def _check_http_url(key: str, value: str) -> None:
    """The URLs the hub calls (or links to) must be absolute http(s) URLs without credentials:
    a registration is shown to every reader, and a token is forwarded to the REST URL."""
    # Loaded on first use, not with the server: httpx is ~2 % of its start.
    import httpx

    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError) as exc:
        raise InvalidInput(f"properties.{key}: is not a valid URL") from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidInput(f"properties.{key}: must be an absolute http(s) URL")
    if url.userinfo:
        raise InvalidInput(f"properties.{key}: must not contain credentials")


def validate(registration: Registration) -> None:
    for app_type, own in _app_fields(registration.properties).items():
        for field in _HTTP_FIELDS:
            if field in own:
                _check_http_url(f"{APP_PREFIX}{app_type}.{field}", own[field])


async def register(session: AsyncSession, principal: Principal, registration: Registration) -> None:
    """Create or replace (upsert, safe against a concurrent registration of the same id); a
    removed registration that workspaces kept assigned comes back. Replacing needs ``update``
    as well as ``create``."""
    validate(registration)
    now = utcnow()
    values: dict[str, Any] = {
        "name": registration.name,
        "version": registration.version,
        "license_valid": registration.license_valid,
        "license_type": registration.license_type,
        "license_commercial": registration.license_commercial,
        "license_expires": registration.license_expires,
        "profiles": list(dict.fromkeys(registration.profiles)),
        "properties": dict(registration.properties),
        "updated": now,
        "removed": None,
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(ClusterRegistration).values(
        organization_id=principal.organization_id,
        cluster_id=registration.cluster_id,
        registered=now,
        **values,
    )
    if not principal.can("update"):
        # Replacing a registration redirects where the next caller's token is forwarded to:
        # that is an update, so a caller with `create` only may register new ids, nothing else.
        # One statement, so a concurrent registration of the same id cannot slip in between.
        result = await session.execute(
            insert.on_conflict_do_nothing(index_elements=["organization_id", "cluster_id"])
        )
        if getattr(result, "rowcount", 0) != 1:
            raise Forbidden(
                f"cluster '{registration.cluster_id}' is registered already: replacing a "
                "registration needs the 'update' permission as well as 'create'"
            )
    else:
        await session.execute(
            insert.on_conflict_do_update(
                index_elements=["organization_id", "cluster_id"],
                set_={name: insert.excluded[name] for name in values},
            )
        )
    hub_events.plain_event(
        session,
        principal,
        "cluster.registered",
        resource_type="cluster",
        resource_key=registration.cluster_id,
        data={"name": registration.name, "version": registration.version},
    )


async def list_live(session: AsyncSession, principal: Principal) -> list[ClusterRegistration]:
    rows = await session.scalars(
        select(ClusterRegistration)
        .where(
            ClusterRegistration.organization_id == principal.organization_id,
            ClusterRegistration.removed.is_(None),
        )
        .order_by(ClusterRegistration.name, ClusterRegistration.cluster_id)
    )
    return list(rows)


async def find_live(
    session: AsyncSession, principal: Principal, cluster_id: str, *, for_update: bool = False
) -> ClusterRegistration | None:
    if not lookups.storable(cluster_id):
        return None
    query = select(ClusterRegistration).where(
        ClusterRegistration.organization_id == principal.organization_id,
        ClusterRegistration.cluster_id == cluster_id,
        ClusterRegistration.removed.is_(None),
    )
    if for_update:
        query = query.with_for_update()
    row: ClusterRegistration | None = await session.scalar(query)
    return row


async def remove(session: AsyncSession, principal: Principal, cluster_id: str) -> None:
    """Unregister. Workspaces that have the environment assigned keep it (as ``NOT_REPORTED``)
    so registering the cluster again restores their set; otherwise the row goes."""
    row = await find_live(session, principal, cluster_id, for_update=True)
    if row is None:
        raise NotFound(f"no cluster registration with id '{cluster_id}' was found")
    assigned = await session.scalar(
        select(func.count())
        .select_from(WorkspaceEnvironment)
        .where(
            WorkspaceEnvironment.organization_id == principal.organization_id,
            WorkspaceEnvironment.environment_id == cluster_id,
        )
    )
    if assigned:
        row.removed = utcnow()
    else:
        await session.execute(
            delete(ClusterRegistration)
            .where(
                ClusterRegistration.organization_id == principal.organization_id,
                ClusterRegistration.cluster_id == cluster_id,
            )
            .execution_options(synchronize_session=False)
        )
    await session.flush()
    hub_events.plain_event(
        session,
        principal,
        "cluster.removed",
        resource_type="cluster",
        resource_key=cluster_id,
        data={"name": row.name},
    )


def epoch_ms(value: int, field: str) -> datetime:
    if not _MIN_MS <= value <= _MAX_MS:
        raise InvalidInput(f"{field}: epoch milliseconds out of range")
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=value)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def metrics_endpoint(base_url: str) -> str:
    """``{REST URL}/v2/system/usage-metrics``; a REST URL registered with its ``/v2`` suffix
    is accepted as well. The registration's query and fragment are not sent."""
    import httpx

    url = httpx.URL(base_url)
    base = url.path.rstrip("/")
    if base.endswith("/v2"):
        base = base[: -len("/v2")]
    return str(url.copy_with(path=base + _METRICS_PATH, query=None, fragment=None))


async def usage_metrics(
    cluster_id: str,
    base_url: str,
    *,
    start: datetime,
    end: datetime,
    authorization: str,
    request_timeout: float,
    policy: AddressPolicy,
) -> UsageMetrics:
    """Ask the cluster's Orchestration Cluster API, with the caller's own token (the contract:
    the token must also carry ``read:*`` for the ``orchestration-api`` audience), through the
    outbound policy (server/outbound/). What went wrong is logged for the operator; the caller
    learns only "could not be reached" or "answered with an error", so the answers cannot be
    used to map the server's network."""
    url = metrics_endpoint(base_url)
    params = {"startTime": _iso(start), "endTime": _iso(end), "withTenants": "false"}
    headers = {"Authorization": authorization, "Accept": "application/json"}
    try:
        response = await outbound.send(
            "GET", url, policy=policy, timeout=request_timeout, headers=headers, params=params
        )
    except outbound.OutboundError as exc:
        _log.info("cluster %r usage metrics: %s", cluster_id, exc.reason)
        raise NotFound(f"cluster '{cluster_id}': {UNREACHABLE}") from exc
    if response.status in (401, 403):
        raise Forbidden(
            f"cluster '{cluster_id}' refused the forwarded token ({response.status}): it needs "
            "the read:* permission for the orchestration-api audience"
        )
    if response.status != 200 or response.truncated:
        _log.info(
            "cluster %r usage metrics: status %s, %s bytes%s",
            cluster_id,
            response.status,
            len(response.body),
            " (truncated)" if response.truncated else "",
        )
        raise NotFound(f"cluster '{cluster_id}': {ANSWERED_ERROR}")
    return _parse_metrics(cluster_id, response.body)


def _count(data: Mapping[str, Any], name: str, *, optional: bool = False) -> int | None:
    value = data.get(name)
    if value is None:
        # The Orchestration Cluster API leaves out what it has nothing to count.
        return None if optional else 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_INT64:
        raise ValueError(name)
    return value


def _parse_metrics(cluster_id: str, body: bytes) -> UsageMetrics:
    try:
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return UsageMetrics(
            cluster_id=cluster_id,
            process_instances=_count(data, "processInstances") or 0,
            decision_instances=_count(data, "decisionInstances") or 0,
            assignees=_count(data, "assignees") or 0,
            active_tenants=_count(data, "activeTenants", optional=True),
        )
    except (ValueError, RecursionError) as exc:
        _log.info("cluster %r usage metrics: the answer is not usage metrics", cluster_id)
        raise NotFound(f"cluster '{cluster_id}': {ANSWERED_ERROR}") from exc
