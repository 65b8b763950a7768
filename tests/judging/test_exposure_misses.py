"""SC019's former misses, on real apps: a token in a UTF-16/UTF-32 body, in a URL whose
percent-escapes mix hex cases (found, and scrubbed from the shown request), and in the bodies
of Tornado's and Quart's responses."""

from __future__ import annotations

import asyncio
import json
import struct
from typing import Any
from urllib.parse import quote

import flask
import pytest

from pytest_securecookie import CookiePolicy
from pytest_securecookie.capturing.recorder import CookieRecorder
from pytest_securecookie.judging.recorded import Verdict, judge

TOKEN = "Zq9/exposed+token=4f1c-77a0"  # percent-encoding changes it: "/", "+", "="
PLAIN_TOKEN = "eyJzdWIiOiJhbm4ifQ.Zq9-77a0d3-5c1e"  # no encoding changes it
HARDENED: dict[str, Any] = {"secure": True, "httponly": True, "samesite": "Lax"}
# quote(safe="") writes %2F %2B %3D; an encoder may lower some of them and not others.
MIXED = quote(TOKEN, safe="").replace("%2B", "%2b").replace("%3D", "%3d")

pytestmark = pytest.mark.usefixtures("originals")


def sc019(judged: Verdict) -> list[str]:
    return [f.problem for line in judged.lines for f in line.findings if f.rule == "SC019"]


def _flask_app(body: bytes, content_type: str) -> flask.Flask:
    app = flask.Flask(__name__)

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.make_response(body)
        response.headers["Content-Type"] = content_type
        response.set_cookie("session", PLAIN_TOKEN, **HARDENED)
        return response

    return app


def _flask_verdict(app: flask.Flask, *paths: str) -> Verdict:
    client = app.test_client()
    with CookieRecorder(keep_responses=True) as recorder:
        for path in paths:
            response = client.post(path) if path == "/login" else client.get(path)
            response.get_data()
    return judge(recorder.lines, CookiePolicy(), seen=recorder.seen)


IN_LOGIN_BODY = ("'session' is sent outside Set-Cookie: in the body of "
                 "POST http://localhost/login (flask)")  # fmt: skip
JSON_TEXT = json.dumps({"user": "ann", "access_token": PLAIN_TOKEN})
WIDE_BODIES = {
    "utf-16 with a BOM": (JSON_TEXT.encode("utf-16"), "application/json"),
    "utf-16-le, no BOM": (JSON_TEXT.encode("utf-16-le"), "application/json"),
    "utf-16-be, no BOM": (JSON_TEXT.encode("utf-16-be"), "application/json"),
    "utf-32 with a BOM": (JSON_TEXT.encode("utf-32"), "application/json"),
    "utf-32-le, no BOM": (JSON_TEXT.encode("utf-32-le"), "application/json"),
    # A first character outside ASCII: only the declared charset tells.
    "utf-16-le, declared": (f"\u00e9t\u00e9 {PLAIN_TOKEN}".encode("utf-16-le"),
                            "text/plain; charset=UTF-16LE"),  # fmt: skip
}


@pytest.mark.parametrize("body, content_type", WIDE_BODIES.values(), ids=WIDE_BODIES.keys())
def test_a_token_in_a_utf16_or_utf32_body_is_found(body: bytes, content_type: str) -> None:
    assert sc019(_flask_verdict(_flask_app(body, content_type), "/login")) == [IN_LOGIN_BODY]


def _bson(document: dict[str, str]) -> bytes:
    """A BSON document of string fields: its first four bytes are its length, little-endian."""
    fields = b"".join(b"\x02" + key.encode() + b"\x00" + struct.pack("<i", len(text) + 1)
                      + text.encode() + b"\x00" for key, text in document.items())  # fmt: skip
    return struct.pack("<i", len(fields) + 5) + fields + b"\x00"


BINARY_BODIES = {
    # Under 256 bytes: it starts XX 00 00 00, as UTF-32-LE text would.
    "BSON": (_bson({"access_token": PLAIN_TOKEN}), "application/bson"),
    # A gRPC-web frame of 256-65535 bytes starts 00 00 00 01, as UTF-32-BE text would.
    "gRPC-web frame": (b"\x00" + struct.pack(">I", 300) + b"\x0a" + PLAIN_TOKEN.encode()
                       + b"\x12" * 265, "application/grpc-web+proto"),  # fmt: skip
}


@pytest.mark.parametrize("body, content_type", BINARY_BODIES.values(), ids=BINARY_BODIES.keys())
def test_a_token_in_a_binary_body_that_looks_wide_is_found(body: bytes, content_type: str) -> None:
    assert sc019(_flask_verdict(_flask_app(body, content_type), "/login")) == [IN_LOGIN_BODY]


def test_a_wide_body_without_the_token_and_a_binary_body_find_nothing() -> None:
    other = json.dumps({"user": "ann"}).encode("utf-16")
    assert sc019(_flask_verdict(_flask_app(other, "application/json"), "/login")) == []
    binary = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + PLAIN_TOKEN.encode("utf-16-le")
    assert sc019(_flask_verdict(_flask_app(binary, "image/png"), "/login")) == []


def _mixed_case_app() -> flask.Flask:
    app = flask.Flask(__name__)

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.redirect(f"/next?sid={MIXED}")
        response.set_cookie("session", TOKEN, **HARDENED)
        return response

    @app.get("/users/<path:user>/me")
    def me(user: str) -> str:
        return f"token {TOKEN}"

    return app


def test_a_location_url_mixing_hex_cases_is_found() -> None:
    client = _mixed_case_app().test_client()
    with CookieRecorder(keep_responses=True) as recorder:
        client.post("/login")  # the redirect page's body is not read
    assert sc019(judge(recorder.lines, CookiePolicy(), seen=recorder.seen)) == [
        "'session' is sent outside Set-Cookie: in the Location header of "
        "POST http://localhost/login (flask)"
    ]


def test_a_request_url_mixing_hex_cases_is_shown_scrubbed() -> None:
    import requests

    from tests.recorder_apps import live_wsgi_server

    with live_wsgi_server(_mixed_case_app()) as base, CookieRecorder(
        keep_responses=True
    ) as recorder:
        requests.post(base + "/login", allow_redirects=False, timeout=10)
        requests.get(f"{base}/users/{MIXED}/me", timeout=10)  # requests keeps the escapes
    problems = sc019(judge(recorder.lines, CookiePolicy(), seen=recorder.seen))
    assert problems == [
        f"'session' is sent outside Set-Cookie: in the Location header of POST {base}/login "
        f"(requests); in the body of POST {base}/login (requests); in the body of GET "
        f"{base}/users/<redacted>/me (requests)"
    ]


def test_tornado_bodies_are_searched() -> None:
    import tornado.httpclient
    import tornado.httpserver
    import tornado.netutil
    import tornado.web

    class Login(tornado.web.RequestHandler):
        def post(self) -> None:
            self.set_cookie("session", PLAIN_TOKEN, secure=True, httponly=True,
                            samesite="Lax")  # fmt: skip
            self.write({"access_token": PLAIN_TOKEN})

    async def run() -> str:
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server = tornado.httpserver.HTTPServer(tornado.web.Application([("/login", Login)]))
        server.add_sockets(sockets)
        base = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
        await tornado.httpclient.AsyncHTTPClient().fetch(base + "/login", method="POST", body=b"")
        server.stop()
        return base

    with CookieRecorder(keep_responses=True) as recorder:
        base = asyncio.run(run())
    assert sc019(judge(recorder.lines, CookiePolicy(), seen=recorder.seen)) == [
        f"'session' is sent outside Set-Cookie: in the body of POST {base}/login (tornado)"
    ]


def test_quart_test_client_bodies_are_searched() -> None:
    import quart

    app = quart.Quart(__name__)

    @app.post("/login")
    async def login() -> Any:
        response = await quart.make_response({"access_token": PLAIN_TOKEN})
        response.set_cookie("session", PLAIN_TOKEN, **HARDENED)
        return response

    async def run() -> None:
        await app.test_client().post("/login")

    with CookieRecorder(keep_responses=True) as recorder:
        asyncio.run(run())
    assert sc019(judge(recorder.lines, CookiePolicy(), seen=recorder.seen)) == [
        "'session' is sent outside Set-Cookie: in the body of POST http://localhost/login (quart)"
    ]
