"""Authenticated API overhead: ``GET /api/v2/info`` with a valid bearer token on ``camunda-hub
serve`` in its default configuration (access log on, token throttle on), against a bare FastAPI
hello-world on uvicorn's defaults (``bench/bare_fastapi.py``), both pinned to the same core and
loaded in alternating rounds. Target (issue 12): at least the hello-world's requests per
CPU-second — the access log and the middleware cost less than the framework work they sit on."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import httpx

from bench import hub as hubs
from bench.context import BenchContext
from bench.loadgen import Load, run_wrk
from bench.memory import rss_mib
from bench.profiling import Profile, profile_under_load
from bench.report import Row, ms, rate

TARGET_RATIO = 1.0


@dataclass
class OverheadResults:
    rows: list[Row]
    rss_idle: float | None
    rss_after: float | None
    profile: Profile | None


def _figure(loads: list[Load]) -> str:
    text = (
        f"{rate(statistics.median(x.per_second for x in loads))} req/s, "
        f"p50 {ms(statistics.median(x.p50_ms for x in loads))}, "
        f"p99 {ms(statistics.median(x.p99_ms for x in loads))}"
    )
    capacity = [x.per_cpu_second for x in loads]
    if all(capacity):
        text += f"; {rate(statistics.median(c for c in capacity if c))} per CPU-second"
    return text


def run(ctx: BenchContext, *, rounds: int) -> OverheadResults:
    # The access log as `serve` has it by default (bench/hub.py turns it off for the token
    # figures); its lines go to the process's log file, as they would to a file or journald.
    app = hubs.start_hub(ctx, "hub-api", alg="ES256", env={"CAMUNDA_HUB_ACCESS_LOG": "true"})
    bare = hubs.start_bare_fastapi(ctx, "bare-fastapi")
    creds = hubs.create_client(ctx, app)
    bearer = f"Bearer {hubs.token(app, creds)}"
    info_url = f"{app.url}/api/v2/info"
    hello_url = f"{bare.url}/hello"
    # Both answer 200 with JSON before the load starts, so wrk measures real work.
    info = httpx.get(info_url, headers={"Authorization": bearer}, timeout=30)
    info.raise_for_status()
    if set(info.json()) != {"version", "authorizedOrganization"}:
        raise RuntimeError(f"unexpected /api/v2/info answer: {info.text[:200]}")
    httpx.get(hello_url, timeout=30).raise_for_status()
    rss_idle = rss_mib(app.pid)

    def info_load(seconds: float) -> Load:
        return run_wrk(ctx, info_url, seconds=seconds, authorization=bearer, server_pid=app.pid)

    def hello_load(seconds: float) -> Load:
        return run_wrk(ctx, hello_url, seconds=seconds, server_pid=bare.pid)

    infos: list[Load] = []
    hellos: list[Load] = []
    if ctx.warmup > 0:
        info_load(ctx.warmup)
        hello_load(ctx.warmup)
    for _ in range(rounds):
        infos.append(info_load(ctx.duration))
        hellos.append(hello_load(ctx.duration))
    rss_after = rss_mib(app.pid)
    ratio = statistics.median(
        i.per_second / h.per_second for i, h in zip(infos, hellos, strict=True)
    )
    capacities = [(i.per_cpu_second, h.per_cpu_second) for i, h in zip(infos, hellos, strict=True)]
    cpu_ratio = (
        statistics.median(i / h for i, h in capacities if i and h)
        if all(i and h for i, h in capacities)
        else None
    )
    rows = [
        Row(
            "API overhead",
            "GET /api/v2/info, authenticated (camunda-hub serve: access log and throttle on)",
            _figure(infos),
        ),
        Row("API overhead", "GET /hello, bare FastAPI on uvicorn (its defaults)", _figure(hellos)),
        Row(
            "API overhead",
            "/api/v2/info ÷ bare FastAPI /hello",
            f"{ratio:.2f} req/s" + (f"; {cpu_ratio:.2f} per CPU-second" if cpu_ratio else ""),
            f"≥ {TARGET_RATIO} per CPU-second",
            (cpu_ratio or ratio) >= TARGET_RATIO,
        ),
    ]
    profile = None
    if ctx.profile_dir is not None:
        profile = profile_under_load(
            ctx,
            pid=app.pid,
            name="authenticated-info",
            load=info_load,
        )
    ctx.procs.stop(bare.managed)
    ctx.procs.stop(app.managed)
    return OverheadResults(rows, rss_idle, rss_after, profile)
