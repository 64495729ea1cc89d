"""The console in a real headless Chromium: Organization > Administration API > Create API client,
then the secret at work against the token endpoint and the Hub API, rotation and revocation.
Screenshots of the main pages go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import (
    SCREENSHOTS,
    chromium,
    chromium_available,
    printed_setup_link,
    screenshot,
)
from tests.support.server import AUDIENCE, Credentials, HubServer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="Debian package chromium not installed"),
]

EMAIL = "ada@example.com"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("console-browser")) as hub:
        yield hub


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as launched:
        yield launched


def test_create_use_rotate_and_revoke_an_api_client(
    server: HubServer, browser: Any, tmp_path: Path
) -> None:
    context = browser.new_context(
        viewport={"width": 1280, "height": 800},
        accept_downloads=True,
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("dialog", lambda dialog: dialog.accept())

    # First admin through the one-time link printed on start: the page script moves the token
    # from the URL fragment into the form.
    link, token = printed_setup_link(server)
    page.goto(link)
    assert page.input_value("#token") == token
    assert "#" not in page.url
    page.fill("#email", EMAIL)
    page.fill("#name", "Ada")
    page.fill("#password", PASSWORD)
    page.fill("#password_confirm", PASSWORD)
    screenshot(page, "01-setup")
    page.click("text=Create my admin account")
    page.wait_for_url("**/console/api-clients?done=welcome")

    # Sign out, then sign in again with the keyboard only.
    page.click("text=Sign out")
    page.wait_for_url("**/console/sign-in?signed_out=1")
    screenshot(page, "02-sign-in")
    page.focus("#email")
    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/api-clients")

    # Organization > Administration API > Create API client, with two permissions.
    page.click("text=Create API client")
    page.wait_for_url("**/console/api-clients/new")
    page.fill("#name", "Release pipeline")
    page.check("label:has-text('Read')")
    page.check("label:has-text('Create')")
    screenshot(page, "03-create-client")
    page.click("button:has-text('Create')")
    page.wait_for_selector("#client-secret")
    client_id = page.inner_text("#client-id").strip()
    secret = page.inner_text("#client-secret").strip()
    assert len(secret) >= 43
    screenshot(page, "04-client-secret")
    # The page's history entry already points at the client's page (reload shows that).
    assert page.url.endswith(f"/console/api-clients/{client_id}")

    page.click("button[data-copy='client-secret']")
    page.wait_for_selector("text=copied to the clipboard")
    assert page.evaluate("navigator.clipboard.readText()") == secret

    with page.expect_download() as env_download:
        page.click("#download-env")
    env_text = Path(env_download.value.path()).read_text()
    assert f"CAMUNDA_HUB_CLIENT_ID={client_id}" in env_text
    assert f"CAMUNDA_HUB_CLIENT_SECRET={secret}" in env_text
    assert f"CAMUNDA_OAUTH_URL={server.url}/oauth/token" in env_text
    assert f"CAMUNDA_HUB_OAUTH_AUDIENCE={AUDIENCE}" in env_text
    assert f"CAMUNDA_HUB_REST_URL={server.url}" in env_text
    with page.expect_download() as script_download:
        page.click("#download-script")
    script = tmp_path / "token.sh"
    script.write_text(Path(script_download.value.path()).read_text())
    ran = subprocess.run(["sh", str(script)], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert '"access_token"' in ran.stdout

    # The secret works: token by form POST, then the Hub API.
    issued = server.request_token(Credentials(client_id, secret))
    assert issued.status_code == 200
    assert issued.json()["scope"] == "create:* read:*"
    token_before = issued.json()["access_token"]
    info = server.info(token_before)
    assert info.status_code == 200
    assert info.json()["version"] == "v2"

    # Reload: the client's page, and the secret is gone for good.
    page.reload()
    assert page.url.endswith(f"/console/api-clients/{client_id}")
    assert secret not in page.content()
    assert page.inner_text("#client-id").strip() == client_id
    screenshot(page, "05-client-detail")

    # Rotate (no grace): the old secret is refused, the new one works.
    page.select_option("#grace", "0")
    page.click("button:has-text('Rotate secret')")
    page.wait_for_selector("#client-secret")
    new_secret = page.inner_text("#client-secret").strip()
    assert new_secret != secret
    assert server.request_token(Credentials(client_id, secret)).status_code == 401
    assert server.info(token_before).status_code == 401
    issued = server.request_token(Credentials(client_id, new_secret))
    assert issued.status_code == 200
    live_token = issued.json()["access_token"]
    assert server.info(live_token).status_code == 200
    page.go_back()
    assert new_secret not in page.content()

    # Revoke: the earlier token is refused at once.
    page.goto(f"{server.url}/console/api-clients/{client_id}")
    page.click("button:has-text('Revoke and delete')")
    page.wait_for_url("**/console/api-clients?done=deleted")
    assert server.info(live_token).status_code == 401
    assert client_id not in page.content()
    screenshot(page, "06-clients-list")

    page.click("text=Audit trail")
    page.wait_for_url("**/console/audit")
    for action in ("Created API client", "Rotated secret", "Revoked and deleted API client"):
        assert page.is_visible(f"text={action}")
    screenshot(page, "07-audit")
    page.click("nav >> text=Admins")
    page.wait_for_url("**/console/admins")
    screenshot(page, "08-admins")

    # A phone-sized screen: no horizontal scrolling, navigation still reachable.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/console/audit")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.is_visible("nav >> text=Administration API")
    screenshot(page, "09-audit-phone")
    context.close()
