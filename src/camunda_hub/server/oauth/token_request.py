"""Reading a token request from the raw ASGI request: transport rules (RFC 6749 §2.3.1, §3.2),
the form body (§4.4.2) and client authentication by ``client_secret_post`` or
``client_secret_basic`` (§2.3.1).

Works on the scope's header list and the body bytes, not on a Starlette ``Request``: this is the
issuer's hottest path, and the few headers it needs are found in one pass."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, unquote_plus

from starlette.types import Receive

from camunda_hub.server.oauth.errors import InvalidClient, InvalidRequest, InvalidTarget
from camunda_hub.server.ops.limits import MAX_QUERY_BYTES

FORM = "application/x-www-form-urlencoded"
# Also accepted: a JSON object with the same parameters (oauth/token_json.py).
JSON = "application/json"
MAX_PARAMETERS = 32
# RFC 8707 §2: ``resource`` is the one parameter a client may repeat.
REPEATABLE = frozenset({"resource"})
# Credentials in the URL end up in access logs and proxies (RFC 6749 §2.3.1: MUST NOT).
_URL_SECRETS = (b"client_secret", b"client_assertion", b"password")


@dataclass(frozen=True, slots=True)
class TokenHeaders:
    content_type: str
    content_length: str | None
    authorization: str | None
    authorization_count: int

    @classmethod
    def of(cls, headers: Iterable[tuple[bytes, bytes]]) -> TokenHeaders:
        content_type = b""
        content_length: bytes | None = None
        authorization: bytes | None = None
        count = 0
        for name, value in headers:
            if name == b"content-type":
                content_type = value
            elif name == b"content-length":
                content_length = value
            elif name == b"authorization":
                authorization = value
                count += 1
        return cls(
            content_type.decode("latin-1"),
            None if content_length is None else content_length.decode("latin-1"),
            None if authorization is None else authorization.decode("latin-1"),
            count,
        )


@dataclass(frozen=True, slots=True, repr=False)
class TokenForm:
    params: dict[str, str]
    resources: tuple[str, ...]

    @property
    def client_id(self) -> str | None:
        return self.params.get("client_id")


@dataclass(frozen=True, slots=True, repr=False)
class TokenRequest:
    params: dict[str, str]
    resources: tuple[str, ...]
    client_id: str
    client_secret: str | None

    def __repr__(self) -> str:
        return f"TokenRequest(client_id={self.client_id!r}, params={sorted(self.params)})"


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def check_transport(query_string: bytes, headers: TokenHeaders, max_bytes: int) -> int | None:
    """Refuses what can be refused before reading the body; returns the declared length."""
    if query_string:
        if any(name in query_string for name in _URL_SECRETS):
            raise InvalidRequest("client credentials must be sent in the request body, not the URL")
        if len(query_string) > MAX_QUERY_BYTES:
            raise InvalidRequest(f"the query string exceeds {MAX_QUERY_BYTES} bytes")
    if media_type(headers.content_type) not in (FORM, JSON):
        raise InvalidRequest(f"the token request must be sent as {FORM} or {JSON}")
    if headers.authorization_count > 1:
        raise InvalidRequest("send one Authorization header")
    if headers.content_length is None:
        return None
    declared = headers.content_length.strip()
    # isdigit() alone accepts e.g. "²", which int() then refuses.
    if not (declared.isascii() and declared.isdigit()):
        raise InvalidRequest("the Content-Length header is not a number")
    length = int(declared)
    if length > max_bytes:
        raise InvalidRequest(f"the request body exceeds {max_bytes} bytes")
    return length


async def read_body(receive: Receive, max_bytes: int) -> bytes:
    message = await receive()
    body: bytes = message.get("body", b"")
    if not message.get("more_body", False) and message["type"] == "http.request":
        if len(body) > max_bytes:
            raise InvalidRequest(f"the request body exceeds {max_bytes} bytes")
        return body  # the usual case: a small form arrives in one message
    chunks = bytearray(body)
    while message.get("more_body", False):
        if len(chunks) > max_bytes:
            raise InvalidRequest(f"the request body exceeds {max_bytes} bytes")
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks += message.get("body", b"")
    if message["type"] == "http.disconnect":
        raise InvalidRequest("the request body was cut off")
    if len(chunks) > max_bytes:
        raise InvalidRequest(f"the request body exceeds {max_bytes} bytes")
    return bytes(chunks)


def _unescape(part: str) -> str:
    # Most parts of a token request need no unescaping at all (ids, base64url secrets).
    if "+" in part:
        part = part.replace("+", " ")
    if "%" in part:
        # Percent-escapes must decode to UTF-8 too: "replace" would turn a mistyped secret into
        # U+FFFD silently.
        part = unquote(part, errors="strict")
    return part


def form_pairs(body: bytes) -> list[tuple[str, str]]:
    """``urllib.parse.parse_qsl(..., keep_blank_values=True, errors="strict")``, without its
    per-field overhead (it was a tenth of the endpoint's time)."""
    text = body.decode("utf-8")
    if text.count("&") >= MAX_PARAMETERS:
        raise InvalidRequest(f"too many parameters (at most {MAX_PARAMETERS})")
    pairs = []
    for field in text.split("&"):
        if field:
            name, _, value = field.partition("=")
            pairs.append((_unescape(name), _unescape(value)))
    return pairs


def parse_form(body: bytes) -> TokenForm:
    try:
        pairs = form_pairs(body)
    except UnicodeDecodeError:
        raise InvalidRequest("the request body is not valid UTF-8") from None
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
    try:
        return unquote_plus(client_id, errors="strict"), unquote_plus(secret, errors="strict")
    except UnicodeDecodeError:
        raise InvalidClient("the Basic credentials are not valid UTF-8") from None


def basic_client_id(authorization: str | None) -> str | None:
    """The client a Basic header names, if it is well-formed (for throttling a request that is
    refused before authentication)."""
    if authorization is None:
        return None
    scheme, _, credentials = authorization.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        return _basic_credentials(credentials)[0]
    except InvalidClient:
        return None


def authenticate_parts(authorization: str | None, form: TokenForm) -> TokenRequest:
    """Who the request claims to be, and with which secret (checked by the caller)."""
    params = form.params
    if authorization is not None:
        scheme, _, credentials = authorization.strip().partition(" ")
        if scheme.lower() != "basic":
            raise InvalidClient("unsupported client authentication method: use Basic or the body")
        if "client_secret" in params:
            raise InvalidRequest(
                "use one client authentication method, not Basic and a body secret"
            )
        client_id, secret = _basic_credentials(credentials)
        body_id = params.get("client_id")
        if body_id is not None and body_id != client_id:
            raise InvalidRequest("client_id in the body differs from the Basic credentials")
        return TokenRequest(params, form.resources, client_id, secret)
    body_client = params.get("client_id")
    if body_client is None:
        # RFC 6749 §5.2: "no client authentication included" is invalid_client.
        raise InvalidClient("client authentication is required (client_id and client_secret)")
    return TokenRequest(params, form.resources, body_client, params.get("client_secret"))
