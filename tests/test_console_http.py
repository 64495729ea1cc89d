"""The web console at the HTTP level: first-admin setup, sessions, CSRF, sign-in throttling,
and the API-client pages' effects on the token endpoint and the Hub API."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.browser import admin_cli, printed_setup_link
from tests.support.console_pages import csrf_token
from tests.support.server import Credentials, HubServer

PASSWORD = "correct horse battery staple"
SECRET_RE = re.compile(r'<code id="client-secret">([^<]+)</code>')
CLIENT_ID_RE = re.compile(r'<code id="client-id">([^<]+)</code>')


@pytest.fixture(scope="module")
def console_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    server = HubServer(tmp_path_factory.mktemp("console-http"))
    server.start()
    yield server
    server.stop()


FIRST_ADMIN = "first@example.com"


@pytest.fixture(scope="module")
def first_admin(console_hub: HubServer) -> str:
    """The first admin, made through the setup link the server printed (over HTTP)."""
    _link, token = printed_setup_link(console_hub)
    with _browser(console_hub) as client:
        page = client.get("/setup")
        done = client.post(
            "/setup",
            data={
                "csrf_token": csrf_token(page),
                "token": token,
                "email": "First@Example.com",
                "name": "First Admin",
                "password": PASSWORD,
                "password_confirm": PASSWORD,
            },
        )
        assert done.status_code == 303, done.text
        assert done.headers["location"] == "/console/api-clients?done=welcome"
        welcome = client.get(console_hub.url + done.headers["location"])
        assert "First Admin" in welcome.text
        assert "Welcome!" in welcome.text
    return FIRST_ADMIN


def _invitation(inviter: httpx.Client, email: str) -> str:
    page = inviter.get("/admins")
    invited = inviter.post("/admins/invite", data={"csrf_token": csrf_token(page), "email": email})
    assert invited.status_code == 200, invited.text
    link = re.search(r'<code id="invite-link"[^>]*>([^<]+)</code>', invited.text)
    assert link is not None
    return link.group(1).split("#", 1)[1]


def _new_admin(server: HubServer, email: str) -> None:
    """Another admin, invited by the first one (no CLI round trip: fast)."""
    inviter = _sign_in(server, FIRST_ADMIN)
    token = _invitation(inviter, email)
    with _browser(server) as invitee:
        done = invitee.post(
            "/setup",
            data={
                "csrf_token": csrf_token(invitee.get("/setup")),
                "token": token,
                "email": email,
                "password": PASSWORD,
                "password_confirm": PASSWORD,
            },
        )
        assert done.status_code == 303, done.text


def _database(server: HubServer) -> Path:
    return server.data_dir / "camunda-hub.sqlite3"


def _query(server: HubServer, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(_database(server)) as db:
        return list(db.execute(sql, params))


def _browser(server: HubServer) -> httpx.Client:
    return httpx.Client(base_url=f"{server.url}/console", timeout=30)


def _sign_in(server: HubServer, email: str, password: str = PASSWORD) -> httpx.Client:
    client = _browser(server)
    page = client.get("/sign-in")
    response = client.post(
        "/sign-in", data={"csrf_token": csrf_token(page), "email": email, "password": password}
    )
    assert response.status_code == 303, response.text
    return client


def _attempt(server: HubServer, email: str, password: str) -> httpx.Response:
    with _browser(server) as client:
        page = client.get("/sign-in")
        return client.post(
            "/sign-in", data={"csrf_token": csrf_token(page), "email": email, "password": password}
        )


def _create_client(client: httpx.Client, name: str, *permissions: str) -> httpx.Response:
    form = client.get("/api-clients/new")
    data: dict[str, object] = {"csrf_token": csrf_token(form), "name": name}
    data["permission"] = list(permissions)
    return client.post("/api-clients", data=data)


# -- first admin ----------------------------------------------------------------------------


def test_setup_link_makes_the_first_admin_once(console_hub: HubServer, first_admin: str) -> None:
    link, token = printed_setup_link(console_hub)
    assert link.startswith(f"{console_hub.url}/console/setup#")
    # The token is stored hashed, never in clear.
    stored = _query(console_hub, "SELECT token_hash, used FROM console_setup_tokens")
    assert hashlib.sha256(token.encode()).hexdigest() in [row[0] for row in stored]
    assert all(token not in str(row) for row in stored)
    assert (FIRST_ADMIN, "First Admin") in _query(
        console_hub, "SELECT email, name FROM console_admins"
    )

    # Single use: the link (the fixture used it) no longer works.
    with _browser(console_hub) as again:
        form = {
            "csrf_token": csrf_token(again.get("/setup")),
            "token": token,
            "email": "second@example.com",
            "password": PASSWORD,
            "password_confirm": PASSWORD,
        }
        second = again.post("/setup", data=form)
        assert second.status_code == 404
        assert "not valid" in second.text
        mismatch = again.post("/setup", data={**form, "password_confirm": "something else!!"})
        assert mismatch.status_code == 400
        assert "not the same" in mismatch.text
    # The token travelled in a form body, never in a URL the access log records: it appears in
    # the server's output once, in the banner.
    assert console_hub.output.count(token) == 1


# -- sessions -------------------------------------------------------------------------------


def test_session_cookie_is_httponly_samesite_and_stored_hashed(
    console_hub: HubServer, first_admin: str
) -> None:
    client = _browser(console_hub)
    page = client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={"csrf_token": csrf_token(page), "email": FIRST_ADMIN, "password": PASSWORD},
    )
    assert response.status_code == 303
    set_cookie = [
        value
        for name, value in response.headers.multi_items()
        if name == "set-cookie" and value.startswith("camunda-hub-console=")
    ]
    assert len(set_cookie) == 1
    attributes = set_cookie[0].lower()
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "path=/" in attributes
    # Plain-HTTP issuer: a Secure cookie would never be sent back (see README).
    assert "secure" not in attributes
    session_id = client.cookies["camunda-hub-console"]
    hashes = [row[0] for row in _query(console_hub, "SELECT id_hash FROM console_sessions")]
    assert hashlib.sha256(session_id.encode()).hexdigest() in hashes
    assert session_id not in hashes


def test_pages_need_a_session(console_hub: HubServer, first_admin: str) -> None:
    with _browser(console_hub) as client:
        for path in ("/api-clients", "/api-clients/new", "/audit", "/admins"):
            response = client.get(path)
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/console/sign-in?next=/console")
        forged = client.post("/api-clients", data={"name": "x", "permission": "read"})
        assert forged.status_code == 303
        assert forged.headers["location"] == "/console/sign-in"
        client.cookies.set("camunda-hub-console", "made-up")
        made_up = client.get("/api-clients")
        assert made_up.status_code == 303
    assert not _query(console_hub, "SELECT 1 FROM api_clients WHERE name = 'x'")


def test_wrong_password_and_unknown_account_look_the_same(
    console_hub: HubServer, first_admin: str
) -> None:
    wrong = _attempt(console_hub, FIRST_ADMIN, "not the password")
    unknown = _attempt(console_hub, "nobody-here@example.com", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "not right" in wrong.text
    assert "camunda-hub-console" not in wrong.cookies
    message = re.compile(r'<p class="error"[^>]*>([^<]+)</p>')
    assert message.findall(wrong.text) == message.findall(unknown.text)


def test_sign_out_ends_the_session_server_side(console_hub: HubServer, first_admin: str) -> None:
    client = _sign_in(console_hub, FIRST_ADMIN)
    stolen = client.cookies["camunda-hub-console"]
    page = client.get("/api-clients")
    assert page.status_code == 200
    out = client.post("/sign-out", data={"csrf_token": csrf_token(page)})
    assert out.status_code == 303
    assert out.headers["location"] == "/console/sign-in?signed_out=1"
    # Replaying the old cookie does not work: the session is gone from the database.
    with _browser(console_hub) as replay:
        replay.cookies.set("camunda-hub-console", stolen)
        again = replay.get("/api-clients")
        assert again.status_code == 303


def test_sign_in_redirects_only_inside_the_console(
    console_hub: HubServer, first_admin: str
) -> None:
    for target, expected in (
        ("/console/audit", "/console/audit"),
        ("//evil.example/console/x", "/console/api-clients"),
        ("https://evil.example/", "/console/api-clients"),
        ("/console/\\evil", "/console/api-clients"),
    ):
        with _browser(console_hub) as client:
            page = client.get("/sign-in")
            response = client.post(
                "/sign-in",
                data={
                    "csrf_token": csrf_token(page),
                    "email": FIRST_ADMIN,
                    "password": PASSWORD,
                    "next": target,
                },
            )
            assert response.status_code == 303
            assert response.headers["location"] == expected


# -- CSRF -----------------------------------------------------------------------------------


def test_forms_without_the_session_token_are_refused(
    console_hub: HubServer, first_admin: str
) -> None:
    _new_admin(console_hub, "other-csrf@example.com")
    client = _sign_in(console_hub, FIRST_ADMIN)
    other = _sign_in(console_hub, "other-csrf@example.com")
    other_token = csrf_token(other.get("/api-clients/new"))
    token = csrf_token(client.get("/api-clients/new"))
    assert token != other_token
    base = {"name": "csrf-victim", "permission": ["read"]}
    for data, headers in (
        (base, {}),
        ({**base, "csrf_token": ""}, {}),
        ({**base, "csrf_token": "guessed"}, {}),
        ({**base, "csrf_token": other_token}, {}),  # bound to the session, not just valid
        ({**base, "csrf_token": token}, {"Origin": "https://evil.example"}),
        ({**base, "csrf_token": token}, {"Sec-Fetch-Site": "cross-site"}),
    ):
        refused = client.post("/api-clients", data=data, headers=headers)
        assert refused.status_code == 403, (data, headers)
        assert "not sent from the console" in refused.text
    assert not _query(console_hub, "SELECT 1 FROM api_clients WHERE name = 'csrf-victim'")
    accepted = client.post(
        "/api-clients",
        data={**base, "csrf_token": token},
        headers={"Origin": console_hub.url, "Sec-Fetch-Site": "same-origin"},
    )
    assert accepted.status_code == 200
    assert _query(console_hub, "SELECT 1 FROM api_clients WHERE name = 'csrf-victim'")


def test_sign_in_form_needs_its_double_submit_token(
    console_hub: HubServer, first_admin: str
) -> None:
    with _browser(console_hub) as client:
        # Without the cookie the page set (a cross-site form post has none): refused.
        refused = client.post(
            "/sign-in",
            data={"csrf_token": "x" * 43, "email": FIRST_ADMIN, "password": PASSWORD},
        )
        assert refused.status_code == 403
        page = client.get("/sign-in")
        mismatch = client.post(
            "/sign-in",
            data={"csrf_token": "y" * 43, "email": FIRST_ADMIN, "password": PASSWORD},
        )
        assert mismatch.status_code == 403
        ok = client.post(
            "/sign-in",
            data={
                "csrf_token": csrf_token(page),
                "email": FIRST_ADMIN,
                "password": PASSWORD,
            },
        )
        assert ok.status_code == 303


def test_forms_must_be_url_encoded_and_small(console_hub: HubServer, first_admin: str) -> None:
    client = _sign_in(console_hub, FIRST_ADMIN)
    token = csrf_token(client.get("/api-clients/new"))
    as_json = client.post("/api-clients", json={"csrf_token": token, "name": "j"})
    assert as_json.status_code == 415
    huge = client.post("/api-clients", data={"csrf_token": token, "name": "n" * 70_000})
    assert huge.status_code == 413
    assert "text/html" in huge.headers["content-type"]


# -- API clients ----------------------------------------------------------------------------


def test_client_lifecycle_takes_effect_at_once(console_hub: HubServer, first_admin: str) -> None:
    client = _sign_in(console_hub, FIRST_ADMIN)

    invalid = _create_client(client, "no permissions")
    assert invalid.status_code == 400
    assert "at least one permission" in invalid.text
    nameless = _create_client(client, "   ", "read")
    assert nameless.status_code == 400

    created = _create_client(client, "pipeline", "read", "update")
    assert created.status_code == 200
    assert created.headers["cache-control"] == "no-store"
    client_id = CLIENT_ID_RE.search(created.text).group(1)  # type: ignore[union-attr]
    secret = SECRET_RE.search(created.text).group(1)  # type: ignore[union-attr]
    assert f'data-replace-url="/console/api-clients/{client_id}"' in created.text
    # Neither the client id's page nor the list ever shows the secret again.
    detail = client.get(f"/api-clients/{client_id}")
    assert detail.status_code == 200
    assert secret not in detail.text
    assert secret not in client.get("/api-clients").text
    assert _query(console_hub, "SELECT permissions FROM api_clients WHERE client_id = ?", client_id)

    # Usable at once: no waiting for the change feed.
    token_response = console_hub.request_token(Credentials(client_id, secret))
    assert token_response.status_code == 200
    assert token_response.json()["scope"] == "read:* update:*"
    token = token_response.json()["access_token"]
    assert console_hub.info(token).status_code == 200

    # Permissions change: earlier tokens refused at once.
    page = client.get(f"/api-clients/{client_id}")
    changed = client.post(
        f"/api-clients/{client_id}/permissions",
        data={"csrf_token": csrf_token(page), "permission": ["read"]},
    )
    assert changed.status_code == 303
    assert console_hub.info(token).status_code == 401
    token = console_hub.request_token(Credentials(client_id, secret)).json()["access_token"]
    assert console_hub.info(token).status_code == 200

    # Rotation with a grace period: the old secret still authenticates, tokens keep working.
    rotated = client.post(
        f"/api-clients/{client_id}/rotate", data={"csrf_token": csrf_token(page), "grace": "3600"}
    )
    assert rotated.status_code == 200
    assert rotated.headers["cache-control"] == "no-store"
    graced_secret = SECRET_RE.search(rotated.text).group(1)  # type: ignore[union-attr]
    assert console_hub.request_token(Credentials(client_id, secret)).status_code == 200
    assert console_hub.info(token).status_code == 200
    bad_grace = client.post(
        f"/api-clients/{client_id}/rotate", data={"csrf_token": csrf_token(page), "grace": "-5"}
    )
    assert bad_grace.status_code == 400
    too_long = client.post(
        f"/api-clients/{client_id}/rotate",
        data={"csrf_token": csrf_token(page), "grace": "9999999"},
    )
    assert too_long.status_code == 400
    overflow = client.post(
        f"/api-clients/{client_id}/rotate", data={"csrf_token": csrf_token(page), "grace": "9" * 40}
    )
    assert overflow.status_code == 400

    # Rotation without grace: both earlier secrets and earlier tokens stop at once.
    rotated = client.post(
        f"/api-clients/{client_id}/rotate", data={"csrf_token": csrf_token(page), "grace": "0"}
    )
    new_secret = SECRET_RE.search(rotated.text).group(1)  # type: ignore[union-attr]
    assert console_hub.request_token(Credentials(client_id, secret)).status_code == 401
    assert console_hub.request_token(Credentials(client_id, graced_secret)).status_code == 401
    assert console_hub.info(token).status_code == 401
    token = console_hub.request_token(Credentials(client_id, new_secret)).json()["access_token"]
    assert console_hub.info(token).status_code == 200

    # Revoke: the live token is refused by the very next request.
    deleted = client.post(f"/api-clients/{client_id}/delete", data={"csrf_token": csrf_token(page)})
    assert deleted.status_code == 303
    assert deleted.headers["location"] == "/console/api-clients?done=deleted"
    assert console_hub.info(token).status_code == 401
    assert console_hub.request_token(Credentials(client_id, new_secret)).status_code == 401
    assert client.get(f"/api-clients/{client_id}").status_code == 404

    # The audit trail names who did what.
    audit = client.get("/audit")
    assert audit.status_code == 200
    for action in (
        "Created API client",
        "Changed permissions",
        "Rotated secret",
        "Revoked and deleted API client",
    ):
        assert action in audit.text
    assert FIRST_ADMIN in audit.text
    assert secret not in audit.text and new_secret not in audit.text


def test_token_counts_show_in_the_audit_trail(console_hub: HubServer, first_admin: str) -> None:
    client = _sign_in(console_hub, FIRST_ADMIN)
    created = _create_client(client, "counted", "read")
    client_id = CLIENT_ID_RE.search(created.text).group(1)  # type: ignore[union-attr]
    secret = SECRET_RE.search(created.text).group(1)  # type: ignore[union-attr]
    for _ in range(3):
        assert console_hub.request_token(Credentials(client_id, secret)).status_code == 200
    audit = client.get("/audit")
    row = re.search(
        rf"<code>{re.escape(client_id)}</code></td>\s*<td[^>]*class=\"num\">(\d+)</td>",
        audit.text,
    )
    assert row is not None, audit.text
    assert row.group(1) == "3"


def test_clients_of_other_organizations_are_invisible(
    console_hub: HubServer, first_admin: str
) -> None:
    org = admin_cli(console_hub, "orgs", "create", "Elsewhere").stdout.strip()
    made = admin_cli(
        *(console_hub, "clients", "create", "--name", "foreign", "--permission", "read"),
        *("--org", org, "--json"),
    )
    foreign = Credentials(**json.loads(made.stdout))
    client = _sign_in(console_hub, FIRST_ADMIN)
    assert foreign.client_id not in client.get("/api-clients").text
    assert client.get(f"/api-clients/{foreign.client_id}").status_code == 404
    page = client.get("/api-clients/new")
    refused = client.post(
        f"/api-clients/{foreign.client_id}/delete", data={"csrf_token": csrf_token(page)}
    )
    assert refused.status_code == 404
    assert _query(console_hub, "SELECT 1 FROM api_clients WHERE client_id = ?", foreign.client_id)


def test_security_headers(console_hub: HubServer, first_admin: str) -> None:
    with _browser(console_hub) as client:
        page = client.get("/sign-in")
        assert page.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-frame-options"] == "DENY"
        assert page.headers["referrer-policy"] == "same-origin"
        css = client.get("/static/console.css")
        assert css.status_code == 200
        assert "no-store" not in css.headers.get("cache-control", "")
        missing = client.get("/no-such-page")
        assert missing.status_code == 404
        assert "text/html" in missing.headers["content-type"]


# -- admins ---------------------------------------------------------------------------------


def test_invitations_and_removing_admins(console_hub: HubServer, first_admin: str) -> None:
    client = _sign_in(console_hub, FIRST_ADMIN)
    page = client.get("/admins")
    invited = client.post(
        "/admins/invite", data={"csrf_token": csrf_token(page), "email": "Invitee@Example.com"}
    )
    assert invited.status_code == 200
    assert invited.headers["cache-control"] == "no-store"
    link = re.search(r'<code id="invite-link"[^>]*>([^<]+)</code>', invited.text).group(1)  # type: ignore[union-attr]
    token = link.split("#", 1)[1]
    duplicate = client.post(
        "/admins/invite", data={"csrf_token": csrf_token(page), "email": FIRST_ADMIN}
    )
    assert duplicate.status_code == 409

    invitee = _browser(console_hub)
    form = {
        "csrf_token": csrf_token(invitee.get("/setup")),
        "token": token,
        "email": "someone-else@example.com",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
    }
    wrong_person = invitee.post("/setup", data=form)
    assert wrong_person.status_code == 400
    accepted = invitee.post("/setup", data={**form, "email": "invitee@example.com"})
    assert accepted.status_code == 303
    assert invitee.get("/admins").status_code == 200

    # Removing an admin ends their sessions at once.
    removed = client.post(
        "/admins/remove", data={"csrf_token": csrf_token(page), "email": "invitee@example.com"}
    )
    assert removed.status_code == 303
    assert invitee.get("/admins").status_code == 303
    unknown = client.post(
        "/admins/remove", data={"csrf_token": csrf_token(page), "email": "ghost@example.com"}
    )
    assert unknown.status_code == 404


def test_the_last_admin_stays(console_hub: HubServer, first_admin: str) -> None:
    # An organization of its own, whose only admin comes from the CLI.
    org = admin_cli(console_hub, "orgs", "create", "Solo").stdout.strip()
    created = admin_cli(
        console_hub,
        *("admins", "create", "--email", "Only@Example.com", "--org", org, "--password-stdin"),
        stdin=PASSWORD + "\n",
    )
    assert created.exit_code == 0, created.output
    assert PASSWORD not in created.output
    client = _sign_in(console_hub, "only@example.com")
    page = client.get("/admins")
    assert FIRST_ADMIN not in page.text  # another organization's admin
    refused = client.post(
        "/admins/remove", data={"csrf_token": csrf_token(page), "email": "only@example.com"}
    )
    assert refused.status_code == 409
    assert "at least one admin" in refused.text
    other_org = client.post(
        "/admins/remove", data={"csrf_token": csrf_token(page), "email": FIRST_ADMIN}
    )
    assert other_org.status_code == 404
    cli = admin_cli(console_hub, "admins", "remove", "only@example.com")
    assert cli.exit_code == 2
    assert "at least one admin" in cli.output

    listed = json.loads(admin_cli(console_hub, "admins", "list", "--json").stdout)
    assert [row["email"] for row in listed if row["organization_id"] == org] == ["only@example.com"]
    assert "argon2" not in json.dumps(listed)
    assert admin_cli(console_hub, "admins", "invite", "--org", org).exit_code == 2
    invitation = admin_cli(
        console_hub, "admins", "invite", "--org", org, "--email", "next@example.com"
    ).stdout
    assert re.fullmatch(r"http://\S+/console/setup#[\w-]{43}\n", invitation)


def _attempt_from(server: HubServer, address: str, email: str, password: str) -> httpx.Response:
    # Any 127.x.y.z address reaches the server over loopback: a client "address" of our own,
    # so these failures do not throttle the other tests' sign-ins.
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=f"{server.url}/console", transport=transport) as client:
        page = client.get("/sign-in")
        return client.post(
            "/sign-in", data={"csrf_token": csrf_token(page), "email": email, "password": password}
        )


def test_sign_in_throttling(console_hub: HubServer, first_admin: str) -> None:
    _new_admin(console_hub, "throttled@example.com")
    address = "127.0.0.7"

    def attempt(email: str, password: str) -> httpx.Response:
        return _attempt_from(console_hub, address, email, password)

    # Per account and address: three free failures, then 2, 4, 8 … seconds during which even
    # the right password is not looked at.
    for _ in range(4):
        assert attempt("throttled@example.com", "wrong password!").status_code == 401
    locked = attempt("throttled@example.com", PASSWORD)
    assert locked.status_code == 429
    wait = int(locked.headers["retry-after"])
    assert 1 <= wait <= 2
    assert "Too many failed sign-ins" in locked.text
    # The lock is on the failing address only: the admin signs in from another one (an
    # attacker who knows the e-mail cannot lock the admin out).
    assert _attempt(console_hub, "throttled@example.com", PASSWORD).status_code == 303
    # Unknown accounts are throttled the same way (nothing to learn from the difference).
    for _ in range(4):
        assert attempt("ghost@example.com", "wrong password!").status_code == 401
    assert attempt("ghost@example.com", "wrong password!").status_code == 429
    time.sleep(wait + 0.2)
    assert attempt("throttled@example.com", PASSWORD).status_code == 303
    # A success starts the account afresh.
    assert attempt("throttled@example.com", "wrong password!").status_code == 401

    # Per address: after ten failures from one address, even fresh accounts wait. (So far this
    # address failed 9 times and succeeded once, which gave its attempt back: 9 counted.)
    for index in range(2):
        assert attempt(f"spray{index}@example.com", "x" * 12).status_code == 401
    sprayed = attempt("spray-next@example.com", "x" * 12)
    assert sprayed.status_code == 429
    assert "retry-after" in sprayed.headers
    # Other addresses are not affected.
    assert _attempt(console_hub, "spray-next@example.com", "x" * 12).status_code == 401


def test_cookies_are_secure_and_host_only_behind_an_https_issuer(tmp_path: Path) -> None:
    with HubServer(tmp_path, args=["--issuer", "https://hub.example"]) as server:
        _link, token = printed_setup_link(server)
        assert _link.startswith("https://hub.example/console/setup#")
        with _browser(server) as client:
            page = client.get("/setup")
            csrf_cookie = page.headers["set-cookie"]
            assert csrf_cookie.startswith("__Host-camunda-hub-csrf=")
            assert "secure" in csrf_cookie.lower()
            assert "samesite=strict" in csrf_cookie.lower()
            # httpx (rightly) keeps Secure cookies off plain HTTP: send it by hand, as a
            # browser talking HTTPS to a TLS-terminating proxy would.
            done = client.post(
                "/setup",
                data={
                    "csrf_token": csrf_token(page),
                    "token": token,
                    "email": "tls@example.com",
                    "password": PASSWORD,
                    "password_confirm": PASSWORD,
                },
                headers={
                    "Cookie": f"__Host-camunda-hub-csrf={csrf_token(page)}",
                    "Origin": "https://hub.example",
                },
            )
            assert done.status_code == 303, done.text
            session_cookie = next(
                value
                for name, value in done.headers.multi_items()
                if name == "set-cookie" and value.startswith("__Host-camunda-hub-console=")
            ).lower()
            for attribute in ("secure", "httponly", "samesite=lax", "path=/"):
                assert attribute in session_cookie
            assert "domain=" not in session_cookie


def test_changing_the_password_ends_other_sessions(
    console_hub: HubServer, first_admin: str
) -> None:
    _new_admin(console_hub, "changer@example.com")
    client = _sign_in(console_hub, "changer@example.com")
    elsewhere = _sign_in(console_hub, "changer@example.com")
    page = client.get("/account/password")
    assert page.status_code == 200
    new_password = "an entirely new passphrase"
    form = {
        "csrf_token": csrf_token(page),
        "current": PASSWORD,
        "password": new_password,
        "password_confirm": new_password,
    }
    wrong = client.post("/account/password", data={**form, "current": "not my password"})
    assert wrong.status_code == 400
    short = client.post(
        "/account/password", data={**form, "password": "short", "password_confirm": "short"}
    )
    assert short.status_code == 400
    changed = client.post("/account/password", data=form)
    assert changed.status_code == 303
    assert client.get("/api-clients").status_code == 200
    assert elsewhere.get("/api-clients").status_code == 303
    assert _attempt(console_hub, "changer@example.com", PASSWORD).status_code == 401
    assert _attempt(console_hub, "changer@example.com", new_password).status_code == 303


def test_older_password_hashes_are_upgraded_on_sign_in(
    console_hub: HubServer, first_admin: str
) -> None:
    from argon2 import PasswordHasher

    _new_admin(console_hub, "legacy@example.com")
    heavier = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(PASSWORD)
    with sqlite3.connect(_database(console_hub)) as db:
        db.execute(
            "UPDATE console_admins SET password_hash = ? WHERE email = ?",
            (heavier, "legacy@example.com"),
        )
    _sign_in(console_hub, "legacy@example.com").close()
    [(stored,)] = _query(
        console_hub,
        "SELECT password_hash FROM console_admins WHERE email = ?",
        "legacy@example.com",
    )
    assert str(stored).startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    _sign_in(console_hub, "legacy@example.com").close()


@pytest.mark.postgres
def test_console_on_postgresql(pg_hub: HubServer) -> None:
    _link, token = printed_setup_link(pg_hub)
    with _browser(pg_hub) as client:
        done = client.post(
            "/setup",
            data={
                "csrf_token": csrf_token(client.get("/setup")),
                "token": token,
                "email": "pg@example.com",
                "password": PASSWORD,
                "password_confirm": PASSWORD,
            },
        )
        assert done.status_code == 303, done.text
        created = _create_client(client, "on postgres", "read", "delete")
        assert created.status_code == 200
        client_id = CLIENT_ID_RE.search(created.text).group(1)  # type: ignore[union-attr]
        secret = SECRET_RE.search(created.text).group(1)  # type: ignore[union-attr]
        issued = pg_hub.request_token(Credentials(client_id, secret))
        assert issued.status_code == 200
        access = issued.json()["access_token"]
        page = client.get(f"/api-clients/{client_id}")
        assert (
            client.post(
                f"/api-clients/{client_id}/delete", data={"csrf_token": csrf_token(page)}
            ).status_code
            == 303
        )
        assert pg_hub.info(access).status_code == 401
        refused = client.post(
            "/admins/remove", data={"csrf_token": csrf_token(page), "email": "pg@example.com"}
        )
        assert refused.status_code == 409
        assert "Revoked and deleted API client" in client.get("/audit").text
    assert _attempt(pg_hub, "pg@example.com", "wrong password!").status_code == 401
