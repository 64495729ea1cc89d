"""The client side of ``bench/sdk.py``, run in its own process on the load-generator core.

    python -m bench.sdk_calls concurrent --concurrent 1000
    python -m bench.sdk_calls overhead --calls 300 --rounds 5

Credentials and URLs come from the environment (BENCH_CLIENT_ID, BENCH_CLIENT_SECRET,
BENCH_OAUTH_URL, BENCH_REST_URL), never the command line. Prints one JSON line for its part:

- ``concurrent``: N calls of ``AsyncHubClient.info()`` started at once on a client with an empty
  token cache: how many succeeded (and how the others failed); the caller counts the token
  requests the server saw;
- ``overhead``: per-call wall and CPU time of ``HubClient.info()`` / ``AsyncHubClient.info()``
  against the same request made with bare httpx (same token, same keep-alive connection reuse,
  JSON decoded), in alternating batches, best batch of each."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from camunda_hub.client import AsyncHubClient, HubClient, HubConfig
from camunda_hub.client.models import Info


def _config() -> HubConfig:
    return HubConfig.resolve(
        client_id=os.environ["BENCH_CLIENT_ID"],
        client_secret=os.environ["BENCH_CLIENT_SECRET"],
        oauth_url=os.environ["BENCH_OAUTH_URL"],
        rest_url=os.environ["BENCH_REST_URL"],
    )


async def _concurrent(count: int) -> dict[str, Any]:
    started = time.perf_counter()
    async with AsyncHubClient(config=_config()) as hub:
        results = await asyncio.gather(*(hub.info() for _ in range(count)), return_exceptions=True)
    elapsed = time.perf_counter() - started
    failures = Counter(
        type(result).__name__ for result in results if isinstance(result, BaseException)
    )
    organizations = {
        result.authorized_organization for result in results if isinstance(result, Info)
    }
    return {
        "calls": count,
        "succeeded": count - sum(failures.values()),
        "failures": dict(failures),
        "organizations": len(organizations),
        "seconds": elapsed,
    }


def _best(samples: list[tuple[float, float]], calls: int) -> dict[str, float]:
    """Per-call microseconds of the best batch: wall clock, and this process's CPU time."""
    wall = min(s[0] for s in samples) / calls * 1e6
    cpu = min(s[1] for s in samples) / calls * 1e6
    return {"wall_us": wall, "cpu_us": cpu}


def _timed(run: Callable[[], None]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


async def _timed_async(run: Callable[[], Awaitable[None]]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    await run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _sync_overhead(calls: int, rounds: int) -> dict[str, dict[str, float]]:
    config = _config()
    with HubClient(config=config) as hub:
        bearer = f"Bearer {hub.token().access_token.reveal()}"
        url = f"{config.api_url}/info"
        with httpx.Client(headers={"Authorization": bearer}) as bare:

            def bare_calls() -> None:
                for _ in range(calls):
                    response = bare.get(url)
                    response.raise_for_status()
                    response.json()

            def sdk_calls() -> None:
                for _ in range(calls):
                    hub.info()

            bare_calls()
            sdk_calls()  # warm: connections open, token cached
            bare_samples, sdk_samples = [], []
            for _ in range(rounds):
                bare_samples.append(_timed(bare_calls))
                sdk_samples.append(_timed(sdk_calls))
    return {"bare": _best(bare_samples, calls), "sdk": _best(sdk_samples, calls)}


async def _async_overhead(calls: int, rounds: int) -> dict[str, dict[str, float]]:
    config = _config()
    async with AsyncHubClient(config=config) as hub:
        bearer = f"Bearer {(await hub.token()).access_token.reveal()}"
        url = f"{config.api_url}/info"
        async with httpx.AsyncClient(headers={"Authorization": bearer}) as bare:

            async def bare_calls() -> None:
                for _ in range(calls):
                    response = await bare.get(url)
                    response.raise_for_status()
                    response.json()

            async def sdk_calls() -> None:
                for _ in range(calls):
                    await hub.info()

            await bare_calls()
            await sdk_calls()
            bare_samples, sdk_samples = [], []
            for _ in range(rounds):
                bare_samples.append(await _timed_async(bare_calls))
                sdk_samples.append(await _timed_async(sdk_calls))
    return {"bare": _best(bare_samples, calls), "sdk": _best(sdk_samples, calls)}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sdk_calls")
    parser.add_argument("part", choices=("concurrent", "overhead"))
    parser.add_argument("--concurrent", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    result: dict[str, Any]
    if args.part == "concurrent":
        result = asyncio.run(_concurrent(args.concurrent))
    else:
        result = {
            "sync": _sync_overhead(args.calls, args.rounds),
            "async": asyncio.run(_async_overhead(args.calls, args.rounds)),
        }
    print("BENCH_RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
