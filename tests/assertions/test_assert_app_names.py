"""``assert_secure_cookie(response)`` without a name judges the cookies the app under test names
as its session and remember-me cookies (real Flask + Flask-Login and Starlette apps)."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from pytest_securecookie import CookiePolicy, InsecureCookieError, assert_secure_cookie

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

# The names alone must tell: a signed session value's shape would give it away.
NO_SHAPES = CookiePolicy(recognise_values=False)


def flask_app(**config: Any) -> Any:
    import flask
    import flask_login

    class User(flask_login.UserMixin):
        id = "42"

    app = flask.Flask("shop")
    app.secret_key = "not-a-cookie-value"
    app.config.update(SESSION_COOKIE_NAME="shop", REMEMBER_COOKIE_NAME="keep_me", **config)
    flask_login.LoginManager(app).user_loader(lambda user_id: User())

    @app.post("/login")
    def login() -> str:
        flask_login.login_user(User(), remember=True)
        return "welcome"

    return app


def test_a_flask_response_names_its_apps_cookies() -> None:
    client = flask_app().test_client()
    with pytest.raises(InsecureCookieError) as raised:
        assert_secure_cookie(client.post("/login"), policy=NO_SHAPES)
    message = str(raised.value)
    assert message.startswith("response sets 2 insecure auth-like or CSRF cookies:")
    assert "cookie 'keep_me' set by POST http://localhost/login (flask) is insecure" in message
    assert 'fix: app.config["REMEMBER_COOKIE_SECURE"] = True (Flask-Login)' in message
    assert "cookie 'shop' set by POST http://localhost/login (flask) is insecure" in message


def test_a_hardened_flask_app_passes() -> None:
    app = flask_app(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax",
                    REMEMBER_COOKIE_SECURE=True, REMEMBER_COOKIE_SAMESITE="Lax")  # fmt: skip
    checked = assert_secure_cookie(app.test_client().post("/login"), policy=NO_SHAPES)
    assert sorted(cookie.name for cookie in checked) == ["keep_me", "shop"]


def test_a_starlette_response_is_told_by_the_test_client_the_test_holds() -> None:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.sessions import SessionMiddleware
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    def login(request: Any) -> Any:
        request.session["user"] = "alice"
        return PlainTextResponse("welcome")

    app = Starlette(routes=[Route("/login", login)],
                    middleware=[Middleware(SessionMiddleware, secret_key="k",
                                           session_cookie="visit")])  # fmt: skip
    with TestClient(app) as client:
        response = client.get("/login")
    with pytest.raises(InsecureCookieError, match="cookie 'visit' set by GET http://testserver/"):
        assert_secure_cookie(response, policy=NO_SHAPES)


def test_without_the_app_the_name_is_not_known() -> None:
    line = flask_app().test_client().post("/login").headers.getlist("Set-Cookie")

    def elsewhere() -> None:  # no client, no app in reach: the lines alone
        assert_secure_cookie(list(line), policy=NO_SHAPES)

    with pytest.raises(InsecureCookieError, match="response sets no auth-like or CSRF cookie"):
        _call_without_locals(elsewhere)


def _call_without_locals(function: Any) -> None:
    function()
