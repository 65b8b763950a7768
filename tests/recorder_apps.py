"""Real apps and live servers shared by the recorder and client tests.

Every app answers the same login flow: ``POST /login`` is a 302 to ``/home`` that sets the
session cookie (the hop that matters), ``/home`` sets a second cookie.
"""

from __future__ import annotations

import socket
import threading
import wsgiref.simple_server
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

SESSION_LINE = "session=s3cr3t-v4lue; Path=/; HttpOnly"
HOME_LINE = "seen=1; Path=/"
SECRET = "s3cr3t-v4lue"


def flask_app() -> Any:
    import flask

    app = flask.Flask("recorder_flask")

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        response = flask.redirect("/home")
        response.headers.add("Set-Cookie", SESSION_LINE)
        return response

    @app.route("/home", methods=["GET", "POST"])
    def home() -> Any:
        response = flask.make_response("home")
        response.headers.add("Set-Cookie", HOME_LINE)
        return response

    @app.route("/plain")
    def plain() -> str:
        return "no cookies"

    return app


def wsgi_login_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """A bare WSGI app: the same flow, with a leading space in one value as Django sends it."""
    path = environ.get("PATH_INFO", "/")
    if path == "/login":
        start_response("302 Found", [("Location", "/home"), ("Set-Cookie", " " + SESSION_LINE)])
    elif path == "/home":
        start_response("200 OK", [("Content-Type", "text/plain"), ("set-cookie", HOME_LINE)])
    else:
        start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


async def asgi_login_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """A bare ASGI app: mixed-case header names (as Django) and list items (allowed by ASGI)."""
    assert scope["type"] == "http"
    if scope["path"] == "/login":
        headers: list[Any] = [[b"location", b"/home"], (b"Set-Cookie", SESSION_LINE.encode())]
        status = 302
    else:
        headers, status = [(b"SET-COOKIE", HOME_LINE.encode())], 200
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"ok"})


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def live_wsgi_server(app: Callable[..., Any]) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 in a thread; yields the base URL."""
    server = wsgiref.simple_server.make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def sources(recorder: Any) -> list[tuple[str, str]]:
    """(source, line) of every recorded line: what the tests compare."""
    return [(line.source, line.line) for line in recorder.lines]
