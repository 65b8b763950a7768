"""parsing.appnames: the cookie names real apps give their session, CSRF and remember-me cookies,
read from the app, its test client or the test's locals, never by importing a framework."""

from __future__ import annotations

import gc
import subprocess
import sys
import warnings
from typing import Any
from unittest import mock

import pytest

from pytest_securecookie.parsing.appnames import (
    AppName,
    app_names,
    callers_names,
    client_app,
    client_names,
    django_names,
    response_names,
)

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

FLASK_SESSION = AppName(
    "shop", "auth", "session", "Flask app.config['SESSION_COOKIE_NAME']", "flask", "flask-session"
)
FLASK_LOGIN = AppName(
    "keep_me", "auth", "remember-me", "Flask-Login REMEMBER_COOKIE_NAME", "flask", "flask-login"
)
STARLETTE = "Starlette SessionMiddleware(session_cookie=...)"


def flask_app(**config: Any) -> Any:
    import flask

    app = flask.Flask("shop")
    app.config.update(SESSION_COOKIE_NAME="shop", **config)
    app.get("/")(lambda: "ok")
    return app


def test_flask_config_and_flask_login() -> None:
    import flask_login

    app = flask_app(REMEMBER_COOKIE_NAME="keep_me")
    assert app_names(app) == (FLASK_SESSION,)  # no LoginManager: no remember-me cookie
    flask_login.LoginManager(app)
    assert app_names(app) == (FLASK_SESSION, FLASK_LOGIN)
    del app.config["REMEMBER_COOKIE_NAME"]
    assert app_names(app)[1].name == "remember_token"  # Flask-Login's default


_ALIVE: list[object] = []  # holds an app out of the test's locals


def test_a_flask_test_client_and_its_response_reach_the_app() -> None:
    app = flask_app()
    client = app.test_client()
    assert client_app(client) is app
    assert client_names(client) == (FLASK_SESSION,)
    response = client.get("/")
    _ALIVE.append(app)
    del app, client  # no app in reach of the frames: the response's JSON provider holds it
    assert response_names(response, "flask") == (FLASK_SESSION,)
    _ALIVE.clear()  # the provider's reference is weak: once the app is gone, nothing is known
    gc.collect()
    assert response_names(response, "flask") == ()


def test_quart_config() -> None:
    import quart

    app = quart.Quart("q")
    app.config["SESSION_COOKIE_NAME"] = "qs"
    assert client_names(app.test_client()) == (
        AppName("qs", "auth", "session", "Quart app.config['SESSION_COOKIE_NAME']", "quart",
                "quart-session"),
    )  # fmt: skip


def test_starlette_session_middleware_declared_added_or_wrapping() -> None:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.sessions import SessionMiddleware

    declared = Starlette(middleware=[Middleware(SessionMiddleware, secret_key="k",
                                                session_cookie="visit")])  # fmt: skip
    assert [(n.name, n.setting) for n in client_names(TestClient(declared))] == [
        ("visit", STARLETTE)
    ]
    added = Starlette()
    added.add_middleware(SessionMiddleware, secret_key="k")
    assert [n.name for n in app_names(added)] == ["session"]  # the middleware's default
    wrapping = SessionMiddleware(Starlette(), secret_key="k", session_cookie="outer")
    assert [n.name for n in client_names(TestClient(wrapping))] == ["outer"]


def test_fastapi_is_starlette() -> None:
    from fastapi import FastAPI
    from starlette.middleware.sessions import SessionMiddleware

    app = FastAPI()
    app.add_middleware(SessionMiddleware, secret_key="k", session_cookie="api_session")
    assert [(n.name, n.stack) for n in client_names(TestClient(app))] == [
        ("api_session", "starlette-session")
    ]


def test_litestar_client_and_server_side_session_keys() -> None:
    from litestar import Litestar
    from litestar.middleware.session.client_side import CookieBackendConfig
    from litestar.middleware.session.server_side import ServerSideSessionConfig
    from litestar.testing import TestClient as LitestarClient

    client_side = CookieBackendConfig(secret=b"0" * 16, key="ls")
    app = Litestar([], middleware=[client_side.middleware,
                                   ServerSideSessionConfig(key="ss").middleware])  # fmt: skip
    assert [(n.name, n.setting) for n in client_names(LitestarClient(app))] == [
        ("ls", "Litestar CookieBackendConfig(key=...)"),
        ("ss", "Litestar ServerSideSessionConfig(key=...)"),
    ]


def test_aiohttp_session_storage() -> None:
    import aiohttp_session
    from aiohttp import web

    app = web.Application()
    aiohttp_session.setup(app, aiohttp_session.SimpleCookieStorage(cookie_name="asess"))
    assert app_names(app) == (
        AppName("asess", "auth", "session", "aiohttp-session SimpleCookieStorage(cookie_name=...)",
                "aiohttp", "aiohttp-session"),
    )  # fmt: skip


def test_django_settings_session_and_csrf_but_not_the_language_cookie() -> None:
    from django.test.utils import override_settings

    from tests.recorder_django import django_project

    with django_project(), override_settings(SESSION_COOKIE_NAME="mysite",
                                             LANGUAGE_COOKIE_NAME="lang"):  # fmt: skip
        assert django_names() == (
            AppName("mysite", "auth", "session", "Django settings.SESSION_COOKIE_NAME",
                    "django", "django-session"),
            AppName("csrftoken", "csrf", "CSRF", "Django settings.CSRF_COOKIE_NAME",
                    "django", "django-csrf"),
        )  # fmt: skip
        assert response_names(object(), "django") == django_names()


def test_the_callers_locals_hold_the_test_client() -> None:
    app = flask_app()

    def helper() -> tuple[AppName, ...]:
        return callers_names(sys._getframe(0))

    with TestClient(app=_starlette_app("visit")) as client:
        names = helper()
    assert [n.name for n in names] == ["shop", "visit"]  # the app and the client's app
    assert app is not None and client is not None


def _starlette_app(cookie: str) -> Any:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.sessions import SessionMiddleware

    return Starlette(middleware=[Middleware(SessionMiddleware, secret_key="k",
                                            session_cookie=cookie)])  # fmt: skip


def test_anything_else_is_no_app_and_nothing_raises() -> None:
    hostile = mock.MagicMock()
    hostile.config.get.side_effect = RuntimeError("boom")
    assert app_names(hostile) == () and client_app(hostile) is None
    assert not hostile.mock_calls  # a foreign object's attributes are never asked for
    assert app_names(None) == app_names(42) == client_names("client") == ()
    app = flask_app()
    app.config = mock.MagicMock(get=mock.Mock(side_effect=RuntimeError("boom")))
    assert app_names(app) == ()


def test_reading_names_imports_no_framework() -> None:
    code = (
        "import sys\n"
        "from pytest_securecookie.parsing.appnames import app_names, client_names, "
        "django_names, response_names\n"
        "assert django_names() == () and app_names(object()) == ()\n"
        "assert response_names(object(), None) == client_names(object()) == ()\n"
        "frameworks = {'django', 'flask', 'quart', 'starlette', 'litestar', 'aiohttp', "
        "'aiohttp_session', 'flask_login', 'werkzeug', 'httpx'}\n"
        "print(sorted(frameworks & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("depth", [3, 20])
def test_frames_are_searched_a_bounded_depth(depth: int) -> None:
    client = flask_app().test_client()

    def nested(level: int) -> tuple[AppName, ...]:
        if level:
            return nested(level - 1)
        return callers_names(sys._getframe(0))

    assert client is not None
    assert bool(nested(depth)) is (depth < 15)
