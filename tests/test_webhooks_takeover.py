"""A server process killed in the middle of a webhook delivery: another process (here a new
one on the same SQLite database) delivers the event once the dead one's lease runs out.
Slow (the lease is at least the 10 s receiver timeout plus 5 s)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.server import ALL_PERMISSIONS, HubServer

pytestmark = pytest.mark.slow

ENV = {
    "CAMUNDA_HUB_OUTBOUND_ALLOW": "127.0.0.1/32",
    "CAMUNDA_HUB_WEBHOOK_RETRY_SCALE": "0.002",
    "CAMUNDA_HUB_ACCESS_LOG": "false",
}


def test_a_killed_process_leaves_the_delivery_to_another(tmp_path: Path) -> None:
    received: list[str] = []
    first_arrived = threading.Event()
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            received.append(self.headers["webhook-id"])
            if len(received) == 1:
                first_arrived.set()
                release.wait(30)  # the sender dies while waiting for this answer
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.daemon_threads = True
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    first = HubServer(tmp_path, env=ENV).start()
    second: HubServer | None = None
    try:
        creds = first.create_client(*ALL_PERMISSIONS, name="takeover")
        with first.api(creds) as api:
            assert api.post("/webhooks", json={"url": url}).status_code == 200
            assert api.post("/workspaces", json={"name": "in flight"}).status_code == 200
        assert first_arrived.wait(20)
        first.kill()
        release.set()
        second = HubServer(tmp_path, env=ENV).start()
        deadline = time.monotonic() + 40
        while len(received) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        # The same message again (same webhook-id), now from the second process.
        assert len(received) == 2 and received[0] == received[1]
        with second.api(creds) as api:
            hooks = api.post("/webhooks/search").json()["items"]
            assert hooks[0]["lastStatusCode"] == 200
    finally:
        release.set()
        if second is not None:
            second.stop()
        first.stop()
        receiver.shutdown()
        receiver.server_close()
