"""``camunda-hub serve``: run the server (uvicorn) on the configured address."""

from __future__ import annotations

import gc
import json
import os
import shlex
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from camunda_hub.cli.errors import EXIT_UNAVAILABLE, EXIT_USAGE, fail
from camunda_hub.cli.store_options import DatabaseUrl, DataDir, SecretKeyFile, settings_from

if TYPE_CHECKING:
    from camunda_hub.server.runtime import Runtime
    from camunda_hub.server.settings import Settings


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        fail(f"cannot listen on {host}:{port}: {exc.strerror}", EXIT_UNAVAILABLE)
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _check_store(settings: Settings) -> None:
    """Open the store once before uvicorn starts: migrations, and a missing or wrong deployment
    secret, fail here as one ``error:`` line with exit code 2 instead of a lifespan traceback."""
    import asyncio

    from camunda_hub.cli.admin_errors import admin_errors
    from camunda_hub.server.store.open import open_store

    async def check() -> None:
        store = await open_store(settings)
        await store.close()

    with admin_errors():
        asyncio.run(check())


@contextmanager
def _collector_off_until_started() -> Iterator[Callable[[], None]]:
    """No cyclic garbage collection while the server is imported and built.

    Importing and building the app allocates a heap (modules, classes, routes, models) that
    lives as long as the process, and the collector's passes over it while it grows were ~15 %
    of the start's CPU (2 full passes, in bench/startup.py). Building it leaves < 1,000
    unreachable objects. The lifespan freezes the heap (``gc.freeze()`` in app.py), then the
    yielded function, called from ``on_started``, turns the collector back on — before the
    first request. Also back on when ``serve`` returns or fails."""
    was_enabled = gc.isenabled()
    gc.disable()

    def started() -> None:
        if was_enabled:
            gc.enable()

    try:
        yield started
    finally:
        started()


def _banner(settings: Settings, *, before: Callable[[], None] | None = None) -> object:
    def announce(runtime: Runtime) -> None:
        if before is not None:
            before()
        # Written to the terminal only, never through logging: the secret must not reach a log.
        out = sys.stdout
        out.write(f"camunda-hub listening on {settings.listen_url}\n")
        out.write(f"  token endpoint: {runtime.issuer}/oauth/token\n")
        out.write(
            f"  Hub API:        {settings.listen_url}/api/v2  (docs: {settings.listen_url}/docs)\n"
        )
        if settings.embedded:
            out.write(f"  data folder:    {settings.data_dir.resolve()}\n")
        creds = runtime.bootstrap_credentials
        if creds is not None:
            audience = settings.default_audience
            out.write(
                "\nFirst start: an API client with every Hub API permission was created.\n"
                "Paste these lines into your shell (the secret is shown this once, never again):\n\n"
                f"export CAMUNDA_HUB_CLIENT_ID={shlex.quote(creds.client.client_id)}\n"
                f"export CAMUNDA_HUB_CLIENT_SECRET={shlex.quote(creds.client_secret)}\n"
                f"export CAMUNDA_OAUTH_URL={shlex.quote(runtime.issuer + '/oauth/token')}\n"
                f"export CAMUNDA_HUB_OAUTH_AUDIENCE={shlex.quote(audience)}\n"
                f"export CAMUNDA_HUB_REST_URL={shlex.quote(settings.listen_url)}\n\n"
            )
            runtime.bootstrap_credentials = None
        else:
            out.write(
                "  new API client: camunda-hub clients create --name NAME "
                "--permission read --permission create …\n"
            )
        out.write(f"  web console:    {runtime.issuer}/console\n")
        from camunda_hub.server.console import take_setup_link

        setup_link = take_setup_link(runtime)
        if setup_link is not None:
            out.write(
                "\nThe web console has no admin yet. Open this one-time link (valid 24 hours) "
                "to create the first one,\nor run `camunda-hub admins create --email EMAIL`:\n\n"
                f"  {setup_link}\n\n"
            )
        out.flush()

    return announce


def serve(
    host: Annotated[
        str | None,
        typer.Option("--host", help="Address to listen on (CAMUNDA_HUB_HOST, default 127.0.0.1)."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option("--port", help="Port (CAMUNDA_HUB_PORT, default 8088; 0 = any free port)."),
    ] = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    issuer: Annotated[
        str | None,
        typer.Option(
            "--issuer", help="Public issuer URL (CAMUNDA_HUB_ISSUER; default: the listen URL)."
        ),
    ] = None,
    token_lifetime: Annotated[
        int | None,
        typer.Option(
            "--token-lifetime",
            help="Access token lifetime in seconds (CAMUNDA_HUB_TOKEN_LIFETIME, default 300).",
        ),
    ] = None,
    signing_alg: Annotated[
        str | None,
        typer.Option(
            "--signing-alg", help="RS256, ES256 or EdDSA (CAMUNDA_HUB_SIGNING_ALG, default ES256)."
        ),
    ] = None,
    clock_skew: Annotated[
        int | None,
        typer.Option(
            "--clock-skew",
            help="Leeway for exp/nbf in seconds (CAMUNDA_HUB_CLOCK_SKEW, default 60).",
        ),
    ] = None,
    audience: Annotated[
        list[str] | None,
        typer.Option(
            "--audience",
            help="Accepted audience; repeat for several (CAMUNDA_HUB_AUDIENCES, comma-separated).",
        ),
    ] = None,
    secret_key_file: SecretKeyFile = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Server processes sharing the port (use PostgreSQL for more than one; "
            "CAMUNDA_HUB_WORKERS, default 1).",
            envvar="CAMUNDA_HUB_WORKERS",
        ),
    ] = 1,
    log_json: Annotated[
        bool | None,
        typer.Option(
            "--log-json/--log-text",
            help="One JSON object per log line, with the request id (CAMUNDA_HUB_LOG_JSON).",
        ),
    ] = None,
) -> None:
    """Run the Hub API server and its token issuer."""
    with _collector_off_until_started() as started:
        import uvicorn

        from camunda_hub.server.app import create_app
        from camunda_hub.server.ops.logging import log_config

        settings = settings_from(
            host=host,
            port=port,
            data_dir=data_dir,
            database_url=database_url,
            issuer=issuer,
            token_lifetime=token_lifetime,
            signing_alg=signing_alg,
            clock_skew=clock_skew,
            audiences=audience or None,
            secret_key_file=secret_key_file,
            log_json=log_json,
        )
        _check_store(settings)
        sock = _bind(settings.host, settings.port)
        settings.port = sock.getsockname()[1]
        options: dict[str, Any] = {
            "log_config": log_config(json_logs=settings.log_json),
            "access_log": settings.access_log,
            "proxy_headers": False,
            # No "server: uvicorn" on every response: it tells scanners what to try, and costs a
            # header per response on the token endpoint's hot path.
            "server_header": False,
            # In-flight requests get this long to finish after SIGTERM/SIGINT.
            "timeout_graceful_shutdown": 30,
            "lifespan": "on",
            **_connection_options(settings),
        }
        if workers > 1:
            started()  # this process only supervises: each worker builds its own app
            _run_workers(settings, sock, workers, options)
            return
        app = create_app(settings, on_started=_banner(settings, before=started))  # type: ignore[arg-type]
        config = uvicorn.Config(app, **options)
        _limit_connections(config, settings)
        server = uvicorn.Server(config)
        try:
            server.run(sockets=[sock])
        finally:
            sock.close()
        if not server.started:
            fail("the server did not start (see the messages above)", EXIT_USAGE)


def _run_workers(
    settings: Settings, sock: socket.socket, workers: int, options: dict[str, Any]
) -> None:
    """uvicorn's process supervisor: each worker builds the app from the environment, so the
    resolved settings (including the port picked for ``--port 0``) are exported first."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ.update(_settings_env(settings))
    config = uvicorn.Config(WORKER_APP, factory=True, workers=workers, **options)
    _limit_connections(config, settings)
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()


WORKER_APP = "camunda_hub.cli.serve:worker_app"


def _connection_options(settings: Settings) -> dict[str, Any]:
    from camunda_hub.server.ops.http_protocol import GuardedHttpToolsProtocol

    return {"http": GuardedHttpToolsProtocol, "timeout_keep_alive": settings.keep_alive_timeout}


def _limit_connections(config: Any, settings: Settings) -> None:
    from camunda_hub.server.ops.http_protocol import CONFIG_ATTRIBUTE, HttpLimits

    limits = HttpLimits(
        max_header_bytes=settings.max_header_bytes,
        max_headers=settings.max_headers,
        header_timeout=settings.header_timeout,
        max_connections=settings.max_connections,
    )
    setattr(config, CONFIG_ATTRIBUTE, limits)


def _settings_env(settings: Settings) -> dict[str, str]:
    from pydantic import SecretStr

    env: dict[str, str] = {}
    for name, value in settings.model_dump(mode="json", exclude={"secret_key"}).items():
        if value is None:
            continue
        secret = getattr(settings, name)
        if isinstance(secret, SecretStr):
            # Dumped masked ("**********"): the workers need the value itself.
            value = secret.get_secret_value()
        if name == "audiences":
            text = ",".join(value)
        elif isinstance(value, list | dict):
            text = json.dumps(value)
        else:
            text = str(value)
        env[f"CAMUNDA_HUB_{name.upper()}"] = text
    # Every worker must publish the same issuer, whichever port it was started with.
    env["CAMUNDA_HUB_ISSUER"] = settings.effective_issuer
    return env


def worker_app() -> Any:
    """The app of one ``--workers`` process (settings come from the exported environment)."""
    # As in `serve` (_collector_off_until_started): the worker's own process, which exits if
    # its app does not start.
    gc.disable()
    from camunda_hub.server.app import create_app
    from camunda_hub.server.settings import Settings

    settings = Settings()
    return create_app(settings, on_started=_banner(settings, before=gc.enable))  # type: ignore[arg-type]
