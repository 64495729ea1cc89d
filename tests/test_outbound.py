"""The outbound-call module (server/outbound/): which addresses are refused, that the connection
goes to the address that was checked, and the bounds on what is sent and read. In-process, with
a real HTTP receiver on 127.0.0.1 for the calls that are allowed."""

from __future__ import annotations

import contextlib
import ipaddress
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from camunda_hub.server.outbound import AddressPolicy, Refused, Unreachable, send
from camunda_hub.server.outbound.policy import IPAddress, UrlRefused
from camunda_hub.server.settings import Settings

LOCAL = AddressPolicy.parse(["127.0.0.1/32"])
NOTHING_ALLOWED = AddressPolicy.parse([])


@dataclass
class Receiver:
    port: int = 0
    status: int = 200
    body: bytes = b"ok"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    seen: list[dict[str, Any]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.seen.append({"path": self.path, "host": self.headers.get("Host")})
            time.sleep(state.delay)
            self.send_response(state.status)
            for name, value in state.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            # The client may stop reading: the point of the body cap.
            with contextlib.suppress(OSError):
                self.wfile.write(state.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def fresh(receiver: Receiver) -> Receiver:
    receiver.status, receiver.body, receiver.delay = 200, b"ok", 0.0
    receiver.headers = {}
    receiver.seen.clear()
    return receiver


def resolving_to(*addresses: str) -> Any:
    calls: list[str] = []

    async def resolve(host: str, port: int) -> list[IPAddress]:
        calls.append(host)
        return [ipaddress.ip_address(address) for address in addresses]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


FORBIDDEN = [
    "127.0.0.1",
    "127.8.9.10",
    "::1",
    "169.254.169.254",
    "169.254.0.1",
    "fe80::1",
    "0.0.0.0",
    "::",
    "224.0.0.1",
    "ff02::1",
    "255.255.255.255",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "::169.254.169.254",  # IPv4-compatible
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "fd00:ec2::254",  # AWS metadata over IPv6
]


@pytest.mark.parametrize("address", FORBIDDEN)
def test_each_forbidden_address_class_is_refused(address: str) -> None:
    with pytest.raises(UrlRefused):
        NOTHING_ALLOWED.check("h.example", [ipaddress.ip_address(address)])


@pytest.mark.parametrize("address", ["10.0.0.7", "192.168.1.2", "8.8.8.8", "2001:db8::5"])
def test_private_and_public_addresses_are_allowed(address: str) -> None:
    NOTHING_ALLOWED.check("h.example", [ipaddress.ip_address(address)])


def test_one_forbidden_address_among_several_refuses_the_name() -> None:
    with pytest.raises(UrlRefused, match=r"169\.254\.169\.254"):
        NOTHING_ALLOWED.check(
            "h.example", [ipaddress.ip_address("10.0.0.7"), ipaddress.ip_address("169.254.169.254")]
        )


def test_the_allow_list_takes_cidrs_and_host_names() -> None:
    policy = AddressPolicy.parse(["127.0.0.0/8", " hooks.internal. ", "::1"])
    policy.check("x", [ipaddress.ip_address("127.3.2.1")])
    policy.check("x", [ipaddress.ip_address("::1")])
    policy.check("HOOKS.internal", [ipaddress.ip_address("169.254.169.254")])
    with pytest.raises(UrlRefused):
        policy.check("x", [ipaddress.ip_address("169.254.169.254")])
    with pytest.raises(ValueError, match="neither"):
        AddressPolicy.parse(["not a host"])


def test_the_setting_is_comma_separated_and_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_HUB_OUTBOUND_ALLOW", "127.0.0.1/32, hooks.internal")
    assert Settings().outbound_allow == ["127.0.0.1/32", "hooks.internal"]
    monkeypatch.setenv("CAMUNDA_HUB_OUTBOUND_ALLOW", "10.0.0.0/8,bad host")
    with pytest.raises(ValueError):
        Settings()


async def test_a_refused_address_is_never_connected_to(fresh: Receiver) -> None:
    for url in (
        fresh.url,
        f"http://[::ffff:127.0.0.1]:{fresh.port}",
        f"http://localhost:{fresh.port}",
    ):
        with pytest.raises(Refused):
            await send("GET", url, policy=NOTHING_ALLOWED, timeout=2)
    assert fresh.seen == []


async def test_the_connection_goes_to_the_checked_address(fresh: Receiver) -> None:
    """DNS rebinding: the name is resolved once, and the request goes to that address with
    the name as Host. A second resolution (which a rebinding server would answer with another
    address) never happens; the name does not even exist in real DNS."""
    resolve = resolving_to("127.0.0.1")
    response = await send(
        "GET", f"http://rebind.invalid:{fresh.port}/p", policy=LOCAL, timeout=2, resolve=resolve
    )
    assert response.status == 200
    assert resolve.calls == ["rebind.invalid"]
    assert fresh.seen == [{"path": "/p", "host": f"rebind.invalid:{fresh.port}"}]


async def test_a_name_resolving_to_a_forbidden_address_is_refused(fresh: Receiver) -> None:
    resolve = resolving_to("169.254.169.254")
    with pytest.raises(Refused, match="link-local"):
        await send("GET", "http://metadata.invalid/", policy=LOCAL, timeout=2, resolve=resolve)


async def test_redirects_are_not_followed(fresh: Receiver) -> None:
    fresh.status, fresh.headers = 302, {"Location": fresh.url + "/elsewhere"}
    response = await send("GET", fresh.url + "/start", policy=LOCAL, timeout=2)
    assert response.status == 302
    assert [seen["path"] for seen in fresh.seen] == ["/start"]


async def test_at_most_64_kib_of_the_answer_are_read(fresh: Receiver) -> None:
    fresh.body = b"x" * (1024 * 1024)
    response = await send("GET", fresh.url, policy=LOCAL, timeout=5)
    assert response.truncated
    assert len(response.body) == 64 * 1024
    fresh.body = b"y" * 1000
    response = await send("GET", fresh.url, policy=LOCAL, timeout=5)
    assert not response.truncated and response.body == fresh.body


async def test_query_and_fragment_of_the_url_are_not_sent(fresh: Receiver) -> None:
    await send("GET", fresh.url + "/m?token=leak#frag", policy=LOCAL, timeout=2, params={"a": "1"})
    await send("GET", fresh.url + "/k?kept=1#frag", policy=LOCAL, timeout=2, keep_query=True)
    assert [seen["path"] for seen in fresh.seen] == ["/m?a=1", "/k?kept=1"]


async def test_a_slow_receiver_is_given_up_on(fresh: Receiver) -> None:
    fresh.delay = 2.0
    started = time.monotonic()
    with pytest.raises(Unreachable, match="did not answer"):
        await send("GET", fresh.url, policy=LOCAL, timeout=0.3)
    assert time.monotonic() - started < 1.5


async def test_a_closed_port_is_unreachable_without_details() -> None:
    with pytest.raises(Unreachable) as caught:
        await send("GET", "http://127.0.0.1:9/", policy=LOCAL, timeout=2)
    assert "127.0.0.1" in caught.value.reason


async def test_https_is_required_unless_the_operator_allowed_the_host(fresh: Receiver) -> None:
    public = resolving_to("10.9.8.7")
    with pytest.raises(Refused, match="https"):
        await send(
            "GET",
            "http://hooks.example/",
            policy=LOCAL,
            timeout=2,
            require_https=True,
            resolve=public,
        )
    # Allowed by CIDR or by name: plain http is accepted.
    response = await send("GET", fresh.url, policy=LOCAL, timeout=2, require_https=True)
    assert response.status == 200
    by_name = AddressPolicy.parse(["hooks.internal"])
    response = await send(
        "GET",
        f"http://hooks.internal:{fresh.port}/",
        policy=by_name,
        timeout=2,
        require_https=True,
        resolve=resolving_to("127.0.0.1"),
    )
    assert response.status == 200


@pytest.mark.parametrize(
    "url", ["ftp://h.example/", "http:///nohost", "http://user:pw@h.example/", "not a url"]
)
async def test_unusable_urls_are_refused(url: str) -> None:
    with pytest.raises(Refused):
        await send("GET", url, policy=LOCAL, timeout=2, resolve=resolving_to("10.0.0.1"))
