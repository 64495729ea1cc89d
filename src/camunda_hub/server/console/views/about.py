"""About the console: the third-party packages bundled into its model browser, with their
licence texts (from the notices the asset build writes next to the bundles)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from camunda_hub.server.console.access import require_admin
from camunda_hub.server.console.templating import render

NOTICES = Path(__file__).resolve().parents[1] / "static" / "models" / "licenses.json"


@cache
def bundled_packages() -> list[dict[str, Any]]:
    packages: list[dict[str, Any]] = json.loads(NOTICES.read_text(encoding="utf-8"))
    return packages


async def about_page(request: Request) -> Response:
    await require_admin(request)
    return render(request, "about.html", nav="about", packages=bundled_packages())
