"""A base64 session token in a URL path built with ``quote`` (which keeps ``/``) is never shown
in the JSON report or SARIF, and SC019 finds the token in a JSON body that escapes ``/`` and in
a Flask ``url_for`` redirect (``%2B``, ``%3D``)."""

from __future__ import annotations

import json

import pytest

from tests._enforce_apps import run_plugin

TOKEN = "Ab3/Kx9+Qm7Lp2Zr8Wv5Tn1Yh6Gd4S=="
ENCODED = ("Ab3/Kx9%2B", "Ab3%2FKx9", "Ab3\\/Kx9", "Ab3\\\\/Kx9", "Kx9+Qm7", "Kx9%2BQm7")

LIVE = f'''
import threading
from urllib.parse import quote
from wsgiref.simple_server import WSGIRequestHandler, make_server

import requests

TOKEN = "{TOKEN}"


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"),
        ("Set-Cookie", f"sessionid={{TOKEN}}; Secure; HttpOnly; SameSite=Lax; Path=/")])
    return [b"ok"]


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def test_live():
    server = make_server("127.0.0.1", 0, app, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        requests.get(f"http://127.0.0.1:{{server.server_port}}/sessions/" + quote(TOKEN))
    finally:
        server.shutdown()
        server.server_close()
'''


def test_a_quoted_token_in_a_url_path_is_hidden_in_the_report_and_sarif(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_live=LIVE)
    result = run_plugin(pytester, "--secure-cookies-audit", "--secure-cookies-report=c.json",
                        "--secure-cookies-sarif=c.sarif")
    result.assert_outcomes(passed=1)
    report = (pytester.path / "c.json").read_text()
    assert "/sessions/<redacted>" in report
    for name in ("c.json", "c.sarif"):
        text = (pytester.path / name).read_text()
        assert not [form for form in ENCODED if form in text], name


FLASK = f'''
import json

import flask

TOKEN = "{TOKEN}"
app = flask.Flask("shop")


@app.get("/api/login")
def api_login():  # PHP-style JSON: "/" escaped as "\\\\/"
    response = flask.make_response(json.dumps({{"token": TOKEN}}).replace("/", "\\\\/"))
    response.set_cookie("sessionid", TOKEN, secure=True, httponly=True, samesite="Lax")
    return response


@app.get("/login")
def login():
    response = flask.redirect(flask.url_for("callback", t=TOKEN))
    response.set_cookie("sessionid", TOKEN, secure=True, httponly=True, samesite="Lax")
    return response


@app.get("/cb")
def callback():
    return "ok"


def test_json(client=app.test_client()):
    assert client.get("/api/login", base_url="https://localhost").data


def test_url_for(client=app.test_client()):
    client.get("/login", base_url="https://localhost")
'''


def test_sc019_finds_a_token_in_escaped_json_and_in_a_url_for_redirect(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_login=FLASK)
    result = run_plugin(pytester, "--secure-cookies", "--secure-cookies-report=c.json")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "*SC019*'sessionid' is sent outside Set-Cookie: in the body of GET "
        "https://localhost/api/login (flask)*",
        "*SC019*'sessionid' is sent outside Set-Cookie: in the Location header of GET "
        "https://localhost/login (flask)*",
    ])
    assert not [form for form in ENCODED if form in result.stdout.str()]
    assert json.loads((pytester.path / "c.json").read_text())
