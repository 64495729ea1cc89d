"""``PrefixedRoute`` (api/prefixed_route.py) turns requests away on a string comparison before
FastAPI's own matching: for every route of the app and every request path, it must answer
exactly what ``APIRoute.matches`` answers (match kind and child scope), with and without a
root path, for every method."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Match

from camunda_hub.server.api.prefixed_route import PrefixedRoute
from camunda_hub.server.app import create_app
from camunda_hub.server.settings import Settings

PATHS = [
    "/",
    "/api",
    "/api/v2",
    "/api/v2/",
    "/api/v2/info",
    "/api/v2/info/",
    "/api/v2/infox",
    "/api/v2/files",
    "/api/v2/files/",
    "/api/v2/files/search",
    "/api/v2/files/search/",
    "/api/v2/files/abc",
    "/api/v2/files/abc/",
    "/api/v2/files/abc/purge",
    "/api/v2/files/abc/def",
    "/api/v2/files/recently-deleted/search",
    "/api/v2/workspaces/w/members/a@b.c",
    "/api/v2/projects/p/environments",
    "/api/v1/files/k",
    "/hub/api/v2/files/abc",
    "/hub/api/v2/info",
    "/api/v2/catalog/assets/a/file-usages/search",
    "/oauth/token",
]


def _scope(path: str, method: str, root_path: str) -> dict[str, Any]:
    return {"type": "http", "path": path, "root_path": root_path, "method": method}


@pytest.fixture(scope="module")
def routes(tmp_path_factory: pytest.TempPathFactory) -> list[PrefixedRoute]:
    folder = tmp_path_factory.mktemp("routes")
    app = create_app(Settings(database_url=f"sqlite:///{folder / 'hub.db'}", data_dir=folder))
    found = [route for route in app.router.routes if isinstance(route, PrefixedRoute)]
    assert len(found) > 100  # every API route is one
    return found


@pytest.mark.parametrize("root_path", ["", "/hub"])
@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_it_matches_what_fastapi_matches(
    routes: list[PrefixedRoute], method: str, root_path: str
) -> None:
    matched = 0
    for route in routes:
        for path in PATHS:
            scope = _scope(path, method, root_path)
            answer = route.matches(dict(scope))
            assert answer == APIRoute.matches(route, dict(scope)), (route.path, path)
            matched += answer[0] != Match.NONE
    assert matched >= 10  # the paths reach routes, not only miss them
