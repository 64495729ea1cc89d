"""The admin web console at ``/console``: server-rendered pages for organization admins
(Organization > Administration API), on the same service layer as the CLI.

``install(app, runtime)`` mounts it; ``prepare(runtime)`` runs once the runtime started and,
when the organization has no admin yet, creates a one-time setup link that the terminal banner
prints (``take_setup_link``) — it is never logged."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from fastapi import FastAPI

from camunda_hub.server.console.first_admin import CONSOLE_PATH, setup_link_if_needed
from camunda_hub.server.console.mount import build
from camunda_hub.server.runtime import Runtime

__all__ = ["CONSOLE_PATH", "install", "prepare", "take_setup_link"]

_setup_links: WeakKeyDictionary[Runtime, str] = WeakKeyDictionary()


def install(app: FastAPI, runtime: Runtime) -> None:
    app.mount(CONSOLE_PATH, build(runtime), name="console")


async def prepare(runtime: Runtime) -> None:
    link = await setup_link_if_needed(runtime.db, runtime.issuer)
    if link is not None:
        _setup_links[runtime] = link


def take_setup_link(runtime: Runtime) -> str | None:
    """The setup link this start created, handed out once."""
    return _setup_links.pop(runtime, None)
