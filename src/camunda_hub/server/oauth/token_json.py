"""A token request sent as a JSON object (``Content-Type: application/json``), as Camunda's SaaS
login endpoint accepts it and several Web Modeler v1 tools send it.

The object is read into the same :class:`TokenForm` as the form body, with the form's rules:
string values only, an empty value counts as omitted, no parameter twice (a duplicated JSON key
included), at most ``MAX_PARAMETERS`` parameters, one ``resource``. Everything after the parse
(grant type, client authentication, audience, scope, throttling, limits) is shared."""

from __future__ import annotations

import json
from typing import Any

from camunda_hub.server.oauth.errors import InvalidRequest, InvalidTarget
from camunda_hub.server.oauth.token_request import (
    JSON,
    MAX_PARAMETERS,
    REPEATABLE,
    TokenForm,
    media_type,
    parse_form,
)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for name, value in pairs:
        if name in seen:
            raise InvalidRequest(f"the parameter {name!r} is included more than once")
        seen[name] = value
    return seen


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidRequest(f"the parameter {name!r} must be a string")
    return value


def parse_json(body: bytes) -> TokenForm:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidRequest("the request body is not valid UTF-8") from None
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError:
        raise InvalidRequest("the request body is not valid JSON") from None
    except RecursionError:
        raise InvalidRequest("the JSON request body is nested too deeply") from None
    if not isinstance(document, dict):
        raise InvalidRequest("the JSON request body must be an object")
    if len(document) > MAX_PARAMETERS:
        raise InvalidRequest(f"too many parameters (at most {MAX_PARAMETERS})")
    params: dict[str, str] = {}
    resources: list[str] = []
    for name, value in document.items():
        if name in REPEATABLE and isinstance(value, list):
            values = [_text(name, item) for item in value]
            if len(values) > MAX_PARAMETERS:
                raise InvalidRequest(f"too many parameters (at most {MAX_PARAMETERS})")
        else:
            # null stands for an omitted parameter, like an empty form value (RFC 6749 §3.2).
            values = [] if value is None else [_text(name, value)]
        values = [item for item in values if item != ""]
        if not values:
            continue
        if any(_lone_surrogate(item) for item in values):
            raise InvalidRequest(f"the parameter {name!r} is not valid text")
        if name in REPEATABLE:
            resources.extend(values)
        params[name] = values[0]
    if len(set(resources)) > 1:
        raise InvalidTarget("this issuer mints a token for one resource (audience) at a time")
    return TokenForm(params, tuple(resources))


def _lone_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse_body(content_type: str, body: bytes) -> TokenForm:
    """The request's parameters, from whichever of the two accepted media types it uses (the
    transport check has already refused any other)."""
    if media_type(content_type) == JSON:
        return parse_json(body)
    return parse_form(body)
