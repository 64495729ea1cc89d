"""The log redaction filter and the JSON formatter, in-process."""

from __future__ import annotations

import json
import logging
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from camunda_hub.server.ops.logging import (
    AddRequestId,
    JsonFormatter,
    RedactSecrets,
    redact,
    request_id,
)

JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
SECRET = "s3cr3t-VALUE_abcdefghijklmnopqrstuvwxyz012345"


def test_redact_covers_credentials_tokens_and_secret_parameters() -> None:
    samples = [
        f"Authorization: Bearer {JWT}",
        "authorization: basic Y2xpZW50OnNlY3JldA==",
        f"POST /oauth/token?client_secret={SECRET}&x=1",
        f"{{'client_secret': '{SECRET}'}}",
        f"password={SECRET}",
        f"a token {JWT} in the middle",
    ]
    for sample in samples:
        cleaned = redact(sample)
        assert SECRET not in cleaned and JWT not in cleaned, cleaned
        assert "Y2xpZW50OnNlY3JldA==" not in cleaned
    assert redact("GET /api/v2/info 200") == "GET /api/v2/info 200"


def _record(msg: str, *args: object, exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise ValueError(f"bad secret: client_secret={SECRET}")
        except ValueError:
            exc_info = sys.exc_info()
    return logging.LogRecord("camunda_hub.test", logging.WARNING, __file__, 1, msg, args, exc_info)


def test_filter_cleans_arguments_and_tracebacks() -> None:
    record = _record("refused %s for %r", f"Bearer {JWT}", f"client_secret={SECRET}", exc=True)
    assert RedactSecrets().filter(record)
    AddRequestId().filter(record)
    text = logging.Formatter().format(record)
    assert SECRET not in text and JWT not in text
    assert "ValueError" in text  # the traceback is kept, only the secret is gone


def test_json_lines_carry_the_request_id() -> None:
    token = request_id.set("req-7")
    try:
        record = _record("hello %s", "world")
        AddRequestId().filter(record)
        RedactSecrets().filter(record)
        entry = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)
    assert entry["message"] == "hello world"
    assert entry["request_id"] == "req-7"
    assert entry["level"] == "warning" and entry["logger"] == "camunda_hub.test"


def _by_patterns(text: str) -> str:
    """Every pattern, always, in order: what ``redact`` must answer, skipping only patterns
    that cannot match."""
    from camunda_hub.server.ops.logging import _ASSIGNED, _CREDENTIALS, _JWT

    text = _CREDENTIALS.sub(r"\1 [redacted]", text)
    text = _JWT.sub("[redacted-jwt]", text)
    return _ASSIGNED.sub(r"\1[redacted]", text)


def test_redaction_fast_path_changes_nothing_the_patterns_would_catch() -> None:
    lines = [
        '127.0.0.1:5555 - "GET /api/v2/info HTTP/1.1" 200',
        '127.0.0.1:5555 - "POST /oauth/token HTTP/1.1" 200',
        '127.0.0.1:5555 - "POST /oauth/token?Client_Secret=s3cr3t HTTP/1.1" 400',
        "Authorization: BEARER abc.def",
        "header basic dXNlcjpwYXNz",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln in a message",
        "form PASSWORD=hunter2&x=1",
        "ASSERTION: 'abc'",
        '{"refresh_token": "r-123"}',
        "secret_key=k",
        "SECRET_\u212aEY = 'k'",  # KELVIN SIGN: the same letter as k to (?i)
        "\u017fecret=x",  # LONG S: the same letter as s to (?i)
        "token\t\n:  v",
    ]
    for line in lines:
        assert redact(line) == _by_patterns(line), line
    assert redact(lines[0]) == lines[0] and redact(lines[1]) == lines[1]
    assert all("[redacted" in redact(line) for line in lines[2:])


_PIECES = [
    "token", "TOKEN", "secret", "_key", "_KEY", "secret_key", "password", "assertion", "client_",
    "access_", "bearer", "Basic", "eyJ", "eyJhbGciOiJ9.eyJ4In0.c2ln", ".", "=", ":", "'", '"',
    " ", "\t", "\u00a0", "\u2003", "&", ";", ")", "/", "x", "K", "\u212a", "\u017f", "abc",
    "?", "%3D",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
@settings(max_examples=400, deadline=None)
def test_redaction_matches_every_pattern_on_any_line(line: str) -> None:
    assert redact(line) == _by_patterns(line)
