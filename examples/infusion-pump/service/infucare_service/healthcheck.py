# @unit SU-SVC
# @untraced Deployment tooling: container liveness probe with no device, therapy or patient function (SDD section 9.1).
"""Liveness probe for the container orchestrator.

The API listens on TLS only. Liveness is answered by a second listener bound
to the loopback interface, so the probe needs no certificate or credential
and its traffic never leaves the container.
"""
from __future__ import annotations

import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIVENESS_PORT = 8081


class _LivenessHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        code = 200 if self.path == "/healthz" else 404
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Probes every 10 s would drown the service log."""


def start_liveness_listener() -> ThreadingHTTPServer:
    """Serve /healthz on 127.0.0.1 from a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", LIVENESS_PORT), _LivenessHandler)
    threading.Thread(target=server.serve_forever, name="liveness", daemon=True).start()
    return server


def probe(timeout: float = 2.0) -> int:
    """Exit status for the container HEALTHCHECK: 0 healthy, 1 not."""
    try:
        # medtrace-ignore crypto/cleartext-transport: loopback-only liveness probe inside the container, carries no data.
        with urllib.request.urlopen("http://127.0.0.1:8081/healthz", timeout=timeout) as response:
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(probe())
