"""Renamed session, CSRF and remember-me cookies fail closed: real Django, Flask + Flask-Login and
Starlette apps that rename them fail under ``--secure-cookies`` and in
``assert_secure_cookie(response)``, the names read from the app under test."""

from __future__ import annotations

from typing import Any

import pytest

from tests._enforce_apps import SECRET, run_plugin
from tests._schemas import load_report

# Sessions in the cache: the cookie holds a random key with no credential shape, so only the
# name can tell that it is the session (as with Django's default database sessions).
DJANGO_CONFTEST = '''
import django
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path


def login(request):
    request.session["user"] = "alice"
    get_token(request)
    response = HttpResponse("ok")
    response.set_cookie("django_language", "en")  # the language cookie stays "other"
    return response


urlpatterns = [path("login", login)]

settings.configure(
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["testserver"],
    SECRET_KEY="not-a-cookie-value",
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    SESSION_ENGINE="django.contrib.sessions.backends.cache",
    SESSION_COOKIE_NAME="mysite",
    CSRF_COOKIE_NAME="mysite_guard",
    INSTALLED_APPS=[],
    DATABASES={},
)
django.setup()
'''

DJANGO_TESTS = """
from django.test import Client

def test_enforced():
    assert Client().get("/login").status_code == 200

def test_asserted(assert_secure_cookie):
    assert_secure_cookie(Client().get("/login"))
"""

FLASK_CONFTEST = f'''
import flask
import flask_login
import pytest

SECRET = "{SECRET}"


class User(flask_login.UserMixin):
    id = SECRET


def make_app():
    app = flask.Flask("shop")
    app.secret_key = "not-a-cookie-value"
    app.config["SESSION_COOKIE_NAME"] = "shop"
    app.config["REMEMBER_COOKIE_NAME"] = "keep_me"
    login_manager = flask_login.LoginManager(app)
    login_manager.user_loader(lambda user_id: User())

    @app.post("/login")
    def login():
        flask_login.login_user(User(), remember=True)
        return "welcome"

    return app


@pytest.fixture
def client():
    return make_app().test_client()
'''

# Value shapes off: the names alone must tell (a Flask or Starlette session value is signed,
# and its shape would give it away; a server-side session id would not).
TESTS = """
import pytest

pytestmark = pytest.mark.secure_cookies(recognise_values=False)

def test_enforced(client):
    client.post("/login")

def test_asserted(client, assert_secure_cookie):
    assert_secure_cookie(client.post("/login"))
"""

STARLETTE_CONFTEST = '''
import warnings

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient


def login(request):
    request.session["user"] = "alice"
    return PlainTextResponse("welcome")


app = Starlette(
    routes=[Route("/login", login, methods=["POST"])],
    middleware=[Middleware(SessionMiddleware, secret_key="k", session_cookie="visit")],
)


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client
'''


def run(pytester: pytest.Pytester, conftest: str, tests: str, **kw: Any) -> pytest.RunResult:
    pytester.makeconftest(conftest)
    pytester.makepyfile(test_app=tests)
    return run_plugin(pytester, "--secure-cookies", "--secure-cookies-report=out.json", **kw)


def reasons(pytester: pytest.Pytester) -> dict[str, str]:
    report = load_report(pytester.path / "out.json")
    return {e["name"]: e["classification"]["reason"] for e in report["cookies"]}


def test_django_settings_name_the_session_and_csrf_cookies(pytester: pytest.Pytester) -> None:
    result = run(pytester, DJANGO_CONFTEST, DJANGO_TESTS, subprocess=True)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "insecure cookies 'mysite_guard' (SC001), 'mysite' (SC001) set by GET /login",
            "",
            "cookie 'mysite_guard' set by GET http://testserver/login (django) is insecure: "
            "1 problem",
            "  Set-Cookie: mysite_guard=<redacted 32 chars>; *",
            "  SC001 'mysite_guard' has no Secure attribute: *",
            "    fix: CSRF_COOKIE_SECURE = True in settings.py; *",
            "",
            "cookie 'mysite' set by GET http://testserver/login (django) is insecure: 1 problem",
            "  Set-Cookie: mysite=<redacted 32 chars>; *",
            "  SC001 'mysite' has no Secure attribute: *",
            "    fix: SESSION_COOKIE_SECURE = True in settings.py; *",
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines(
        [
            "E       pytest_securecookie.InsecureCookieError: response sets 2 insecure auth-like "
            "or CSRF cookies:",
            "E       ",
            "E       cookie 'mysite_guard' set by GET http://testserver/login (django) is *",
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines(["secure cookies: 2 responses, 6 cookies, 4 auth-like, 4 insecure"])
    assert reasons(pytester) == {
        "mysite": "the app's session cookie (Django settings.SESSION_COOKIE_NAME)",
        "mysite_guard": "the app's CSRF cookie (Django settings.CSRF_COOKIE_NAME)",
        "django_language": "name and value look like no auth or CSRF cookie",
    }


def test_flask_config_and_flask_login_name_the_session_and_remember_cookies(
    pytester: pytest.Pytester,
) -> None:
    result = run(pytester, FLASK_CONFTEST, TESTS)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "cookie 'keep_me' set by POST http://localhost/login (flask) is insecure: 2 problems",
            "  Set-Cookie: keep_me=<redacted * chars>; Expires=*; HttpOnly; Path=/",
            "  SC001 'keep_me' has no Secure attribute: *",
            '    fix: app.config?"REMEMBER_COOKIE_SECURE"? = True (Flask-Login); *',
            "  SC003 'keep_me' has no SameSite attribute: *",
            '    fix: app.config?"REMEMBER_COOKIE_SAMESITE"? = "Lax" (Flask-Login)',
            "",
            "cookie 'shop' set by POST http://localhost/login (flask) is insecure: 2 problems",
            "  Set-Cookie: shop=<redacted * chars>; HttpOnly; Path=/",
            "  SC001 'shop' has no Secure attribute: *",
            '    fix: app.config?"SESSION_COOKIE_SECURE"? = True; *',
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines(["FAILED test_app.py::test_asserted - *InsecureCookieError*"])
    result.stdout.no_fnmatch_line(f"*{SECRET}*")
    assert reasons(pytester) == {
        "keep_me": "the app's remember-me cookie (Flask-Login REMEMBER_COOKIE_NAME)",
        "shop": "the app's session cookie (Flask app.config['SESSION_COOKIE_NAME'])",
    }


def test_starlette_session_middleware_names_the_session_cookie(pytester: pytest.Pytester) -> None:
    result = run(pytester, STARLETTE_CONFTEST, TESTS)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "insecure cookie 'visit' (SC001) set by POST /login",
            "",
            "cookie 'visit' set by POST http://testserver/login (starlette) is insecure: "
            "1 problem",
            "  Set-Cookie: visit=<redacted * chars>; path=/; Max-Age=1209600; httponly; "
            "samesite=lax",
            "  SC001 'visit' has no Secure attribute: *",
            "    fix: SessionMiddleware(app, secret_key=..., https_only=True); *",
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines(
        ["E       pytest_securecookie.InsecureCookieError: cookie 'visit' set by POST "
         "http://testserver/login (starlette) is insecure: 1 problem"]
    )  # fmt: skip
    assert reasons(pytester) == {
        "visit": "the app's session cookie (Starlette SessionMiddleware(session_cookie=...))"
    }
