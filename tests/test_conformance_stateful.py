"""Stateful fuzzing: schemathesis walks create → get → update → delete chains over real HTTP.

The server's document declares no OpenAPI ``links`` (and schemathesis infers almost none from
it), so this test adds them to its own copy of the document: each create's key feeds the get,
update, delete and restoration of what it created and the creates below it (a project in the
new workspace, a file in the new project, a version of the new file); an update takes the
revision the create answered. schemathesis then runs scenarios of chained calls with valid
(positive) data; every response must be no server error and match the document (status, content
type, headers, schema), as in tests/test_conformance.py.

The run must really follow the chains: each declared link is followed at least once, and
create → get answers 200 for workspaces, projects, folders, files and versions.

Bounded by its scenario count (50 scenarios of at most 12 steps: ~550 calls, 8-15 s on two
shared cores; a dedicated server, as the fuzzer's writes are random). ``scripts/fuzz`` runs 4N
scenarios of 20 steps for the nightly run (``CAMUNDA_HUB_FUZZ_STATEFUL_SCENARIOS``,
``CAMUNDA_HUB_FUZZ_STATEFUL_STEPS``). The scenarios are derandomized, so the link coverage
asserted below is the same on every run of one document."""

from __future__ import annotations

import copy
import os
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.fuzz_server import fuzz_server
from tests.support.server import HubServer

pytestmark = pytest.mark.slow

SCENARIOS = int(os.environ.get("CAMUNDA_HUB_FUZZ_STATEFUL_SCENARIOS", "50"))
STEPS = int(os.environ.get("CAMUNDA_HUB_FUZZ_STATEFUL_STEPS", "12"))

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

V2 = "/api/v2"
# (resource path, key field, creates below it: (collection, body field))
RESOURCES: dict[str, tuple[str, list[tuple[str, tuple[str, ...]]]]] = {
    "/workspaces": ("workspaceKey", [("/projects", ("workspaceKey",))]),
    "/projects": ("projectKey", [("/folders", ("projectKey",)), ("/files", ("projectKey",))]),
    # A file in a folder names the folder's project too.
    "/folders": ("folderKey", [("/files", ("folderKey", "projectKey"))]),
    "/files": ("fileKey", [("/versions", ("fileKey",))]),
    "/versions": ("versionKey", []),
}
# The standing run must follow every link of these (the top of each chain); deeper links are
# followed now and then in a few seconds, and routinely by the nightly run (scripts/fuzz).
REQUIRED = ("workspaces", "projects")
# Resources whose update must name the revision it is based on.
REVISIONED = {"/files"}


def _operation_id(doc: dict[str, Any], path: str, method: str) -> str:
    return str(doc["paths"][V2 + path][method]["operationId"])


def with_links(document: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """A copy of ``document`` with create → get/update/delete/child-create links; the names of
    the links added."""
    doc = copy.deepcopy(document)
    names: set[str] = set()

    def link(source: tuple[str, str], status: str, name: str, target: tuple[str, str],
             parameters: dict[str, str], body: dict[str, str] | None = None) -> None:  # fmt: skip
        responses = doc["paths"][V2 + source[0]][source[1]]["responses"]
        definition: dict[str, Any] = {
            "operationId": _operation_id(doc, *target),
            "parameters": parameters,
        }
        if body is not None:
            definition["requestBody"] = body
        responses[status].setdefault("links", {})[name] = definition
        names.add(name)

    for collection, (key, children) in RESOURCES.items():
        item = f"{collection}/{{{key}}}"
        if V2 + item not in doc["paths"]:
            continue
        methods = doc["paths"][V2 + item]
        kind = collection.strip("/")
        from_create = {f"path.{key}": f"$response.body#/{key}"}
        revision = {"revision": "$response.body#/revision"} if collection in REVISIONED else None
        link((collection, "post"), "200", f"{kind}-create-get", (item, "get"), from_create)
        if "patch" in methods:
            link((collection, "post"), "200", f"{kind}-create-update", (item, "patch"),
                 from_create, revision)  # fmt: skip
            # After an update: read it back, or update again from the new revision.
            from_update = {f"path.{key}": f"$response.body#/{key}"}
            link((item, "patch"), "200", f"{kind}-update-get", (item, "get"), from_update)
            if revision is not None:
                link((item, "patch"), "200", f"{kind}-update-update", (item, "patch"),
                     from_update, revision)  # fmt: skip
        if "delete" in methods:
            link((collection, "post"), "200", f"{kind}-create-delete", (item, "delete"),
                 from_create)  # fmt: skip
            restoration = f"{item}/restoration"
            if V2 + restoration in doc["paths"]:
                link((item, "delete"), "204", f"{kind}-delete-restore", (restoration, "post"),
                     {f"path.{key}": f"$request.path.{key}"})  # fmt: skip
        for child, fields in children:
            # The parent's name was accepted, so it is a valid name for the child as well.
            body = {field: f"$response.body#/{field}" for field in fields}
            body["name"] = "$response.body#/name"
            link((collection, "post"), "200", f"{kind}-create{child.replace('/', '-')}",
                 (child, "post"), {}, body)  # fmt: skip
    return doc, names


@pytest.fixture(scope="module")
def stateful_hub(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HubServer]:
    with fuzz_server(request, tmp_path_factory, "stateful") as server:
        yield server


def test_stateful_chains_follow_the_document(stateful_hub: HubServer) -> None:
    creds = stateful_hub.create_client("create", "read", "update", "delete", name="stateful")
    bearer = {"Authorization": f"Bearer {stateful_hub.token(creds)}"}
    document, declared = with_links(httpx.get(f"{stateful_hub.url}/openapi.json").json())
    # The chained resources only: the stateless run covers every operation, and with fewer
    # rules to pick from, a scenario follows more links.
    chained = "|".join(collection.strip("/") for collection in RESOURCES)
    schema = schemathesis.openapi.from_dict(document).include(
        path_regex=f"^{V2}/({chained})(/{{[A-Za-z]+}}(/restoration)?)?$"
    )
    # Valid data: invalid requests end a chain at its first step (the stateless run sends them).
    schema.config.generation.update(modes=[GenerationMode.POSITIVE])
    base_url = stateful_hub.url
    followed: Counter[str] = Counter()
    found: Counter[str] = Counter()
    calls = 0

    class Scenario(schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Any) -> None:
            # Generated security headers would replace the real token.
            case.headers = {**(case.headers or {}), **bearer}

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"base_url": base_url, "headers": bearer, "timeout": 30}

        def step(self, input: Any) -> Any:
            output = super().step(input)
            if input.transition is not None:
                # "<source> -> [<status>] <link name> -> <target>"
                name = input.transition.id.split(" -> ")[1].split("] ", 1)[-1]
                followed[name] += 1
                if name.endswith("-create-get") and output.response.status_code == 200:
                    found[name] += 1
            return output

        def validate_response(self, response: Any, case: Any, *args: Any, **kwargs: Any) -> None:
            nonlocal calls
            calls += 1
            case.validate_response(response, checks=CHECKS, headers=bearer)

    began = time.monotonic()
    Scenario.run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
    )
    elapsed = time.monotonic() - began
    print(f"stateful: {SCENARIOS} scenarios, {calls} calls, {sum(followed.values())} links "
          f"followed, {elapsed:.1f} s; {dict(sorted(followed.items()))}")  # fmt: skip
    assert calls > SCENARIOS
    # One hop from a create: get, update, delete, and the create below it.
    required = {name for name in declared if name.startswith(REQUIRED) and "-create-" in name}
    missing = {name for name in required if not followed[name]}
    assert not missing, f"links never followed: {sorted(missing)}"
    assert {f"{kind}-create-get" for kind in REQUIRED} <= set(found), found
    # Deeper than the required levels: at least one chain reached a folder or a file.
    assert any(name.startswith(("folders-", "files-")) for name in followed), followed
