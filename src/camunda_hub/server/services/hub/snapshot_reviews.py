"""The review flow of project snapshots.

At most one review request per snapshot, ever (a second is a 409, also after reviews). A new
request supersedes the pending request of any other snapshot of the project, so a project has at
most one snapshot awaiting review. Reviews are accepted while the snapshot's request is not
superseded — also after earlier reviews; none without a request, or on a superseded one (403:
the contract lists no 409 for reviews)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.security.principal import Principal
from camunda_hub.server.services.errors import Conflict, Forbidden, InvalidInput
from camunda_hub.server.services.hub import hub_events, lookups
from camunda_hub.server.services.hub.labels import shown
from camunda_hub.server.services.hub.snapshots import (
    PENDING,
    REVIEWED,
    SUPERSEDED,
    live_snapshot,
)
from camunda_hub.server.store.schema.base import new_key, utcnow
from camunda_hub.server.store.schema.hub import Project
from camunda_hub.server.store.schema.snapshots import Review, ReviewRequest

REVIEW_STATUSES = ("APPROVED", "CHANGES_REQUESTED")


async def request_review(session: AsyncSession, caller: Principal, key: str) -> ReviewRequest:
    """At most one request per snapshot, ever; a new one supersedes the pending request of
    any other snapshot of the project."""
    # Locking the snapshot serializes two concurrent requests for it (the second sees the
    # first), and locking the project two requests on different snapshots of it (so only one
    # can remain pending).
    snapshot = await live_snapshot(session, caller, key, for_update=True)
    await lookups.live(session, Project, caller, snapshot.project_key, for_update=True)
    existing = await session.scalar(
        select(ReviewRequest.key).where(ReviewRequest.snapshot_key == snapshot.key)
    )
    if existing is not None:
        raise Conflict(
            f"project snapshot {shown(key)} already has a review request; create a new "
            "snapshot to start another review round"
        )
    await session.execute(
        sql_update(ReviewRequest)
        .where(
            ReviewRequest.project_key == snapshot.project_key,
            ReviewRequest.state == PENDING,
        )
        .values(state=SUPERSEDED)
        .execution_options(synchronize_session=False)
    )
    request = ReviewRequest(
        key=new_key(),
        snapshot_key=snapshot.key,
        project_key=snapshot.project_key,
        state=PENDING,
        created=utcnow(),
        created_by_name=caller.name,
        created_by_email=caller.email,
    )
    session.add(request)
    await session.flush()
    await hub_events.snapshot_event(session, caller, snapshot, "review_requested")
    return request


async def submit_review(
    session: AsyncSession, caller: Principal, key: str, *, status: str, comment: str | None
) -> Review:
    if status not in REVIEW_STATUSES:
        raise InvalidInput(f"status: must be one of {', '.join(REVIEW_STATUSES)}")
    if comment is not None and not comment.strip():
        raise InvalidInput("comment: must not be blank (omit it or send null for no comment)")
    snapshot = await live_snapshot(session, caller, key, for_update=True)
    # Locked: a concurrent request on another snapshot either supersedes this one first (and
    # the review is refused) or waits until the review is recorded.
    request: ReviewRequest | None = await session.scalar(
        select(ReviewRequest).where(ReviewRequest.snapshot_key == snapshot.key).with_for_update()
    )
    if request is None:
        raise Forbidden(
            f"project snapshot {shown(key)} has no review request; request a review first"
        )
    if request.state == SUPERSEDED:
        raise Forbidden(
            f"the review request of project snapshot {shown(key)} was superseded by a newer "
            "request on another snapshot of the project; review that one instead"
        )
    review = Review(
        key=new_key(),
        snapshot_key=snapshot.key,
        request_key=request.key,
        status=status,
        comment=comment,
        created=utcnow(),
        created_by_name=caller.name,
        created_by_email=caller.email,
    )
    request.state = REVIEWED
    session.add(review)
    await session.flush()
    await hub_events.snapshot_event(session, caller, snapshot, "reviewed", data={"status": status})
    return review
