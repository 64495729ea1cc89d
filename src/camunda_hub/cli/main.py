"""The ``camunda-hub`` command."""

from __future__ import annotations

import typer

import camunda_hub.cli.db_portability  # noqa: F401  (adds db backup, restore, migrate)
from camunda_hub.cli import admin, api_client_keys, console_admin, webhooks_admin
from camunda_hub.cli.errors import run_main
from camunda_hub.cli.hub_commands import events_watch, file_resources
from camunda_hub.cli.hub_commands import resources as client_resources
from camunda_hub.cli.hub_commands.project_archive_commands import (
    export_project,
    import_project,
)
from camunda_hub.cli.hub_commands.sync_commands import pull, push
from camunda_hub.cli.hub_commands.token import token
from camunda_hub.cli.serve import serve

app = typer.Typer(
    name="camunda-hub",
    help="Camunda Hub API v2: server, token issuer, admin and client commands.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("serve")(serve)
app.add_typer(admin.clients_app, name="clients")
app.add_typer(admin.keys_app, name="keys")
app.add_typer(admin.orgs_app, name="orgs")
app.add_typer(admin.db_app, name="db")
# Client commands (SDK only, no server imports): they work in a base install.
app.command("token")(token)
app.add_typer(client_resources.workspaces_app, name="workspaces")
app.add_typer(client_resources.projects_app, name="projects")
app.add_typer(client_resources.folders_app, name="folders")
app.add_typer(file_resources.files_app, name="files")
app.add_typer(file_resources.versions_app, name="versions")
app.command("push")(push)
app.command("pull")(pull)
app.add_typer(console_admin.admins_app, name="admins")
app.add_typer(events_watch.events_app, name="events")
app.add_typer(webhooks_admin.webhooks_app, name="webhooks")
admin.clients_app.add_typer(api_client_keys.keys_app, name="keys")
admin.clients_app.command("dpop")(api_client_keys.clients_dpop)
app.command("export")(export_project)
app.command("import")(import_project)


def main() -> None:
    run_main(app)
