"""The optional disk cache: private modes, atomic files, shared by processes, and a fallback to
memory (with a warning) when the folder cannot be used."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from camunda_hub.client import HubClient, HubConfig
from camunda_hub.client.disk_cache import DiskCacheUnavailable
from camunda_hub.client.tokens import clear_token_caches
from tests.support.fake_hub import FakeHub

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake() -> Iterator[FakeHub]:
    clear_token_caches()
    with FakeHub() as server:
        yield server
    clear_token_caches()


def config(fake: FakeHub, cache_dir: Path | None) -> HubConfig:
    return HubConfig.resolve(
        client_id="disk-client",
        client_secret="disk-secret-0123456789",
        oauth_url=fake.token_url,
        rest_url=fake.url,
        token_cache_dir=cache_dir,
        env={},
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_off_by_default(fake: FakeHub) -> None:
    assert config(fake, None).token_cache_dir is None


def test_folder_0700_files_0600_and_no_leftovers(fake: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "tokens"
    with HubClient(config=config(fake, folder)) as client:
        client.info()
    assert mode(folder) == 0o700
    files = sorted(folder.iterdir())
    assert [p.suffix for p in files] == [".json", ".lock"]
    assert all(mode(p) == 0o600 for p in files)
    stored = json.loads(files[0].read_text())
    assert stored["access_token"].startswith("fake-access-token")
    assert not [p for p in folder.iterdir() if p.name.startswith(".tmp-")]


def test_a_loose_existing_folder_is_tightened(fake: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    with HubClient(config=config(fake, folder)) as client:
        client.token()
    assert mode(folder) == 0o700


PROCESS = """
import sys
from camunda_hub.client import HubClient, HubConfig
config = HubConfig.resolve(client_id="disk-client", client_secret="disk-secret-0123456789",
                           oauth_url=sys.argv[1], rest_url=sys.argv[2], token_cache_dir=sys.argv[3], env={})
with HubClient(config=config) as client:
    client.info()
    print(client.token().access_token.reveal()[:22])
"""


def run_processes(fake: FakeHub, folder: Path, count: int) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", PROCESS, fake.token_url, fake.url, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(count)
    ]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outputs.append(out.strip())
    return outputs


def test_several_processes_share_one_token(fake: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    outputs = run_processes(fake, folder, 3)
    assert len(set(outputs)) == 1
    assert len(fake.token_requests()) == 1
    # A later process finds the token on disk too.
    assert run_processes(fake, folder, 1) == outputs[:1]
    assert len(fake.token_requests()) == 1
    assert len(fake.api_requests()) == 4


def test_a_damaged_file_is_replaced(fake: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "damaged"
    with HubClient(config=config(fake, folder)) as client:
        client.token()
    [stored] = folder.glob("*.json")
    stored.write_text("{not json")
    clear_token_caches()
    with HubClient(config=config(fake, folder)) as client:
        client.info()
    assert len(fake.token_requests()) == 2
    assert json.loads(stored.read_text())["access_token"].startswith("fake-access-token")


def test_unusable_folder_falls_back_to_memory_with_a_warning(
    fake: FakeHub, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with (
        pytest.warns(DiskCacheUnavailable),
        HubClient(config=config(fake, blocker / "tokens")) as client,
    ):
        assert client.info().version == "v2"
        client.info()
    assert len(fake.token_requests()) == 1
    assert "keeping tokens in memory only" in caplog.text
