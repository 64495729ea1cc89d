"""`camunda-hub` imports a subcommand's module only when that subcommand runs, and lists each
one with the help its own module gives it; the SDK and server import httpx without its CLI."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

from camunda_hub.cli.main import SUBCOMMANDS, app


@pytest.mark.parametrize("lazy", SUBCOMMANDS, ids=lambda lazy: lazy.name)
def test_listed_help_is_the_first_paragraph_of_the_commands_own(lazy) -> None:
    command = lazy.command()
    assert command.name == lazy.name
    own = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0].strip()
    assert lazy.help == own


def test_every_subcommand_is_listed_once() -> None:
    names = [lazy.name for lazy in SUBCOMMANDS]
    assert len(names) == len(set(names))
    assert not app.registered_commands and not app.registered_groups


def _modules_after(argv: list[str]) -> set[str]:
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from camunda_hub.cli.main import app\n"
        f"result = CliRunner().invoke(app, {argv!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return set(out.stdout.split())


def test_top_level_help_imports_no_subcommand() -> None:
    modules = _modules_after(["--help"])
    loaded = {m for m in modules if m.startswith(("camunda_hub.cli.", "camunda_hub.client"))}
    assert loaded == {
        "camunda_hub.cli.errors",
        "camunda_hub.cli.lazy_commands",
        "camunda_hub.cli.main",
    }
    assert "httpx" not in modules


def test_a_subcommand_imports_its_own_module_only() -> None:
    modules = _modules_after(["token", "--help"])
    assert "camunda_hub.cli.hub_commands.token" in modules
    assert "camunda_hub.cli.serve" not in modules
    assert "camunda_hub.cli.admin" not in modules


def test_httpx_is_imported_without_its_cli_and_the_cli_still_loads() -> None:
    probe = (
        "import sys\n"
        "import camunda_hub.client, camunda_hub.server\n"
        "import httpx\n"
        "print('rich' in sys.modules, 'click' in sys.modules)\n"
        "import httpx._main\n"
        "print(callable(sys.modules['httpx._main'].print_help), 'rich' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.split() == ["False", "False", "True", "True"]


def _run_cli(argv: list[str], extra: str = "") -> list[str]:
    """Run ``camunda-hub argv`` in a fresh process against a token URL nothing listens on."""
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from camunda_hub.cli.main import app\n"
        "env = {'CAMUNDA_HUB_CLIENT_ID': 'c', 'CAMUNDA_HUB_CLIENT_SECRET': 's',\n"
        "       'CAMUNDA_OAUTH_URL': 'http://127.0.0.1:9/oauth/token'}\n"
        f"result = CliRunner().invoke(app, {argv!r}, env=env)\n"
        "print(result.exit_code)\n"
        "print(repr(result.output))\n"
        f"{extra}"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return out.stdout.splitlines()


def test_token_loads_neither_pydantic_nor_the_api_client() -> None:
    # 4: the token endpoint cannot be reached, after the token request was made.
    lines = _run_cli(
        ["token", "--timeout", "0.5"],
        "print('pydantic' in sys.modules, 'camunda_hub.client.sync_client' in sys.modules)\n",
    )
    assert lines[0] == "4"
    # --timeout was given: Typer coerced it (its adapter, pydantic); unset options cost nothing.
    assert lines[2] == "True False"
    lines = _run_cli(
        ["token"],
        "print('pydantic' in sys.modules, 'camunda_hub.client.sync_client' in sys.modules)\n",
    )
    assert lines[0] == "4"
    assert lines[2] == "False False"


def test_a_given_option_is_still_coerced_and_checked_by_typer() -> None:
    lines = _run_cli(["token", "--timeout", "soon"])
    assert lines[0] == "2"
    assert "Invalid value for '--timeout'" in lines[1]
