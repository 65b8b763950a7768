"""Where a failure says the cookie came from, and the response's Date as the deletion clock,
across clients: requests and urllib against a real server on 127.0.0.1, WebTest, Falcon,
Litestar."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import falcon
import falcon.testing
import flask
import pytest
import requests
from litestar import Litestar, Response, get
from litestar.datastructures import Cookie
from litestar.testing import TestClient as LitestarClient

from pytest_securecookie import (
    CookieRecorder,
    InsecureCookieError,
    assert_cookie_deleted,
    assert_secure_cookie,
)

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "'cgi' is deprecated", DeprecationWarning)  # WebOb
    import webtest

SECRET = "v4lue-n0t-for-0utput"


class _Handler(BaseHTTPRequestHandler):
    """Answers with the Set-Cookie lines (and the Date) given in the query string."""

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        self.send_response_only(200)
        self.send_header("Date", query.get("date", [self.date_time_string()])[0])
        for line in query.get("line", []):
            self.send_header("Set-Cookie", line)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- stdlib's name
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def headline(response: object, *args: str) -> str:
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(response, *args)
    assert SECRET not in str(caught.value)
    return str(caught.value).splitlines()[0]


def test_requests_response_names_the_request_without_its_query(server: str) -> None:
    response = requests.get(f"{server}/login", params={"line": f"sid={SECRET}", "t": SECRET})
    assert headline(response) == (
        f"cookie 'sid' set by GET {server}/login (requests) is insecure: 3 problems"
    )


def test_credentials_in_the_url_are_not_shown(server: str) -> None:
    with_credentials = server.replace("http://", "http://alice:pa55word@")
    response = requests.get(f"{with_credentials}/login#frag", params={"line": f"sid={SECRET}"})
    text = headline(response)
    assert "alice" not in text and "pa55word" not in text
    assert text.startswith(f"cookie 'sid' set by GET {server}/login (requests) is insecure")


def test_the_response_date_decides_what_is_a_deletion(server: str) -> None:
    line = "sid=; Expires=Sat, 01 Jan 2011 00:00:00 GMT; Path=/"
    # By the clock this Expires is past; by the response's Date it is ten years ahead.
    early = requests.get(server, params={"line": line, "date": "Fri, 01 Jan 2001 00:00:00 GMT"})
    with pytest.raises(InsecureCookieError, match="sets cookie 'sid' but does not delete it"):
        assert_cookie_deleted(early, "sid")
    late = requests.get(server, params={"line": line, "date": "Sun, 01 Jan 2012 00:00:00 GMT"})
    assert_cookie_deleted(late, "sid")


def test_webtest_response_is_attributed_to_webtest() -> None:
    app = flask.Flask(__name__)

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.make_response("ok")
        response.set_cookie("session", SECRET)
        return response

    response = webtest.TestApp(app).post("/login")
    assert headline(response) == (
        "cookie 'session' set by POST http://localhost/login (webtest) is insecure: 3 problems"
    )


def test_falcon_result_has_no_request_but_names_falcon() -> None:
    class Login:
        def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
            resp.set_cookie("session", SECRET, secure=False, http_only=True)

    app = falcon.App()
    app.add_route("/login", Login())
    with CookieRecorder():  # Falcon's Result keeps one Set-Cookie unless simulated in one
        response = falcon.testing.TestClient(app).simulate_get("/login")
    assert headline(response, "session") == (
        "cookie 'session' set by a falcon response is insecure: 2 problems"
    )


def test_litestar_test_client_is_recognised_by_its_host() -> None:
    @get("/login")
    async def login() -> Response[str]:
        return Response("ok", cookies=[Cookie(key="session", value=SECRET, httponly=True)])

    with LitestarClient(Litestar([login])) as client:
        response = client.get("/login")
    assert headline(response, "session") == (
        "cookie 'session' set by GET http://testserver.local/login (litestar) is insecure: "
        "1 problem"
    )


def test_an_odd_response_class_only_loses_its_label() -> None:
    # A class may set __module__ to anything; where the cookie came from only decorates.
    odd = type("OddHeaders", (list,), {"__module__": None})
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(odd([("Set-Cookie", f"sessionid={SECRET}")]))
    assert str(caught.value).startswith("cookie 'sessionid' is insecure")
