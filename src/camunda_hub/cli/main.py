"""The ``camunda-hub`` command.

Every subcommand's module is imported only when that subcommand runs (cli/lazy_commands.py): CI
scripts call ``camunda-hub token`` in loops, and importing all commands (the SDK, httpx, asyncio,
rich tables, the server's settings…) for each call cost more than the call itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from camunda_hub.cli.errors import run_main
from camunda_hub.cli.lazy_commands import Lazy, lazy_group


def _serve() -> Callable[..., Any]:
    from camunda_hub.cli.serve import serve

    return serve


def _token() -> Callable[..., Any]:
    from camunda_hub.cli.hub_commands.token import token

    return token


def _push() -> Callable[..., Any]:
    from camunda_hub.cli.hub_commands.sync_commands import push

    return push


def _pull() -> Callable[..., Any]:
    from camunda_hub.cli.hub_commands.sync_commands import pull

    return pull


def _export() -> Callable[..., Any]:
    from camunda_hub.cli.hub_commands.project_archive_commands import export_project

    return export_project


def _import() -> Callable[..., Any]:
    from camunda_hub.cli.hub_commands.project_archive_commands import import_project

    return import_project


def _clients() -> typer.Typer:
    from camunda_hub.cli import admin, api_client_keys

    app = admin.clients_app
    # Added once per process (a test runs many commands in one).
    if not any(group.name == "keys" for group in app.registered_groups):
        app.add_typer(api_client_keys.keys_app, name="keys")
        app.command("dpop")(api_client_keys.clients_dpop)
    return app


def _keys() -> typer.Typer:
    from camunda_hub.cli import admin

    return admin.keys_app


def _orgs() -> typer.Typer:
    from camunda_hub.cli import admin

    return admin.orgs_app


def _db() -> typer.Typer:
    from camunda_hub.cli import admin, db_portability  # noqa: F401  (adds backup, restore, migrate)

    return admin.db_app


def _workspaces() -> typer.Typer:
    from camunda_hub.cli.hub_commands import resources

    return resources.workspaces_app


def _projects() -> typer.Typer:
    from camunda_hub.cli.hub_commands import resources

    return resources.projects_app


def _folders() -> typer.Typer:
    from camunda_hub.cli.hub_commands import resources

    return resources.folders_app


def _files() -> typer.Typer:
    from camunda_hub.cli.hub_commands import file_resources

    return file_resources.files_app


def _versions() -> typer.Typer:
    from camunda_hub.cli.hub_commands import file_resources

    return file_resources.versions_app


def _admins() -> typer.Typer:
    from camunda_hub.cli import console_admin

    return console_admin.admins_app


def _events() -> typer.Typer:
    from camunda_hub.cli.hub_commands import events_watch

    return events_watch.events_app


def _webhooks() -> typer.Typer:
    from camunda_hub.cli import webhooks_admin

    return webhooks_admin.webhooks_app


# In the order `camunda-hub --help` lists them. Client commands (SDK only, no server imports)
# work in a base install.
SUBCOMMANDS = (
    Lazy("serve", "Run the Hub API server and its token issuer.", _serve),
    Lazy(
        "token",
        "Get an access token for the Hub API and print it (for `Authorization: Bearer …`).",
        _token,
    ),
    Lazy("push", "Upload a folder tree of models into a project.", _push),
    Lazy("pull", "Download a project's files into a local folder tree.", _pull),
    Lazy(
        "export",
        "Download a project's live files as one zip (folders, typed extensions, manifest).",
        _export,
    ),
    Lazy(
        "import",
        "Upload a project zip: a new project (--workspace) or an update by path (--project).",
        _import,
    ),
    Lazy("clients", "Manage API clients (on the server's database).", _clients),
    Lazy("keys", "Manage token signing keys.", _keys),
    Lazy("orgs", "Manage organizations.", _orgs),
    Lazy("db", "Database maintenance.", _db),
    Lazy("workspaces", "Workspaces of your organization.", _workspaces),
    Lazy("projects", "Projects (process applications) in workspaces.", _projects),
    Lazy("folders", "Folders inside projects.", _folders),
    Lazy("files", "Files (BPMN, DMN, forms, element templates, …).", _files),
    Lazy("versions", "Versions (content snapshots) of one file.", _versions),
    Lazy("admins", "Manage the organization admins of the web console.", _admins),
    Lazy("events", "The change feed (camunda-hub extension).", _events),
    Lazy("webhooks", "Manage webhooks (on the server's database).", _webhooks),
)

app = typer.Typer(
    name="camunda-hub",
    help="Camunda Hub API v2: server, token issuer, admin and client commands.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    cls=lazy_group(SUBCOMMANDS),
)


@app.callback()
def _root() -> None:
    """(No options of its own: the callback makes Typer build a group of the subcommands.)"""


def main() -> None:
    run_main(app)
