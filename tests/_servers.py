"""Real HTTP servers on 127.0.0.1: one that sends the test lines exactly, for network clients,
and uvicorn serving an ASGI app."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests._apps import DATE, LINES, REDIRECT_LINE


class CookieHandler(BaseHTTPRequestHandler):
    """``/cookies``: LINES and a fixed Date; ``/redirect``: a 302 to it with REDIRECT_LINE."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        if self.path == "/redirect":
            self._answer(302, [("Location", "/cookies"), ("Set-Cookie", REDIRECT_LINE)])
        else:
            self._answer(200, [("Set-Cookie", line) for line in LINES])

    def _answer(self, status: int, headers: list[tuple[str, str]]) -> None:
        self.send_response_only(status)
        self.send_header("Date", DATE)
        self.send_header("Content-Length", "0")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


@pytest.fixture(scope="module")
def cookie_server() -> Iterator[str]:
    """The base URL of a CookieHandler server on 127.0.0.1 (port chosen by the OS)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), CookieHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def live_asgi_server(app: Any) -> Iterator[str]:
    """Serve the ASGI ``app`` with uvicorn on 127.0.0.1 in a thread; yields the base URL."""
    uvicorn = pytest.importorskip("uvicorn")
    with socket.socket() as sock:  # a free port: uvicorn.Server does not report its own
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started and thread.is_alive():
            time.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
