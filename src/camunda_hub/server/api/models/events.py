"""Wire models of the change feed (a camunda-hub extension of the Hub API); an event itself is
``events/wire.py``, shared with the webhook dispatcher."""

from __future__ import annotations

from pydantic import BaseModel, Field

from camunda_hub.server.events.wire import EventActor, EventParents, EventResource, EventResult

EXTENSION_TAG = "Events and webhooks (camunda-hub extension)"

__all__ = [
    "EXTENSION_TAG",
    "EventActor",
    "EventPage",
    "EventParents",
    "EventResource",
    "EventResult",
]


class EventPage(BaseModel):
    items: list[EventResult]
    nextAfter: int = Field(description="Pass as `after` to read on; never goes backwards.")
