"""For receivers of camunda-hub webhooks: check a delivery's Standard Webhooks signature.

    from camunda_hub.webhooks import verify, InvalidSignature
    event = verify(secret, request.headers, body)   # the event as a dict, or InvalidSignature

A thin wrapper around the maintained ``standardwebhooks`` package (pure Python, no
dependencies of its own, so it is part of the SDK's base install). During a secret rotation
deliveries carry two signatures; either secret verifies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

__all__ = ["InvalidSignature", "verify"]


class InvalidSignature(Exception):
    """Missing headers, a timestamp more than 5 minutes off, or no matching signature."""


def verify(secret: str, headers: Mapping[str, str], body: bytes | str) -> dict[str, Any]:
    """The delivered event, once its signature checks out against ``secret`` (``whsec_…``)."""
    plain = {str(name).lower(): str(value) for name, value in headers.items()}
    try:
        event = Webhook(secret).verify(body, plain)
    except WebhookVerificationError as exc:
        raise InvalidSignature(str(exc)) from None
    except (ValueError, TypeError) as exc:
        # A malformed signature header or secret (e.g. not base64).
        raise InvalidSignature("the signature or the secret is malformed") from exc
    if not isinstance(event, dict):
        raise InvalidSignature("the body is not an event")
    return event
