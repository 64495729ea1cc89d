"""The httpx settings every SDK request uses, the token request included: TLS (custom CA
bundle, client certificate for mTLS), proxies from the environment and a timeout."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_hub import __version__
from camunda_hub.client.config import CA_BUNDLE_VAR, CLIENT_CERT_VAR, HubConfig
from camunda_hub.client.errors import ConfigurationError

if TYPE_CHECKING:
    import ssl

USER_AGENT = f"camunda-hub-python/{__version__}"


def ssl_context(config: HubConfig) -> ssl.SSLContext | bool:
    import ssl

    import httpx

    if config.ca_bundle is None and config.client_cert is None:
        return True  # httpx's default: certifi, or SSL_CERT_FILE / SSL_CERT_DIR from the env
    try:
        if config.ca_bundle is None:
            context = httpx.create_ssl_context()
        elif config.ca_bundle.is_dir():
            context = ssl.create_default_context(capath=str(config.ca_bundle))
        else:
            context = ssl.create_default_context(cafile=str(config.ca_bundle))
    except (OSError, ssl.SSLError) as exc:
        raise ConfigurationError(
            f"cannot load the CA bundle {config.ca_bundle}: {exc}", variable=CA_BUNDLE_VAR
        ) from None
    if config.client_cert is not None:
        try:
            context.load_cert_chain(
                str(config.client_cert), str(config.client_key) if config.client_key else None
            )
        except (OSError, ssl.SSLError) as exc:
            raise ConfigurationError(
                f"cannot load the client certificate {config.client_cert}: {exc}",
                variable=CLIENT_CERT_VAR,
            ) from None
    return context


def client_options(config: HubConfig) -> dict[str, Any]:
    """Keyword arguments for ``httpx.Client``/``httpx.AsyncClient`` (trust_env → proxies)."""
    import httpx

    return {
        "verify": ssl_context(config),
        "timeout": httpx.Timeout(config.timeout),
        "trust_env": True,
        "headers": {"User-Agent": USER_AGENT},
        "follow_redirects": False,
    }
