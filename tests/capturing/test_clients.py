"""Each supported client through a real app: a followed login redirect is recorded hop by hop.

The 302 that sets the session cookie must be recorded exactly once, the page it leads to once,
with a source naming the request and the client.
"""

from __future__ import annotations

import asyncio
import http.client
import urllib.request
import warnings
from typing import Any

import pytest

from pytest_securecookie.capturing.recorder import CookieRecorder
from tests.recorder_apps import (
    HOME_LINE,
    SESSION_LINE,
    flask_app,
    live_wsgi_server,
    login_flow,
    names,
    sources,
)

pytestmark = [
    pytest.mark.usefixtures("originals"),
    pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`"),
    pytest.mark.filterwarnings("ignore:'cgi' is deprecated:DeprecationWarning"),
]


def test_urllib3_records_each_hop_of_a_followed_redirect() -> None:
    import urllib3

    with live_wsgi_server(flask_app()) as base, CookieRecorder() as recorder:
        response = urllib3.PoolManager().request("POST", base + "/login")
    assert response.status == 200
    assert sources(recorder) == [
        (f"POST {base}/login (urllib3)", SESSION_LINE),
        (f"POST {base}/home (urllib3)", HOME_LINE),  # urllib3 keeps the method on a 302
    ]
    assert recorder.responses == 2


def test_urllib_request_records_the_302_it_follows_silently() -> None:
    with live_wsgi_server(flask_app()) as base, CookieRecorder() as recorder:
        urllib.request.urlopen(urllib.request.Request(base + "/login", method="POST")).close()
    assert sources(recorder) == [
        (f"POST {base}/login (http.client)", SESSION_LINE),
        (f"GET {base}/home (http.client)", HOME_LINE),
    ]


def test_http_client_connection_reused_for_another_path() -> None:
    with live_wsgi_server(flask_app()) as base, CookieRecorder() as recorder:
        connection = http.client.HTTPConnection(base.removeprefix("http://"))
        for method, target in (("POST", "/login?next=%2Fhome"), ("GET", "/home")):
            connection.request(method, target)
            connection.getresponse().read()
        connection.close()
    assert sources(recorder) == [
        (f"POST {base}/login (http.client)", SESSION_LINE),  # the query is never kept
        (f"GET {base}/home (http.client)", HOME_LINE),
    ]
    assert all(line.date is not None for line in recorder.lines)


def test_django_sync_client_records_the_302() -> None:
    from django.test import Client

    from tests.recorder_django import django_project

    with django_project(), CookieRecorder() as recorder:
        response = Client().post("/login", follow=True)
    assert response.redirect_chain == [("/home", 302)]
    assert names(recorder) == login_flow("http://testserver", "django")
    assert recorder.lines[0].line == "session=s3cr3t-v4lue; HttpOnly; Path=/"


def test_django_secure_request_names_https_and_the_host() -> None:
    from django.test import Client

    from tests.recorder_django import django_project

    with django_project(), CookieRecorder() as recorder:
        Client().get("/home?x=1", secure=True)
    assert names(recorder) == [("GET https://testserver/home (django)", "seen")]


def test_django_async_client_records_the_302() -> None:
    from django.test import AsyncClient

    from tests.recorder_django import django_project

    async def run() -> None:
        await AsyncClient().post("/login", follow=True)

    with django_project(), CookieRecorder() as recorder:
        asyncio.run(run())
    assert names(recorder) == login_flow("http://testserver", "django")


@pytest.mark.parametrize("framework", ["starlette", "fastapi"])
def test_starlette_and_fastapi_testclient_follow_by_default(framework: str) -> None:
    from starlette.testclient import TestClient

    with CookieRecorder() as recorder, TestClient(starlette_app(framework)) as client:
        response = client.post("/login")
    assert [r.status_code for r in (*response.history, response)] == [302, 200]
    assert names(recorder) == login_flow("http://testserver", framework)
    assert recorder.responses == 2


def starlette_app(framework: str) -> Any:
    from tests.recorder_apps import starlette_app as make

    return make(fastapi=framework == "fastapi")


def test_litestar_testclient() -> None:
    from litestar.testing import TestClient

    from tests.recorder_litestar import litestar_app

    with CookieRecorder() as recorder, TestClient(litestar_app()) as client:
        client.post("/login")
    assert names(recorder) == login_flow("http://testserver.local", "litestar")


def test_httpx_async_client_with_an_asgi_transport() -> None:
    import httpx

    from tests.recorder_apps import starlette_app as make

    async def run() -> None:
        transport = httpx.ASGITransport(app=make())
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
            await client.post("/login", follow_redirects=True)

    with CookieRecorder() as recorder:
        asyncio.run(run())
    assert names(recorder) == login_flow("http://app", "httpx")


def test_httpx_sync_client_against_a_live_server_without_following() -> None:
    import httpx

    with live_wsgi_server(flask_app()) as base, CookieRecorder() as recorder, httpx.Client() as c:
        response = c.post(base + "/login")
    assert response.status_code == 302
    assert sources(recorder) == [(f"POST {base}/login (httpx)", SESSION_LINE)]


def test_aiohttp_session_against_a_live_server() -> None:
    import aiohttp
    from aiohttp.test_utils import TestClient, TestServer

    from tests.recorder_apps import aiohttp_app

    async def run() -> str:
        async with TestClient(TestServer(aiohttp_app(), host="127.0.0.1")) as client:
            async with client.post("/login") as response:
                assert [r.status for r in (*response.history, response)] == [302, 200]
            return str(client.make_url("")).rstrip("/")

    with CookieRecorder() as recorder:
        base = asyncio.run(run())
    assert names(recorder) == login_flow(base, "aiohttp")
    assert aiohttp.ClientSession  # imported, so patched


def test_aiohttp_raise_for_status_keeps_what_the_error_response_set() -> None:
    import aiohttp
    from aiohttp.test_utils import TestServer

    from tests.recorder_apps import aiohttp_app

    async def run() -> str:
        async with TestServer(aiohttp_app(), host="127.0.0.1") as server:
            base = str(server.make_url("")).rstrip("/")
            async with aiohttp.ClientSession(raise_for_status=True) as session:
                with pytest.raises(aiohttp.ClientResponseError):
                    await session.get(base + "/denied")
            return base

    with CookieRecorder() as recorder:
        base = asyncio.run(run())
    assert names(recorder) == [(f"GET {base}/denied (aiohttp)", "session")]
    assert recorder.responses == 1


def test_webtest_records_the_302_and_its_follow() -> None:
    import webtest

    with CookieRecorder() as recorder:
        webtest.TestApp(flask_app()).post("/login").follow()
    assert sources(recorder) == [
        ("POST http://localhost/login (webtest)", SESSION_LINE),
        ("GET http://localhost/home (webtest)", HOME_LINE),
    ]


@pytest.mark.usefixtures("current_event_loop")
@pytest.mark.parametrize("asgi", [False, True], ids=["wsgi", "asgi"])
def test_falcon_simulated_requests_keep_every_line(asgi: bool) -> None:
    from falcon import testing

    from tests.recorder_apps import falcon_app

    with CookieRecorder() as recorder:
        client = testing.TestClient(falcon_app(asgi=asgi))
        client.simulate_post("/login")
        client.simulate_get("/home", query_string="from=login")
    assert names(recorder) == [
        ("POST http://falconframework.org/login (falcon)", "session"),
        ("GET http://falconframework.org/home (falcon)", "seen"),
    ]


def test_tornado_records_the_302_that_fetch_never_returns() -> None:
    import tornado.httpclient
    import tornado.httpserver
    import tornado.netutil

    from tests.recorder_apps import tornado_app

    async def run() -> str:
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server = tornado.httpserver.HTTPServer(tornado_app())
        server.add_sockets(sockets)
        base = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
        response = await tornado.httpclient.AsyncHTTPClient().fetch(
            base + "/login", method="POST", body=b""
        )
        assert response.code == 200  # fetch resolves to the final response only
        server.stop()
        return base

    with CookieRecorder() as recorder:
        base = asyncio.run(run())
    assert names(recorder) == login_flow(base, "tornado", "POST")[:1] + [
        (f"GET {base}/home (tornado)", "seen")
    ]


def test_quart_records_each_hop_of_follow_redirects() -> None:
    from tests.recorder_apps import quart_app

    async def run() -> None:
        await quart_app().test_client().post("/login", follow_redirects=True)

    with CookieRecorder() as recorder:
        asyncio.run(run())
    assert names(recorder) == login_flow("http://localhost", "quart")


@pytest.mark.filterwarnings("ignore:websockets.legacy is deprecated:DeprecationWarning")
def test_sanic_asgi_client() -> None:
    from tests.recorder_apps import sanic_app

    async def run() -> None:
        _, response = await sanic_app().asgi_client.post("/login", follow_redirects=True)
        assert [r.status_code for r in (*response.history, response)] == [302, 200]

    with CookieRecorder() as recorder:
        asyncio.run(run())
    assert names(recorder) == login_flow("http://mockserver:1234", "sanic")


@pytest.mark.filterwarnings("ignore:websockets.legacy is deprecated:DeprecationWarning")
def test_sanic_test_client_runs_a_real_server() -> None:
    from tests.recorder_apps import sanic_app

    app = sanic_app()  # it puts its own "once" filter for its deprecations first: go after it
    with CookieRecorder() as recorder, warnings.catch_warnings():
        # sanic-testing's own listener takes the deprecated loop argument
        warnings.filterwarnings("ignore", ".*Passing the loop argument", DeprecationWarning)
        request, response = app.test_client.post("/login")
    base = f"http://127.0.0.1:{request.server_port}"
    assert response.status_code == 200
    assert names(recorder) == login_flow(base, "sanic")


def test_httpx2_when_installed() -> None:
    httpx2 = pytest.importorskip("httpx2")
    from starlette.testclient import TestClient

    from tests.recorder_apps import starlette_app as make

    with CookieRecorder() as recorder:
        response = TestClient(make()).post("/login")
    assert isinstance(response, httpx2.Response)
    assert names(recorder) == login_flow("http://testserver", "starlette")
    with CookieRecorder() as recorder:
        client = httpx2.Client(transport=httpx2.WSGITransport(app=flask_app()), base_url="http://a")
        client.post("/login", follow_redirects=True)
    assert names(recorder) == login_flow("http://a", "httpx2")
