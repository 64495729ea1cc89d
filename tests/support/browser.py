"""Helpers for the console tests: console admins via the CLI, the setup link a server printed,
and a headless Chromium (Debian's ``chromium`` package, driven by Playwright)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from click.testing import Result
from typer.testing import CliRunner

from tests.support.server import HubServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SETUP_LINK_RE = re.compile(r"^\s*(https?://\S+/console/setup#(\S+))$", re.M)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def admin_cli(server: HubServer, *args: str, stdin: str | None = None) -> Result:
    """``camunda-hub …`` in this process (on the server's data folder): the same code as the
    command, without paying a Python start-up per call."""
    from camunda_hub.cli.main import app

    return CliRunner().invoke(app, [*args, "--data-dir", str(server.data_dir)], input=stdin)


def printed_setup_link(server: HubServer) -> tuple[str, str]:
    """(link, token) of the first-admin link the server printed on start."""
    match = SETUP_LINK_RE.search(server.output)
    if match is None:
        raise AssertionError(f"no setup link in the server output:\n{server.output}")
    return match.group(1), match.group(2)


def _unlabelled(within: str) -> str:
    fields = ", ".join(f"{within} {tag}".strip() for tag in ("input", "select", "textarea"))
    return f"""() => [...document.querySelectorAll('{fields}')]
    .filter((el) => el.type !== 'hidden' && !el.hidden)
    .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label'))
    .map((el) => el.name || el.id)"""


def screenshot(page: Any, name: str, *, within: str = "") -> None:
    """A full-page screenshot, ``SCREENSHOTS/<name>.png``, of a page whose every visible form
    field (inside the CSS selector ``within``, when given) has a label."""
    assert page.evaluate(_unlabelled(within)) == [], name
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (Playwright's Browser)."""
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
