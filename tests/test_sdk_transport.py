"""TLS with a custom CA bundle and a client certificate (mTLS), and proxies from the
environment, for the token request and the API calls alike."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from camunda_hub.client import HubClient, HubConfig, RetryPolicy, TokenEndpointUnavailable
from camunda_hub.client.tokens import clear_token_caches
from tests.support.fake_hub import FakeHub

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)


@dataclass
class Pki:
    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> Path:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def _issue(
    name: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Name,
    signer: ec.EllipticCurvePrivateKey,
    *,
    ca: bool = False,
    ip: str | None = None,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ip:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(ip))]), critical=False
        )
    return builder.sign(signer, hashes.SHA256())


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    folder = tmp_path_factory.mktemp("pki")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test CA")])
    ca = _issue("test CA", ca_key, ca_name, ca_key, ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    client_key = ec.generate_private_key(ec.SECP256R1())
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
    (folder / "server.pem").write_bytes(
        _issue("127.0.0.1", server_key, ca_name, ca_key, ip="127.0.0.1").public_bytes(pem)
    )
    (folder / "client.pem").write_bytes(
        _issue("sdk client", client_key, ca_name, ca_key).public_bytes(pem)
    )
    return Pki(
        ca=folder / "ca.pem",
        server_cert=folder / "server.pem",
        server_key=_write_key(folder / "server.key", server_key),
        client_cert=folder / "client.pem",
        client_key=_write_key(folder / "client.key", client_key),
    )


@pytest.fixture
def mtls_hub(pki: Pki) -> Iterator[FakeHub]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki.server_cert, pki.server_key)
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(pki.ca)
    clear_token_caches()
    with FakeHub(tls=context) as fake:
        yield fake
    clear_token_caches()


def _config(fake: FakeHub, **tls: Path) -> HubConfig:
    return HubConfig.resolve(
        client_id="tls-client",
        client_secret="tls-secret-0123456789",
        oauth_url=fake.token_url,
        rest_url=fake.url,
        env={},
        **tls,  # type: ignore[arg-type]
    )


def test_mtls_with_custom_ca_for_token_and_api(mtls_hub: FakeHub, pki: Pki) -> None:
    config = _config(
        mtls_hub, ca_bundle=pki.ca, client_cert=pki.client_cert, client_key=pki.client_key
    )
    with HubClient(config=config) as client:
        assert client.info().version == "v2"
    assert mtls_hub.url.startswith("https://")
    assert len(mtls_hub.token_requests()) == 1 and len(mtls_hub.api_requests()) == 1


def test_the_ca_bundle_and_certificate_come_from_the_environment(
    mtls_hub: FakeHub, pki: Pki
) -> None:
    env = {
        "CAMUNDA_HUB_CLIENT_ID": "tls-client",
        "CAMUNDA_HUB_CLIENT_SECRET": "tls-secret-0123456789",
        "CAMUNDA_OAUTH_URL": mtls_hub.token_url,
        "CAMUNDA_HUB_REST_URL": mtls_hub.url,
        "CAMUNDA_HUB_CA_BUNDLE": str(pki.ca),
        "CAMUNDA_HUB_CLIENT_CERT": str(pki.client_cert),
        "CAMUNDA_HUB_CLIENT_KEY": str(pki.client_key),
    }
    with HubClient(config=HubConfig.resolve(env=env)) as client:
        assert client.info().version == "v2"


def test_an_unknown_ca_fails_at_once_naming_the_setting(mtls_hub: FakeHub, pki: Pki) -> None:
    config = _config(mtls_hub, client_cert=pki.client_cert, client_key=pki.client_key)
    with (
        HubClient(config=config, retry=FAST) as client,
        pytest.raises(TokenEndpointUnavailable) as caught,
    ):
        client.info()
    assert "CAMUNDA_HUB_CA_BUNDLE" in str(caught.value)
    assert caught.value.attempts == 1
    assert mtls_hub.api_requests() == []


def test_without_the_client_certificate_the_server_refuses(mtls_hub: FakeHub, pki: Pki) -> None:
    config = _config(mtls_hub, ca_bundle=pki.ca)
    with HubClient(config=config, retry=FAST) as client, pytest.raises(TokenEndpointUnavailable):
        client.info()
    assert mtls_hub.requests == []


def test_proxies_from_the_environment_carry_token_and_api_requests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clear_token_caches()
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    with FakeHub() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        config = HubConfig.resolve(
            client_id="proxied",
            client_secret="proxied-secret-123",
            oauth_url="http://issuer.example.invalid/oauth/token",
            rest_url="http://hub.example.invalid",
            env={},
        )
        with HubClient(config=config) as client:
            assert client.info().version == "v2"
        urls = [r.proxied_url for r in proxy.requests]
    assert urls == [
        "http://issuer.example.invalid/oauth/token",
        "http://hub.example.invalid/api/v2/info",
    ]
    clear_token_caches()
