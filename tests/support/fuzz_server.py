"""The server the fuzz runs (tests/test_conformance*.py) write into: its own data, so the
fuzzer's random writes never leak into other tests, and an hour-long token lifetime, so one
token lasts the whole run. On PostgreSQL when the suite runs in its postgres mode (or
scripts/fuzz --postgres)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.support.server import HubServer


@contextmanager
def fuzz_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, name: str
) -> Iterator[HubServer]:
    env = {"CAMUNDA_HUB_ACCESS_LOG": "false"}
    if os.environ.get("CAMUNDA_HUB_TEST_DATABASE") == "postgres":
        from tests.support.postgres import server_env as postgres_server_env

        postgres = request.getfixturevalue("postgres")
        env.update(postgres_server_env(postgres.create_database(name)))
    server = HubServer(tmp_path_factory.mktemp(name), args=["--token-lifetime", "3600"], env=env)
    server.start()
    try:
        yield server
    finally:
        server.stop()
