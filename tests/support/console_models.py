"""A small model tree for the console's model browser tests, written through the service layer
(in-process tests) or the Hub API (browser tests against a server process):

    Sales (workspace) > Orders (project) > processes (folder) > Order process (bpmn, 2 revisions,
    version "v1" = the first), and at the project root: Discount (dmn), Confirm order (form),
    Notes (markdown), REST connector (element-template)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ORDERS = FIXTURES / "models" / "orders"
BPMN_V1 = (ORDERS / "order-process.bpmn").read_text(encoding="utf-8")
BPMN_V2 = (FIXTURES / "console_models" / "order-process-v2.bpmn").read_text(encoding="utf-8")
DMN = (ORDERS / "decisions" / "discount.dmn").read_text(encoding="utf-8")
FORM = (ORDERS / "forms" / "confirm-order.form").read_text(encoding="utf-8")
TEMPLATE = (FIXTURES / "models" / "templates" / "rest-connector.json").read_text(encoding="utf-8")
MARKDOWN = (
    "# Order notes\n\nShip **fast**.\n\n<script>alert('no')</script>\n\n"
    "<img src=x onerror=alert(1)>\n\n[bad](javascript:alert(1))\n"
)

NOTES_ADDED = "\nShipped by parcel service.\n"
ADDED_ELEMENT = "ShipOrder"
BPMN_ELEMENTS = ("OrderReceived", "CheckDiscount", "ConfirmOrder", "OrderConfirmed")


@dataclass
class Tree:
    workspace: str = ""
    project: str = ""
    folder: str = ""
    files: dict[str, str] = field(default_factory=dict)  # type -> key
    version_v1: str = ""
    snapshot: str = ""


ROOT_FILES = (
    ("Discount", "dmn", DMN),
    ("Confirm order", "form", FORM),
    ("Notes", "markdown", MARKDOWN),
    ("REST connector", "element-template", TEMPLATE),
)


async def seed(api: httpx.AsyncClient) -> Tree:
    """The tree through the Hub API; ``api`` is based at ``/api/v2`` and sends a bearer token
    with every permission (an in-process ASGI client or one for a server process)."""
    tree = Tree()

    async def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await api.post(path, json=body)
        assert response.status_code in (200, 201), response.text
        result: dict[str, Any] = response.json()
        return result

    tree.workspace = (await post("/workspaces", {"name": "Sales"}))["workspaceKey"]
    project = await post("/projects", {"name": "Orders", "workspaceKey": tree.workspace})
    tree.project = project["projectKey"]
    folder = await post("/folders", {"name": "processes", "projectKey": tree.project})
    tree.folder = folder["folderKey"]
    bpmn = await post(
        "/files",
        {
            "name": "Order process",
            "type": "bpmn",
            "projectKey": tree.project,
            "folderKey": tree.folder,
            "content": BPMN_V1,
        },
    )
    tree.files["bpmn"] = bpmn["fileKey"]
    version = await post("/versions", {"fileKey": bpmn["fileKey"], "name": "v1"})
    tree.version_v1 = version["versionKey"]
    updated = await api.patch(
        f"/files/{bpmn['fileKey']}", json={"revision": bpmn["revision"], "content": BPMN_V2}
    )
    assert updated.status_code == 200, updated.text
    for name, file_type, content in ROOT_FILES:
        made = await post(
            "/files",
            {"name": name, "type": file_type, "projectKey": tree.project, "content": content},
        )
        tree.files[file_type] = made["fileKey"]
    snapshot = await post("/project-snapshots", {"projectKey": tree.project, "name": "Release 1"})
    tree.snapshot = snapshot["projectSnapshotKey"]
    # After the snapshot (which recorded a version of every file): one more line in the notes.
    notes = await api.patch(
        f"/files/{tree.files['markdown']}", json={"revision": 1, "content": MARKDOWN + NOTES_ADDED}
    )
    assert notes.status_code == 200, notes.text
    return tree
