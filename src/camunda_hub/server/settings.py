"""Every server knob in one place. Each field is read from a ``CAMUNDA_HUB_<NAME>`` env var;
the CLI maps its flags onto the same fields (see ``cli/serve.py``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from camunda_hub.server.outbound.policy import AddressPolicy

SigningAlg = Literal["RS256", "ES256", "EdDSA"]

DEFAULT_AUDIENCE = "api.cloud.camunda.io"
# PostgreSQL connections per server process: the most requests using the database at once.
DEFAULT_DB_POOL_SIZE = 30


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "camunda-hub"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAMUNDA_HUB_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(8088, ge=0, le=65535)
    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    issuer: str | None = None
    token_lifetime: int = Field(300, ge=10, le=86400)
    # ES256: in bench/ it signs ~10x faster than RS256-2048 and verifies fast enough that the
    # verified-token cache hides the difference (see README "Signing algorithm").
    signing_alg: SigningAlg = "ES256"
    audiences: Annotated[list[str], NoDecode] = Field(default_factory=lambda: [DEFAULT_AUDIENCE])
    clock_skew: int = Field(60, ge=0, le=3600)
    secret_key: SecretStr | None = None
    secret_key_file: Path | None = None
    # Upper bound for how long a change made by another process (CLI, another server) may take to
    # reach this one: clients revoked, keys rotated.
    sync_interval: float = Field(1.0, gt=0, le=60)
    realm: str = "camunda-hub"
    max_body_bytes: int = Field(10 * 1024 * 1024, ge=1024)
    token_body_bytes: int = Field(8 * 1024, ge=256)
    verified_token_cache_size: int = Field(10_000, ge=0)
    # Whether the first start creates an API client and prints its credentials. Defaults to
    # "only in the embedded (SQLite in data dir) mode".
    bootstrap_client: bool | None = None
    log_json: bool = False
    access_log: bool = True
    # When set, GET /metrics answers only `Authorization: Bearer <this>` (what Prometheus sends
    # with `authorization: {credentials: …}`); unset, it is open (keep it on an internal network).
    metrics_token: SecretStr | None = None
    # Token-endpoint protection (throttle/ratelimit.py): requests per minute per client id and per
    # source address (0 = no limit), and the lockout after consecutive wrong secrets of a client:
    # `lockout_seconds` doubled for every further failure, capped at `lockout_max_seconds`.
    token_rate_per_client: int = Field(600, ge=0)
    token_rate_per_address: int = Field(6000, ge=0)
    lockout_after_failures: int = Field(10, ge=0)
    lockout_seconds: float = Field(1.0, gt=0)
    lockout_max_seconds: float = Field(900.0, gt=0)
    # Wrong secrets of one client from all addresses (forgotten after an hour without one) before
    # each further failing address is locked at its first failure (delays doubling); the correct
    # secret is never locked.
    lockout_client_budget: int = Field(1000, ge=0)
    # Connection limits of `serve` (ops/http_protocol.py): bytes of request line and headers,
    # header fields, seconds for a request's headers to arrive, idle keep-alive seconds, and
    # connections per process.
    max_header_bytes: int = Field(16 * 1024, ge=1024)
    max_headers: int = Field(100, ge=10)
    header_timeout: float = Field(10.0, gt=0)
    keep_alive_timeout: float = Field(5.0, gt=0)
    max_connections: int = Field(1000, ge=1)
    # A trusted external identity provider (security/external_idp.py): its issuer URL (discovery at
    # `<issuer>/.well-known/openid-configuration`), the audience its tokens must carry, and the
    # claim holding Hub API permissions (`{audience}` is replaced; dots separate levels).
    external_issuer: str | None = None
    external_audience: str | None = None
    external_permissions_claim: str = "permissions.{audience}"
    external_organization: str | None = None
    # Cluster registrations (services/hub/clusters.py). `forwarded_for_hops`: how many reverse
    # proxies in front of the server append to X-Forwarded-For; the default clusterId is the
    # entry that many places from the right. 0 (no proxy) = the TCP peer address, and the
    # header, which any client can forge, is ignored. `cluster_request_timeout`: the bound on
    # each call to a registered cluster (usage metrics), seconds.
    # Soft-deleted resources stay restorable this many days, then a sweep in every server
    # (hourly, and on start) removes them for good (services/hub/retention.py). 0 = keep them
    # until someone deletes them permanently.
    deleted_retention_days: int = Field(30, ge=0, le=36500)
    forwarded_for_hops: int = Field(0, ge=0, le=16)
    cluster_request_timeout: float = Field(5.0, gt=0, le=60)
    # Outbound calls to URLs from API input (server/outbound/): CIDRs and host names the server
    # may call although they are loopback, link-local, … and where plain http is accepted.
    outbound_allow: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # The change feed (GET /api/v2/events) keeps events this many days (events/service.py).
    event_retention_days: int = Field(30, ge=1, le=36500)
    # Webhook retry delays (5 s, 30 s, 2 min, 10 min, 1 h, then hourly; failing after 24 h) are
    # multiplied by this: below 1 only for tests and demos (events/dispatcher.py).
    webhook_retry_scale: float = Field(1.0, gt=0, le=1)
    # PostgreSQL: wake other server processes' long polls by LISTEN/NOTIFY (events/
    # pg_wakeups.py); off, they see commits by the counter poll only (e.g. behind a pooler in
    # transaction mode, where LISTEN does not work).
    event_notify: bool = True
    # PostgreSQL: connections per server process (store/db.py); processes x this must stay
    # below the server's max_connections.
    db_pool_size: int = Field(DEFAULT_DB_POOL_SIZE, ge=1, le=1000)
    # DPoP (RFC 9449 §8, §9): require proofs to carry a server nonce (`use_dpop_nonce` + a
    # `DPoP-Nonce` header tell clients which), so a proof cannot be made ahead of time.
    dpop_nonce: bool = False

    @field_validator("audiences", mode="before")
    @classmethod
    def _split_audiences(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("outbound_allow", mode="before")
    @classmethod
    def _split_outbound_allow(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("outbound_allow")
    @classmethod
    def _valid_outbound_allow(cls, value: list[str]) -> list[str]:
        AddressPolicy.parse(value)  # raises ValueError naming the bad entry
        return value

    @field_validator("audiences")
    @classmethod
    def _non_empty(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("at least one audience must be accepted")
        return value

    @field_validator("issuer")
    @classmethod
    def _strip_issuer(cls, value: str | None) -> str | None:
        if not value:
            return None
        # RFC 8414 §2: an http(s) URL without query or fragment (tokens carry it as `iss`).
        if not value.startswith(("https://", "http://")) or "?" in value or "#" in value:
            raise ValueError("the issuer must be an http(s) URL without query or fragment")
        return value.rstrip("/")

    @field_validator("metrics_token")
    @classmethod
    def _strong_metrics_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        # Guessable tokens would make the protection decorative; the value is never echoed.
        if len(value.get_secret_value()) < 16:
            raise ValueError("the metrics token must be at least 16 characters long")
        return value

    @model_validator(mode="after")
    def _secret_sources(self) -> Settings:
        if self.secret_key is not None and self.secret_key_file is not None:
            raise ValueError("give either CAMUNDA_HUB_SECRET_KEY or a secret key file, not both")
        return self

    @property
    def embedded(self) -> bool:
        """True when the database is the SQLite file in the data folder (the default mode)."""
        return self.database_url is None

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'camunda-hub.sqlite3').resolve()}"

    @property
    def listen_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def effective_issuer(self) -> str:
        return self.issuer or self.listen_url

    @property
    def default_audience(self) -> str:
        return self.audiences[0]

    @property
    def should_bootstrap_client(self) -> bool:
        return self.embedded if self.bootstrap_client is None else self.bootstrap_client
