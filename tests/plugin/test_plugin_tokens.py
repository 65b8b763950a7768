"""SC022-SC025 under ``--secure-cookies``, as users meet them: pytester projects with a real
Flask app (a counter as its session id, a session holding a password) and exact failure text."""

from __future__ import annotations

import pytest

APP = '''
import flask
import pytest

PASSWORD = "hunter2-planted-value"


@pytest.fixture
def app():
    app = flask.Flask(__name__)
    app.secret_key = "tokens-test-only"
    app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax")
    app.logins = 0

    @app.get("/login")
    def login():
        app.logins += 1
        response = flask.make_response("ok")
        response.set_cookie("sid", str(app.logins + 41), secure=True, httponly=True,
                            samesite="Lax")
        return response

    @app.get("/keep")
    def keep():
        flask.session["password"] = PASSWORD
        return "kept"

    return app
'''

# Each test its own app: the counter starts again, and the run remembers the earlier login.
COUNTER = '''
def test_first_login(app):
    app.test_client().get("/login")


def test_second_login(app):
    app.logins = 1
    app.test_client().get("/login")
'''


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(APP)
    return pytester


def test_a_counter_session_id_fails_sc022_and_then_sc023(project: pytest.Pytester) -> None:
    project.makepyfile(test_login=COUNTER)
    project.makeini("[pytest]\nsecure_cookies_token_entropy = true\n")
    result = project.runpytest("-p", "no:cacheprovider", "--secure-cookies")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "cookie 'sid' set by GET http://localhost/login (flask) is insecure: 1 problem",
        "  Set-Cookie: sid=<redacted 2 chars>; Secure; HttpOnly; Path=/; SameSite=Lax",
        "  SC022 'sid' is guessable: at most 6 bits of randomness (2 decimal digits), under the "
        "128 bits a session token needs: an attacker who can guess or enumerate valid session "
        "tokens takes over sessions without ever seeing one",
        "    fix: issue session tokens from a cryptographic random source, at least 128 bits "
        "(Python: secrets.token_urlsafe(32)), or use the framework's own sessions",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        "cookie 'sid' set by GET http://localhost/login (flask) is insecure: 2 problems",
        "  Set-Cookie: sid=<redacted 2 chars>; Secure; HttpOnly; Path=/; SameSite=Lax",
        "  SC022 'sid' is guessable: *",
        "    fix: *",
        "  SC023 'sid' counts up: its token is an earlier login's plus 1: from one token an "
        "attacker predicts the next login's (or a logged-out token comes back to life) and "
        "takes over that session",
        "    fix: issue a fresh token from a cryptographic random source at each login "
        "(Python: secrets.token_urlsafe(32)), never a counter, a time or an ended token",
    ], consecutive=True)
    result.stdout.no_fnmatch_line("*sid=4*")


def test_without_token_entropy_a_counter_is_not_judged(project: pytest.Pytester) -> None:
    project.makepyfile(test_login=COUNTER)
    result = project.runpytest("-p", "no:cacheprovider", "--secure-cookies")
    result.assert_outcomes(passed=2)


def test_the_marker_keyword_asks_for_it_too(project: pytest.Pytester) -> None:
    project.makepyfile(test_login='''
import pytest

@pytest.mark.secure_cookies(token_entropy=True)
def test_login(app):
    app.test_client().get("/login")
''')
    result = project.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["  SC022 'sid' is guessable: at most 6 bits *"])


def test_a_session_holding_the_password_fails_sc024_by_default(project: pytest.Pytester) -> None:
    project.makepyfile(test_keep='''
def test_keep(app):
    app.test_client().get("/keep")
''')
    result = project.runpytest("-p", "no:cacheprovider", "--secure-cookies")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "cookie 'session' set by GET http://localhost/keep (flask) is insecure: 1 problem",
        "  Set-Cookie: session=<redacted * chars>; Secure; HttpOnly; Path=/; SameSite=Lax",
        "  SC024 'session' is a Flask/itsdangerous signed session anyone can decode without the "
        "key, and it holds 'password': signing keeps a client-side session from being changed, "
        "not from being read: whoever holds the cookie (the user, a log, a proxy, a script if "
        "it lacks HttpOnly) decodes it without the key",
        "    fix: keep secrets on the server (a database or cache session backend) and put only "
        "an id in the cookie: signing does not hide what a session holds",
    ], consecutive=True)
    result.stdout.no_fnmatch_line("*hunter2*")
