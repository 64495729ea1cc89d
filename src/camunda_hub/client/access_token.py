"""An access token for a configuration without an API client: what ``HubClient(config=…)
.token()`` returns — from the same process-wide (and disk) cache, fetched by the same request —
for callers that want only the token (``camunda-hub token``, which CI scripts run in loops).

A ``HubClient`` imports the resources, models and tree sync modules and opens two httpx clients,
each loading the CA bundle; this opens one, only when the token is not cached, and imports none
of them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from camunda_hub.client.config import HubConfig
from camunda_hub.client.token_request import RetryPolicy, Token, request_token
from camunda_hub.client.tokens import shared_cache
from camunda_hub.client.transport import client_options


def _without_ca_bundle(options: dict[str, Any], url: str) -> dict[str, Any]:
    """For an ``http://`` token URL with the default trust: a TLS context that trusts no CA.

    Loading the default CA bundle is ~10 % of ``camunda-hub token``, and a plain-HTTP request
    never uses it: redirects are not followed (``client_options``), and a proxy's own TLS has a
    context of its own. Should TLS happen anyway, it fails verification; it never passes
    unverified."""
    if options["verify"] is not True or urlsplit(url).scheme != "http":
        return options
    import ssl

    return {**options, "verify": ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)}


def access_token(config: HubConfig, *, retry: RetryPolicy | None = None) -> Token:
    # Resolved first, as HubClient() does: a CA bundle or client certificate that cannot be
    # loaded is an error even while a cached token would do.
    options = _without_ca_bundle(client_options(config), config.oauth_url)
    policy = retry or RetryPolicy()

    def fetch() -> Token:
        import httpx

        with httpx.Client(**options) as http:
            return request_token(http, config, policy=policy)

    return shared_cache(config.cache_key, config.token_cache_dir).get(fetch)
