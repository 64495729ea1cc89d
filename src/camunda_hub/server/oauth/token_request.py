"""Reading a token request: form body rules (RFC 6749 §3.2, §4.4.2) and client authentication
by ``client_secret_post`` or ``client_secret_basic`` (§2.3.1)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote_plus

from starlette.requests import Request

from camunda_hub.server.oauth.errors import InvalidClient, InvalidRequest

FORM = "application/x-www-form-urlencoded"
MAX_PARAMETERS = 32


@dataclass(frozen=True, repr=False)
class TokenRequest:
    params: dict[str, str]
    client_id: str
    client_secret: str | None
    used_basic: bool

    def __repr__(self) -> str:
        return f"TokenRequest(client_id={self.client_id!r}, params={sorted(self.params)})"


async def read_form(request: Request, max_bytes: int) -> dict[str, str]:
    content_type = request.headers.get("content-type", "")
    if content_type.split(";", 1)[0].strip().lower() != FORM:
        raise InvalidRequest(f"the token request must be sent as {FORM}")
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
        raise InvalidRequest(f"the request body exceeds {max_bytes} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise InvalidRequest(f"the request body exceeds {max_bytes} bytes")
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_PARAMETERS)
    except UnicodeDecodeError:
        raise InvalidRequest("the request body is not valid UTF-8") from None
    except ValueError:
        raise InvalidRequest(f"too many parameters (at most {MAX_PARAMETERS})") from None
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params:
            raise InvalidRequest(f"the parameter {name!r} is included more than once")
        params[name] = value
    return params


def _basic_credentials(header: str) -> tuple[str, str]:
    _scheme, _, encoded = header.partition(" ")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise _basic_failure("the Basic credentials are not valid base64") from None
    client_id, sep, secret = decoded.partition(":")
    if not sep or not client_id:
        raise _basic_failure("the Basic credentials must be client_id:client_secret")
    # RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
    return unquote_plus(client_id), unquote_plus(secret)


def _basic_failure(description: str) -> InvalidClient:
    return InvalidClient(description, headers={"WWW-Authenticate": 'Basic realm="oauth"'})


def authenticate_parts(request: Request, params: dict[str, str]) -> TokenRequest:
    header = request.headers.get("authorization")
    if header is not None and header[:6].lower() == "basic ":
        if "client_secret" in params:
            raise InvalidRequest(
                "use one client authentication method, not Basic and a body secret"
            )
        client_id, secret = _basic_credentials(header)
        body_id = params.get("client_id")
        if body_id is not None and body_id != client_id:
            raise InvalidRequest("client_id in the body differs from the Basic credentials")
        return TokenRequest(params, client_id, secret, used_basic=True)
    client_id = params.get("client_id", "")
    if not client_id:
        raise InvalidRequest("the client_id parameter is missing")
    return TokenRequest(params, client_id, params.get("client_secret"), used_basic=False)
