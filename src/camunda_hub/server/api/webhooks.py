"""``/webhooks``: signed deliveries of the change feed (camunda-hub extension)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import Request, Response

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.docs import problem
from camunda_hub.server.api.models.events import EXTENSION_TAG
from camunda_hub.server.api.models.webhooks import (
    DeliveryAttemptResult,
    DeliverySearchRequest,
    DeliverySearchResult,
    PageRequest,
    PageResult,
    SecretRotationRequest,
    SecretRotationResult,
    WebhookCreatedResult,
    WebhookCreateRequest,
    WebhookResult,
    WebhookSearchRequest,
    WebhookSearchResult,
    WebhookUpdateRequest,
)
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.events import feed
from camunda_hub.server.events import webhooks as service
from camunda_hub.server.outbound import AddressPolicy, policy_for
from camunda_hub.server.runtime import runtime_of

router = RouteTable(tags=[EXTENSION_TAG])

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: problem("No webhook with this key in the caller's organization.")
}


def _policy(request: Request) -> AddressPolicy:
    return policy_for(runtime_of(request).settings.outbound_allow)


@router.post(
    "/webhooks",
    operation_id="createWebhook",
    response_model=WebhookCreatedResult,
    responses={400: problem("The URL, types or description are not acceptable.")},
)
async def create_webhook(
    request: Request, body: WebhookCreateRequest, session: WriteSession, caller: Caller
) -> WebhookCreatedResult:
    """Register a receiver of the organization's events from now on. The answer holds the
    signing secret; it is not shown again (rotate it to get a new one)."""
    head, _pruned = await feed.counter(session, caller.organization_id)
    created = await service.create(
        session,
        organization_id=caller.organization_id,
        actor=caller,
        url=body.url,
        types=body.types,
        description=body.description,
        kek=runtime_of(request).kek,
        policy=_policy(request),
        start_after=head,
    )
    return WebhookCreatedResult(**WebhookResult.of(created.row).model_dump(), secret=created.secret)


@router.get(
    "/webhooks/{webhookKey}",
    operation_id="getWebhook",
    response_model=WebhookResult,
    responses=_NOT_FOUND,
)
async def get_webhook(webhookKey: str, session: ReadSession, caller: Caller) -> WebhookResult:
    """A webhook with its delivery state (never its secret)."""
    return WebhookResult.of(await service.get(session, caller.organization_id, webhookKey))


@router.patch(
    "/webhooks/{webhookKey}",
    operation_id="updateWebhook",
    response_model=WebhookResult,
    responses=_NOT_FOUND,
)
async def update_webhook(
    request: Request,
    webhookKey: str,
    body: WebhookUpdateRequest,
    session: WriteSession,
    caller: Caller,
) -> WebhookResult:
    """Change the URL, types, description, or disable/enable it (enabling a failing webhook
    resumes delivery from the event it stopped at)."""
    changes = body.model_dump(exclude_unset=True)
    for name in ("url", "types", "active"):
        if name in changes and changes[name] is None:
            del changes[name]
    row = await service.update(
        session, caller.organization_id, webhookKey, changes, policy=_policy(request)
    )
    return WebhookResult.of(row)


@router.delete(
    "/webhooks/{webhookKey}",
    operation_id="deleteWebhook",
    status_code=204,
    responses=_NOT_FOUND,
)
async def delete_webhook(webhookKey: str, session: WriteSession, caller: Caller) -> Response:
    """Delete the webhook and its delivery log; nothing more is sent to it."""
    await service.delete(session, caller.organization_id, webhookKey)
    return Response(status_code=204)


@router.post("/webhooks/search", operation_id="searchWebhooks", response_model=WebhookSearchResult)
async def search_webhooks(
    session: ReadSession, caller: Caller, body: WebhookSearchRequest | None = None
) -> WebhookSearchResult:
    """The organization's webhooks, oldest first."""
    body = body or WebhookSearchRequest()
    page = body.page or PageRequest()
    rows, total = await service.search(
        session,
        caller.organization_id,
        active=body.filter.active if body.filter else None,
        limit=page.limit,
        offset=page.from_,
    )
    return WebhookSearchResult(
        items=[WebhookResult.of(row) for row in rows], page=PageResult(totalItems=total)
    )


@router.post(
    "/webhooks/{webhookKey}/secret-rotation",
    operation_id="rotateWebhookSecret",
    response_model=SecretRotationResult,
    responses=_NOT_FOUND,
)
async def rotate_webhook_secret(
    request: Request,
    webhookKey: str,
    session: WriteSession,
    caller: Caller,
    body: SecretRotationRequest | None = None,
) -> SecretRotationResult:
    """A new secret, shown once. During the grace period deliveries carry two signatures
    (new and previous secret), so receivers can switch without missing one."""
    body = body or SecretRotationRequest()
    row, secret = await service.rotate_secret(
        session,
        caller.organization_id,
        webhookKey,
        kek=runtime_of(request).kek,
        grace=timedelta(seconds=body.gracePeriodSeconds),
    )
    return SecretRotationResult(secret=secret, previousSecretExpires=row.previous_secret_expires)


@router.post(
    "/webhooks/{webhookKey}/deliveries/search",
    operation_id="searchWebhookDeliveries",
    response_model=DeliverySearchResult,
    responses=_NOT_FOUND,
)
async def search_webhook_deliveries(
    webhookKey: str,
    session: ReadSession,
    caller: Caller,
    body: DeliverySearchRequest | None = None,
) -> DeliverySearchResult:
    """The delivery log, newest attempt first: event, attempt, status code, duration, error,
    and when the next attempt is due."""
    page = (body.page if body else None) or PageRequest()
    rows, total = await service.attempts(
        session, caller.organization_id, webhookKey, limit=page.limit, offset=page.from_
    )
    return DeliverySearchResult(
        items=[DeliveryAttemptResult.of(row) for row in rows], page=PageResult(totalItems=total)
    )
