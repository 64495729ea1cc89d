"""The ``camunda-hub`` command."""

from __future__ import annotations

import typer

from camunda_hub.cli import admin
from camunda_hub.cli.errors import run_main
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


def main() -> None:
    run_main(app)
