"""How the console's model browser copes with large BPMN diagrams: time until a generated
diagram of N tasks is drawn (and linted) in headless Chromium, and the time of one zoom step,
with the bundles exactly as the wheel ships them. No Hub server: Playwright answers the
page's requests from the static folder, so only the browser's work is measured.

    python -m bench.console_diagram            # 100, 500, 2000 tasks
    python -m bench.console_diagram --quick    # 100, 500 tasks
"""

from __future__ import annotations

import argparse
import mimetypes
import time
from pathlib import Path
from typing import Any

from tests.support.browser import chromium

STATIC = Path(__file__).resolve().parents[1] / "src/camunda_hub/server/console/static"
ORIGIN = "http://bench.invalid"
PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/static/models/models.css">
<script type="module" src="/static/models/models.js"></script></head><body>
<section class="model-view" id="model" data-model-view="bpmn" data-content-url="/content">
<div class="toolbar" data-model-slot="toolbar"></div><div data-model-status></div>
<div class="canvas" data-model-slot="canvas"></div></section>
<aside data-model-slot="lint"></aside></body></html>"""


def diagram(tasks: int, per_row: int = 25) -> str:
    """A start event, ``tasks`` service tasks in rows (every 10th without a task definition,
    so the linter has findings to draw) and an end event, with full DI."""
    zeebe = 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"'
    nodes, flows, shapes, edges = [], [], [], []
    ids = ["Start", *[f"Task_{i}" for i in range(tasks)], "End"]

    def place(index: int) -> tuple[int, int]:
        return 100 + (index % per_row) * 160, 100 + (index // per_row) * 140

    for index, node in enumerate(ids):
        x, y = place(index)
        if node in ("Start", "End"):
            tag = "startEvent" if node == "Start" else "endEvent"
            nodes.append(f'<bpmn:{tag} id="{node}" />')
            shapes.append(
                f'<bpmndi:BPMNShape id="{node}_di" bpmnElement="{node}"><dc:Bounds x="{x}" y="{y + 22}" width="36" height="36" /></bpmndi:BPMNShape>'
            )
        else:
            definition = (
                ""
                if index % 10 == 0
                else '<bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements>'
            )
            nodes.append(
                f'<bpmn:serviceTask id="{node}" name="Step {index}">{definition}</bpmn:serviceTask>'
            )
            shapes.append(
                f'<bpmndi:BPMNShape id="{node}_di" bpmnElement="{node}"><dc:Bounds x="{x}" y="{y}" width="100" height="80" /></bpmndi:BPMNShape>'
            )
    for index in range(len(ids) - 1):
        source, target = ids[index], ids[index + 1]
        flows.append(
            f'<bpmn:sequenceFlow id="Flow_{index}" sourceRef="{source}" targetRef="{target}" />'
        )
        (x1, y1), (x2, y2) = place(index), place(index + 1)
        edges.append(
            f'<bpmndi:BPMNEdge id="Flow_{index}_di" bpmnElement="Flow_{index}"><di:waypoint x="{x1 + 100}" y="{y1 + 40}" /><di:waypoint x="{x2}" y="{y2 + 40}" /></bpmndi:BPMNEdge>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        f'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" {zeebe} id="Defs" '
        'targetNamespace="http://bpmn.io/schema/bpmn">'
        f'<bpmn:process id="big" isExecutable="true">{"".join(nodes)}{"".join(flows)}</bpmn:process>'
        f'<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="big">{"".join(shapes)}{"".join(edges)}'
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>"
    )


def measure(browser: Any, tasks: int) -> dict[str, float]:
    xml = diagram(tasks)
    page = browser.new_page(viewport={"width": 1280, "height": 860})

    def answer(route: Any) -> None:
        path = route.request.url.removeprefix(ORIGIN).split("?", 1)[0]
        if path == "/":
            route.fulfill(body=PAGE, content_type="text/html")
        elif path == "/content":
            route.fulfill(body=xml, content_type="text/plain; charset=utf-8")
        else:
            file = STATIC / path.removeprefix("/static/")
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            route.fulfill(body=file.read_bytes(), content_type=kind)

    page.route(f"{ORIGIN}/**", answer)
    started = time.perf_counter()
    page.goto(f"{ORIGIN}/")
    page.wait_for_selector("[data-model-view][data-drawn]", timeout=120_000)
    drawn = time.perf_counter() - started
    page.wait_for_selector("[data-model-view][data-rendered]", timeout=120_000)
    linted = time.perf_counter() - started
    assert page.get_attribute("#model", "data-rendered") == "true"
    findings = int(page.get_attribute("[data-lint-findings]", "data-lint-findings") or 0)
    zoom = page.evaluate(
        """() => { const b = [...document.querySelectorAll('button')].find(x => x.textContent === 'Zoom in');
        const t = performance.now(); b.click(); return new Promise(r => requestAnimationFrame(() => r(performance.now() - t))); }"""
    )
    page.close()
    return {
        "tasks": tasks,
        "kib": len(xml) / 1024,
        "drawn_s": drawn,
        "linted_s": linted,
        "zoom_ms": zoom,
        "findings": findings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller diagrams only (~20 s)")
    args = parser.parse_args()
    sizes = (100, 500) if args.quick else (100, 500, 2000)
    print(
        f"{'tasks':>6} {'KiB':>7} {'drawn s':>8} {'linted s':>9} {'zoom step ms':>13} {'findings':>9}"
    )
    with chromium() as browser:
        for tasks in sizes:
            row = measure(browser, tasks)
            print(
                f"{row['tasks']:>6} {row['kib']:>7.0f} {row['drawn_s']:>8.2f} {row['linted_s']:>9.2f} "
                f"{row['zoom_ms']:>13.1f} {row['findings']:>9.0f}"
            )


if __name__ == "__main__":
    main()
