"""``GET /events``: the organization's change feed, with long polling (camunda-hub extension)."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import Query, Request
from starlette.responses import Response

from camunda_hub.server.api.deps import Caller
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.events import EXTENSION_TAG, EventPage, EventResult
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.events import feed
from camunda_hub.server.events.service import events_of
from camunda_hub.server.problem_details import problem as problem_response
from camunda_hub.server.runtime import runtime_of

router = RouteTable(tags=[EXTENSION_TAG])


@router.get(
    "/events",
    operation_id="getEvents",
    response_model=EventPage,
    responses={
        400: problem("A parameter is invalid."),
        410: problem(
            "`after` is older than the events the server keeps (retention): read the current "
            "state again and continue from the newest sequence. The extension member "
            "`prunedThrough` is the sequence up to which events were dropped: reading from "
            "`after=prunedThrough` on is answered."
        ),
    },
)
async def get_events(
    request: Request,
    caller: Caller,
    after: Annotated[int, Query(ge=0, description="Return events with a higher sequence.")] = 0,
    limit: Annotated[int, Query(ge=1, le=feed.MAX_LIMIT)] = 100,
    types: Annotated[
        list[str] | None,
        Query(
            alias="type",
            max_length=20,
            description="Type prefixes (repeatable): `file` or `file.` match every file event, "
            "`file.content_changed` just that type.",
        ),
    ] = None,
    wait: Annotated[
        float,
        Query(ge=0, le=30, description="Seconds to wait for a first event (long poll)."),
    ] = 0,
) -> EventPage | Response:
    """Events of the caller's organization in sequence order, from `after` on. With `wait`,
    the answer is held until at least one matching event exists or the time is up."""
    runtime = runtime_of(request)
    service = events_of(runtime)
    prefixes = [t for t in (types or []) if t]
    deadline = time.monotonic() + wait
    while True:
        async with runtime.db.session() as session:
            try:
                page = await feed.page(
                    session, caller.organization_id, after=after, limit=limit, types=prefixes
                )
            except feed.ResyncRequired as exc:
                return problem_response(
                    410,
                    f"events up to sequence {exc.pruned_through} are no longer kept (after="
                    f"{exc.after}); resync: read the current state and continue from the newest "
                    "sequence",
                    instance=request.url.path,
                    title="Gone",
                    prunedThrough=exc.pruned_through,
                )
        remaining = deadline - time.monotonic()
        if page.items or remaining <= 0:
            return EventPage(
                items=[EventResult.of(e) for e in page.items], nextAfter=page.next_after
            )
        after = page.next_after
        if not await service.notifier.wait(caller.organization_id, after, remaining):
            return EventPage(items=[], nextAfter=after)
