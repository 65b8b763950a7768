# mypy: disable-error-code="import-untyped"
"""parsing.contents on real clients' responses: every header field but Set-Cookie, and the
body only once the client has read it (a stream the test did not read is never advanced)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import django
import flask
import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.test import Client, override_settings
from django.urls import path
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Route

from pytest_securecookie.parsing.contents import header_fields, read_body

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

ADVANCED: list[str] = []  # what a streamed body's generator reached past its first chunk


def _chunks() -> Iterator[bytes]:
    yield b"start "
    ADVANCED.append("second chunk")
    yield b"rest"


def _flask_app() -> flask.Flask:
    app = flask.Flask(__name__)

    @app.get("/page")
    def page() -> flask.Response:
        response = flask.make_response("hello")
        response.headers["X-Session"] = "abc"
        response.set_cookie("session", "abc")
        return response

    @app.get("/stream")
    def stream() -> flask.Response:
        return flask.Response(flask.stream_with_context(_chunks()))

    return app


@pytest.fixture(autouse=True)
def _not_advanced() -> Iterator[None]:
    ADVANCED.clear()
    yield


def test_flask_headers_but_set_cookie_and_the_body_once_read() -> None:
    response = _flask_app().test_client().get("/page")
    fields = header_fields(response)
    assert ("X-Session", "abc") in fields
    assert all(name.lower() != "set-cookie" for name, _ in fields)
    assert read_body(response) is None  # werkzeug's test response reads on first access
    assert response.data == b"hello"
    assert read_body(response) == b"hello"


def test_an_unread_flask_stream_is_not_advanced() -> None:
    response = _flask_app().test_client().get("/stream")
    assert read_body(response) is None
    assert ADVANCED == []
    assert response.data == b"start rest"  # the test reads it: now it counts
    assert read_body(response) == b"start rest"


async def _starlette_page(request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello", headers={"Location": "/next?sid=abc"})


async def _starlette_stream(request: Request) -> StreamingResponse:
    async def chunks() -> Any:
        yield b"start "
        yield b"rest"

    return StreamingResponse(chunks())


def _starlette_client() -> TestClient:
    routes = [Route("/page", _starlette_page), Route("/stream", _starlette_stream)]
    return TestClient(Starlette(routes=routes))


def test_httpx_body_is_read_by_the_test_client_unless_streamed() -> None:
    client = _starlette_client()
    response = client.get("/page")
    assert read_body(response) == b"hello"
    assert ("location", "/next?sid=abc") in header_fields(response)
    with client.stream("GET", "/stream") as streamed:
        assert read_body(streamed) is None
        streamed.read()
        assert read_body(streamed) == b"start rest"


def _django_page(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("hello")
    response["X-Session"] = "abc"
    response.set_cookie("sessionid", "abc")
    return response


def _django_stream(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(_chunks())


urlpatterns = [path("page", _django_page), path("stream", _django_stream)]


@pytest.fixture
def django_client() -> Iterator[Client]:
    if not settings.configured:
        settings.configure(SECRET_KEY="contents-tests", INSTALLED_APPS=[], DATABASES={})
        django.setup()
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], MIDDLEWARE=[]):
        yield Client()


def test_django_body_unless_streaming(django_client: Client) -> None:
    response = django_client.get("/page")
    assert read_body(response) == b"hello"
    assert ("X-Session", "abc") in header_fields(response)
    streamed = django_client.get("/stream")
    assert read_body(streamed) is None
    assert ADVANCED == []


@pytest.mark.filterwarnings("ignore:'cgi' is deprecated:DeprecationWarning")  # WebOb imports it
def test_webtest_body_and_headers() -> None:
    import webtest

    response = webtest.TestApp(_flask_app()).get("/page")
    assert read_body(response) == b"hello"
    assert ("X-Session", "abc") in header_fields(response)


def test_header_pairs_a_wrapped_app_sent() -> None:
    pairs = [(b"location", b"/next?sid=abc"), (b"set-cookie", b"session=abc")]
    assert header_fields(pairs) == [("location", "/next?sid=abc")]
    assert read_body(pairs) is None
    wsgi = [("Location", "/next"), ("Set-Cookie", "session=abc")]
    assert header_fields(wsgi) == [("Location", "/next")]
