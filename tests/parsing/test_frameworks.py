"""One label per framework or client: the source ``assert_secure_cookie`` names for a response
is the one ``CookieRecorder`` records for the same exchange (``(fastapi)``, ``(requests)``)."""

from __future__ import annotations

import http.client
import warnings
from collections.abc import Callable
from urllib.parse import urlsplit

import fastapi
import flask
import pytest
import requests
import starlette.applications
import starlette.responses
import starlette.routing
import urllib3

from pytest_securecookie import CookieRecorder, InsecureCookieError, assert_secure_cookie
from tests._servers import cookie_server

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

__all__ = ["cookie_server"]
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

LINE = "sessionid=v4lue-n0t-for-0utput; Path=/"


def assert_source(response: object, name: str = "sessionid") -> str:
    """The source the failure names: 'set by <source> is insecure'."""
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(response, name)
    headline = str(caught.value).splitlines()[0]
    return headline.partition(" set by ")[2].partition(" is insecure")[0]


def recorded(exchange: Callable[[], object]) -> tuple[object, str]:
    """The response of ``exchange`` and the source the recorder gave its first line."""
    with CookieRecorder() as recorder:
        response = exchange()
    (_, source), *_ = recorder.records
    return response, source


def fastapi_app() -> fastapi.FastAPI:
    app = fastapi.FastAPI()

    @app.get("/login")
    def login() -> starlette.responses.Response:
        return starlette.responses.Response(headers={"set-cookie": LINE})

    return app


def starlette_app() -> starlette.applications.Starlette:
    def login(request: object) -> starlette.responses.Response:
        return starlette.responses.Response(headers={"set-cookie": LINE})

    return starlette.applications.Starlette(routes=[starlette.routing.Route("/login", login)])


def test_a_fastapi_app_reads_fastapi_in_the_assertion_as_in_the_recorder() -> None:
    client = TestClient(fastapi_app())
    response, source = recorded(lambda: client.get("/login"))
    assert source == "GET http://testserver/login (fastapi)"
    assert assert_source(response) == source


def test_a_starlette_app_reads_starlette_in_both() -> None:
    client = TestClient(starlette_app())
    response, source = recorded(lambda: client.get("/login"))
    assert source == "GET http://testserver/login (starlette)"
    assert assert_source(response) == source


def test_a_starlette_app_next_to_a_fastapi_client_stays_starlette() -> None:
    fastapi_client, client = TestClient(fastapi_app()), TestClient(starlette_app())
    response, source = recorded(lambda: client.get("/login"))
    assert fastapi_client.app is not client.app
    assert source.endswith("(starlette)") and assert_source(response) == source


def test_a_flask_app_reads_flask_in_both() -> None:
    app = flask.Flask(__name__)
    app.get("/login")(lambda: flask.Response(headers={"Set-Cookie": LINE}))
    response, source = recorded(lambda: app.test_client().get("/login"))
    assert source == "GET http://localhost/login (flask)"
    assert assert_source(response) == source


def test_requests_reads_requests_in_both(cookie_server: str) -> None:
    response, source = recorded(lambda: requests.get(f"{cookie_server}/cookies"))
    assert source == f"GET {cookie_server}/cookies (requests)"
    assert assert_source(response, "b") == source


def test_urllib3_reads_urllib3_in_both(cookie_server: str) -> None:
    response, source = recorded(lambda: urllib3.request("GET", f"{cookie_server}/cookies"))
    assert source == f"GET {cookie_server}/cookies (urllib3)"
    assert assert_source(response, "b").endswith("(urllib3)")


def test_http_client_reads_http_client_in_both(cookie_server: str) -> None:
    address = urlsplit(cookie_server)
    connection = http.client.HTTPConnection(address.hostname or "", address.port)

    def exchange() -> http.client.HTTPResponse:
        connection.request("GET", "/cookies")
        return connection.getresponse()

    try:
        response, source = recorded(exchange)
        assert source == f"GET {cookie_server}/cookies (http.client)"
        # the response keeps neither method nor URL: only the label is left to name
        assert assert_source(response, "b") == "an http.client response"
    finally:
        connection.close()


@pytest.fixture
def fastapi_client() -> TestClient:
    return TestClient(fastapi_app())


def test_the_fixture_finds_a_fastapi_client_given_as_a_fixture(
    fastapi_client: TestClient, assert_secure_cookie: Callable[..., object]
) -> None:
    response = fastapi_client.get("/login")
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(response, "sessionid")
    assert "set by GET http://testserver/login (fastapi) is insecure" in str(caught.value)
