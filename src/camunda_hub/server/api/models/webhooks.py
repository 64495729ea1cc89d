"""Wire models of the webhook operations (a camunda-hub extension of the Hub API)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from camunda_hub.server.api.models.common import StrictModel
from camunda_hub.server.events.webhooks import status_of
from camunda_hub.server.store.schema.events import Webhook, WebhookAttempt

Url = Annotated[str, Field(min_length=1, max_length=2048)]
Types = Annotated[list[Annotated[str, Field(min_length=1, max_length=64)]], Field(max_length=50)]
Description = Annotated[str, Field(max_length=500)]


class WebhookCreateRequest(StrictModel):
    url: Url = Field(description="https URL (plain http only for operator-allowed hosts).")
    types: Types | None = Field(None, description="Event type prefixes; none: every event.")
    description: Description | None = None


class WebhookUpdateRequest(StrictModel):
    url: Url | None = None
    types: Types | None = None
    description: Description | None = None
    active: bool | None = Field(
        None, description="false disables; true enables again (also a failing webhook)."
    )


class SecretRotationRequest(StrictModel):
    gracePeriodSeconds: Annotated[int, Field(ge=0, le=7 * 86400)] = Field(
        86400, description="How long the previous secret keeps signing alongside the new one."
    )


class WebhookSearchFilter(StrictModel):
    active: bool | None = None


class PageRequest(StrictModel):
    limit: Annotated[int, Field(ge=1, le=1000)] = 100
    from_: Annotated[int, Field(ge=0, alias="from")] = 0


class WebhookSearchRequest(StrictModel):
    filter: WebhookSearchFilter | None = None
    page: PageRequest | None = None


class DeliverySearchRequest(StrictModel):
    page: PageRequest | None = None


class CreatedBy(BaseModel):
    name: str | None
    email: str | None


class WebhookResult(BaseModel):
    webhookKey: str
    url: str
    types: list[str]
    description: str | None
    active: bool
    status: str = Field(description="active, failing (stopped after 24 h of failures) or disabled")
    created: datetime
    createdBy: CreatedBy
    updated: datetime
    deliveredThrough: int = Field(description="Sequence of the last event delivered or skipped.")
    nextAttempt: datetime | None
    lastDelivery: datetime | None
    lastStatusCode: int | None

    @classmethod
    def of(cls, row: Webhook) -> WebhookResult:
        return cls(
            webhookKey=row.key,
            url=row.url,
            types=list(row.types),
            description=row.description,
            active=row.active,
            status=status_of(row),
            created=row.created,
            createdBy=CreatedBy(name=row.created_by_name, email=row.created_by_email),
            updated=row.updated,
            deliveredThrough=row.cursor,
            nextAttempt=row.next_attempt if row.attempts else None,
            lastDelivery=row.last_delivery,
            lastStatusCode=row.last_status,
        )


class WebhookCreatedResult(WebhookResult):
    secret: str = Field(description="Shown only in this answer (Standard Webhooks `whsec_…`).")


class SecretRotationResult(BaseModel):
    secret: str
    previousSecretExpires: datetime | None


class PageResult(BaseModel):
    totalItems: int


class WebhookSearchResult(BaseModel):
    items: list[WebhookResult]
    page: PageResult


class DeliveryAttemptResult(BaseModel):
    eventKey: str
    sequence: int
    type: str
    attempt: int
    started: datetime
    durationMs: int
    statusCode: int | None
    error: str | None
    delivered: bool
    nextAttempt: datetime | None

    @classmethod
    def of(cls, row: WebhookAttempt) -> DeliveryAttemptResult:
        return cls(
            eventKey=row.event_key,
            sequence=row.event_sequence,
            type=row.event_type,
            attempt=row.attempt,
            started=row.started,
            durationMs=row.duration_ms,
            statusCode=row.status_code,
            error=row.error,
            delivered=row.delivered,
            nextAttempt=row.next_attempt,
        )


class DeliverySearchResult(BaseModel):
    items: list[DeliveryAttemptResult]
    page: PageResult
