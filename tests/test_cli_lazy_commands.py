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
