"""The console's model browser in a real headless Chromium: from the organization to a BPMN
file that bpmn-js renders (with the Camunda compatibility lint finding of the fixture), a DMN
and a form, Markdown rendered without its raw HTML, the visual diff between two versions, and
a phone-width page. No page may trip the console's strict CSP. Screenshots go to
``test-artifacts/screenshots/``."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.browser import SCREENSHOTS, admin_cli, chromium, chromium_available, screenshot
from tests.support.console_models import ADDED_ELEMENT, BPMN_ELEMENTS, Tree, seed
from tests.support.server import HubServer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="Debian package chromium not installed"),
]

EMAIL = "viewer@example.com"
PASSWORD = "correct horse battery staple"


async def _seed(server: HubServer, token: str) -> Tree:
    async with httpx.AsyncClient(
        base_url=f"{server.url}/api/v2", headers={"Authorization": f"Bearer {token}"}, timeout=30
    ) as api:
        return await seed(api)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HubServer, Tree]]:
    with HubServer(tmp_path_factory.mktemp("console-models-browser")) as server:
        token = server.token(server.create_client_in_process())
        tree = asyncio.run(_seed(server, token))
        made = admin_cli(
            server, "admins", "create", "--email", EMAIL, "--password-stdin", stdin=PASSWORD + "\n"
        )
        assert made.exit_code == 0, made.output
        yield server, tree


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as launched:
        yield launched


VIOLATION_REPORTER = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error(`CSP violation: ${event.violatedDirective} by ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} sample=${event.sample}`);
});
"""


class Watched:
    """A page whose CSP violations and script errors are collected."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("console", self._console)
        page.on("response", self._response)
        # Say which directive, where: the console message alone names neither the file nor
        # the line that tried an inline style.
        page.add_init_script(VIOLATION_REPORTER)

    def _response(self, response: Any) -> None:
        # Browsers ask for /favicon.ico by themselves; the console has none.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message: Any) -> None:
        text = message.text
        if text.startswith("Failed to load resource"):
            return  # reported with its URL by _response
        if message.type == "error" or "Content Security Policy" in text:
            self.problems.append(f"console {message.type}: {text}")


def _rendered(page: Any, selector: str = "[data-model-view]") -> None:
    page.wait_for_selector(f"{selector}[data-rendered]")
    assert page.get_attribute(selector, "data-rendered") == "true", page.inner_text(selector)


def _shot(page: Any, name: str) -> None:
    screenshot(page, f"models-{name}", within="main")


def test_browse_render_lint_and_diff(seeded: tuple[HubServer, Tree], browser: Any) -> None:
    server, tree = seeded
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(20_000)
    watched = Watched(page)

    page.goto(f"{server.url}/console/sign-in")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url("**/console/api-clients")

    # Organization > Models > Sales > Orders > processes > Order process.
    page.click("nav[aria-label='Organization'] >> text=Models")
    page.wait_for_url("**/orgs/*/workspaces")
    _shot(page, "01-workspaces")
    page.click("a:text-is('Sales')")
    page.click("a:text-is('Orders')")
    page.wait_for_selector("text=Release 1")
    _shot(page, "02-project")
    page.click("a:text-is('processes')")
    page.click("a:text-is('Order process')")
    page.wait_for_url(f"**/files/{tree.files['bpmn']}")
    _rendered(page)
    for element_id in (*BPMN_ELEMENTS, ADDED_ELEMENT):
        assert page.locator(f"#model svg [data-element-id='{element_id}']").count() >= 1, element_id

    # The fixture's service task has no task definition: camunda-compat's `implementation`.
    page.wait_for_selector("#lint [data-lint-findings]")
    finding = page.locator(f"#lint li[data-element-id='{ADDED_ELEMENT}']")
    assert finding.count() >= 1
    assert "implementation" in (finding.first.get_attribute("data-rule") or "")
    marked = page.locator(f"#model g.djs-element.lint-error[data-element-id='{ADDED_ELEMENT}']")
    assert marked.count() == 1
    assert (
        page.locator(
            f"#model .djs-overlays[data-container-id='{ADDED_ELEMENT}'] .lint-badge"
        ).count()
        == 1
    )
    assert page.locator("#lint li[data-element-id='CheckDiscount']").count() == 0
    page.click("button:text-is('Zoom in')")
    _shot(page, "03-bpmn-lint")

    # Versions > "v1" with current: the visual diff marks and lists the added task.
    page.goto(
        f"{server.url}/console/orgs/{_org(page)}/files/{tree.files['bpmn']}/diff"
        f"?from={tree.version_v1}&to=current"
    )
    _rendered(page)
    added = page.locator(f"#changes li[data-change='added'][data-element-id='{ADDED_ELEMENT}']")
    assert added.count() == 1
    assert page.locator("#changes li[data-change='removed']").count() == 0
    after = page.locator("[data-model-slot='after']")
    assert (
        after.locator(f"g.djs-element.diff-added[data-element-id='{ADDED_ELEMENT}']").count() == 1
    )
    before = page.locator("[data-model-slot='before']")
    assert before.locator(f"[data-element-id='{ADDED_ELEMENT}']").count() == 0
    # The two diagrams pan and zoom together.
    page.click("#diff button:text-is('Zoom in')")
    transforms = page.eval_on_selector_all(
        "#diff .djs-container svg > .viewport",
        "els => els.map(e => { const m = e.transform.baseVal.consolidate().matrix;"
        " return [m.a, m.e, m.f].map((n) => n.toFixed(2)).join(' '); })",
    )
    assert len(transforms) == 2 and transforms[0] == transforms[1], transforms
    _shot(page, "04-bpmn-diff")

    # The DMN: its DRD, then the decision table one tab away.
    org = _org(page)
    page.goto(f"{server.url}/console/orgs/{org}/files/{tree.files['dmn']}")
    _rendered(page)
    assert page.locator("#model svg [data-element-id='discount']").count() >= 1
    _shot(page, "05-dmn-drd")
    page.click("#model button[data-view-type='decisionTable']")
    page.wait_for_selector("#model .tjs-table")
    assert (
        "Rule" in page.inner_text("#model .tjs-table")
        or page.locator("#model .tjs-table td").count() > 2
    )
    _shot(page, "06-dmn-table")

    # The form, read-only.
    page.goto(f"{server.url}/console/orgs/{org}/files/{tree.files['form']}")
    _rendered(page)
    assert page.locator("#model .fjs-form").count() == 1
    assert "Confirm the order" in page.inner_text("#model .fjs-form")
    _shot(page, "07-form")

    # Markdown: rendered, its raw HTML shown as text, the javascript: link not a link.
    page.goto(f"{server.url}/console/orgs/{org}/files/{tree.files['markdown']}")
    _rendered(page)
    article = page.locator("#model article.markdown-body")
    assert article.locator("h1").inner_text() == "Order notes"
    assert article.locator("strong").inner_text() == "fast"
    assert article.locator("script, img").count() == 0
    assert "<script>" in article.inner_text()
    assert article.locator("a[href^='javascript:']").count() == 0

    # A text diff: the snapshot's version of the notes against the current content.
    page.goto(f"{server.url}/console/orgs/{org}/files/{tree.files['markdown']}/diff")
    _rendered(page)
    added_lines = page.locator("#diff pre.diff .line[data-change='added']")
    assert added_lines.count() == 1
    assert added_lines.inner_text().splitlines() == ["+ ", "+ Shipped by parcel service."]
    assert page.locator("#diff pre.diff .line[data-change='removed']").count() == 0
    _shot(page, "08-text-diff")

    # An element template, pretty-printed.
    page.goto(f"{server.url}/console/orgs/{org}/files/{tree.files['element-template']}")
    _rendered(page)
    assert '\n  "' in page.inner_text("#model pre")

    assert watched.problems == [], "\n".join(watched.problems)
    context.close()


def _org(page: Any) -> str:
    href = page.get_attribute("nav[aria-label='Organization'] a:text-is('Models')", "href") or ""
    return href.split("/orgs/", 1)[1].split("/", 1)[0]


def test_phone_width(seeded: tuple[HubServer, Tree], browser: Any) -> None:
    server, tree = seeded
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    watched = Watched(page)
    page.goto(f"{server.url}/console/sign-in")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url("**/console/api-clients")
    org = _org(page)
    page.goto(f"{server.url}/console/orgs/{org}/files/{tree.files['bpmn']}")
    _rendered(page)
    page.wait_for_selector("#lint [data-lint-findings]")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    box = page.locator("#model .canvas").bounding_box()
    assert box is not None and box["width"] <= 390 and box["height"] >= 200
    _shot(page, "09-phone-bpmn")
    page.goto(f"{server.url}/console/orgs/{org}/folders/{tree.folder}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "10-phone-folder")
    assert watched.problems == [], "\n".join(watched.problems)
    context.close()
