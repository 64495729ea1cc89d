"""Where the SDK and CLI get their settings: explicit arguments, then the environment, then the
documented defaults.

Credentials: ``CAMUNDA_HUB_CLIENT_ID``/``CAMUNDA_HUB_CLIENT_SECRET`` come first, then the names of
Camunda's released 8.10 docs, ``CAMUNDA_CONSOLE_CLIENT_ID``/``CAMUNDA_CONSOLE_CLIENT_SECRET``. The
id and secret are always taken as a pair from the same family, so an id from one set of variables
is never sent with a secret from another. The audience is ``CAMUNDA_HUB_OAUTH_AUDIENCE``, then
``CAMUNDA_CONSOLE_OAUTH_AUDIENCE``, then ``api.cloud.camunda.io``."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from camunda_hub.client.errors import ConfigurationError
from camunda_hub.client.redact import Secret

DEFAULT_OAUTH_URL = "https://login.cloud.camunda.io/oauth/token"
DEFAULT_AUDIENCE = "api.cloud.camunda.io"
DEFAULT_REST_URL = "http://localhost:8088"
DEFAULT_TIMEOUT = 30.0
API_PREFIX = "/api/v2"

# (id variable, secret variable), in order of precedence.
CREDENTIAL_FAMILIES = (
    ("CAMUNDA_HUB_CLIENT_ID", "CAMUNDA_HUB_CLIENT_SECRET"),
    ("CAMUNDA_CONSOLE_CLIENT_ID", "CAMUNDA_CONSOLE_CLIENT_SECRET"),
)
OAUTH_URL_VARS = ("CAMUNDA_OAUTH_URL",)
AUDIENCE_VARS = ("CAMUNDA_HUB_OAUTH_AUDIENCE", "CAMUNDA_CONSOLE_OAUTH_AUDIENCE")
REST_URL_VARS = ("CAMUNDA_HUB_REST_URL",)
CA_BUNDLE_VAR = "CAMUNDA_HUB_CA_BUNDLE"
CLIENT_CERT_VAR = "CAMUNDA_HUB_CLIENT_CERT"
CLIENT_KEY_VAR = "CAMUNDA_HUB_CLIENT_KEY"
TIMEOUT_VAR = "CAMUNDA_HUB_TIMEOUT"
TOKEN_CACHE_DIR_VAR = "CAMUNDA_HUB_TOKEN_CACHE_DIR"
# private_key_jwt (RFC 7523): the client signs an assertion with this key instead of sending a
# secret; the key id names which of its registered keys (optional).
CLIENT_PRIVATE_KEY_FILE_VAR = "CAMUNDA_HUB_CLIENT_PRIVATE_KEY_FILE"
CLIENT_KEY_ID_VAR = "CAMUNDA_HUB_CLIENT_KEY_ID"


@dataclass(frozen=True)
class HubConfig:
    """Everything needed to get tokens and call the Hub API. ``repr`` never shows the secret."""

    client_id: str
    client_secret: Secret
    oauth_url: str = DEFAULT_OAUTH_URL
    audience: str = DEFAULT_AUDIENCE
    rest_url: str = DEFAULT_REST_URL
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    timeout: float = DEFAULT_TIMEOUT
    # Set → tokens are also cached on disk in this folder (off by default).
    token_cache_dir: Path | None = None
    # Where each value came from (argument or variable name), for messages and `--debug` output.
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)
    # Set → token requests authenticate with a signed assertion (private_key_jwt), no secret.
    client_private_key_file: Path | None = None
    client_key_id: str | None = None
    # DPoP (RFC 9449): tokens bound to an in-memory key, a proof with every request.
    dpop: bool = False

    @property
    def api_url(self) -> str:
        return self.rest_url + API_PREFIX

    @property
    def cache_key(self) -> tuple[str, str, str, str]:
        """(token URL, client id, audience) plus a digest of the secret, so two clients with the
        same id but different secrets never share a token."""
        credential = self.client_secret.reveal()
        if self.client_private_key_file is not None:
            credential = f"key:{self.client_private_key_file.resolve()}:{self.client_key_id or ''}"
        if self.dpop:
            credential += ":dpop"  # a DPoP token is no use to a client without its key
        digest = hashlib.sha256(credential.encode()).hexdigest()[:16]
        return (self.oauth_url, self.client_id, self.audience, digest)

    @classmethod
    def resolve(
        cls,
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
        env: Mapping[str, str] | None = None,
        client_private_key_file: str | Path | None = None,
        client_key_id: str | None = None,
        dpop: bool | None = None,
    ) -> HubConfig:
        environ = os.environ if env is None else env
        sources: dict[str, str] = {}
        private_key = _path(
            client_private_key_file,
            CLIENT_PRIVATE_KEY_FILE_VAR,
            environ,
            sources,
            "client_private_key_file",
        )
        resolved_id, secret = _credentials(
            client_id, client_secret, environ, sources, secret_optional=private_key is not None
        )
        if private_key is not None:
            # The key replaces the secret: a secret also set in the environment is not sent.
            secret = Secret("")
            sources.pop("client_secret", None)
        key_id = client_key_id or environ.get(CLIENT_KEY_ID_VAR) or None
        if key_id:
            sources["client_key_id"] = "argument" if client_key_id else CLIENT_KEY_ID_VAR
        token_url = _url(
            _pick("oauth_url", oauth_url, OAUTH_URL_VARS, environ, sources, DEFAULT_OAUTH_URL),
            sources["oauth_url"],
        )
        chosen_audience = _pick(
            "audience", audience, AUDIENCE_VARS, environ, sources, DEFAULT_AUDIENCE
        )
        if not chosen_audience.strip():
            raise ConfigurationError(
                f"the OAuth audience is empty (set {AUDIENCE_VARS[0]})", variable=AUDIENCE_VARS[0]
            )
        base = _url(
            _pick("rest_url", rest_url, REST_URL_VARS, environ, sources, DEFAULT_REST_URL),
            sources["rest_url"],
        ).rstrip("/")
        # Accept the API prefix too: people paste the full base URL from the docs.
        if base.endswith(API_PREFIX):
            base = base[: -len(API_PREFIX)]
        cert = _path(client_cert, CLIENT_CERT_VAR, environ, sources, "client_cert")
        key = _path(client_key, CLIENT_KEY_VAR, environ, sources, "client_key")
        if key is not None and cert is None:
            raise ConfigurationError(
                f"a client key was given without a client certificate (set {CLIENT_CERT_VAR})",
                variable=CLIENT_CERT_VAR,
            )
        use_dpop = _dpop(dpop, environ, sources)
        return cls(
            client_id=resolved_id,
            client_secret=secret,
            oauth_url=token_url,
            audience=chosen_audience,
            rest_url=base,
            ca_bundle=_path(ca_bundle, CA_BUNDLE_VAR, environ, sources, "ca_bundle"),
            client_cert=cert,
            client_key=key,
            timeout=_timeout(timeout, environ, sources),
            # A DPoP token is useless without the in-memory key it is bound to: not on disk.
            token_cache_dir=None if use_dpop else _optional_dir(token_cache_dir, environ, sources),
            sources=sources,
            client_private_key_file=private_key,
            client_key_id=key_id,
            dpop=use_dpop,
        )


def _credentials(
    client_id: str | None,
    client_secret: str | Secret | None,
    environ: Mapping[str, str],
    sources: dict[str, str],
    *,
    secret_optional: bool = False,
) -> tuple[str, Secret]:
    secret_value = client_secret.reveal() if isinstance(client_secret, Secret) else client_secret
    if client_id:
        sources["client_id"] = "argument"
        if secret_value:
            sources["client_secret"] = "argument"
            return client_id, Secret(secret_value)
        # An explicit id pairs with the secret of the first family that names this id, or
        # with the first family's secret when none does.
        for id_var, secret_var in CREDENTIAL_FAMILIES:
            if environ.get(id_var) == client_id and environ.get(secret_var):
                sources["client_secret"] = secret_var
                return client_id, Secret(environ[secret_var])
        for _, secret_var in CREDENTIAL_FAMILIES:
            if environ.get(secret_var):
                sources["client_secret"] = secret_var
                return client_id, Secret(environ[secret_var])
        if secret_optional:
            return client_id, Secret("")
        raise ConfigurationError(
            f"no client secret: set {CREDENTIAL_FAMILIES[0][1]} (or pass client_secret)",
            variable=CREDENTIAL_FAMILIES[0][1],
        )
    for id_var, secret_var in CREDENTIAL_FAMILIES:
        found_id = environ.get(id_var)
        if not found_id:
            continue
        sources["client_id"] = id_var
        if secret_value:
            sources["client_secret"] = "argument"
            return found_id, Secret(secret_value)
        if not environ.get(secret_var):
            if secret_optional:
                return found_id, Secret("")
            raise ConfigurationError(
                f"{id_var} is set but {secret_var} is not: set {secret_var}", variable=secret_var
            )
        sources["client_secret"] = secret_var
        return found_id, Secret(environ[secret_var])
    raise ConfigurationError(
        f"no client id: set {CREDENTIAL_FAMILIES[0][0]} and {CREDENTIAL_FAMILIES[0][1]} "
        f"(or {CREDENTIAL_FAMILIES[1][0]} and {CREDENTIAL_FAMILIES[1][1]})",
        variable=CREDENTIAL_FAMILIES[0][0],
    )


def _dpop(explicit: bool | None, environ: Mapping[str, str], sources: dict[str, str]) -> bool:
    from camunda_hub.client.dpop import DPOP_VAR, parse_flag

    if explicit is not None:
        sources["dpop"] = "argument"
        return explicit
    if environ.get(DPOP_VAR):
        sources["dpop"] = DPOP_VAR
    return parse_flag(environ.get(DPOP_VAR))


def _pick(
    name: str,
    explicit: str | None,
    variables: tuple[str, ...],
    environ: Mapping[str, str],
    sources: dict[str, str],
    default: str,
) -> str:
    if explicit:
        sources[name] = "argument"
        return explicit
    for variable in variables:
        value = environ.get(variable)
        if value:
            sources[name] = variable
            return value
    sources[name] = "default"
    return default


def _url(value: str, source: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        where = f"{source} " if source not in ("argument", "default") else ""
        raise ConfigurationError(
            f"{where}must be an http(s) URL, got {value!r}",
            variable=source if source not in ("argument", "default") else None,
        )
    return value


def _path(
    explicit: str | Path | None,
    variable: str,
    environ: Mapping[str, str],
    sources: dict[str, str],
    name: str,
) -> Path | None:
    raw = explicit if explicit else environ.get(variable)
    if not raw:
        return None
    sources[name] = "argument" if explicit else variable
    path = Path(raw).expanduser()
    if not path.exists():
        raise ConfigurationError(
            f"{variable if not explicit else name} names {str(path)!r}, which does not exist",
            variable=variable,
        )
    return path


def _timeout(explicit: float | None, environ: Mapping[str, str], sources: dict[str, str]) -> float:
    if explicit is not None:
        value, source = float(explicit), "argument"
    elif environ.get(TIMEOUT_VAR):
        source = TIMEOUT_VAR
        try:
            value = float(environ[TIMEOUT_VAR])
        except ValueError:
            raise ConfigurationError(
                f"{TIMEOUT_VAR} must be a number of seconds, got {environ[TIMEOUT_VAR]!r}",
                variable=TIMEOUT_VAR,
            ) from None
    else:
        return DEFAULT_TIMEOUT
    if not value > 0:
        raise ConfigurationError(
            f"the timeout must be more than 0 seconds ({source})", variable=TIMEOUT_VAR
        )
    sources["timeout"] = source
    return value


def _optional_dir(
    explicit: str | Path | None, environ: Mapping[str, str], sources: dict[str, str]
) -> Path | None:
    raw = explicit if explicit else environ.get(TOKEN_CACHE_DIR_VAR)
    if not raw:
        return None
    sources["token_cache_dir"] = "argument" if explicit else TOKEN_CACHE_DIR_VAR
    return Path(raw).expanduser()
