"""``camunda-hub serve`` builds its app with the cyclic garbage collector off, and turns it back
on when the server has started (or ``serve`` ends)."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from camunda_hub.cli import serve


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_off_while_building_on_once_started() -> None:
    gc.enable()
    with serve._collector_off_until_started() as started:
        assert not gc.isenabled()
        started()
        assert gc.isenabled()
    assert gc.isenabled()


def test_back_on_when_serve_fails_before_starting() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), serve._collector_off_until_started():
        assert not gc.isenabled()
        raise RuntimeError("the store did not open")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    with serve._collector_off_until_started() as started:
        started()
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_banner_turns_it_on_before_it_announces(monkeypatch: pytest.MonkeyPatch) -> None:
    printed_before: list[str] = []
    out = io.StringIO()
    monkeypatch.setattr(serve.sys, "stdout", out)
    monkeypatch.setattr("camunda_hub.server.console.take_setup_link", lambda runtime: None)
    settings = SimpleNamespace(
        listen_url="http://127.0.0.1:1", embedded=False, default_audience="a"
    )
    runtime = SimpleNamespace(issuer="http://127.0.0.1:1", bootstrap_credentials=None)
    announce = serve._banner(settings, before=lambda: printed_before.append(out.getvalue()))  # type: ignore[arg-type]
    announce(runtime)  # type: ignore[operator]
    assert printed_before == [""]
    assert out.getvalue().startswith("camunda-hub listening on http://127.0.0.1:1\n")
