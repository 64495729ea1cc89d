"""The settings half of ``HubClient`` and ``AsyncHubClient``: one constructor signature and one
way to resolve it, so the two clients differ only in how they do I/O."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from camunda_hub.client.config import HubConfig
from camunda_hub.client.redact import Secret
from camunda_hub.client.token_request import RetryPolicy
from camunda_hub.client.transport import client_options


class ClientBase(ABC):
    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | Secret | None = None,
        oauth_url: str | None = None,
        audience: str | None = None,
        rest_url: str | None = None,
        ca_bundle: str | Path | None = None,
        client_cert: str | Path | None = None,
        client_key: str | Path | None = None,
        timeout: float | None = None,
        token_cache_dir: str | Path | None = None,
        config: HubConfig | None = None,
        retry: RetryPolicy | None = None,
        client_private_key_file: str | Path | None = None,
        client_key_id: str | None = None,
        dpop: bool | None = None,
    ) -> None:
        self.config = config or HubConfig.resolve(
            client_id=client_id,
            client_secret=client_secret,
            oauth_url=oauth_url,
            audience=audience,
            rest_url=rest_url,
            ca_bundle=ca_bundle,
            client_cert=client_cert,
            client_key=client_key,
            timeout=timeout,
            token_cache_dir=token_cache_dir,
            client_private_key_file=client_private_key_file,
            client_key_id=client_key_id,
            dpop=dpop,
        )
        self._retry = retry or RetryPolicy()
        self._open(client_options(self.config))

    @abstractmethod
    def _open(self, options: dict[str, Any]) -> None:
        """Create the HTTP clients (``options`` are httpx's) and the resources."""
