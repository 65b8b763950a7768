"""A real HTTP server on 127.0.0.1 that sends the test lines exactly, for network clients."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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
