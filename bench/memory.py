"""Resident memory and CPU time of a process, read from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path


def rss_mib(pid: int) -> float | None:
    """VmRSS of ``pid`` in MiB, or None where /proc does not tell (not Linux, process gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            kib = int(line.split()[1])
            return kib / 1024
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time ``pid`` used so far, all its threads together."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    fields = stat.rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")
