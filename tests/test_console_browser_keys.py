"""The console's key management in a real headless Chromium: create a key-only API client by
pasting a PEM, add a second key (a JWK), remove the first, and use the keys at the token
endpoint. Screenshots go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.browser import (
    SCREENSHOTS,
    chromium,
    chromium_available,
    printed_setup_link,
    screenshot,
)
from tests.support.client_keys import KeyPair, assertion_form
from tests.support.server import HubServer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="Debian package chromium not installed"),
]

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("console-browser-keys")) as hub:
        yield hub


def _token_status(server: HubServer, pair: KeyPair, client_id: str) -> int:
    form = assertion_form(pair.assertion(client_id, server.token_url), client_id)
    return httpx.post(server.token_url, data=form, timeout=30).status_code


def test_keys_are_managed_on_the_client_page(server: HubServer) -> None:
    first, second = KeyPair.ec(), KeyPair.ed25519()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.set_default_timeout(20_000)
        page.on("dialog", lambda dialog: dialog.accept())
        link, _token = printed_setup_link(server)
        page.goto(link)
        page.fill("#email", "keys@example.com")
        page.fill("#password", PASSWORD)
        page.fill("#password_confirm", PASSWORD)
        page.click("text=Create my admin account")
        page.wait_for_url("**/console/api-clients?done=welcome")

        page.click("text=Create API client")
        page.fill("#name", "Keyed pipeline")
        page.check("label:has-text('Read')")
        page.fill("#public_key", first.public_pem())
        screenshot(page, "keys-01-create-with-key")
        page.click("button:has-text('Create')")
        page.wait_for_selector("text=It has no secret")
        assert page.query_selector("#client-secret") is None
        client_id = page.inner_text("#client-id").strip()
        screenshot(page, "keys-02-client-with-key")
        assert _token_status(server, first, client_id) == 200

        page.fill("#public_key", second.public_jwk_text(kid="second-key"))
        page.click("button:has-text('Add key')")
        page.wait_for_selector("text=Key added")
        assert page.is_visible("code:has-text('second-key')")
        assert _token_status(server, second, client_id) == 200
        # Remove the first key (the row that is not "second-key").
        page.click("tr:not(:has-text('second-key')) >> button:has-text('Remove')")
        page.wait_for_selector("text=Key removed")
        screenshot(page, "keys-03-after-rotation")
        assert page.locator("tbody tr").count() == 1
        assert _token_status(server, first, client_id) == 401
        assert _token_status(server, second, client_id) == 200
