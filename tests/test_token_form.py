"""The token endpoint's form reader agrees with ``urllib.parse.parse_qsl`` on every input."""

from __future__ import annotations

from urllib.parse import parse_qsl

from hypothesis import given, settings
from hypothesis import strategies as st

from camunda_hub.server.oauth.errors import InvalidRequest
from camunda_hub.server.oauth.token_request import MAX_PARAMETERS, form_pairs

# Separators, escapes (valid and invalid UTF-8), plus signs and plain characters.
_PIECES = st.sampled_from(["a", "b", "=", "&", "+", "%20", "%C3%A9", "%FF", "%", ";", " ", "é"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=80).map("".join))
def test_pairs_match_parse_qsl(text: str) -> None:
    try:
        expected: object = parse_qsl(
            text, keep_blank_values=True, max_num_fields=MAX_PARAMETERS, errors="strict"
        )
    except UnicodeDecodeError:
        expected = UnicodeDecodeError
    except ValueError:
        expected = InvalidRequest
    try:
        got: object = form_pairs(text.encode())
    except (UnicodeDecodeError, InvalidRequest) as exc:
        got = type(exc)
    assert got == expected
