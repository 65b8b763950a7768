"""Fix texts when the framework is a guess: a signed ``session`` cookie whose server is only
"asgi"/"wsgi"/unknown, Express cookie-session's pair, and deletions (``delete_cookie``)."""

from __future__ import annotations

import base64
import json
import warnings

import flask
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from pytest_securecookie.judging.policy import check_cookie, check_deletion
from pytest_securecookie.judging.shapes import credential_shape
from tests._helpers import NOW, cookie

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
BOTH = ('Flask: app.config["SESSION_COOKIE_SECURE"] = True; Starlette: '
        "SessionMiddleware(app, secret_key=..., https_only=True)")


def secure_fix(line: str, framework: str | None, url: str | None = None) -> str:
    found = check_cookie(cookie(line), framework=framework, url=url, now=NOW)
    return next(f.fix for f in found if f.rule == "SC001")


def starlette_session_line() -> str:
    def login(request: Request) -> PlainTextResponse:
        request.session["user"] = "alice"
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/login", login)],
                    middleware=[Middleware(SessionMiddleware, secret_key="k")])
    with TestClient(app) as client:
        [line] = client.get("/login").headers.get_list("set-cookie")
    return str(line)


def flask_session_line() -> str:
    app = flask.Flask(__name__)
    app.secret_key = "k"

    @app.get("/login")
    def login() -> str:
        flask.session["user"] = "alice"
        return "ok"

    [line] = app.test_client().get("/login").headers.getlist("Set-Cookie")
    return line


@pytest.mark.parametrize("make_line", [starlette_session_line, flask_session_line])
def test_a_signed_session_of_an_unknown_server_names_flask_and_starlette(make_line: object) -> None:
    line = make_line()  # type: ignore[operator]
    assert credential_shape(cookie(line).value) == "itsdangerous"  # the two look alike
    assert secure_fix(line, None) == BOTH
    live = secure_fix(line, "requests", "http://127.0.0.1:8000/login")
    assert live.startswith(BOTH + "; if Secure is off only because the test server speaks")


def test_a_signed_session_recorded_from_an_asgi_app_is_never_called_flasks() -> None:
    # cookie_recorder.asgi(app) labels Starlette's SessionMiddleware "asgi": Flask is WSGI.
    fix = secure_fix(starlette_session_line(), "asgi")
    assert fix.startswith("Starlette: SessionMiddleware(app, secret_key=..., https_only=True); "
                          'Quart: app.config["SESSION_COOKIE_SECURE"] = True')
    assert "Flask" not in fix


def test_a_signed_session_recorded_from_a_wsgi_app_is_flasks() -> None:
    fix = secure_fix(flask_session_line(), "wsgi")
    assert fix == 'app.config["SESSION_COOKIE_SECURE"] = True'


def test_the_framework_when_known_still_wins() -> None:
    assert secure_fix(starlette_session_line(), "starlette") == (
        "SessionMiddleware(app, secret_key=..., https_only=True)")
    assert secure_fix(flask_session_line(), "flask") == (
        'app.config["SESSION_COOKIE_SECURE"] = True')


# -- Express cookie-session: `session` (base64 JSON) and its signature `session.sig` --------

COOKIE_SESSION = base64.b64encode(json.dumps({"user": "user123"}).encode()).decode()
SIG_FIX = ("cookieSession({secure: true}) (cookie-session), and app.set('trust proxy', 1) "
           "behind a TLS-terminating proxy")


@pytest.mark.parametrize("client", [None, "requests"])
def test_a_cookie_session_pair_gets_one_fix(client: str | None) -> None:
    session = secure_fix(f"session={COOKIE_SESSION}; path=/; httponly", client)
    signature = secure_fix("session.sig=0lCH6yN4AByy5_Vsqt0BPu1ekHo; path=/; httponly", client)
    assert session.startswith(SIG_FIX) and signature.startswith(SIG_FIX)


@pytest.mark.parametrize("client", ["wsgi", "asgi"])
def test_base64_json_from_a_python_server_is_not_called_cookie_session(client: str) -> None:
    assert "cookieSession" not in secure_fix(f"session={COOKIE_SESSION}", client)


@pytest.mark.parametrize("value", ["eyJub3QganNvbg", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "abc"])
def test_a_value_that_is_not_base64_json_is_no_cookie_session(value: str) -> None:
    assert "cookieSession" not in secure_fix(f"session={value}", None)


# -- deletions: the framework's delete call, not set_cookie ---------------------------------


def deletion_fix(line: str, framework: str) -> str:
    [finding] = check_deletion(cookie(line), framework=framework, now=NOW)
    assert finding.rule == "SC014"
    return finding.fix


@pytest.mark.parametrize(
    ("framework", "fix"),
    [("flask", 'response.delete_cookie("__Secure-token", ..., secure=True)'),
     ("starlette", 'response.delete_cookie("__Secure-token", ..., secure=True)'),
     ("aiohttp", 'response.del_cookie("__Secure-token", ..., secure=True)'),
     ("tornado", 'self.clear_cookie("__Secure-token", ..., secure=True)'),
     # no secure= on these delete calls: a set_cookie that deletes
     ("litestar", 'response.set_cookie("__Secure-token", "", max_age=0, ..., secure=True)'),
     ("falcon", 'resp.set_cookie("__Secure-token", "", max_age=0, ..., secure=True)')],
)
def test_a_prefixed_deletion_without_secure_names_the_delete_call(framework: str, fix: str) -> None:
    assert deletion_fix("__Secure-token=; Max-Age=0; Path=/", framework) == fix


def test_a_django_deletion_fix_matches_django_5_2_delete_cookie() -> None:
    from django.conf import settings  # type: ignore[import-untyped]
    from django.http import HttpResponse  # type: ignore[import-untyped]

    if not settings.configured:
        settings.configure(SECRET_KEY="fixes-tests", INSTALLED_APPS=[], DATABASES={})
    response = HttpResponse()
    response.delete_cookie("__secure-token")  # Django adds Secure only to "__Secure-" exactly
    line = response.cookies["__secure-token"].OutputString()
    assert deletion_fix(line, "django") == (
        'response.delete_cookie("__secure-token") adds Secure only to a name spelt exactly '
        '"__Secure-..."/"__Host-..."; else response.set_cookie("__secure-token", "", '
        "max_age=0, ..., secure=True)")
    exact = HttpResponse()
    exact.delete_cookie("__Secure-token")
    assert check_deletion(cookie(exact.cookies["__Secure-token"].OutputString()), now=NOW) == []


def test_a_live_cookie_still_gets_set_cookie() -> None:
    assert secure_fix("__Secure-token=x; Path=/", "flask") == (
        'response.set_cookie("__Secure-token", ..., secure=True)')
