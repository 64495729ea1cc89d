"""Conformance run: schemathesis over the whole API, against (1) the server's own OpenAPI
document and (2) Camunda's published contract (``hub-api-v2.openapi.yaml``, when present).

Every generated request — valid and deliberately invalid ones — goes over real HTTP with a real
bearer token to a dedicated server (the fuzzer creates and deletes at random, so it must not
share data with other tests). Each response must be no server error, have a declared status
code, content type and headers, and match its declared schema.

Bounded: a few examples per operation, no shrinking, so both runs together stay well under three
minutes on two cores. Path keys and key fields in bodies are sometimes swapped for keys of real
resources, so the fuzzer reaches the code behind the 404s too.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import FailedHealthCheck, Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NOT_SET
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import REFERENCE
from tests.support.fuzz_server import fuzz_server
from tests.support.server import HubServer

CONTRACT = REFERENCE / "hub-api-v2.openapi.yaml"
# The 4 Self-Managed cluster registration operations are only in the earlier, complete bundle
# (the newest SaaS root dropped them); that document is fuzzed for exactly those operations.
CLUSTERS_CONTRACT = REFERENCE / "hub-api-v2.with-clusters.openapi.yaml"
CLUSTER_OPERATIONS = (
    "getClusterRegistrations",
    "createClusterRegistration",
    "getClusterUsageMetrics",
    "removeClusterRegistration",
)

# Minutes, not seconds, on these machines: outside the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

# `scripts/fuzz` raises these for a long (nightly) run.
EXAMPLES_PER_OPERATION = int(os.environ.get("CAMUNDA_HUB_FUZZ_EXAMPLES", "6"))
READ_ONLY_EXAMPLES = int(os.environ.get("CAMUNDA_HUB_FUZZ_READ_ONLY_EXAMPLES", "2"))

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# Operations of the contract this project does not implement (each answers 404 here).
NOT_IMPLEMENTED: dict[str, str] = {}

# Gaps in the contract itself, per (operationId, generation mode): for these cases a 400 is
# accepted besides the documented statuses (every other check still runs).
UNDOCUMENTED_400 = {
    ("getClusterUsageMetrics", "negative"): (
        "the contract documents no 400 for this operation although its `id`, `start` and `end` "
        "query parameters are required and `start`/`end` are int64: a request without them or "
        "with a non-integer is a client error, answered 400 as everywhere else in the API"
    ),
}

KEY_FIELDS = (
    "workspaceKey",
    "projectKey",
    "folderKey",
    "parentFolderKey",
    "fileKey",
    "versionKey",
)


@pytest.fixture(scope="module")
def conformance_hub(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HubServer]:
    with fuzz_server(request, tmp_path_factory, "conformance") as server:
        yield server


@pytest.fixture(scope="module")
def bearer(conformance_hub: HubServer) -> dict[str, str]:
    creds = conformance_hub.create_client("create", "read", "update", "delete", name="fuzzer")
    return {"Authorization": f"Bearer {conformance_hub.token(creds)}"}


@pytest.fixture(scope="module")
def read_only_bearer(conformance_hub: HubServer) -> dict[str, str]:
    creds = conformance_hub.create_client("read", name="read-only-fuzzer")
    return {"Authorization": f"Bearer {conformance_hub.token(creds)}"}


@pytest.fixture(scope="module")
def real_keys(conformance_hub: HubServer, bearer: dict[str, str]) -> dict[str, str]:
    """One live resource of each kind, for the fuzzer to find now and then."""
    with httpx.Client(base_url=f"{conformance_hub.url}/api/v2", headers=bearer) as api:

        def made(path: str, body: dict[str, Any]) -> dict[str, Any]:
            response = api.post(path, json=body)
            assert response.status_code == 200, response.text
            result: dict[str, Any] = response.json()
            return result

        workspace = made("/workspaces", {"name": "Fuzzed"})["workspaceKey"]
        project = made("/projects", {"name": "Fuzzed", "workspaceKey": workspace})["projectKey"]
        folder = made("/folders", {"name": "Fuzzed", "projectKey": project})["folderKey"]
        file = made(
            "/files",
            {
                "name": "fuzzed",
                "projectKey": project,
                "folderKey": folder,
                "type": "bpmn",
                "content": "<definitions/>",
            },
        )["fileKey"]
        version = made("/versions", {"fileKey": file, "name": "Fuzzed"})["versionKey"]
    return {
        "workspaceKey": workspace,
        "projectKey": project,
        "folderKey": folder,
        "parentFolderKey": folder,
        "fileKey": file,
        "versionKey": version,
    }


def _prepare(schema: Any, real_keys: dict[str, str]) -> Any:
    schema = schema.exclude(operation_id=list(NOT_IMPLEMENTED))

    def with_real_keys(values: Any) -> st.SearchStrategy[Any]:
        if not isinstance(values, dict):
            return st.just(values)
        return st.fixed_dictionaries(
            {
                name: st.sampled_from([value, real_keys[name]])
                if name in real_keys and isinstance(value, str)
                # Search filters name keys one level down (`filter.fileKey`).
                else with_real_keys(value)
                if name == "filter"
                else st.just(value)
                for name, value in values.items()
            }
        )

    def swapped(context: Any, values: Any) -> st.SearchStrategy[Any]:
        # Deletions keep their random keys: a real one would take the shared resources (and
        # everything under them) away from all the operations that follow.
        if context.operation.method.upper() == "DELETE":
            return st.just(values)
        return with_real_keys(values)

    @schema.hook
    def flatmap_path_parameters(context: Any, parameters: Any) -> st.SearchStrategy[Any]:
        return swapped(context, parameters)

    @schema.hook
    def flatmap_body(context: Any, body: Any) -> st.SearchStrategy[Any]:
        return swapped(context, body)

    return schema


@pytest.fixture(scope="module")
def own_schema(conformance_hub: HubServer, real_keys: dict[str, str]) -> Any:
    schema = schemathesis.openapi.from_url(f"{conformance_hub.url}/openapi.json")
    # The Web Modeler API v1 operations are fuzzed by tests/test_v1_conformance.py.
    return _prepare(schema.exclude(path_regex="^/api/v1/"), real_keys)


@pytest.fixture(scope="module")
def contract_schema(real_keys: dict[str, str]) -> Any:
    if not CONTRACT.exists():
        pytest.skip(f"{CONTRACT} is not present")
    return _prepare(schemathesis.openapi.from_path(CONTRACT), real_keys)


@pytest.fixture(scope="module")
def clusters_contract_schema(real_keys: dict[str, str]) -> Any:
    if not CLUSTERS_CONTRACT.exists():
        pytest.skip(f"{CLUSTERS_CONTRACT} is not present")
    schema = schemathesis.openapi.from_path(CLUSTERS_CONTRACT)
    return _prepare(schema.include(operation_id=list(CLUSTER_OPERATIONS)), real_keys)


def _bounded(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


@dataclass
class Findings:
    calls: int = 0
    # (operation, failure title) → first example, so one bug is reported once, not per example.
    failures: dict[tuple[str, str], str] = field(default_factory=dict)
    not_generated: list[str] = field(default_factory=list)
    # operation → status codes seen, to show how deep the fuzzer got (not asserted).
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))

    def summary(self) -> str:
        lines = [f"{self.calls} calls, {len(self.failures)} distinct failures"]
        for operation, seen in sorted(self.statuses.items()):
            lines.append(f"  {operation}: {dict(sorted(seen.items()))}")
        lines += [f"not generated: {entry}" for entry in self.not_generated]
        return "\n".join(lines)

    def report(self) -> str:
        lines = [f"{len(self.failures)} distinct failures in {self.calls} calls:"]
        for (operation, title), example in sorted(self.failures.items()):
            lines.append(f"- {operation}: {title}\n    {example}")
        return "\n".join(lines)


def _describe(case: Any, failure: Failure) -> str:
    # Never the headers: they carry the bearer token.
    body = "" if case.body is NOT_SET else f" body={json.dumps(case.body, default=str)[:300]}"
    query = f" query={case.query}" if case.query else ""
    message = " ".join(failure.message.split())[:600]
    return f"{case.method} {case.formatted_path}{query}{body}\n    {message}"


def _describe_status(case: Any, response: Any) -> str:
    query = f" query={case.query}" if case.query else ""
    return f"{case.method} {case.formatted_path}{query}\n    Received: {response.status_code}"


def fuzz(
    schema: Any, base_url: str, bearer: dict[str, str], examples: int = EXAMPLES_PER_OPERATION
) -> Findings:
    """Every operation, valid and invalid inputs; every distinct failure collected (a pytest
    subtest per operation would be nicer, but schemathesis' lazy pytest loader does not run on
    pytest 9)."""
    findings = Findings()
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            findings.failures[("schema", "invalid operation")] = str(result.err())
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz_operation(result.ok(), mode, base_url, bearer, findings, examples)
    return findings


def _fuzz_operation(
    operation: Any,
    mode: GenerationMode,
    base_url: str,
    bearer: dict[str, str],
    found: Findings,
    examples: int = EXAMPLES_PER_OPERATION,
) -> None:
    def record(case: Any, failure: Failure) -> None:
        found.failures.setdefault((operation.label, failure.title), _describe(case, failure))

    checks = CHECKS
    gap = (operation.definition.raw.get("operationId"), mode.value) in UNDOCUMENTED_400
    if gap:
        checks = [c for c in CHECKS if c is not status_code_conformance]
        documented = {*operation.definition.raw.get("responses", {}), "400"}

    def check(case: Any) -> None:
        found.calls += 1
        try:
            response = case.call(base_url=base_url, headers=bearer, timeout=30)
            found.statuses[operation.label][response.status_code] += 1
            if gap and str(response.status_code) not in documented:
                found.failures.setdefault(
                    (operation.label, "Undocumented status code"), _describe_status(case, response)
                )
            case.validate_response(response, checks=checks, headers=bearer)
        except FailureGroup as group:
            for failure in group.exceptions:
                record(case, failure)
        except Failure as failure:
            record(case, failure)

    try:
        _bounded(examples)(given(case=operation.as_strategy(generation_mode=mode))(check))()
    except (Unsatisfiable, FailedHealthCheck) as exc:
        # No inputs of this kind exist (e.g. no invalid request for GET /info).
        found.not_generated.append(f"{operation.label} ({mode.value}): {exc}")


def test_own_openapi_document(
    own_schema: Any, conformance_hub: HubServer, bearer: dict[str, str]
) -> None:
    findings = fuzz(own_schema, conformance_hub.url, bearer)
    print(findings.summary())
    assert findings.calls > 0
    assert not findings.failures, findings.report()


def test_own_openapi_document_with_a_read_only_token(
    own_schema: Any, conformance_hub: HubServer, read_only_bearer: dict[str, str]
) -> None:
    """Writes answer 403 (documented), reads work: no server error, nothing undocumented."""
    findings = fuzz(own_schema, conformance_hub.url, read_only_bearer, READ_ONLY_EXAMPLES)
    print(findings.summary())
    assert findings.calls > 0
    assert not findings.failures, findings.report()
    writes = [
        seen
        for operation, seen in findings.statuses.items()
        if operation.startswith(("DELETE", "PATCH", "PUT")) and 200 in seen
    ]
    assert not writes, writes


def test_camunda_contract(
    contract_schema: Any, conformance_hub: HubServer, bearer: dict[str, str]
) -> None:
    # The contract's paths are relative to its server URL, `…/api/v2`.
    findings = fuzz(contract_schema, f"{conformance_hub.url}/api/v2", bearer)
    print(findings.summary())
    assert findings.calls > 0
    assert not findings.failures, findings.report()


def test_cluster_operations_of_the_self_managed_contract(
    clusters_contract_schema: Any, conformance_hub: HubServer, bearer: dict[str, str]
) -> None:
    findings = fuzz(clusters_contract_schema, f"{conformance_hub.url}/api/v2", bearer)
    print(findings.summary())
    assert set(findings.statuses) == {
        operation.ok().label for operation in clusters_contract_schema.get_all_operations()
    }
    assert len(findings.statuses) == len(CLUSTER_OPERATIONS)
    assert not findings.failures, findings.report()


def test_every_contract_operation_is_implemented_or_excluded(
    conformance_hub: HubServer, bearer: dict[str, str]
) -> None:
    """The exclusion list names exactly what is missing: each excluded operation answers 404
    (no route), every other contract operation has a route in the server's own document."""
    if not CONTRACT.exists():
        pytest.skip(f"{CONTRACT} is not present")
    contract_doc = yaml.safe_load(CONTRACT.read_text())
    own_doc = httpx.get(f"{conformance_hub.url}/openapi.json").json()
    own_ids = {
        operation["operationId"]
        for item in own_doc["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for path, item in contract_doc["paths"].items():
        for method, operation in item.items():
            operation_id = operation["operationId"]
            if operation_id in NOT_IMPLEMENTED:
                assert operation_id not in own_ids, f"{operation_id} is implemented: test it"
                url = conformance_hub.url + "/api/v2" + _sample_path(path)
                response = httpx.request(method.upper(), url, headers=bearer)
                assert response.status_code in (404, 405), (operation_id, response.status_code)
            else:
                assert operation_id in own_ids, f"{operation_id} ({method} {path}) is missing"


def _sample_path(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", path)
