"""``camunda-hub admins …``: the organization admins who sign in to the web console.

Like the other admin commands they work on the database directly, with or without a running
server (sessions and admins are read from the database on every console request)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from camunda_hub.cli.admin import ADMIN_ACTOR, _with_store
from camunda_hub.cli.errors import EXIT_USAGE, fail
from camunda_hub.cli.store_options import DatabaseUrl, DataDir, SecretKeyFile, settings_from

if TYPE_CHECKING:
    from camunda_hub.server.store.open import Store

admins_app = typer.Typer(
    help="Manage the organization admins of the web console.", no_args_is_help=True
)

Org = Annotated[str | None, typer.Option("--org", help="Organization id (default: the first).")]


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        # One line; the trailing newline of `echo … |` is not part of the password.
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@admins_app.command("create")
def admins_create(
    email: Annotated[str, typer.Option("--email", help="The admin's e-mail (sign-in name).")],
    name: Annotated[str | None, typer.Option("--name", help="Display name.")] = None,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
    ] = False,
    org: Org = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Add a console admin with a password (argon2id-hashed; never printed)."""
    from camunda_hub.server.services import admins
    from camunda_hub.server.services.errors import ServiceError

    password = _read_password(password_stdin)
    try:
        password_hash = admins.hash_password(password)
    except ServiceError as exc:
        fail(exc.detail, EXIT_USAGE)

    async def work(store: Store) -> str:
        from camunda_hub.server.services import organizations

        async with store.db.transaction() as session:
            organization = await organizations.resolve(session, org, actor=ADMIN_ACTOR)
            admin = await admins.create(
                session,
                organization_id=organization.id,
                email=email,
                name=name,
                password_hash=password_hash,
                actor=ADMIN_ACTOR,
            )
            return admin.email

    created = _with_store(data_dir, database_url, secret_key_file, work)
    typer.echo(f"admin {created} created (signs in to the web console at /console)")


@admins_app.command("list")
def admins_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """List console admins (never their password hashes)."""

    async def work(store: Store) -> list[dict[str, str | None]]:
        from camunda_hub.server.services import admins

        async with store.db.session() as session:
            return [
                {
                    "email": a.email,
                    "name": a.name,
                    "organization_id": a.organization_id,
                    "created": a.created.isoformat(),
                    "last_sign_in": a.last_sign_in.isoformat() if a.last_sign_in else None,
                }
                for a in await admins.list_all(session)
            ]

    rows = _with_store(data_dir, database_url, secret_key_file, work)
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("e-mail", "name", "organization", "created", "last sign-in")
    for row in rows:
        table.add_row(
            row["email"],
            row["name"] or "",
            row["organization_id"],
            (row["created"] or "")[:19],
            (row["last_sign_in"] or "never")[:19],
        )
    Console().print(table)


@admins_app.command("remove")
def admins_remove(
    email: Annotated[str, typer.Argument(help="The admin's e-mail address.")],
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Remove a console admin and end their sessions (the last admin of an organization stays)."""

    async def work(store: Store) -> None:
        from camunda_hub.server.services import admins

        async with store.db.transaction() as session:
            await admins.remove(session, email, actor=ADMIN_ACTOR)

    _with_store(data_dir, database_url, secret_key_file, work)
    typer.echo(f"admin {email.strip().lower()} removed")


@admins_app.command("invite")
def admins_invite(
    email: Annotated[
        str | None,
        typer.Option("--email", help="Invite this address; without it, a first-admin setup link."),
    ] = None,
    org: Org = None,
    issuer: Annotated[
        str | None,
        typer.Option("--issuer", help="Public URL of the server (CAMUNDA_HUB_ISSUER)."),
    ] = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Print a one-time link to become a console admin (shown once, never stored)."""
    settings = settings_from(issuer=issuer, data_dir=data_dir, database_url=database_url)

    async def work(store: Store) -> str:
        from camunda_hub.server.console.first_admin import setup_url
        from camunda_hub.server.services import admins, organizations

        async with store.db.transaction() as session:
            organization = await organizations.resolve(session, org, actor=ADMIN_ACTOR)
            if email:
                issued = await admins.invite(session, organization.id, email, actor=ADMIN_ACTOR)
            else:
                if await admins.count(session, organization.id) > 0:
                    fail(
                        "the organization has an admin already: use --email to invite another",
                        EXIT_USAGE,
                    )
                issued = await admins.issue_setup_token(session, organization.id, actor=ADMIN_ACTOR)
        return setup_url(settings.effective_issuer, issued.token)

    typer.echo(_with_store(data_dir, database_url, secret_key_file, work))
