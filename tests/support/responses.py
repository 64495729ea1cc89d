"""What the HTTP tests check of every Hub API answer: a success and its JSON body, or an RFC 9457
problem with all its members."""

from __future__ import annotations

from typing import Any

import httpx

PROBLEM = "application/problem+json"


def ok(response: httpx.Response, status: int = 200) -> Any:
    """The JSON body of a ``status`` answer (200 unless told)."""
    assert response.status_code == status, response.text
    return response.json()


def assert_problem(response: httpx.Response, status: int, *words: str) -> dict[str, Any]:
    """The body of a problem+json answer with this status; every word is in its detail."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == status
    for word in words:
        assert word in body["detail"], body["detail"]
    return body
