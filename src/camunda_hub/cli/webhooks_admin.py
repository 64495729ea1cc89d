"""``camunda-hub webhooks create|list|deliveries|rotate-secret|delete``: admin commands on the
server's database (like ``clients``); running servers deliver to a new webhook within their
poll interval."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from camunda_hub.cli.admin import ADMIN_ACTOR, _with_store
from camunda_hub.cli.store_options import DatabaseUrl, DataDir, SecretKeyFile

if TYPE_CHECKING:
    from camunda_hub.server.store.open import Store

webhooks_app = typer.Typer(help="Manage webhooks (on the server's database).", no_args_is_help=True)

Org = Annotated[str | None, typer.Option("--org", help="Organization id (default: the first).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


class _Actor:
    name = ADMIN_ACTOR
    email = None


def _summary(row: Any) -> dict[str, Any]:
    from camunda_hub.server.events.webhooks import status_of

    return {
        "webhookKey": row.key,
        "url": row.url,
        "types": list(row.types),
        "description": row.description,
        "status": status_of(row),
        "deliveredThrough": row.cursor,
        "lastDelivery": row.last_delivery.isoformat() if row.last_delivery else None,
        "lastStatusCode": row.last_status,
    }


async def _organization(session: Any, org: str | None) -> str:
    from camunda_hub.server.services import organizations

    organization = await organizations.resolve(session, org, actor=ADMIN_ACTOR)
    return str(organization.id)


@webhooks_app.command("create")
def webhooks_create(
    url: Annotated[str, typer.Argument(help="The receiver's https URL.")],
    types: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Event type prefix; repeatable.")
    ] = None,
    description: Annotated[str | None, typer.Option("--description")] = None,
    org: Org = None,
    as_json: AsJson = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Create a webhook and print its signing secret (once)."""

    async def work(store: Store) -> dict[str, Any]:
        from camunda_hub.server.events import feed, webhooks
        from camunda_hub.server.outbound import policy_for

        async with store.db.transaction() as session:
            organization_id = await _organization(session, org)
            head, _ = await feed.counter(session, organization_id)
            created = await webhooks.create(
                session,
                organization_id=organization_id,
                actor=_Actor(),
                url=url,
                types=types,
                description=description,
                kek=store.secret.key_encryption_key,
                policy=policy_for(store.settings.outbound_allow),
                start_after=head,
            )
            return {**_summary(created.row), "secret": created.secret}

    result = _with_store(data_dir, database_url, secret_key_file, work)
    if as_json:
        typer.echo(json.dumps(result))
        return
    console = Console()
    console.print(f"webhookKey: {result['webhookKey']}", highlight=False)
    console.print(f"secret:     {result['secret']}", highlight=False)
    console.print("The secret is shown only this once: store it now.", style="yellow")


@webhooks_app.command("list")
def webhooks_list(
    org: Org = None,
    as_json: AsJson = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """The organization's webhooks with their delivery state."""

    async def work(store: Store) -> list[dict[str, Any]]:
        from camunda_hub.server.events import webhooks

        async with store.db.session() as session:
            organization_id = await _organization(session, org)
            rows, _ = await webhooks.search(
                session, organization_id, active=None, limit=1000, offset=0
            )
            return [_summary(row) for row in rows]

    items = _with_store(data_dir, database_url, secret_key_file, work)
    if as_json:
        typer.echo(json.dumps(items))
        return
    table = Table("key", "url", "types", "status", "delivered through", "last status")
    for item in items:
        table.add_row(
            item["webhookKey"],
            item["url"],
            ",".join(item["types"]) or "*",
            item["status"],
            str(item["deliveredThrough"]),
            str(item["lastStatusCode"] or "-"),
        )
    Console().print(table)


@webhooks_app.command("deliveries")
def webhooks_deliveries(
    key: Annotated[str, typer.Argument(help="The webhook key.")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000)] = 50,
    org: Org = None,
    as_json: AsJson = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """The delivery log, newest attempt first."""

    async def work(store: Store) -> list[dict[str, Any]]:
        from camunda_hub.server.events import webhooks

        async with store.db.session() as session:
            organization_id = await _organization(session, org)
            rows, _ = await webhooks.attempts(session, organization_id, key, limit=limit, offset=0)
            return [
                {
                    "sequence": row.event_sequence,
                    "type": row.event_type,
                    "attempt": row.attempt,
                    "started": row.started.isoformat(),
                    "durationMs": row.duration_ms,
                    "statusCode": row.status_code,
                    "error": row.error,
                    "delivered": row.delivered,
                    "nextAttempt": row.next_attempt.isoformat() if row.next_attempt else None,
                }
                for row in rows
            ]

    items = _with_store(data_dir, database_url, secret_key_file, work)
    if as_json:
        typer.echo(json.dumps(items))
        return
    table = Table("sequence", "type", "attempt", "started", "ms", "status", "error", "next")
    for item in items:
        table.add_row(
            str(item["sequence"]),
            item["type"],
            str(item["attempt"]),
            item["started"],
            str(item["durationMs"]),
            str(item["statusCode"] or "-"),
            item["error"] or "",
            item["nextAttempt"] or "",
        )
    Console().print(table)


@webhooks_app.command("rotate-secret")
def webhooks_rotate_secret(
    key: Annotated[str, typer.Argument(help="The webhook key.")],
    grace: Annotated[
        int, typer.Option("--grace", help="Seconds the old secret keeps signing.", min=0)
    ] = 86400,
    org: Org = None,
    as_json: AsJson = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Give the webhook a new secret (printed once); the old one signs alongside for --grace."""

    async def work(store: Store) -> str:
        from datetime import timedelta

        from camunda_hub.server.events import webhooks

        async with store.db.transaction() as session:
            organization_id = await _organization(session, org)
            _row, secret = await webhooks.rotate_secret(
                session,
                organization_id,
                key,
                kek=store.secret.key_encryption_key,
                grace=timedelta(seconds=grace),
            )
            return secret

    secret = _with_store(data_dir, database_url, secret_key_file, work)
    if as_json:
        typer.echo(json.dumps({"webhookKey": key, "secret": secret}))
        return
    typer.echo(f"secret: {secret}")
    typer.echo("The secret is shown only this once: store it now.")


@webhooks_app.command("delete")
def webhooks_delete(
    key: Annotated[str, typer.Argument(help="The webhook key.")],
    org: Org = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    secret_key_file: SecretKeyFile = None,
) -> None:
    """Delete a webhook and its delivery log."""

    async def work(store: Store) -> None:
        from camunda_hub.server.events import webhooks

        async with store.db.transaction() as session:
            await webhooks.delete(session, await _organization(session, org), key)

    _with_store(data_dir, database_url, secret_key_file, work)
    typer.echo(f"deleted webhook {key}")
