"""The blocking SDK client is generated from the asyncio one (scripts/generate_sync_client.py):
the checked-in file is what the generator writes, and both clients offer the same methods with
the same signatures."""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path
from typing import Any

from camunda_hub.client import AsyncHubClient, HubClient, HubConfig

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "generate_sync_client", ROOT / "scripts" / "generate_sync_client.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sync_client_is_generated_from_the_async_client() -> None:
    generator = _generator()
    assert generator.TARGET.read_text() == generator.generate(), (
        "client/sync_client.py is stale: run .venv/bin/python scripts/generate_sync_client.py"
    )


def test_generator_leaves_out_async_only_lines() -> None:
    generated = _generator().generate()
    assert "async " not in generated and "await " not in generated
    assert "MAX_IN_FLIGHT" not in generated and "asyncio" not in generated


# Names that differ on purpose: the asyncio spelling of the same operation.
_ASYNC_NAMES = {"aclose": "close", "__aenter__": "__enter__", "__aexit__": "__exit__"}


def _public(obj: object) -> dict[str, Any]:
    names = {}
    for name in dir(obj):
        if name.startswith("_") and name not in _ASYNC_NAMES.values() and name not in _ASYNC_NAMES:
            continue
        value = getattr(obj, name)
        if callable(value) or not name.startswith("_"):
            names[_ASYNC_NAMES.get(name, name)] = value
    return names


def _shape(function: Any) -> tuple[list[tuple[str, Any, Any, str]], str]:
    signature = inspect.signature(function)

    def sync_spelling(annotation: Any) -> str:
        text = str(annotation)
        for old, new in (
            ("AsyncHubClient", "HubClient"),
            ("AsyncIterator", "Iterator"),
            ("httpx.AsyncClient", "httpx.Client"),
        ):
            text = text.replace(old, new)
        return text

    parameters = [
        (p.name, p.kind, p.default, sync_spelling(p.annotation))
        for p in signature.parameters.values()
    ]
    return parameters, sync_spelling(signature.return_annotation)


def _config() -> HubConfig:
    return HubConfig.resolve(
        client_id="parity",
        client_secret="parity-secret",  # never sent: no request is made
        oauth_url="http://127.0.0.1:9/oauth/token",
        rest_url="http://127.0.0.1:9",
        env={},
    )


async def test_hub_client_and_async_hub_client_offer_the_same_methods() -> None:
    sync_client = HubClient(config=_config())
    async_client = AsyncHubClient(config=_config())
    try:
        sync_surface = _public(sync_client)
        async_surface = _public(async_client)
        assert sorted(sync_surface) == sorted(async_surface)
        resources = []
        for name, sync_value in sync_surface.items():
            async_value = async_surface[name]
            if callable(sync_value):
                assert _shape(sync_value) == _shape(async_value), name
                continue
            sync_type, async_type = type(sync_value), type(async_value)
            if sync_type.__module__ != HubClient.__module__ and sync_type is async_type:
                continue  # config and the like: one object for both
            resources.append(name)
            # Resources of the generated module have one name; those kept in modules of their
            # own (events, webhooks) are an AsyncX / X pair.
            assert async_type.__name__ in (sync_type.__name__, f"Async{sync_type.__name__}"), name
            sync_methods = _public(sync_value)
            async_methods = _public(async_value)
            assert sorted(sync_methods) == sorted(async_methods), name
            for method in sync_methods:
                assert _shape(sync_methods[method]) == _shape(async_methods[method]), (
                    f"{name}.{method}"
                )
        assert {
            "workspaces",
            "projects",
            "folders",
            "files",
            "versions",
            "members",
            "events",
            "webhooks",
        } <= set(resources)
    finally:
        sync_client.close()
        await async_client.aclose()
