"""The SDK (``camunda_hub.client``): how many token requests 1,000 concurrent calls make on a
fresh client (target: one — the token cache lets a single request through and the others wait
for it), and what one call costs on top of the same request made with bare httpx."""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any

import httpx

from bench import hub as hubs
from bench.context import REPO, BenchContext
from bench.procs import ProcessFailed, pinned, run_bounded
from bench.report import Row

TARGET_TOKEN_REQUESTS = 1


def tokens_issued(hub: hubs.HubProcess, client_id: str) -> int:
    """The server's own count of tokens issued to ``client_id`` (its Prometheus metrics); the
    server's total when it runs without a metrics token (no per-client series then; the bench
    is the only caller)."""
    text = httpx.get(f"{hub.url}/metrics", timeout=30).raise_for_status().text
    pattern = re.compile(
        r'^camunda_hub_tokens_issued_total\{client_id="' + re.escape(client_id) + r'"\} (\d+)$',
        re.M,
    )
    match = pattern.search(text) or re.search(
        r"^camunda_hub_tokens_issued_total (\d+)$", text, re.M
    )
    return int(match.group(1)) if match else 0


def _client_part(ctx: BenchContext, env: dict[str, str], *args: str) -> dict[str, Any]:
    argv = pinned(ctx.load_core, [sys.executable, "-m", "bench.sdk_calls", *args])
    ctx.record(argv)
    result = run_bounded(argv, timeout=300, env=env, cwd=REPO)
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH_RESULT ")), None)
    if result.returncode != 0 or line is None:
        raise ProcessFailed(f"bench.sdk_calls {args[0]} failed:\n{result.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(line.removeprefix("BENCH_RESULT "))
    return data


def run(ctx: BenchContext, server: hubs.HubProcess | None = None) -> list[Row]:
    """Against ``server`` when given (a running camunda-hub), else one started for it."""
    concurrent = 100 if ctx.smoke else 1000
    calls, rounds = (30, 2) if ctx.smoke else (300, 5)
    hub = server or hubs.start_hub(ctx, "hub-sdk", alg="ES256")
    # A client of its own, so the server's count of its tokens is the SDK's alone.
    creds = hubs.create_client(ctx, hub, name="sdk")
    env = {
        **os.environ,
        "BENCH_CLIENT_ID": creds.client_id,
        "BENCH_CLIENT_SECRET": creds.client_secret,
        "BENCH_OAUTH_URL": hub.token_url,
        "BENCH_REST_URL": hub.url,
    }
    before = tokens_issued(hub, creds.client_id)
    burst = _client_part(ctx, env, "concurrent", "--concurrent", str(concurrent))
    burst_tokens = tokens_issued(hub, creds.client_id) - before
    overhead = _client_part(ctx, env, "overhead", "--calls", str(calls), "--rounds", str(rounds))
    if server is None:
        ctx.procs.stop(hub.managed)

    if burst["succeeded"] and burst["organizations"] != 1:
        raise ProcessFailed(f"the concurrent SDK calls saw {burst['organizations']} organizations")
    succeeded = burst["succeeded"] == concurrent
    outcome = (
        f"all {concurrent:,} calls in {burst['seconds']:.2f} s"
        if succeeded
        else f"{burst['succeeded']:,} of {concurrent:,} calls succeeded in "
        f"{burst['seconds']:.2f} s; failed: "
        + ", ".join(f"{count} {name}" for name, count in sorted(burst["failures"].items()))
    )
    rows = [
        Row(
            "SDK",
            f"token requests for {concurrent:,} concurrent info() calls",
            f"{burst_tokens} ({outcome})",
            f"{TARGET_TOKEN_REQUESTS}, every call served",
            burst_tokens == TARGET_TOKEN_REQUESTS and succeeded,
        )
    ]
    for flavour, label in (("sync", "HubClient"), ("async", "AsyncHubClient")):
        sdk, bare = overhead[flavour]["sdk"], overhead[flavour]["bare"]
        rows.append(
            Row(
                "SDK",
                f"{label}.info() over bare httpx, per call",
                f"{sdk['wall_us'] - bare['wall_us']:+.0f} µs wall "
                f"({sdk['wall_us']:.0f} vs {bare['wall_us']:.0f}), "
                f"{sdk['cpu_us'] - bare['cpu_us']:+.0f} µs client CPU "
                f"({sdk['cpu_us']:.0f} vs {bare['cpu_us']:.0f})",
            )
        )
    return rows
