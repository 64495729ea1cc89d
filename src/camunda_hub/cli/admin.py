"""Admin commands on the server's database: ``clients``, ``keys``, ``orgs``, ``db``.

They open the database directly, so they work whether or not a server is running; running
servers pick the changes up through the change feed within their sync interval."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from camunda_hub.cli.admin_errors import admin_errors
from camunda_hub.cli.api_client_keys import (
    DpopRequired,
    JwksUrl,
    PublicKeyFile,
    create_key_client,
    print_key_client,
)
from camunda_hub.cli.store_options import DatabaseUrl, DataDir, SecretKeyFile, settings_from

if TYPE_CHECKING:
    from camunda_hub.server.store.open import Store

T = TypeVar("T")

clients_app = typer.Typer(
    help="Manage API clients (on the server's database).", no_args_is_help=True
)
keys_app = typer.Typer(help="Manage token signing keys.", no_args_is_help=True)
orgs_app = typer.Typer(help="Manage organizations.", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)

ADMIN_ACTOR = "cli"


class Permission(StrEnum):
    create = "create"
    read = "read"
    update = "update"
    delete = "delete"
    introspect = "introspect"


def _with_store(
    data_dir: Any, database_url: Any, secret_key_file: Any, work: Callable[[Store], Awaitable[T]]
) -> T:
    settings = settings_from(
        data_dir=data_dir, database_url=database_url, secret_key_file=secret_key_file
    )

    async def run() -> T:
        from camunda_hub.server.store.open import open_store

        store = await open_store(settings)
        try:
            return await work(store)
        finally:
            await store.close()

    with admin_errors():
        import asyncio  # here: `--help` and the Hub API commands never need it

        return asyncio.run(run())


def _print_credentials(client_id: str, secret: str, as_json: bool, heading: str) -> None:
    if as_json:
        typer.echo(json.dumps({"client_id": client_id, "client_secret": secret}))
        return
    console = Console()
    console.print(f"[bold]{heading}[/bold]")
    console.print(f"client_id:     {client_id}", highlight=False)
    console.print(f"client_secret: {secret}", highlight=False)
    console.print("The secret is shown only this once: store it now.", style="yellow")


@clients_app.command("create")
def clients_create(
    name: Annotated[str, typer.Option("--name", help="A name that says who uses the client.")],
    permission: Annotated[
        list[Permission] | None,
        typer.Option("--permission", "-p", help="Hub API permission to grant; repeat for several."),
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", help="Organization id (default: the first).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
    public_key_file: PublicKeyFile = None,
    dpop_required: DpopRequired = False,
    jwks_url: JwksUrl = None,
) -> None:
    """Create an API client and print its id and secret (once).

    With --public-key-file (or --jwks-url) the client has no secret: it authenticates with
    assertions signed by its private key (private_key_jwt)."""
    chosen = [p.value for p in permission or []]
    if public_key_file is not None or jwks_url is not None:
        client_id = create_key_client(
            name, chosen, org, public_key_file, data_dir, database_url, secret_key_file,
            dpop_required=dpop_required, jwks_url=jwks_url,
        )  # fmt: skip
        print_key_client(client_id, as_json)
        return

    async def work(store: Store) -> tuple[str, str]:
        from camunda_hub.server.services import api_clients, organizations

        async with store.db.transaction() as session:
            organization = await organizations.resolve(session, org, actor=ADMIN_ACTOR)
            issued = await api_clients.create(
                session,
                organization_id=organization.id,
                name=name,
                permissions=chosen,
                pepper=store.secret.client_secret_pepper,
                actor=ADMIN_ACTOR,
            )
            issued.client.dpop_required = dpop_required
            return issued.client.client_id, issued.client_secret

    client_id, secret = _with_store(data_dir, database_url, secret_key_file, work)
    _print_credentials(client_id, secret, as_json, "API client created")


@clients_app.command("list")
def clients_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """List API clients (never their secrets)."""

    async def work(store: Store) -> list[dict[str, Any]]:
        from camunda_hub.server.services import api_clients

        async with store.db.session() as session:
            return [
                {
                    "client_id": c.client_id,
                    "name": c.name,
                    "organization_id": c.organization_id,
                    "permissions": list(c.permissions),
                    "created": c.created.isoformat(),
                    "secret_rotated": c.secret_rotated.isoformat() if c.secret_rotated else None,
                    "last_used": c.last_used.isoformat() if c.last_used else None,
                    "tokens_issued": c.tokens_issued,
                }
                for c in await api_clients.list_all(session)
            ]

    rows = _with_store(data_dir, database_url, secret_key_file, work)
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("client id", "name", "permissions", "created", "last used", "tokens")
    for row in rows:
        table.add_row(
            row["client_id"],
            row["name"],
            ",".join(row["permissions"]),
            row["created"][:19],
            (row["last_used"] or "never")[:19],
            str(row["tokens_issued"]),
        )
    Console().print(table)


@clients_app.command("rotate-secret")
def clients_rotate(
    client_id: Annotated[str, typer.Argument(help="The client id.")],
    grace: Annotated[
        int,
        typer.Option("--grace", min=0, help="Seconds the old secret keeps working (default 0)."),
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Give a client a new secret (printed once). Without --grace, old tokens stop working."""
    from datetime import timedelta

    async def work(store: Store) -> tuple[str, str]:
        from camunda_hub.server.services import api_clients

        async with store.db.transaction() as session:
            issued = await api_clients.rotate_secret(
                session,
                client_id,
                pepper=store.secret.client_secret_pepper,
                actor=ADMIN_ACTOR,
                grace=timedelta(seconds=grace),
            )
            return issued.client.client_id, issued.client_secret

    new_id, secret = _with_store(data_dir, database_url, secret_key_file, work)
    _print_credentials(new_id, secret, as_json, "Secret rotated")


@clients_app.command("set-permissions")
def clients_set_permissions(
    client_id: Annotated[str, typer.Argument(help="The client id.")],
    permission: Annotated[
        list[Permission] | None,
        typer.Option("--permission", "-p", help="Hub API permission; repeat for several."),
    ] = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Replace a client's permissions. Its earlier tokens stop working (they carry the old set)."""
    chosen = [p.value for p in permission or []]

    async def work(store: Store) -> list[str]:
        from camunda_hub.server.services import api_clients

        async with store.db.transaction() as session:
            client = await api_clients.set_permissions(
                session, client_id, chosen, actor=ADMIN_ACTOR
            )
            return list(client.permissions)

    granted = _with_store(data_dir, database_url, secret_key_file, work)
    typer.echo(f"API client {client_id} now has: {', '.join(granted)}")


@clients_app.command("delete")
def clients_delete(
    client_id: Annotated[str, typer.Argument(help="The client id.")],
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Revoke and delete a client: it gets no more tokens and its live tokens are refused."""

    async def work(store: Store) -> None:
        from camunda_hub.server.services import api_clients

        async with store.db.transaction() as session:
            await api_clients.delete(session, client_id, actor=ADMIN_ACTOR)

    _with_store(data_dir, database_url, secret_key_file, work)
    typer.echo(f"API client {client_id} deleted")


@keys_app.command("rotate")
def keys_rotate(
    signing_alg: Annotated[
        str | None,
        typer.Option("--signing-alg", help="RS256, ES256 or EdDSA (default: configured)."),
    ] = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Start signing with a new key; the old one verifies until its tokens have expired."""
    settings = settings_from(signing_alg=signing_alg)

    async def work(store: Store) -> str:
        from camunda_hub.server.keys import rotation

        async with store.db.transaction() as session:
            current = await rotation.current(session)
            # Without --signing-alg keep the algorithm in use: the env default may differ from
            # what the running servers were started with.
            alg = signing_alg or (current.alg if current is not None else settings.signing_alg)
            key = await rotation.rotate(
                session,
                alg=alg,
                kek=store.secret.key_encryption_key,
                token_lifetime=settings.token_lifetime,
                clock_skew=settings.clock_skew,
                actor=ADMIN_ACTOR,
            )
            return f"new signing key {key.kid} ({key.alg})"

    typer.echo(_with_store(data_dir, database_url, secret_key_file, work))


@orgs_app.command("create")
def orgs_create(
    name: Annotated[str, typer.Argument(help="Organization name.")],
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Create an organization; prints its id."""

    async def work(store: Store) -> str:
        from camunda_hub.server.services import organizations

        async with store.db.transaction() as session:
            return (await organizations.create(session, name, actor=ADMIN_ACTOR)).id

    typer.echo(_with_store(data_dir, database_url, secret_key_file, work))


@orgs_app.command("list")
def orgs_list(
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """List organizations."""

    async def work(store: Store) -> list[tuple[str, str]]:
        from camunda_hub.server.services import organizations

        async with store.db.session() as session:
            return [(o.id, o.name) for o in await organizations.list_all(session)]

    for org_id, org_name in _with_store(data_dir, database_url, secret_key_file, work):
        typer.echo(f"{org_id}\t{org_name}")


@db_app.command("upgrade")
def db_upgrade(
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Apply pending migrations (the server also does this on start)."""

    async def work(store: Store) -> str:
        from camunda_hub.server.store import migrate

        return ", ".join(sorted(await migrate.current_revisions(store.db)))

    typer.echo(f"database at revision {_with_store(data_dir, database_url, secret_key_file, work)}")


@db_app.command("purge-deleted")
def db_purge_deleted(
    older_than_days: Annotated[
        int | None,
        typer.Option(
            "--older-than-days",
            min=0,
            help="Remove what was soft-deleted more than this many days ago (default: "
            "CAMUNDA_HUB_DELETED_RETENTION_DAYS).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only count what would be removed.")
    ] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Remove expired soft deletions for good now (servers also do this every hour)."""
    days = older_than_days
    if days is None:
        days = settings_from(data_dir=data_dir, database_url=database_url).deleted_retention_days
        if days == 0:
            typer.echo(
                "error: retention is off (CAMUNDA_HUB_DELETED_RETENTION_DAYS=0): give "
                "--older-than-days",
                err=True,
            )
            raise typer.Exit(2)

    async def work(store: Store) -> str:
        from datetime import timedelta

        from camunda_hub.server.services.hub import retention
        from camunda_hub.server.store.schema.base import utcnow

        cutoff = utcnow() - timedelta(days=days)
        if dry_run:
            count = await retention.expired(store.db, cutoff)
            return f"{count} deletions older than {days} days would be removed"
        swept = await retention.sweep(store.db, cutoff)
        kept = f"; {swept.kept} kept (see the log)" if swept.kept else ""
        return f"removed {swept.removed} deletions older than {days} days for good{kept}"

    typer.echo(_with_store(data_dir, database_url, secret_key_file, work))
