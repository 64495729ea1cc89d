"""The result table: rows every benchmark returns, printed to the terminal and written with the
machine description and the exact commands to docs/benchmarks.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One line of the table. ``met`` is None for figures without a target."""

    group: str  # e.g. "Token endpoint", "API overhead", "SDK", "Memory", "Search"
    subject: str  # what was measured, e.g. "ES256: camunda-hub / node-oidc-provider"
    figure: str  # the measurement, with units
    target: str = ""
    met: bool | None = None


def verdict(met: bool | None) -> str:
    return {True: "yes", False: "**NO**", None: ""}[met]


def markdown_table(rows: Sequence[Row]) -> str:
    lines = ["| Benchmark | What | Figure | Target | Met |", "| --- | --- | --- | --- | --- |"]
    lines += [
        f"| {row.group} | {row.subject} | {row.figure} | {row.target} | {verdict(row.met)} |"
        for row in rows
    ]
    return "\n".join(lines)


def text_table(rows: Sequence[Row]) -> str:
    header = ("Benchmark", "What", "Figure", "Target", "Met")
    cells = [
        (r.group, r.subject, r.figure, r.target, verdict(r.met).replace("*", "")) for r in rows
    ]
    widths = [max(len(str(c[i])) for c in [header, *cells]) for i in range(len(header))]
    out = []
    for index, line in enumerate([header, *cells]):
        out.append("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def rate(value: float) -> str:
    return f"{value:,.0f}"


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


# Where the generated report ends; the hand-written analysis below it survives a new run.
END_MARKER = "<!-- end of the bench/run.py report -->"


def document(
    *,
    rows: Sequence[Row],
    machine: Sequence[tuple[str, str]],
    invocation: str,
    commands: Sequence[str],
    notes: Sequence[str],
    profile: str | None,
    started: str,
    elapsed: float,
    sections: Sequence[tuple[str, str]] = (),
) -> str:
    parts = [
        "# Benchmarks",
        "",
        "Down to its end-of-report marker (an HTML comment, not shown when rendered) this file is",
        "written by `bench/run.py`: run it again rather than edit it. The notes after the marker",
        "are written by hand and kept by each run.",
        "Machines here are shared and noisy: compare the **ratios** measured side by side in one",
        "run; absolute figures move with the machine and its load.",
        "",
        f"Run started {started}, took {elapsed:.0f} s.",
        "",
        "## Results",
        "",
        markdown_table(rows),
        "",
    ]
    if notes:
        parts += ["Notes:", ""] + [f"- {note}" for note in notes] + [""]
    parts += ["## Machine", "", "| | |", "| --- | --- |"]
    parts += [f"| {name} | {value} |" for name, value in machine]
    parts += [
        "",
        "## How to run",
        "",
        "```sh",
        invocation,
        "```",
        "",
        "Exact commands the harness ran (secrets and tokens reach wrk and the servers through",
        "the environment, never the command line; `$WORK` is the run's scratch folder):",
        "",
        "```sh",
        *commands,
        "```",
        "",
    ]
    for title, text in sections:
        parts += [f"## {title}", "", "```text", text, "```", ""]
    if profile:
        parts += ["## Profiles of the hot paths", "", profile, ""]
    parts += [END_MARKER, ""]
    return "\n".join(parts)


def with_kept_notes(report: str, existing: str | None) -> str:
    """``report`` followed by what ``existing`` has after its end marker (the notes by hand)."""
    line = f"\n{END_MARKER}\n"
    if existing is None or line not in existing:
        return report
    return report + "\n" + existing.split(line, 1)[1].lstrip("\n")
