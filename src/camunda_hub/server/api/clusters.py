"""``/clusters``: Self-Managed cluster registrations (list, register/update, remove) and their
usage metrics, read from the cluster's Orchestration Cluster API."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request, Response

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.clusters import (
    ClusterListResult,
    ClusterResult,
    CreateClusterRequest,
    UsageMetricsResult,
)
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.outbound import policy_for
from camunda_hub.server.runtime import runtime_of
from camunda_hub.server.services.errors import InvalidInput, NotFound
from camunda_hub.server.services.hub import clusters as service

router = RouteTable(tags=["Cluster"])

FORWARDED_FOR = "x-forwarded-for"


def default_cluster_id(request: Request) -> str:
    """The contract's default id: the registering party's address. Behind
    ``forwarded_for_hops`` proxies that is the X-Forwarded-For entry that many places from the
    right (the one the outermost trusted proxy saw); with no proxy configured the header is
    ignored, as any client can forge it."""
    hops = runtime_of(request).settings.forwarded_for_hops
    if hops:
        entries = [
            entry.strip()
            for header in request.headers.getlist(FORWARDED_FOR)
            for entry in header.split(",")
        ]
        if len(entries) < hops or not entries[-hops]:
            # The peer is a proxy here: its address would merge every cluster behind it into
            # one registration, each overwriting the others.
            raise InvalidInput(
                f"clusterId: is required, as the request's X-Forwarded-For does not name the "
                f"client (expected at least {hops} entries behind trusted proxies)"
            )
        address = entries[-hops]
    elif request.client is not None and request.client.host:
        address = request.client.host
    else:
        raise InvalidInput("clusterId: is required, as the client address is not known")
    if len(address) > 255 or "\x00" in address:
        raise InvalidInput("clusterId: is required, as the client address is not usable as one")
    return address


@router.get("/clusters", operation_id="getClusterRegistrations", response_model=ClusterListResult)
async def get_cluster_registrations(session: ReadSession, caller: Caller) -> ClusterListResult:
    """The organization's registered clusters, by name."""
    rows = await service.list_live(session, caller)
    return ClusterListResult(items=[ClusterResult.of(row) for row in rows])


@router.post("/clusters", operation_id="createClusterRegistration", status_code=204)
async def create_cluster_registration(
    request: Request, body: CreateClusterRequest, session: WriteSession, caller: Caller
) -> Response:
    """Register a cluster, or replace its registration when the id is registered already
    (replacing needs the ``update`` permission as well as ``create``). Without ``clusterId``
    the id is the caller's address (see the README)."""
    license_ = body.license
    registration = service.Registration(
        cluster_id=body.clusterId or default_cluster_id(request),
        name=body.clusterName,
        version=body.version,
        license_valid=license_.validLicense,
        license_type=license_.licenseType,
        license_commercial=license_.isCommercial,
        license_expires=license_.expiresAt,
        profiles=list(body.profiles or []),
        properties=dict(body.properties or {}),
    )
    await service.register(session, caller, registration)
    return Response(status_code=204)


@router.get(
    "/clusters/usage-metrics",
    operation_id="getClusterUsageMetrics",
    response_model=UsageMetricsResult,
    responses={
        400: problem("A parameter is missing or invalid, or the range ends before it starts."),
        403: problem("A missing permission, or the cluster refused the forwarded token."),
        404: problem(
            "The cluster is not registered, has no orchestration app with an HTTP URL, or its "
            "orchestration API could not be reached (also: its address is not one the server "
            "calls, see CAMUNDA_HUB_OUTBOUND_ALLOW) or answered with an error."
        ),
    },
)
async def get_cluster_usage_metrics(
    request: Request,
    caller: Caller,
    cluster_id: Annotated[str, Query(alias="id", description="The ID of the cluster.")],
    start: Annotated[int, Query(description="Start of the range (epoch milliseconds).")],
    end: Annotated[int, Query(description="End of the range (epoch milliseconds).")],
) -> UsageMetricsResult:
    """Usage metrics of a registered cluster, read from its Orchestration Cluster API with the
    caller's own token (which must also carry ``read:*`` for the ``orchestration-api``
    audience)."""
    runtime = runtime_of(request)
    # Its own short read: no database connection is held while the cluster answers.
    async with runtime.db.session() as session:
        row = await service.find_live(session, caller, cluster_id)
        base_url = None if row is None else service.orchestration_url(row)
    if row is None:
        raise NotFound(f"no cluster registration with id '{cluster_id}' was found")
    begins = service.epoch_ms(start, "start")
    ends = service.epoch_ms(end, "end")
    if ends < begins:
        raise InvalidInput("end: must not be before start")
    if base_url is None:
        raise NotFound(
            f"cluster '{cluster_id}' has no orchestration app with an HTTP URL (register it "
            f"with the property '{service.APP_PREFIX}orchestration.urls.http')"
        )
    metrics = await service.usage_metrics(
        cluster_id,
        base_url,
        start=begins,
        end=ends,
        authorization=request.headers["authorization"],
        request_timeout=runtime.settings.cluster_request_timeout,
        policy=policy_for(runtime.settings.outbound_allow),
    )
    return UsageMetricsResult.of(metrics)


@router.delete("/clusters/{clusterId}", operation_id="removeClusterRegistration", status_code=204)
async def remove_cluster_registration(
    clusterId: str, session: WriteSession, caller: Caller
) -> Response:
    """Unregister a cluster (the cluster itself is untouched). Workspaces that have its
    environment assigned keep it, reported as ``NOT_REPORTED``, until they unassign it or the
    cluster registers again."""
    await service.remove(session, caller, clusterId)
    return Response(status_code=204)
