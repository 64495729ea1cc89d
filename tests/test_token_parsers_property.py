"""Property tests for the token endpoint's parsers exposed to anyone: the form and Basic
credentials round-trip what a client sends, and any input fails only with an OAuth error (never
another exception, which would be a 500); the address identity the throttle keys on never
fails either."""

from __future__ import annotations

import base64
import contextlib
from urllib.parse import quote_plus, urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from camunda_hub.server.oauth.errors import OAuthError
from camunda_hub.server.oauth.token_request import (
    TokenForm,
    authenticate_parts,
    basic_client_id,
    parse_form,
)
from camunda_hub.server.throttle.ratelimit import source_of

_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)


def _basic(client_id: str, secret: str) -> str:
    joined = f"{quote_plus(client_id)}:{quote_plus(secret)}"
    return "Basic " + base64.b64encode(joined.encode()).decode()


@settings(max_examples=150, deadline=None)
@given(_TEXT, _TEXT)
def test_basic_credentials_round_trip(client_id: str, secret: str) -> None:
    header = _basic(client_id, secret)
    assert basic_client_id(header) == client_id
    request = authenticate_parts(header, TokenForm({"grant_type": "client_credentials"}, ()))
    assert (request.client_id, request.client_secret) == (client_id, secret)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_TEXT, _TEXT, max_size=10))
def test_the_form_round_trips(params: dict[str, str]) -> None:
    params.pop("resource", None)
    assert parse_form(urlencode(params).encode()).params == params


@settings(max_examples=250, deadline=None)
@given(st.binary(max_size=300), st.one_of(st.none(), st.text(max_size=80)))
def test_any_input_fails_only_with_an_oauth_error(body: bytes, authorization: str | None) -> None:
    basic_client_id(authorization)
    with contextlib.suppress(OAuthError):  # the only refusal allowed
        authenticate_parts(authorization, parse_form(body))


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=80), st.ip_addresses().map(str)))
def test_the_throttle_identity_of_any_peer_address(address: str | None) -> None:
    identity = source_of(address)
    assert 0 < len(identity) <= 64 or address is None
