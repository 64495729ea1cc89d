"""Conformance of Web Modeler API v1: schemathesis over ``/api/v1`` against (1) the server's own
OpenAPI document (the v1 operations only; the v2 ones are tests/test_conformance.py's) and (2)
Web Modeler's published document (``web-modeler-api-v1.openapi.yaml``, when present). Valid and
invalid requests over real HTTP with a real token to a dedicated server; every response must be
no server error, have a documented status code, content type and headers, and match its schema.

Excluded, with the reason:
- Against the published document, the content type of *error* responses: it declares
  ``application/json`` for its ProblemDetail bodies; this server answers RFC 9457's
  ``application/problem+json`` (as v2 does, and as the Node SDK and Spring clients accept).
  Success responses are still checked. Error bodies are still checked against ProblemDetail
  (numeric ``status`` included) by tests/test_v1_cross_api.py.
- Against the published document, the status 401: it documents none, although every operation
  requires a bearer token (the fuzzer's invalid tokens get 401, as from Web Modeler itself). The
  served document declares it.

Bounded: a few examples per operation and generation mode, no shrinking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import FailedHealthCheck, Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import content_type_conformance

from tests.conftest import REFERENCE
from tests.support.server import HubServer
from tests.test_conformance import CHECKS, Findings, _describe, _prepare

# ``../shared/reference`` next to the checkout (CI), or two levels up from a worktree.
_REFERENCES = (REFERENCE, Path(__file__).resolve().parents[3] / "shared" / "reference")
pytestmark = pytest.mark.slow

CONTRACT = next(
    (path / "web-modeler-api-v1.openapi.yaml" for path in _REFERENCES if path.is_dir()),
    REFERENCE / "web-modeler-api-v1.openapi.yaml",
)
EXAMPLES_PER_OPERATION = 3

BOUNDED = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def v1_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    server = HubServer(
        tmp_path_factory.mktemp("v1-conformance"),
        args=["--token-lifetime", "3600"],
        env={"CAMUNDA_HUB_ACCESS_LOG": "false"},
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def bearer(v1_hub: HubServer) -> dict[str, str]:
    creds = v1_hub.create_client("create", "read", "update", "delete", name="v1-fuzzer")
    return {"Authorization": f"Bearer {v1_hub.token(creds)}"}


@pytest.fixture(scope="module")
def real_keys(v1_hub: HubServer, bearer: dict[str, str]) -> dict[str, str]:
    """One live resource of each kind, for the fuzzer to find now and then."""
    with httpx.Client(base_url=f"{v1_hub.url}/api/v1", headers=bearer) as api:

        def made(path: str, body: dict[str, Any]) -> str:
            response = api.post(path, json=body)
            assert response.status_code == 200, response.text
            return str(response.json()["id"])

        project = made("/projects", {"name": "Fuzzed"})
        application = made("/process-applications", {"name": "Fuzzed", "projectId": project})
        folder = made("/folders", {"name": "Fuzzed", "projectId": project})
        file = made(
            "/files",
            {
                "name": "fuzzed",
                "projectId": project,
                "folderId": folder,
                "fileType": "bpmn",
                "content": "<definitions/>",
            },
        )
        version = made("/versions", {"fileId": file, "name": "Fuzzed"})
    return {
        "projectId": project,
        "processApplicationId": application,
        "folderId": folder,
        "parentId": folder,
        "fileId": file,
        "milestoneId": version,
        "milestone1Id": version,
        "milestone2Id": version,
        "versionId": version,
        "version1Id": version,
        "version2Id": version,
    }


def _contract_gap(failure: Failure, response: Any) -> bool:
    """What the published document leaves out (see the module docstring)."""
    if response.status_code == 401 and "status code" in failure.title.lower():
        return True
    return _problem_content_type(failure, response)


def _problem_content_type(failure: Failure, response: Any) -> bool:
    values = response.headers.get("content-type") or [""]
    media = values[0] if isinstance(values, list) else values
    title = failure.title.lower().replace("-", " ")
    return (
        response.status_code >= 400
        and media.startswith("application/problem+json")
        and "content type" in title
    )


def _checker(
    operation: Any, base_url: str, bearer: dict[str, str], found: Findings, problem_json_ok: bool
) -> Any:
    def check(case: Any) -> None:
        found.calls += 1
        response = case.call(base_url=base_url, headers=bearer, timeout=30)
        found.statuses[operation.label][response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=bearer)
        except (FailureGroup, Failure) as caught:
            failures = caught.exceptions if isinstance(caught, FailureGroup) else [caught]
            for failure in failures:
                if problem_json_ok and _contract_gap(failure, response):
                    continue
                found.failures.setdefault(
                    (operation.label, failure.title), _describe(case, failure)
                )

    return check


def _fuzz(schema: Any, base_url: str, bearer: dict[str, str], *, problem_json_ok: bool) -> Findings:
    found = Findings()
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            found.failures[("schema", "invalid operation")] = str(result.err())
            continue
        operation = result.ok()
        check = _checker(operation, base_url, bearer, found, problem_json_ok)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                strategy = operation.as_strategy(generation_mode=mode)
                BOUNDED(given(case=strategy)(check))()
            except (Unsatisfiable, FailedHealthCheck) as exc:
                found.not_generated.append(f"{operation.label} ({mode.value}): {exc}")
    return found


def test_served_document_v1_operations(
    v1_hub: HubServer, bearer: dict[str, str], real_keys: dict[str, str]
) -> None:
    schema = schemathesis.openapi.from_url(f"{v1_hub.url}/openapi.json")
    schema = _prepare(schema.include(path_regex="^/api/v1/"), real_keys)
    findings = _fuzz(schema, v1_hub.url, bearer, problem_json_ok=False)
    print(findings.summary())
    assert len(findings.statuses) >= 30
    assert not findings.failures, findings.report()


def test_web_modeler_published_document(
    v1_hub: HubServer, bearer: dict[str, str], real_keys: dict[str, str]
) -> None:
    if not CONTRACT.exists():
        pytest.skip(f"{CONTRACT} is not present")
    schema = _prepare(schemathesis.openapi.from_path(CONTRACT), real_keys)
    findings = _fuzz(schema, v1_hub.url, bearer, problem_json_ok=True)
    print(findings.summary())
    assert len(findings.statuses) == 25
    assert not findings.failures, findings.report()
    assert content_type_conformance in CHECKS
