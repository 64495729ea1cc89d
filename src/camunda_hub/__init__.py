"""camunda-hub: the Camunda Hub REST API v2 — Python SDK and CLI (server in the ``[server]`` extra)."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["AsyncHubClient", "HubClient", "__version__"]


def __getattr__(name: str) -> Any:
    # Imported lazily so `import camunda_hub` stays cheap and never pulls in server code.
    if name in ("HubClient", "AsyncHubClient"):
        from camunda_hub import client

        return getattr(client, name)
    raise AttributeError(name)
