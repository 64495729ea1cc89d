"""Whether two bundle folders hold the same files, once esbuild's content hashes are masked in
file names and in the references between files (``chunk-AB12CD34.js`` → ``chunk-#.js``).

Used by ``scripts/build-console-assets --check``: the hashes depend on the checkout's path on
disk, the bytes around them do not."""

from __future__ import annotations

import re
import sys
from pathlib import Path

_HASHED = re.compile(rb"-[A-Z0-9]{8}(?=\.(?:js|css|woff2?|ttf|eot|svg|png)\b)")


def masked(folder: Path) -> dict[str, list[bytes]]:
    """Masked name → the masked contents of every file of that name, sorted: several chunks
    share one masked name (``chunks/chunk-#.js``), and which of them sorts last by its real name
    depends on the hashes."""
    found: dict[str, list[bytes]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = _HASHED.sub(b"-#", str(path.relative_to(folder)).encode()).decode()
            found.setdefault(name, []).append(_HASHED.sub(b"-#", path.read_bytes()))
    return {name: sorted(contents) for name, contents in found.items()}


def main(built: str, committed: str) -> int:
    fresh, kept = masked(Path(built)), masked(Path(committed))
    differing = sorted(
        name for name in fresh.keys() | kept.keys() if fresh.get(name) != kept.get(name)
    )
    for name in differing:
        print(f"differs: {name}", file=sys.stderr)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
