"""SC019 (issue 13 §2, OWASP ASVS 5.0 V3.3.4): under enforcement, an auth token that a response
of the test also carries outside Set-Cookie fails the test: a FastAPI login that answers with
the JWT it sets as an HttpOnly cookie, a Flask login that redirects with the session id in the
URL, a header that repeats it.  A streamed body the test did not read is never read."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin

SECRET = "PLANTED-SECRET-7f3a9c"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.PLANTED-jwt-5c1e"
WHY = (
    "a copy outside the cookie is readable by any script on the page, which makes HttpOnly "
    "moot, and one in a URL ends up in logs, browser history and Referer headers"
)
FIX = (
    "    fix: send the token in Set-Cookie only: leave it out of response bodies (a login "
    "answers with the user, not the token), redirect URLs and other headers"
)

CONFTEST = f'''
import warnings

import flask
import pytest
from fastapi import FastAPI, Response
from fastapi.responses import StreamingResponse

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

SECRET = "{SECRET}"
TOKEN = "{TOKEN}"
HARDENED = dict(secure=True, httponly=True, samesite="Lax")
STREAMED = []  # what a streamed body's generator reached past its first chunk

api = FastAPI()


@api.post("/api/login")
def api_login(response: Response):  # the SPA login seen in the wild
    response.set_cookie("access_token", TOKEN, secure=True, httponly=True, samesite="lax")
    return {{"access_token": TOKEN, "token_type": "bearer"}}


@api.post("/api/login-quiet")
def api_login_quiet(response: Response):
    response.set_cookie("access_token", TOKEN, secure=True, httponly=True, samesite="lax")
    return {{"user": "ann"}}


@api.get("/api/stream")
def api_stream():
    async def chunks():
        yield b"start "
        yield TOKEN.encode()
    return StreamingResponse(chunks())


app = flask.Flask("shop")


@app.post("/login")
def login():  # the session id in the redirect URL
    response = flask.redirect(f"/next?sid={{SECRET}}")
    response.set_cookie("session", SECRET, **HARDENED)
    return response


@app.post("/login-clean")
def login_clean():
    response = flask.redirect("/next")
    response.set_cookie("session", SECRET, **HARDENED)
    return response


@app.get("/next")
def next_page():
    return "welcome"


@app.get("/whoami")
def whoami():
    response = flask.make_response("ann")
    response.headers["X-Session"] = SECRET
    return response


@app.get("/users/<path:user>/profile")
def profile(user):  # the request path carries the token; the body repeats it
    return f"profile of {{user}}"


@app.get("/stream")
def stream():
    def chunks():
        yield b"start "
        STREAMED.append("read")
        yield SECRET.encode()
    return flask.Response(flask.stream_with_context(chunks()))


@pytest.fixture
def client():
    return app.test_client()


@pytest.fixture
def api_client():
    with TestClient(api) as api_client:
        yield api_client


@pytest.fixture
def unread():
    """Fails in teardown, after enforcement judged the test, if the stream was advanced."""
    yield
    assert STREAMED == [], "the streamed body was read"
'''


def run(pytester: pytest.Pytester, tests: str, *args: str) -> pytest.RunResult:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_login=tests)
    result: pytest.RunResult = run_plugin(pytester, "--secure-cookies", *args)
    return result


def assert_no_value(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text and TOKEN not in text


def test_a_fastapi_login_that_answers_with_its_httponly_token_fails(
    pytester: pytest.Pytester,
) -> None:
    result = run(pytester, """
def test_spa_login(api_client):
    assert api_client.post("/api/login").json()["token_type"] == "bearer"

def test_quiet_login(api_client):
    assert api_client.post("/api/login-quiet").json() == {"user": "ann"}
""")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines([
        "insecure cookie 'access_token' (SC019) set by POST /api/login",
        "",
        "cookie 'access_token' set by POST http://testserver/api/login (fastapi) is insecure: "
        "1 problem",
        "  Set-Cookie: access_token=<redacted 56 chars>; HttpOnly; Path=/; SameSite=lax; Secure",
        "  SC019 'access_token' is sent outside Set-Cookie: in the body of POST "
        f"http://testserver/api/login (fastapi): {WHY}",
        FIX,
        "",
        'if this test must receive them: @pytest.mark.allow_insecure_cookies(reason="..."); '
        'to accept only these rules: @pytest.mark.secure_cookies(ignore_rules=["SC019"])',
        "docs: https://pytest-securecookie.readthedocs.io/en/latest/rules/#sc019",
    ], consecutive=True)
    result.stdout.fnmatch_lines(
        ["FAILED test_login.py::test_spa_login - insecure cookie 'access_token' (SC019)*"]
    )
    assert_no_value(result.stdout.str(), result.stderr.str())


def test_a_flask_login_that_redirects_with_the_session_id_fails(
    pytester: pytest.Pytester,
) -> None:
    result = run(pytester, """
def test_login(client):
    assert client.post("/login", follow_redirects=True).status_code == 200

def test_clean_login(client):  # /next is requested with the cookie: a request, not a response
    assert client.post("/login-clean", follow_redirects=True).status_code == 200
""")
    result.assert_outcomes(failed=1, passed=1)
    # werkzeug reads the 302's body (its link repeats the URL) when it follows the redirect.
    result.stdout.fnmatch_lines([
        "cookie 'session' set by POST http://localhost/login (flask) is insecure: 1 problem",
        "  Set-Cookie: session=<redacted 21 chars>; Secure; HttpOnly; Path=/; SameSite=Lax",
        "  SC019 'session' is sent outside Set-Cookie: in the Location header of POST "
        "http://localhost/login (flask); in the body of POST http://localhost/login (flask): "
        f"{WHY}",
        FIX,
    ], consecutive=True)
    assert_no_value(result.stdout.str(), result.stderr.str())


def test_a_header_that_repeats_the_session_fails(pytester: pytest.Pytester) -> None:
    result = run(pytester, """
import pytest

def test_header(client):
    client.post("/login-clean")
    assert client.get("/whoami").status_code == 200

@pytest.mark.secure_cookies(ignore_rules=["SC019"])
def test_accepted(client):
    client.post("/login-clean")
    assert client.get("/whoami").status_code == 200
""")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines([
        "cookie 'session' set by POST http://localhost/login-clean (flask) is insecure: "
        "1 problem",
        "  Set-Cookie: session=<redacted 21 chars>; Secure; HttpOnly; Path=/; SameSite=Lax",
        "  SC019 'session' is sent outside Set-Cookie: in the X-Session header of GET "
        f"http://localhost/whoami (flask): {WHY}",
    ], consecutive=True)
    assert_no_value(result.stdout.str(), result.stderr.str())


def test_a_streamed_body_the_test_did_not_read_is_never_read(pytester: pytest.Pytester) -> None:
    result = run(pytester, """
def test_flask_stream_unread(client, unread):
    client.post("/login-clean")
    assert client.get("/stream").status_code == 200

def test_starlette_stream_unread(api_client):
    api_client.post("/api/login-quiet")
    with api_client.stream("GET", "/api/stream") as response:
        assert response.status_code == 200

def test_flask_stream_read(client):
    client.post("/login-clean")
    assert client.get("/stream").data.startswith(b"start")

def test_starlette_stream_read(api_client):
    api_client.post("/api/login-quiet")
    with api_client.stream("GET", "/api/stream") as response:
        assert response.read().startswith(b"start")
""")
    result.assert_outcomes(failed=2, passed=2)
    result.stdout.fnmatch_lines([
        "  SC019 'session' is sent outside Set-Cookie: in the body of GET "
        f"http://localhost/stream (flask): {WHY}",
    ])
    result.stdout.fnmatch_lines([
        "  SC019 'access_token' is sent outside Set-Cookie: in the body of GET "
        f"http://testserver/api/stream (fastapi): {WHY}",
    ])
    result.stdout.fnmatch_lines([
        "FAILED test_login.py::test_flask_stream_read - *",
        "FAILED test_login.py::test_starlette_stream_read - *",
    ])


def test_a_url_that_carries_the_token_is_shown_without_it(pytester: pytest.Pytester) -> None:
    result = run(pytester, f"""
def test_profile(client):
    client.post("/login-clean")
    assert client.get("/users/{SECRET}/profile").data.startswith(b"profile")
""")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "  SC019 'session' is sent outside Set-Cookie: in the body of GET "
        f"http://localhost/users/<redacted>/profile (flask): {WHY}",
    ])
    assert_no_value(result.stdout.str(), result.stderr.str())
