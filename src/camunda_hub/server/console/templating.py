"""Rendering console pages: Jinja2 with autoescaping, and the headers every page carries."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def _env() -> Environment:
    # Built on the first page served, not at import: Jinja2 is a part of every server start's
    # CPU time, and most deployments serve the API far more than the console.
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _when
    return env


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "never"


def render(
    request: Request,
    template: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    /,
    **context: Any,
) -> HTMLResponse:
    context.setdefault("who", getattr(request.state, "who", None))
    context["base"] = request.scope.get("root_path", "")
    html = _env().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=headers)
