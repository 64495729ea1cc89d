"""Write ``client/sync_client.py`` (``HubClient``) from ``client/async_client.py``
(``AsyncHubClient``), so the two SDK clients have one source.

    .venv/bin/python scripts/generate_sync_client.py          # rewrite sync_client.py
    .venv/bin/python scripts/generate_sync_client.py --check  # exit 1 if it is stale

The async file is the one to edit. The sync text is the async text with ``async``/``await``
removed and the names below swapped; in the async file a line ending in
``# unasync: async only`` and the lines between ``# unasync: begin async only`` and
``# unasync: end`` are left out of the sync file. The result goes through ruff (import order,
format: removing ``async`` shortens lines), so it passes the repository's checks as written.
Standard library only, apart from ruff (the ``dev`` extra)."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

CLIENT = Path(__file__).resolve().parent.parent / "src" / "camunda_hub" / "client"
SOURCE = CLIENT / "async_client.py"
TARGET = CLIENT / "sync_client.py"

HEADER = (
    "# Generated from async_client.py by scripts/generate_sync_client.py: edit that file and\n"
    "# run the script (tests/test_sdk_generated.py fails while this file is stale).\n"
)

# Texts that differ beyond async/await. Each must occur in the async file (else the generator
# stops: a rewritten docstring or import would otherwise slip through unconverted).
EXACT = [
    (
        '''"""``AsyncHubClient``: the asyncio Hub API client (same resources as ``HubClient``).

async with AsyncHubClient() as hub:
    info = await hub.info()
    async for file in hub.files.iterate(type="bpmn"):
        ...
"""''',
        '''"""``HubClient``: the blocking Hub API client.

with HubClient() as hub:                      # settings from the environment
    print(hub.info().authorized_organization)
    for file in hub.files.iterate(type="bpmn"):
        ...
"""''',
    ),
    (
        '''    """The asyncio twin of :class:`~camunda_hub.client.HubClient`: same settings, same
    resources, every call awaited. Tokens are shared with other clients of the process."""''',
        '''    """A Hub API client. With no arguments every setting comes from the environment
    (``CAMUNDA_HUB_CLIENT_ID``, ``CAMUNDA_HUB_CLIENT_SECRET``, ``CAMUNDA_OAUTH_URL``,
    ``CAMUNDA_HUB_OAUTH_AUDIENCE``, ``CAMUNDA_HUB_REST_URL``, …); arguments override it."""''',
    ),
    ("import asyncio\n", "from contextlib import nullcontext\n"),
    ("AsyncIterator, Awaitable, Mapping", "Iterator, Mapping"),
    # No bound of its own for threads: httpx's pool (and its pool timeout) decides, as before.
    ("asyncio.Semaphore(MAX_IN_FLIGHT)", "nullcontext()"),
    ("Awaitable[T]", "T"),
    ("request_token_async", "request_token"),
    ("fetch_async=", "fetch="),
    ("token_async()", "token()"),
    ("httpx.AsyncClient", "httpx.Client"),
]
# Whole words, anywhere after the exact replacements.
WORDS = {
    "AsyncHubClient": "HubClient",
    "AsyncIterator": "Iterator",
    # Resources kept in modules of their own, as an async/sync pair.
    "AsyncEvents": "Events",
    "AsyncProjectArchives": "ProjectArchives",
    "AsyncWebhooks": "Webhooks",
    "AsyncTreeSync": "TreeSync",
    "AsyncTreeWatch": "TreeWatch",
    "aiterate": "iterate",
    "aclose": "close",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
}
KEYWORDS = [(re.compile(r"\basync (def|with|for) "), r"\1 "), (re.compile(r"\bawait "), "")]

_LINE_MARK = "# unasync: async only"
_BEGIN = "# unasync: begin async only"
_END = "# unasync: end"


def _drop_async_only(text: str) -> str:
    kept: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        mark = line.strip()
        if mark == _BEGIN:
            skipping = True
        elif mark == _END:
            skipping = False
        elif not skipping and not line.rstrip().endswith(_LINE_MARK):
            kept.append(line)
    if skipping:
        raise SystemExit(f"{SOURCE.name}: '{_BEGIN}' without '{_END}'")
    return "".join(kept)


def _ruff(text: str, *command: str) -> str:
    done = subprocess.run(  # noqa: S603 (fixed argv: this interpreter running ruff)
        [sys.executable, "-m", "ruff", *command, "--stdin-filename", str(TARGET), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        cwd=CLIENT.parent.parent.parent,
    )
    if done.returncode != 0:
        raise SystemExit(f"ruff {command[0]} failed on the generated text:\n{done.stderr}")
    return done.stdout


def _tidy(text: str) -> str:
    """Imports sorted and code formatted the way the repository's ruff checks want them."""
    return _ruff(_ruff(text, "check", "--select", "I", "--fix", "--quiet"), "format")


def generate(source: str | None = None) -> str:
    text = _drop_async_only(SOURCE.read_text() if source is None else source)
    for old, new in EXACT:
        if old not in text:
            raise SystemExit(f"{SOURCE.name} no longer contains {old[:60]!r}: update EXACT")
        text = text.replace(old, new)
    for pattern, replacement in KEYWORDS:
        text = pattern.sub(replacement, text)
    for old, new in WORDS.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    return _tidy(HEADER + text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report a stale file")
    args = parser.parse_args()
    generated = generate()
    if args.check:
        if TARGET.read_text() != generated:
            print(f"{TARGET} is stale: run scripts/generate_sync_client.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
