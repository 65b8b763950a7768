"""The cookie lines every test app sends, and small real apps that send them exactly.

``/cookies`` answers with LINES (a comma inside Expires, two cookies named ``a`` with
different paths); ``/redirect`` is a 302 to ``/cookies`` that sets REDIRECT_LINE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

L1 = "a=1; Expires=Thu, 01 Jan 2037 00:00:00 GMT; Path=/; HttpOnly"
L2 = "b=2; Path=/; Secure; SameSite=Lax"
L3 = "a=3; Path=/sub"
LINES = [L1, L2, L3]
REDIRECT_LINE = "r=1; Path=/; HttpOnly"
DATE = "Sun, 06 Nov 1994 08:49:37 GMT"

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def wsgi_app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """A bare WSGI app: the raw lines go straight into start_response."""
    if environ["PATH_INFO"] == "/redirect":
        start_response(
            "302 Found",
            [
                ("Location", "/cookies"),
                ("Set-Cookie", REDIRECT_LINE),
                ("Content-Type", "text/plain"),
            ],
        )
        return [b""]
    headers = [("Content-Type", "text/plain"), ("Date", DATE), ("Content-Length", "2")]
    start_response("200 OK", headers + [("Set-Cookie", line) for line in LINES])
    return [b"ok"]


async def asgi_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """A bare ASGI app, the same answers as ``wsgi_app``."""
    if scope["type"] == "lifespan":
        await lifespan(receive, send)
        return
    if scope["path"] == "/redirect":
        headers = [(b"location", b"/cookies"), (b"set-cookie", REDIRECT_LINE.encode())]
        status, body = 302, b""
    else:
        headers = [(b"content-type", b"text/plain"), (b"date", DATE.encode())]
        headers += [(b"set-cookie", line.encode()) for line in LINES]
        status, body = 200, b"ok"
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def lifespan(receive: Any, send: Any) -> None:
    while True:
        message = await receive()
        phase = message["type"].rpartition(".")[2]  # "startup" or "shutdown"
        await send({"type": f"lifespan.{phase}.complete"})
        if phase == "shutdown":
            return


def flask_session_line(**config: object) -> str:
    """The Set-Cookie line of a real Flask app's session after a login, with ``config`` set."""
    import flask

    app = flask.Flask(__name__)
    app.secret_key = "test"
    app.config.update(config)

    @app.route("/login")  # type: ignore[untyped-decorator]
    def login() -> str:
        flask.session["user_id"] = 1
        return "ok"

    [line] = app.test_client().get("/login").headers.getlist("Set-Cookie")
    return str(line)
