"""``camunda-hub clients keys add|list|remove`` and key-only ``clients create``: the public keys
an API client authenticates with instead of a secret (private_key_jwt, RFC 7523).

Admin commands on the database, like the rest of ``clients``; running servers load a changed
client's keys within their sync interval."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from camunda_hub.cli.errors import EXIT_USAGE, fail
from camunda_hub.cli.store_options import DatabaseUrl, DataDir, SecretKeyFile

if TYPE_CHECKING:
    from camunda_hub.server.store.open import Store

keys_app = typer.Typer(
    help="Manage the public keys an API client signs its token requests with (private_key_jwt).",
    no_args_is_help=True,
)

PublicKeyFile = Annotated[
    Path | None,
    typer.Option(
        "--public-key-file",
        help="The client's public key: PEM, JWK or JWK Set (RSA ≥ 2048, EC P-256/P-384, "
        "Ed25519). The client then has no secret.",
    ),
]
JwksUrl = Annotated[
    str | None,
    typer.Option(
        "--jwks-url",
        help="The URL of the JWK Set the client publishes its public keys at: the server "
        "fetches it (outbound address policy, cached, refetched when an assertion names an "
        "unknown kid). The client then has no secret.",
    ),
]
DpopRequired = Annotated[
    bool,
    typer.Option(
        "--dpop-required",
        help="The client only gets DPoP-bound tokens (RFC 9449): a token request without a "
        "DPoP proof is refused.",
    ),
]
_MAX_KEY_FILE_BYTES = 64 * 1024


def read_key_file(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        fail(f"cannot read the key file {path}: {exc.strerror or exc}", EXIT_USAGE)
    if len(data) > _MAX_KEY_FILE_BYTES:
        fail(f"the key file {path} is larger than a public key can be", EXIT_USAGE)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        fail(f"the key file {path} is not text (PEM or JSON)", EXIT_USAGE)


def create_key_client(
    name: str,
    permissions: list[str],
    org: str | None,
    key_file: Path | None,
    data_dir: Any,
    database_url: Any,
    secret_key_file: Any,
    *,
    dpop_required: bool = False,
    jwks_url: str | None = None,
) -> str:
    from camunda_hub.cli.admin import ADMIN_ACTOR, _with_store

    key_text = read_key_file(key_file) if key_file is not None else None

    async def work(store: Store) -> str:
        from camunda_hub.server.services import client_keys, organizations

        async with store.db.transaction() as session:
            organization = await organizations.resolve(session, org, actor=ADMIN_ACTOR)
            client = await client_keys.create_with_keys(
                session,
                organization_id=organization.id,
                name=name,
                permissions=permissions,
                key_text=key_text,
                actor=ADMIN_ACTOR,
                jwks_url=jwks_url,
            )
            client.dpop_required = dpop_required
            return client.client_id

    return _with_store(data_dir, database_url, secret_key_file, work)


def print_key_client(client_id: str, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"client_id": client_id}))
        return
    console = Console()
    console.print("[bold]API client created[/bold]")
    console.print(f"client_id:     {client_id}", highlight=False)
    console.print("It has no secret: it signs client assertions with its private key.")


@keys_app.command("add")
def keys_add(
    client_id: Annotated[str, typer.Argument(help="The client id.")],
    public_key_file: Annotated[
        Path,
        typer.Option("--public-key-file", help="PEM, JWK or JWK Set with the key(s) to add."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Add public keys to a client (all of its keys stay valid until removed)."""
    from camunda_hub.cli.admin import ADMIN_ACTOR, _with_store

    key_text = read_key_file(public_key_file)

    async def work(store: Store) -> list[dict[str, str]]:
        from camunda_hub.server.services import client_keys

        async with store.db.transaction() as session:
            rows = await client_keys.add(session, client_id, key_text, actor=ADMIN_ACTOR)
            return [{"kid": row.kid, "alg": row.alg} for row in rows]

    added = _with_store(data_dir, database_url, secret_key_file, work)
    if as_json:
        typer.echo(json.dumps(added))
        return
    for key in added:
        typer.echo(f"key {key['kid']} ({key['alg']}) added to API client {client_id}")


@keys_app.command("list")
def keys_list(
    client_id: Annotated[str, typer.Argument(help="The client id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """List a client's public keys."""
    from camunda_hub.cli.admin import _with_store

    async def work(store: Store) -> list[dict[str, Any]]:
        from camunda_hub.server.services import client_keys

        async with store.db.session() as session:
            return [
                {
                    "kid": row.kid,
                    "alg": row.alg,
                    "thumbprint": row.thumbprint,
                    "created": row.created.isoformat(),
                    "jwk": row.public_jwk,
                }
                for row in await client_keys.list_keys(session, client_id)
            ]

    rows = _with_store(data_dir, database_url, secret_key_file, work)
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("kid", "alg", "thumbprint", "created")
    for row in rows:
        table.add_row(row["kid"], row["alg"], row["thumbprint"], row["created"][:19])
    Console().print(table)


@keys_app.command("remove")
def keys_remove(
    client_id: Annotated[str, typer.Argument(help="The client id.")],
    kid: Annotated[str, typer.Argument(help="The key id (see `clients keys list`).")],
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Remove a public key: assertions it signs are refused once servers sync."""
    from camunda_hub.cli.admin import ADMIN_ACTOR, _with_store

    async def work(store: Store) -> None:
        from camunda_hub.server.services import client_keys

        async with store.db.transaction() as session:
            await client_keys.remove(session, client_id, kid, actor=ADMIN_ACTOR)

    _with_store(data_dir, database_url, secret_key_file, work)
    typer.echo(f"key {kid} removed from API client {client_id}")


@keys_app.command("jwks-url")
def keys_jwks_url(
    client_id: Annotated[str, typer.Argument(help="The client id.")],
    url: Annotated[
        str | None,
        typer.Argument(help="The URL of the client's JWK Set (omit with --clear)."),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Stop fetching keys from a URL for this client.")
    ] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Set the URL a client publishes its JWK Set at (its keys there are valid beside the
    registered ones), or clear it."""
    from camunda_hub.cli.admin import ADMIN_ACTOR, _with_store

    if (url is None) == (not clear):
        fail("give either a URL or --clear", EXIT_USAGE)

    async def work(store: Store) -> None:
        from camunda_hub.server.services import client_keys

        async with store.db.transaction() as session:
            await client_keys.set_jwks_url(session, client_id, url, actor=ADMIN_ACTOR)

    _with_store(data_dir, database_url, secret_key_file, work)
    if url is None:
        typer.echo(f"API client {client_id} no longer has a JWK Set URL")
    else:
        typer.echo(f"API client {client_id} publishes its keys at {url}")


def clients_dpop(
    client_id: Annotated[str, typer.Argument(help="The client id.")],
    required: Annotated[
        bool,
        typer.Option(
            "--required/--optional",
            help="Require DPoP proofs on the client's token requests, or accept Bearer again.",
        ),
    ],
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Require DPoP-bound tokens for a client (RFC 9449), or make DPoP optional again."""
    from camunda_hub.cli.admin import ADMIN_ACTOR, _with_store

    async def work(store: Store) -> None:
        from camunda_hub.server.services import client_keys

        async with store.db.transaction() as session:
            await client_keys.set_dpop_required(session, client_id, required, actor=ADMIN_ACTOR)

    _with_store(data_dir, database_url, secret_key_file, work)
    state = "requires" if required else "no longer requires"
    typer.echo(f"API client {client_id} {state} DPoP proofs")
