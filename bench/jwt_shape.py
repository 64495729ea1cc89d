"""A quick look at a JWT's header, to check that a server signs with the algorithm asked for."""

from __future__ import annotations

import base64
import json
from typing import Any


def header(token: str) -> dict[str, Any]:
    encoded = token.split(".", 1)[0]
    padded = encoded + "=" * (-len(encoded) % 4)
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(padded))
    return data


def check_alg(token: str, alg: str, who: str) -> None:
    got = header(token).get("alg")
    if got != alg:
        raise RuntimeError(f"{who} signed with {got!r}, expected {alg!r}")
