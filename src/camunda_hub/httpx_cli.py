"""``import httpx`` without httpx's own command line.

httpx's ``__init__`` imports its CLI module whenever click, rich and pygments are installed — and
typer, which camunda-hub's CLI is built on, installs all three. That CLI costs about as much CPU
to import as httpx itself (encode/httpx#3547), on every SDK import, every ``camunda-hub`` command
that talks to a server, and every server start. ``defer()`` puts a stand-in for ``httpx._main``
in place before httpx is first imported: calling ``httpx.main`` (or any name of an imported
``httpx._main``) loads the real module then."""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_CLI = "httpx._main"


def _real_cli() -> types.ModuleType:
    if isinstance(sys.modules.get(_CLI), _DeferredCli):
        del sys.modules[_CLI]
    return importlib.import_module(_CLI)


def _main(*args: Any, **kwargs: Any) -> Any:
    return _real_cli().main(*args, **kwargs)


class _DeferredCli(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        # The import system probes dunders (``__path__`` on ``from ._main import main``): those
        # are answered as for any plain module, not by loading the CLI.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(_real_cli(), name)


def defer() -> None:
    """Let the next ``import httpx`` skip httpx's CLI (no effect once httpx is imported)."""
    if "httpx" in sys.modules or _CLI in sys.modules:
        return
    stand_in = _DeferredCli(_CLI, "Loaded on first use (camunda_hub.httpx_cli).")
    stand_in.main = _main  # type: ignore[attr-defined]
    sys.modules[_CLI] = stand_in
