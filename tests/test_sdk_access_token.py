"""``client/access_token.py``: the token alone, as ``HubClient.token()`` gets it."""

from __future__ import annotations

import ssl

from camunda_hub.client.access_token import _without_ca_bundle


def test_plain_http_token_url_gets_a_context_that_trusts_no_ca() -> None:
    options = _without_ca_bundle(
        {"verify": True, "timeout": 1}, "http://127.0.0.1:8088/oauth/token"
    )
    context = options["verify"]
    assert isinstance(context, ssl.SSLContext)
    # Any TLS it were used for fails verification rather than passing unverified.
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.get_ca_certs() == []
    assert options["timeout"] == 1


def test_https_and_configured_trust_are_left_alone() -> None:
    default = {"verify": True}
    assert _without_ca_bundle(default, "https://login.example/oauth/token") is default
    bundle = {"verify": ssl.create_default_context()}
    assert _without_ca_bundle(bundle, "http://127.0.0.1/oauth/token") is bundle
