"""An access token for a configuration without an API client: what ``HubClient(config=…)
.token()`` returns — from the same process-wide (and disk) cache, fetched by the same request —
for callers that want only the token (``camunda-hub token``, which CI scripts run in loops).

A ``HubClient`` imports the resources, models and tree sync modules and opens two httpx clients,
each loading the CA bundle; this opens one, only when the token is not cached, and imports none
of them."""

from __future__ import annotations

from camunda_hub.client.config import HubConfig
from camunda_hub.client.token_request import RetryPolicy, Token, request_token
from camunda_hub.client.tokens import shared_cache
from camunda_hub.client.transport import client_options


def access_token(config: HubConfig, *, retry: RetryPolicy | None = None) -> Token:
    # Resolved first, as HubClient() does: a CA bundle or client certificate that cannot be
    # loaded is an error even while a cached token would do.
    options = client_options(config)
    policy = retry or RetryPolicy()

    def fetch() -> Token:
        import httpx

        with httpx.Client(**options) as http:
            return request_token(http, config, policy=policy)

    return shared_cache(config.cache_key, config.token_cache_dir).get(fetch)
