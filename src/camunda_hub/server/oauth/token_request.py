"""Reading a token request: form body rules (RFC 6749 §3.2, §4.4.2) and client authentication
by ``client_secret_post`` or ``client_secret_basic`` (§2.3.1)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote_plus

from starlette.requests import ClientDisconnect, Request

from camunda_hub.server.oauth.errors import InvalidClient, InvalidRequest, InvalidTarget

FORM = "application/x-www-form-urlencoded"
MAX_PARAMETERS = 32
# RFC 8707 §2: ``resource`` is the one parameter a client may repeat.
REPEATABLE = frozenset({"resource"})
# Credentials in the URL end up in access logs and proxies (RFC 6749 §2.3.1: MUST NOT).
_URL_SECRETS = (b"client_secret", b"client_assertion", b"password")


@dataclass(frozen=True, repr=False)
class TokenForm:
    params: dict[str, str]
    resources: tuple[str, ...]


@dataclass(frozen=True, repr=False)
class TokenRequest:
    params: dict[str, str]
    resources: tuple[str, ...]
    client_id: str
    client_secret: str | None
    used_basic: bool

    def __repr__(self) -> str:
        return f"TokenRequest(client_id={self.client_id!r}, params={sorted(self.params)})"


def _declared_length(request: Request) -> int | None:
    declared = request.headers.get("content-length")
    if declared is None:
        return None
    declared = declared.strip()
    # isdigit() alone accepts e.g. "²", which int() then refuses.
    if not (declared.isascii() and declared.isdigit()):
        raise InvalidRequest("the Content-Length header is not a number")
    return int(declared)


async def read_form(request: Request, max_bytes: int) -> TokenForm:
    query = request.scope.get("query_string", b"")
    if any(name in query for name in _URL_SECRETS):
        raise InvalidRequest("client credentials must be sent in the request body, not the URL")
    content_type = request.headers.get("content-type", "")
    if content_type.split(";", 1)[0].strip().lower() != FORM:
        raise InvalidRequest(f"the token request must be sent as {FORM}")
    declared = _declared_length(request)
    if declared is not None and declared > max_bytes:
        raise InvalidRequest(f"the request body exceeds {max_bytes} bytes")
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_bytes:
                raise InvalidRequest(f"the request body exceeds {max_bytes} bytes")
    except ClientDisconnect:
        raise InvalidRequest("the request body was cut off") from None
    try:
        pairs = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            max_num_fields=MAX_PARAMETERS,
            # Percent-escapes must decode to UTF-8 too: "replace" would turn a mistyped secret
            # into U+FFFD silently.
            errors="strict",
        )
    except UnicodeDecodeError:
        raise InvalidRequest("the request body is not valid UTF-8") from None
    except ValueError:
        raise InvalidRequest(f"too many parameters (at most {MAX_PARAMETERS})") from None
    params: dict[str, str] = {}
    resources: list[str] = []
    for name, value in pairs:
        if value == "":
            # RFC 6749 §3.2: a parameter sent without a value is treated as omitted.
            continue
        if name in REPEATABLE:
            resources.append(value)
            params.setdefault(name, value)
            continue
        if name in params:
            raise InvalidRequest(f"the parameter {name!r} is included more than once")
        params[name] = value
    if len(set(resources)) > 1:
        raise InvalidTarget("this issuer mints a token for one resource (audience) at a time")
    return TokenForm(params, tuple(resources))


def _basic_credentials(encoded: str) -> tuple[str, str]:
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise InvalidClient("the Basic credentials are not valid base64") from None
    client_id, sep, secret = decoded.partition(":")
    if not sep or not client_id:
        raise InvalidClient("the Basic credentials must be client_id:client_secret")
    # RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
    return unquote_plus(client_id, errors="strict"), unquote_plus(secret, errors="strict")


def authenticate_parts(request: Request, form: TokenForm) -> TokenRequest:
    """Who the request claims to be, and with which secret (checked by the caller)."""
    params = form.params
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, credentials = header.strip().partition(" ")
        if scheme.lower() != "basic":
            raise InvalidClient("unsupported client authentication method: use Basic or the body")
        if "client_secret" in params:
            raise InvalidRequest(
                "use one client authentication method, not Basic and a body secret"
            )
        try:
            client_id, secret = _basic_credentials(credentials)
        except UnicodeDecodeError:
            raise InvalidClient("the Basic credentials are not valid UTF-8") from None
        body_id = params.get("client_id")
        if body_id is not None and body_id != client_id:
            raise InvalidRequest("client_id in the body differs from the Basic credentials")
        return TokenRequest(params, form.resources, client_id, secret, used_basic=True)
    body_client = params.get("client_id")
    if body_client is None:
        # RFC 6749 §5.2: "no client authentication included" is invalid_client.
        raise InvalidClient("client authentication is required (client_id and client_secret)")
    return TokenRequest(
        params, form.resources, body_client, params.get("client_secret"), used_basic=False
    )
