"""Rendering console pages: Jinja2 with autoescaping, and the headers every page carries."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "never"


_env.filters["when"] = _when


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
    html = _env.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=headers)
