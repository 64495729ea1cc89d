"""The console's Webhooks page over real HTTP: create (secret shown once), list with status,
detail with the delivery log, disable/enable, rotate, delete, refused URLs, CSRF."""

from __future__ import annotations

import re
from typing import Any

from tests.support.console_pages import csrf_token
from tests.support.server import HubServer
from tests.test_console_http import (  # noqa: F401  (fixtures)
    FIRST_ADMIN,
    _sign_in,
    console_hub,
    first_admin,
)

SECRET_RE = re.compile(r'<code id="webhook-secret">(whsec_[^<]+)</code>')
KEY_RE = re.compile(r'<code id="webhook-key">([^<]+)</code>')


def _mark_failing(server: HubServer, key: str) -> None:
    """What the dispatcher writes after 24 h of failed attempts (not waited out here)."""

    async def work(session: Any, store: Any) -> None:
        from sqlalchemy import update

        from camunda_hub.server.store.schema.base import utcnow
        from camunda_hub.server.store.schema.events import Webhook

        await session.execute(
            update(Webhook).where(Webhook.key == key).values(failing=True, failing_since=utcnow())
        )

    server._in_store(work)


def test_the_webhooks_page(console_hub: HubServer, first_admin: str) -> None:  # noqa: F811
    browser = _sign_in(console_hub, first_admin)
    listing = browser.get("/webhooks")
    assert listing.status_code == 200 and "No webhooks yet" in listing.text
    created = browser.post(
        "/webhooks",
        data={
            "csrf_token": csrf_token(listing),
            "url": "https://hooks.example.com/console",
            "types": "file., project",
            "description": "CI",
        },
    )
    assert created.status_code == 200, created.text
    secret = SECRET_RE.search(created.text)
    key = KEY_RE.search(created.text)
    assert secret and key
    assert "no-store" in created.headers.get("cache-control", "")
    key_value = key.group(1)
    listing = browser.get("/webhooks")
    assert "https://hooks.example.com/console" in listing.text and "active" in listing.text
    detail = browser.get(f"/webhooks/{key_value}")
    assert secret.group(1) not in detail.text  # shown once only
    assert "Nothing delivered yet" in detail.text
    disabled = browser.post(
        f"/webhooks/{key_value}/active", data={"csrf_token": csrf_token(detail), "active": "false"}
    )
    assert disabled.status_code == 303
    detail = browser.get(disabled.headers["location"].removeprefix("/console"))
    assert '<span class="tag" id="webhook-status">disabled</span>' in detail.text
    enabled = browser.post(
        f"/webhooks/{key_value}/active", data={"csrf_token": csrf_token(detail), "active": "true"}
    )
    detail = browser.get(enabled.headers["location"].removeprefix("/console"))
    assert '<span class="tag" id="webhook-status">active</span>' in detail.text
    rotated = browser.post(
        f"/webhooks/{key_value}/rotate", data={"csrf_token": csrf_token(detail), "grace": "3600"}
    )
    new_secret = SECRET_RE.search(rotated.text)
    assert new_secret and new_secret.group(1) != secret.group(1)
    # A webhook stopped after 24 h of failures shows as failing, and enabling resumes it.
    _mark_failing(console_hub, key_value)
    listing = browser.get("/webhooks")
    assert '<span class="tag">failing</span>' in listing.text
    detail = browser.get(f"/webhooks/{key_value}")
    assert '<span class="tag" id="webhook-status">failing</span>' in detail.text
    assert "Enable webhook" in detail.text
    enabled = browser.post(
        f"/webhooks/{key_value}/active", data={"csrf_token": csrf_token(detail), "active": "true"}
    )
    detail = browser.get(enabled.headers["location"].removeprefix("/console"))
    assert '<span class="tag" id="webhook-status">active</span>' in detail.text
    refused = browser.post(
        "/webhooks",
        data={"csrf_token": csrf_token(detail), "url": "http://hooks.example.com/plain"},
    )
    assert refused.status_code == 400 and "https" in refused.text
    no_csrf = browser.post(f"/webhooks/{key_value}/delete", data={"csrf_token": "guessed"})
    assert no_csrf.status_code == 403
    deleted = browser.post(f"/webhooks/{key_value}/delete", data={"csrf_token": csrf_token(detail)})
    assert deleted.status_code == 303
    assert browser.get(f"/webhooks/{key_value}").status_code == 404
    assert FIRST_ADMIN
