"""The SDK and the CLI's client side load without server dependencies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from pathlib import Path
import camunda_hub
import camunda_hub.client
from camunda_hub import HubClient, AsyncHubClient
from camunda_hub.cli.main import app
heavy = sorted(m for m in ("fastapi", "sqlalchemy", "starlette", "uvicorn", "alembic")
               if m in sys.modules)
print(",".join(heavy))
"""


def test_sdk_and_cli_import_no_server_packages() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "", f"server packages imported: {result.stdout.strip()}"


def test_token_command_runs_with_server_packages_unimportable(tmp_path: Path) -> None:
    # A base install has no FastAPI/SQLAlchemy (pydantic does come with typer): make the
    # server packages unimportable and run the CLI.
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import sys\n"
        "class _Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('fastapi', 'sqlalchemy', 'starlette', 'uvicorn', 'alembic'):\n"
        "            raise ImportError(f'{name} is not installed (blocked by the test)')\n"
        "        return None\n"
        "sys.meta_path.insert(0, _Block())\n"
    )
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "camunda_hub", "token"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 2, result.stderr
    assert "CAMUNDA_HUB_CLIENT_ID" in result.stderr
    assert "Traceback" not in result.stderr
