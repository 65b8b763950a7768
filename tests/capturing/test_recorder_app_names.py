"""CookieRecorder.app_names: each client that made a request reaches its app, whose settings
name its session, CSRF and remember-me cookies (real apps, real test clients)."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import pytest

from pytest_securecookie.capturing.recorder import CookieRecorder
from tests.recorder_apps import aiohttp_app, flask_app, quart_app

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient


def names(recorder: CookieRecorder) -> list[tuple[str, str]]:
    return [(name.name, name.setting) for name in recorder.app_names]


@pytest.mark.filterwarnings("ignore:'cgi' is deprecated:DeprecationWarning")  # WebOb imports it
def test_flask_client_and_webtest_reach_the_flask_app(originals: Any) -> None:
    import webtest

    app = flask_app()
    app.config["SESSION_COOKIE_NAME"] = "shop"
    with CookieRecorder() as recorder:
        app.test_client().post("/login")
    assert names(recorder) == [("shop", "Flask app.config['SESSION_COOKIE_NAME']")]
    with CookieRecorder() as recorder:
        webtest.TestApp(app).post("/login")
    assert names(recorder) == [("shop", "Flask app.config['SESSION_COOKIE_NAME']")]


def test_no_names_without_cookies_or_without_a_known_app(originals: Any) -> None:
    app = flask_app()
    with CookieRecorder() as recorder:
        app.test_client().get("/plain")  # no Set-Cookie: the app is not even looked at
    assert recorder.app_names == ()
    recorder.clear()
    assert recorder.app_names == ()


def test_django_settings_as_they_were_when_the_response_came(originals: Any) -> None:
    from django.test import Client
    from django.test.utils import override_settings

    from tests.recorder_django import django_project

    renamed = override_settings(SESSION_COOKIE_NAME="mysite")  # undone before the names are read
    with django_project(), CookieRecorder() as recorder, renamed:
        Client().post("/login")
    assert ("mysite", "Django settings.SESSION_COOKIE_NAME") in names(recorder)


def test_starlette_testclient(originals: Any) -> None:
    with CookieRecorder() as recorder, TestClient(_starlette_app()) as client:
        client.get("/login")
    assert names(recorder) == [("visit", "Starlette SessionMiddleware(session_cookie=...)")]


def test_litestar_testclient(originals: Any) -> None:
    from litestar.middleware.session.client_side import CookieBackendConfig
    from litestar.testing import TestClient as LitestarClient

    from tests.recorder_litestar import litestar_app

    app = litestar_app()
    app.middleware.append(CookieBackendConfig(secret=b"0" * 16, key="ls").middleware)
    with CookieRecorder() as recorder, LitestarClient(app) as client:
        client.post("/login")
    assert names(recorder) == [("ls", "Litestar CookieBackendConfig(key=...)")]


def test_quart_test_client(originals: Any) -> None:
    app = quart_app()
    app.config["SESSION_COOKIE_NAME"] = "qs"

    async def run() -> None:
        await app.test_client().post("/login")

    with CookieRecorder() as recorder:
        asyncio.run(run())
    assert names(recorder) == [("qs", "Quart app.config['SESSION_COOKIE_NAME']")]


# aiohttp-session 2.12 stores itself under a plain str key, which aiohttp 3.9+ warns about.
@pytest.mark.filterwarnings("ignore:It is recommended to use web.RequestKey")
def test_aiohttp_test_client_reaches_its_server_app(originals: Any) -> None:
    import aiohttp_session
    from aiohttp.test_utils import TestClient as AiohttpClient
    from aiohttp.test_utils import TestServer

    app = aiohttp_app()
    aiohttp_session.setup(app, aiohttp_session.SimpleCookieStorage(cookie_name="asess"))

    async def run() -> None:
        server = TestServer(app, host="127.0.0.1")
        async with AiohttpClient(server) as client, client.post("/login"):
            pass

    with CookieRecorder() as recorder:
        asyncio.run(run())
    assert names(recorder) == [("asess", "aiohttp-session SimpleCookieStorage(cookie_name=...)")]


def test_a_wrapped_app_names_its_own_cookies_whoever_calls_it(originals: Any) -> None:
    import httpx
    import werkzeug.test

    app = flask_app()
    app.config["SESSION_COOKIE_NAME"] = "shop"
    environ = {"PATH_INFO": "/login", "REQUEST_METHOD": "POST", "SERVER_NAME": "x",
               "SERVER_PORT": "80", "wsgi.url_scheme": "http"}  # fmt: skip
    with CookieRecorder() as recorder:
        werkzeug.test.run_wsgi_app(recorder.wsgi(app), environ)  # as a live server calls it
    assert names(recorder) == [("shop", "Flask app.config['SESSION_COOKIE_NAME']")]
    starlette = _starlette_app()

    async def run() -> None:
        transport = httpx.ASGITransport(app=CookieRecorder().asgi(starlette))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            await client.get("/login")  # the client records it, and reaches the app inside

    with CookieRecorder() as recorder:
        asyncio.run(run())
    assert names(recorder) == [("visit", "Starlette SessionMiddleware(session_cookie=...)")]


def _starlette_app() -> Any:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.sessions import SessionMiddleware
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    def login(request: Any) -> Any:
        request.session["user"] = "alice"
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/login", login)],
                     middleware=[Middleware(SessionMiddleware, secret_key="k",
                                            session_cookie="visit")])  # fmt: skip
