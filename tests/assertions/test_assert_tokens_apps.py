"""SC022, SC024 and SC025 on the cookies real apps set: a failing and a passing version each.

Flask's signed session, Starlette's SessionMiddleware, Django's signed_cookies backend and its
normal session id, and a JSON Web Token with alg none from a Flask app (PyJWT).
"""

from __future__ import annotations

import base64
import json
import warnings
from collections.abc import Iterator

import flask
import jwt
import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from pytest_securecookie import CookiePolicy, InsecureCookieError, assert_secure_cookie
from tests.recorder_django import django_project

HARDENED = {"SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_SAMESITE": "Lax"}
CARD = "4111 1111 1111 1111"  # the Visa test number: Luhn-valid
API_KEY = "sk_live_planted51c0ffee"


ENTROPY = CookiePolicy(token_entropy=True)


def rules_of(response: object, policy: CookiePolicy = ENTROPY) -> dict[str, str]:
    """Each failing rule and its problem (assert_secure_cookie on every auth cookie), with
    the guessable-token rules asked for: nothing here is a placeholder value."""
    try:
        assert_secure_cookie(response, policy=policy)
    except InsecureCookieError as error:
        return {finding.rule: finding.problem for finding in error.findings}
    return {}


def flask_app(**stored: object) -> flask.Flask:
    app = flask.Flask(__name__)
    app.secret_key = "tokens-test-only"
    app.config.update(HARDENED)

    @app.get("/login")
    def login() -> str:
        flask.session.update(stored)
        return "ok"

    return app


def test_a_flask_session_holding_the_password_fails_sc024_naming_the_key() -> None:
    response = flask_app(user_id=7, password="hunter2-planted").test_client().get("/login")
    problems = rules_of(response)
    assert problems == {"SC024": (
        "'session' is a Flask/itsdangerous signed session anyone can decode without the key, "
        "and it holds 'password'"
    )}
    assert "hunter2" not in str(problems)


def test_a_flask_session_holding_the_user_id_and_a_csrf_token_passes() -> None:
    app = flask_app(user_id=7, _fresh=True, csrf_token="a" * 40, _id="b" * 128)
    assert rules_of(app.test_client().get("/login")) == {}


def test_a_compressed_flask_session_is_read_too() -> None:
    # Flask compresses a session when that makes it shorter: the "." form, zlib inside.
    response = flask_app(note="x" * 400, ssn="078-05-1120").test_client().get("/login")
    assert response.headers["Set-Cookie"].startswith("session=.")
    assert rules_of(response)["SC024"].endswith("and it holds 'ssn'")


def starlette_client(stored: dict[str, str]) -> TestClient:
    async def login(request: Request) -> PlainTextResponse:
        request.session.update(stored)
        return PlainTextResponse("ok")

    middleware = [Middleware(SessionMiddleware, secret_key="tokens-test-only", https_only=True)]
    app = Starlette(routes=[Route("/login", login)], middleware=middleware)
    return TestClient(app, base_url="https://testserver")


def test_starlette_sessionmiddleware_holding_an_api_key_fails_sc024() -> None:
    response = starlette_client({"user": "alice", "api_key": API_KEY}).get("/login")
    assert rules_of(response) == {"SC024": (
        "'session' is a Flask/itsdangerous signed session anyone can decode without the key, "
        "and it holds 'api_key'"
    )}


def test_starlette_sessionmiddleware_holding_the_user_passes() -> None:
    assert rules_of(starlette_client({"user": "alice"}).get("/login")) == {}


def django_login(request: HttpRequest) -> HttpResponse:
    request.session.update(json.loads(request.GET["store"]))
    return HttpResponse("ok")


urlpatterns = [path("login", django_login)]


@pytest.fixture
def django_sessions() -> Iterator[None]:
    with django_project(), override_settings(
        ROOT_URLCONF=__name__,
        MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware"],
        SESSION_COOKIE_SECURE=True,
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    ):
        yield


def django_response(engine: str, stored: dict[str, str]) -> HttpResponse:
    assert settings.configured
    with override_settings(SESSION_ENGINE=f"django.contrib.sessions.backends.{engine}"):
        response: HttpResponse = Client().get("/login", {"store": json.dumps(stored)})
    return response


def test_django_signed_cookies_holding_a_card_number_fails_sc024(django_sessions: None) -> None:
    response = django_response("signed_cookies", {"user": "alice", "billing": CARD})
    assert rules_of(response) == {"SC024": (
        "'sessionid' is a Django signed value (django.core.signing) anyone can decode without "
        "the key, and it holds 'billing' (a card number)"
    )}


def test_django_signed_cookies_holding_the_user_passes(django_sessions: None) -> None:
    assert rules_of(django_response("signed_cookies", {"user": "alice"})) == {}


def test_a_normal_django_session_id_passes_sc022(django_sessions: None) -> None:
    response = django_response("cache", {"user": "alice"})
    assert len(response.cookies["sessionid"].value) == 32
    assert rules_of(response) == {}


def jwt_app(algorithm: str) -> flask.Flask:
    app = flask.Flask(__name__)

    @app.get("/login")
    def login() -> flask.Response:
        key = None if algorithm == "none" else "tokens-test-only-key-of-32-bytes!"
        token = jwt.encode({"sub": "alice"}, key, algorithm=algorithm)
        response = flask.make_response("ok")
        response.set_cookie("access_token", token, secure=True, httponly=True, samesite="Lax")
        return response

    return app


def test_a_jwt_cookie_with_alg_none_fails_sc025() -> None:
    response = jwt_app("none").test_client().get("/login")
    assert rules_of(response) == {"SC025": (
        "'access_token' is a JSON Web Token with alg 'none': it carries no signature"
    )}


def test_a_signed_jwt_cookie_passes() -> None:
    assert rules_of(jwt_app("HS256").test_client().get("/login")) == {}


def test_alg_none_is_found_in_any_case() -> None:
    header = base64.urlsafe_b64encode(b'{"alg":"NoNe","typ":"JWT"}').rstrip(b"=").decode()
    payload = base64.urlsafe_b64encode(b'{"sub":"alice"}').rstrip(b"=").decode()
    line = f"token={header}.{payload}.; Secure; HttpOnly; SameSite=Lax"
    assert list(rules_of(line)) == ["SC025"]


def counter_app() -> flask.Flask:
    app = flask.Flask(__name__)
    logins = iter(range(1, 1000))

    @app.get("/login")
    def login() -> flask.Response:
        response = flask.make_response("ok")
        response.set_cookie("sid", str(next(logins)), secure=True, httponly=True,
                            samesite="Lax")
        return response

    return app


def test_a_counter_as_the_session_id_fails_sc022() -> None:
    response = counter_app().test_client().get("/login")
    assert rules_of(response) == {"SC022": (
        "'sid' is guessable: at most 3 bits of randomness (1 decimal digit), under the 128 "
        "bits a session token needs"
    )}


def test_sc022_is_asked_for_by_the_policy() -> None:
    assert rules_of(counter_app().test_client().get("/login"), CookiePolicy()) == {}
