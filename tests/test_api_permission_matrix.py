"""Every Hub API route, taken from the app's route table (so a new route is covered without
editing this file), needs the permission Camunda's model documents for it, and that permission
alone gets past the check. In-process: no server subprocess."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.routing import APIRoute

from camunda_hub.server.api_clients.permissions import PERMISSIONS
from tests.support.in_process import InProcessHub, in_process_hub

# Camunda's documented model, written out here rather than taken from the code under test.
_BY_METHOD = {
    "GET": "read",
    "POST": "create",
    "PUT": "update",
    "PATCH": "update",
    "DELETE": "delete",
}


def documented_permission(method: str, path: str) -> str:
    if method == "POST" and path.endswith("/search"):
        return "read"
    return _BY_METHOD[method]


def hub_api_routes(hub: InProcessHub) -> list[tuple[str, str]]:
    routes = []
    for route in hub.app.routes:
        if isinstance(route, APIRoute) and route.path.startswith("/api/v2/"):
            routes += [(method, route.path) for method in sorted(route.methods)]
    return routes


async def _token_with(hub: InProcessHub, permissions: list[str]) -> str:
    issued = await hub.create_client(*permissions, name="only-" + "-".join(permissions))
    return await hub.token(issued)


async def test_every_hub_api_route_needs_its_documented_permission(tmp_path: Path) -> None:
    async with in_process_hub(tmp_path) as hub:
        all_but = {
            p: await _token_with(hub, [q for q in PERMISSIONS if q != p]) for p in PERMISSIONS
        }
        only = {p: await _token_with(hub, [p]) for p in PERMISSIONS}
        routes = hub_api_routes(hub)
        assert len(routes) > 40  # the whole Hub API, not an empty table
        for method, path in routes:
            needed = documented_permission(method, path)
            url = re.sub(r"\{[^}]+\}", "no-such-key", path)
            refused = await hub.client.request(
                method, url, headers={"Authorization": f"Bearer {all_but[needed]}"}
            )
            assert refused.status_code == 403, (method, path, refused.status_code)
            assert needed in refused.json()["detail"], (method, path)
            admitted = await hub.client.request(
                method, url, headers={"Authorization": f"Bearer {only[needed]}"}
            )
            assert admitted.status_code not in (401, 403), (method, path, admitted.text)
