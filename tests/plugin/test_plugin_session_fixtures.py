"""The assert_session_rotated / assert_session_ended fixtures use the ini policy: a cookie the
ini names as auth-like is the session cookie they look for, and their failures read as the
functions' do, with no value."""

from __future__ import annotations

import pytest

APP = '''
import secrets

import flask

app = flask.Flask(__name__)
SESSIONS = {}


def set_session(response, sid):
    response.set_cookie("shop", sid, httponly=True)
    return response


@app.get("/start")
def start():
    sid = secrets.token_hex(16)
    SESSIONS[sid] = {}
    return set_session(flask.make_response("cart"), sid)


@app.post("/login")
def login():  # logs in on the session from before, and its logout keeps it valid
    sid = flask.request.cookies["shop"]
    SESSIONS[sid]["user"] = "alice"
    return set_session(flask.make_response("in"), sid)


@app.get("/private")
def private():
    sid = flask.request.cookies.get("shop", "")
    return ("secret", 200) if SESSIONS.get(sid, {}).get("user") else ("no", 401)
'''

TESTS = '''
from app import app


def test_rotated(assert_session_rotated):
    client = app.test_client()
    before = client.get("/start")
    assert_session_rotated(before, client.post("/login"))


def test_ended(assert_session_ended):
    client = app.test_client()
    client.get("/start")
    login = client.post("/login")
    client.delete_cookie("shop")
    assert_session_ended(client, login, "/private")
'''

QUIET = ("-W", "ignore::pytest.PytestAssertRewriteWarning", "-p", "no:hypothesispytest")


@pytest.fixture
def run(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(app=APP, test_it=TESTS)
    return pytester


def test_the_ini_names_the_session_cookie(run: pytest.Pytester) -> None:
    run.makeini("[pytest]\nsecure_cookies_auth_names = shop\n")
    result = run.runpytest(*QUIET)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "E       pytest_securecookie.InsecureCookieError: the login did not renew session cookie "
        "'shop' (SC020): POST http://localhost/login (flask) sets it to the same value as "
        "before the login",
        "E         SC020: whoever planted or learned the session id before the login (a link, a "
        "shared computer, a subdomain) is logged in as the user: session fixation",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        "E       pytest_securecookie.InsecureCookieError: the app still accepts session cookie "
        "'shop' from before the logout (SC021): GET http://localhost/private (flask) with only "
        "that cookie answered 200, where a 401, a 403 or a redirect would refuse it",
    ])


def test_without_the_ini_the_cookie_is_not_a_session_cookie(run: pytest.Pytester) -> None:
    result = run.runpytest(*QUIET)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "E       ValueError: `before` holds no auth-like cookie: nothing to compare; it sets: "
        "'shop'; to check one of them anyway, pass name='<cookie>'",
        "E         rotation can only be proven for a session the client held before logging in: *",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        "E       ValueError: `old` holds no auth-like cookie: nothing to compare; it sets: 'shop'; "
        "to check one of them anyway, pass name='<cookie>'",
    ])
