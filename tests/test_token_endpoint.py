"""The token endpoint over real HTTP: the documented client-credentials flow, client_secret_basic,
RFC 8707 ``resource``, the Keycloak-shaped aliases, and every RFC 6749 §5.2 error."""

from __future__ import annotations

import base64
import json
import socket
import string
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx
import jwt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.server import AUDIENCE, Credentials, HubServer

GRANT = "client_credentials"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def creds(hub: HubServer) -> Credentials:
    return hub.create_client("read", "create", name="token-endpoint")


@pytest.fixture(scope="module")
def http(hub: HubServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hub.url, timeout=30) as client:
        yield client


def form(**fields: str) -> dict[str, str]:
    return {"content": urlencode(fields), "headers": {"Content-Type": FORM}}  # type: ignore[dict-item]


def basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


def assert_no_store(response: httpx.Response) -> None:
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"


def assert_oauth_error(response: httpx.Response, status: int, error: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] == error, body
    assert isinstance(body["error_description"], str) and body["error_description"]
    assert set(body) == {"error", "error_description"}
    assert_no_store(response)
    return body


def good(creds: Credentials, **extra: str) -> dict[str, str]:
    return {
        "grant_type": GRANT,
        "audience": AUDIENCE,
        "client_id": creds.client_id,
        "client_secret": creds.client_secret,
        **extra,
    }


# -- the documented flow -----------------------------------------------------------------------
def test_documented_flow_cli_json_then_curl_form_then_bearer_call(hub: HubServer) -> None:
    created = hub.cli("clients", "create", "--name", "curl", "--permission", "read", "--json")
    data = json.loads(created.stdout)
    assert set(data) == {"client_id", "client_secret"}
    creds = Credentials(data["client_id"], data["client_secret"])
    hub.wait_for_client(creds)
    # What `curl --data-urlencode` sends: one urlencoded body, each field encoded on its own.
    body = "&".join(
        f"{name}={quote(value, safe='')}"
        for name, value in [
            ("grant_type", GRANT),
            ("audience", AUDIENCE),
            ("client_id", creds.client_id),
            ("client_secret", creds.client_secret),
        ]
    )
    response = httpx.post(
        hub.token_url, content=body, headers={"Content-Type": FORM, "Accept": "*/*"}
    )
    assert response.status_code == 200, response.text
    assert_no_store(response)
    token = response.json()
    assert set(token) == {
        "access_token",
        "expires_in",
        "refresh_expires_in",
        "token_type",
        "not-before-policy",
        "scope",
    }
    assert token["token_type"] == "Bearer"
    assert token["expires_in"] == 300
    assert token["refresh_expires_in"] == 0
    assert token["not-before-policy"] == 0
    assert token["scope"] == "read:*"

    header = jwt.get_unverified_header(token["access_token"])
    assert header["typ"] == "at+jwt"
    assert header["alg"] == "ES256"
    assert header["kid"]
    claims = jwt.decode(token["access_token"], options={"verify_signature": False})
    assert claims["iss"] == hub.url
    assert claims["sub"] == claims["client_id"] == creds.client_id
    assert claims["aud"] == AUDIENCE
    assert claims["exp"] - claims["iat"] == 300
    assert claims["nbf"] <= claims["iat"] + 1
    assert claims["jti"]
    assert claims["scope"] == "read:*"
    assert claims["permissions"] == {AUDIENCE: ["read:*"]}

    info = httpx.get(
        f"{hub.url}/api/v2/info", headers={"Authorization": f"Bearer {token['access_token']}"}
    )
    assert info.status_code == 200
    assert info.json() == {
        "version": "v2",
        "authorizedOrganization": claims["https://camunda.com/orgId"],
    }


def test_each_token_is_distinct(http: httpx.Client, creds: Credentials) -> None:
    first = http.post("/oauth/token", **form(**good(creds))).json()["access_token"]
    second = http.post("/oauth/token", **form(**good(creds))).json()["access_token"]
    assert first != second
    claims = [jwt.decode(t, options={"verify_signature": False}) for t in (first, second)]
    assert claims[0]["jti"] != claims[1]["jti"]


# -- client authentication ---------------------------------------------------------------------
def test_client_secret_basic(http: httpx.Client, creds: Credentials) -> None:
    response = http.post(
        "/oauth/token",
        content=urlencode({"grant_type": GRANT, "audience": AUDIENCE}),
        headers={
            "Content-Type": FORM,
            "Authorization": basic(creds.client_id, creds.client_secret),
        },
    )
    assert response.status_code == 200, response.text
    assert_no_store(response)
    token = response.json()["access_token"]
    assert jwt.decode(token, options={"verify_signature": False})["sub"] == creds.client_id


def test_client_secret_basic_with_form_urlencoded_id_and_secret(
    http: httpx.Client, creds: Credentials
) -> None:
    """RFC 6749 §2.3.1: id and secret are form-urlencoded before base64. Every character encoded
    (and a space as "+") must decode to the same credentials."""

    def encode_all(value: str) -> str:
        return "".join(f"%{byte:02X}" for byte in value.encode())

    response = http.post(
        "/oauth/token",
        content=f"grant_type={GRANT}",
        headers={
            "Content-Type": FORM,
            "Authorization": basic(encode_all(creds.client_id), encode_all(creds.client_secret)),
        },
    )
    assert response.status_code == 200, response.text
    # The same secret with one character replaced by "+" (a form-encoded space) is wrong.
    wrong = "+" + creds.client_secret[1:]
    response = http.post(
        "/oauth/token",
        content=f"grant_type={GRANT}",
        headers={"Content-Type": FORM, "Authorization": basic(creds.client_id, wrong)},
    )
    assert_oauth_error(response, 401, "invalid_client")


def test_basic_with_matching_client_id_in_body_is_accepted(
    http: httpx.Client, creds: Credentials
) -> None:
    response = http.post(
        "/oauth/token",
        content=urlencode({"grant_type": GRANT, "client_id": creds.client_id}),
        headers={
            "Content-Type": FORM,
            "Authorization": basic(creds.client_id, creds.client_secret),
        },
    )
    assert response.status_code == 200, response.text


def test_unknown_client_and_wrong_secret_are_indistinguishable(
    hub: HubServer, http: httpx.Client
) -> None:
    victim = hub.create_client("read", name="indistinguishable")
    unknown = Credentials("no-such-client-" + victim.client_id[:10], victim.client_secret)
    wrong = Credentials(victim.client_id, victim.client_secret[:-4] + "AAAA")
    answers = []
    for attempt in (unknown, wrong):
        post = http.post("/oauth/token", **form(**good(attempt)))
        via_basic = http.post(
            "/oauth/token",
            content=f"grant_type={GRANT}",
            headers={
                "Content-Type": FORM,
                "Authorization": basic(attempt.client_id, attempt.client_secret),
            },
        )
        for response in (post, via_basic):
            assert_oauth_error(response, 401, "invalid_client")
            assert response.headers["www-authenticate"].startswith("Basic realm=")
        answers.append(
            [(r.status_code, r.content, r.headers["www-authenticate"]) for r in (post, via_basic)]
        )
    assert answers[0] == answers[1]
    # A missing secret is refused the same way.
    no_secret = http.post(
        "/oauth/token",
        **form(grant_type=GRANT, client_id=victim.client_id, audience=AUDIENCE),
    )
    assert (no_secret.status_code, no_secret.content) == answers[0][0][:2]


# -- audience / resource -------------------------------------------------------------------------
def aud_of(response: httpx.Response) -> object:
    assert response.status_code == 200, response.text
    return jwt.decode(response.json()["access_token"], options={"verify_signature": False})["aud"]


def test_no_audience_means_the_default(http: httpx.Client, creds: Credentials) -> None:
    fields = good(creds)
    del fields["audience"]
    assert aud_of(http.post("/oauth/token", **form(**fields))) == AUDIENCE
    # RFC 6749 §3.2: a parameter without a value counts as omitted.
    assert aud_of(http.post("/oauth/token", **form(**good(creds, audience="")))) == AUDIENCE


def test_resource_instead_of_audience(http: httpx.Client, creds: Credentials) -> None:
    fields = good(creds)
    del fields["audience"]
    assert aud_of(http.post("/oauth/token", **form(**fields, resource=AUDIENCE))) == AUDIENCE
    both = good(creds, resource=AUDIENCE)
    assert aud_of(http.post("/oauth/token", **form(**both))) == AUDIENCE
    # RFC 8707 §2 lets resource repeat; the same target twice is one target.
    twice = (
        urlencode(fields) + "&" + urlencode({"resource": AUDIENCE}) * 1 + "&resource=" + AUDIENCE
    )
    response = http.post("/oauth/token", content=twice, headers={"Content-Type": FORM})
    assert aud_of(response) == AUDIENCE


@pytest.mark.parametrize(
    "extra",
    [
        {"audience": "https://elsewhere.example"},
        {"audience": "zeebe.camunda.io"},
        {"resource": "https://elsewhere.example"},
    ],
)
def test_unserved_target_is_invalid_target(
    http: httpx.Client, creds: Credentials, extra: dict[str, str]
) -> None:
    fields = good(creds)
    del fields["audience"]
    response = http.post("/oauth/token", **form(**fields, **extra))
    body = assert_oauth_error(response, 400, "invalid_target")
    assert "elsewhere" not in body["error_description"]


def test_two_different_resources_are_invalid_target(http: httpx.Client, creds: Credentials) -> None:
    fields = good(creds)
    del fields["audience"]
    content = urlencode(fields) + f"&resource={AUDIENCE}&resource=https%3A%2F%2Fother.example"
    response = http.post("/oauth/token", content=content, headers={"Content-Type": FORM})
    assert_oauth_error(response, 400, "invalid_target")


def test_audience_and_resource_disagreeing_is_invalid_request(
    http: httpx.Client, creds: Credentials
) -> None:
    response = http.post("/oauth/token", **form(**good(creds, resource="https://x.example")))
    assert_oauth_error(response, 400, "invalid_request")


# -- scope ---------------------------------------------------------------------------------------
def test_scope_narrows_the_token(http: httpx.Client, creds: Credentials) -> None:
    response = http.post("/oauth/token", **form(**good(creds, scope="read:*")))
    assert response.status_code == 200
    assert response.json()["scope"] == "read:*"
    claims = jwt.decode(response.json()["access_token"], options={"verify_signature": False})
    assert claims["permissions"] == {AUDIENCE: ["read:*"]}
    full = http.post("/oauth/token", **form(**good(creds))).json()
    assert full["scope"] == "create:* read:*"


@pytest.mark.parametrize("scope", ["delete:*", "read:* update:*", "admin", "openid"])
def test_scope_beyond_the_grant_is_invalid_scope(
    http: httpx.Client, creds: Credentials, scope: str
) -> None:
    response = http.post("/oauth/token", **form(**good(creds, scope=scope)))
    body = assert_oauth_error(response, 400, "invalid_scope")
    assert scope not in ("admin", "openid") or scope not in body["error_description"]


# -- paths and methods ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/oauth/token",
        "/auth/realms/camunda-platform/protocol/openid-connect/token",
        "/realms/camunda-platform/protocol/openid-connect/token",
        "/realms/any-realm/protocol/openid-connect/token",
    ],
)
def test_token_paths(http: httpx.Client, creds: Credentials, path: str) -> None:
    fields = good(creds)
    del fields["audience"]  # Keycloak-shaped scripts usually send none
    response = http.post(path, **form(**fields))
    assert response.status_code == 200, response.text
    assert_no_store(response)
    for method in ("GET", "PUT", "PATCH", "DELETE", "OPTIONS"):
        refused = http.request(method, path)
        assert refused.status_code == 405, (method, refused.text)
        assert refused.headers["allow"] == "POST"
        assert refused.json()["error"] == "invalid_request"
        assert_no_store(refused)


# -- RFC 6749 §5.2 errors ------------------------------------------------------------------------
def test_missing_grant_type(http: httpx.Client, creds: Credentials) -> None:
    fields = good(creds)
    del fields["grant_type"]
    assert_oauth_error(http.post("/oauth/token", **form(**fields)), 400, "invalid_request")
    blank = good(creds, grant_type="")
    assert_oauth_error(http.post("/oauth/token", **form(**blank)), 400, "invalid_request")


@pytest.mark.parametrize("grant_type", ["password", "authorization_code", "refresh_token", "x"])
def test_unsupported_grant_type(http: httpx.Client, creds: Credentials, grant_type: str) -> None:
    response = http.post("/oauth/token", **form(**good(creds, grant_type=grant_type)))
    assert_oauth_error(response, 400, "unsupported_grant_type")


@pytest.mark.parametrize("name", ["grant_type", "client_id", "client_secret", "audience", "scope"])
def test_duplicated_parameter(http: httpx.Client, creds: Credentials, name: str) -> None:
    fields = good(creds, scope="read")
    content = urlencode(fields) + "&" + urlencode({name: fields[name]})
    response = http.post("/oauth/token", content=content, headers={"Content-Type": FORM})
    body = assert_oauth_error(response, 400, "invalid_request")
    assert name in body["error_description"]


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/x-www-form",
    ],
)
def test_wrong_content_type(
    http: httpx.Client, creds: Credentials, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = http.post("/oauth/token", content=urlencode(good(creds)), headers=headers)
    body = assert_oauth_error(response, 400, "invalid_request")
    assert FORM in body["error_description"]


def test_json_content_type_with_a_form_body_is_invalid_json(
    http: httpx.Client, creds: Credentials
) -> None:
    # application/json is a token request format of its own (tests/test_token_json.py).
    headers = {"Content-Type": "application/json"}
    response = http.post("/oauth/token", content=urlencode(good(creds)), headers=headers)
    body = assert_oauth_error(response, 400, "invalid_request")
    assert "JSON" in body["error_description"]


def test_content_type_with_charset_is_fine(http: httpx.Client, creds: Credentials) -> None:
    response = http.post(
        "/oauth/token",
        content=urlencode(good(creds)),
        headers={"Content-Type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8"},
    )
    assert response.status_code == 200, response.text


def test_basic_and_body_secret_at_once(http: httpx.Client, creds: Credentials) -> None:
    response = http.post(
        "/oauth/token",
        content=urlencode(good(creds)),
        headers={
            "Content-Type": FORM,
            "Authorization": basic(creds.client_id, creds.client_secret),
        },
    )
    assert_oauth_error(response, 400, "invalid_request")


def test_basic_and_other_client_id_in_body(http: httpx.Client, creds: Credentials) -> None:
    response = http.post(
        "/oauth/token",
        content=urlencode({"grant_type": GRANT, "client_id": "someone-else"}),
        headers={
            "Content-Type": FORM,
            "Authorization": basic(creds.client_id, creds.client_secret),
        },
    )
    assert_oauth_error(response, 400, "invalid_request")


def test_body_too_large(http: httpx.Client, creds: Credentials) -> None:
    padding = "x" * 9000
    response = http.post("/oauth/token", **form(**good(creds, padding=padding)))
    body = assert_oauth_error(response, 400, "invalid_request")
    assert "exceeds" in body["error_description"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the streamed size is what counts
        yield urlencode(good(creds)).encode()
        for _ in range(10):
            yield b"&p=" + b"y" * 1000

    response = http.post("/oauth/token", content=chunks(), headers={"Content-Type": FORM})
    assert_oauth_error(response, 400, "invalid_request")


@pytest.mark.parametrize(
    "content",
    [
        b"grant_type=client_credentials&client_id=\xff\xfe",
        b"grant_type=client_credentials&client_id=abc&client_secret=%FF%FE",
    ],
)
def test_body_that_is_not_utf8(http: httpx.Client, content: bytes) -> None:
    response = http.post("/oauth/token", content=content, headers={"Content-Type": FORM})
    assert_oauth_error(response, 400, "invalid_request")


def test_too_many_parameters(http: httpx.Client, creds: Credentials) -> None:
    content = urlencode(good(creds)) + "".join(f"&p{i}=1" for i in range(40))
    response = http.post("/oauth/token", content=content, headers={"Content-Type": FORM})
    assert_oauth_error(response, 400, "invalid_request")


def test_credentials_in_the_url_are_refused(http: httpx.Client, creds: Credentials) -> None:
    query = urlencode({"client_id": creds.client_id, "client_secret": creds.client_secret})
    response = http.post(f"/oauth/token?{query}", **form(grant_type=GRANT, audience=AUDIENCE))
    assert_oauth_error(response, 400, "invalid_request")


@pytest.mark.parametrize(
    "authorization",
    [
        "Basic !!!not-base64!!!",
        "Basic " + base64.b64encode(b"no-colon").decode(),
        "Basic " + base64.b64encode(b":only-secret").decode(),
        "Basic " + base64.b64encode(b"\xff\xfe:\xfd").decode(),
        "Basic",
        "Bearer abc.def.ghi",
        "Digest username=x",
    ],
)
def test_bad_authorization_header_is_invalid_client(http: httpx.Client, authorization: str) -> None:
    response = http.post(
        "/oauth/token",
        content=f"grant_type={GRANT}",
        headers={"Content-Type": FORM, "Authorization": authorization},
    )
    assert_oauth_error(response, 401, "invalid_client")
    assert response.headers["www-authenticate"].startswith('Basic realm="camunda-hub"')


def test_no_client_authentication_at_all(http: httpx.Client) -> None:
    response = http.post("/oauth/token", **form(grant_type=GRANT, audience=AUDIENCE))
    assert_oauth_error(response, 401, "invalid_client")
    assert response.headers["www-authenticate"].startswith("Basic ")


# -- robustness ----------------------------------------------------------------------------------
_HEADER_BYTES = st.binary(max_size=120).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))
_FIELD_NAMES = st.sampled_from(
    ["grant_type", "client_id", "client_secret", "audience", "resource", "scope", "x", ""]
)


@st.composite
def token_requests(draw: st.DrawFn) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    kind = draw(st.integers(0, 2))
    if kind == 0:
        body = draw(st.binary(max_size=600))
    elif kind == 1:
        pairs = draw(st.lists(st.tuples(_FIELD_NAMES, st.text(max_size=60)), max_size=8))
        body = urlencode(pairs).encode()
    else:
        body = draw(st.text(alphabet=string.printable + "%&=+;é\x00", max_size=300)).encode()
    headers: list[tuple[bytes, bytes]] = []
    content_type = draw(
        st.one_of(
            st.just(FORM.encode()),
            st.just(FORM.encode() + b"; charset=latin-1"),
            st.sampled_from([b"application/json", b"", b"text/plain; x=" + b"a" * 50]),
            _HEADER_BYTES,
        )
    )
    if content_type:
        headers.append((b"Content-Type", content_type))
    if draw(st.booleans()):
        headers.append(
            (
                b"Authorization",
                draw(
                    st.one_of(
                        _HEADER_BYTES,
                        st.binary(max_size=80).map(lambda b: b"Basic " + base64.b64encode(b)),
                        st.text(max_size=40).map(
                            lambda t: b"Basic " + base64.b64encode(t.encode())
                        ),
                    )
                ),
            )
        )
    if draw(st.booleans()):
        headers.append((b"X-Noise", draw(_HEADER_BYTES)))
    length = draw(
        st.one_of(
            st.just(str(len(body)).encode()),
            st.sampled_from([b"abc", b"-1", b"99999999999999999999", "²".encode(), b"0"]),
        )
    )
    headers.append((b"Content-Length", length))
    return body, headers


def raw_post(url: str, path: str, body: bytes, headers: list[tuple[bytes, bytes]]) -> bytes:
    """Send exactly these bytes (httpx would refuse or fix up many of them) and read the whole
    answer; the write side is closed so a server waiting for more body sees the end."""
    parsed = httpx.URL(url)
    head = b"POST " + path.encode() + b" HTTP/1.1\r\nHost: " + parsed.host.encode()
    head += b"\r\nConnection: close\r\n"
    head += b"".join(name + b": " + value + b"\r\n" for name, value in headers)
    with socket.create_connection((parsed.host, parsed.port), timeout=15) as sock:
        sock.sendall(head + b"\r\n" + body)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request=token_requests())
def test_never_a_server_error(
    hub: HubServer, request: tuple[bytes, list[tuple[bytes, bytes]]]
) -> None:
    body, headers = request
    answer = raw_post(hub.url, "/oauth/token", body, headers)
    declared = dict(headers)[b"Content-Length"]
    if not answer:
        # Only a request the HTTP layer cannot frame may go unanswered.
        assert declared != str(len(body)).encode(), (body, headers)
        return
    status_line, _, rest = answer.partition(b"\r\n")
    status = int(status_line.split()[1])
    assert status < 500, (body, headers, answer)
    head, _, payload = rest.partition(b"\r\n\r\n")
    if b"content-type: application/json" in head.lower() and status != 200:
        assert b'"error"' in payload, answer


def test_huge_headers_do_not_break_the_endpoint(hub: HubServer, creds: Credentials) -> None:
    answer = raw_post(
        hub.url,
        "/oauth/token",
        urlencode(good(creds)).encode(),
        [
            (b"Content-Type", FORM.encode()),
            (b"Content-Length", str(len(urlencode(good(creds)))).encode()),
            (b"X-Big", b"a" * 60_000),
        ],
    )
    status = int(answer.split(b"\r\n", 1)[0].split()[1])
    assert status in (200, 400, 413, 431), answer[:200]


# -- the hot paths stay off the database -----------------------------------------------------------
class _Tripwire:
    """Wraps the database: reading its configuration is fine, opening a session or a
    connection on a request path fails the test."""

    IO = frozenset({"session", "transaction", "engine", "connect", "begin", "execute"})

    def __init__(self, real: object) -> None:
        self.real = real
        self.touched: list[str] = []

    def __getattr__(self, name: str) -> object:
        if name in self.IO:
            self.touched.append(name)
            raise AssertionError(f"the database was used on a hot path ({name})")
        return getattr(self.real, name)


async def test_token_and_bearer_paths_never_touch_the_database(tmp_path: Path) -> None:
    from tests.support.in_process import in_process_hub

    async with in_process_hub(tmp_path) as hub:
        runtime = hub.app.state.runtime
        real_db = runtime.store.db
        tripwire = _Tripwire(real_db)
        runtime.store.db = tripwire
        try:
            fields = hub.token_form()
            for _ in range(3):
                response = await hub.client.post("/oauth/token", data=fields)
                assert response.status_code == 200, response.text
                bearer = {"Authorization": f"Bearer {response.json()['access_token']}"}
                for _ in range(2):  # a first (verifying) and a cached call
                    info = await hub.client.get("/api/v2/info", headers=bearer)
                    assert info.status_code == 200, info.text
            refused = await hub.client.post("/oauth/token", data={**fields, "client_secret": "x"})
            assert refused.status_code == 401
            bad = await hub.client.get("/api/v2/info", headers={"Authorization": "Bearer x.y.z"})
            assert bad.status_code == 401
            assert tripwire.touched == []
        finally:
            runtime.store.db = real_db
