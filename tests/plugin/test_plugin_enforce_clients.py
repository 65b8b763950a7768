"""Enforcement through other real clients: requests against a live 127.0.0.1 server, Django's
test client, FastAPI's TestClient, aiohttp's client against an aiohttp server."""

from __future__ import annotations

import pytest

from tests._enforce_apps import (
    AIOHTTP_CONFTEST,
    BROWSER_CONFTEST,
    DJANGO_CONFTEST,
    FASTAPI_CONFTEST,
    LIVE_SERVER_CONFTEST,
    SECRET,
    run_plugin,
)


def run(pytester: pytest.Pytester, conftest: str, tests: str) -> pytest.RunResult:
    pytester.makeconftest(conftest)
    pytester.makepyfile(test_login=tests)
    result: pytest.RunResult = run_plugin(pytester, "--secure-cookies")
    return result


def test_requests_against_a_live_server(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        LIVE_SERVER_CONFTEST,
        """
import requests

def test_insecure(live_url):
    assert requests.post(live_url + "/login").status_code == 200

def test_hardened(live_url):
    assert requests.post(live_url + "/login-hardened").status_code == 200
""",
    )
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            "secure cookies: 4 responses, 4 cookies, 2 auth-like, 1 insecure",
            "FAILED test_login.py::test_insecure - insecure cookie 'session' *",
        ],
    )
    result.stdout.fnmatch_lines(
        ["cookie 'session' set by POST http://127.0.0.1:*/login (requests) is insecure: 3 *"]
    )
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_a_request_from_a_thread_the_test_started_counts(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        LIVE_SERVER_CONFTEST,
        """
import threading
import requests

def test_background_login(live_url):
    worker = threading.Thread(target=requests.post, args=(live_url + "/login",))
    worker.start()
    worker.join()
""",
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["cookie 'session' set by POST http://127.0.0.1:*/login (requests)*"]
    )


MOCKED = f"""
import pytest
import requests
import responses

@pytest.fixture
def mocked():
    with responses.RequestsMock() as mock:
        mock.get("http://mocked.test/", headers={{"Set-Cookie": "session={SECRET}; Path=/"}})
        yield mock

def test_mock_started_in_a_fixture_still_answers(mocked):
    assert requests.get("http://mocked.test/").status_code == 200

def test_live_login_after_the_mock_is_recorded(live_url):
    requests.post(live_url + "/login")

def test_live_hardened_login_after_the_mock_passes(live_url):
    requests.post(live_url + "/login-hardened")
"""


def test_a_mocking_library_in_a_fixture_keeps_working(pytester: pytest.Pytester) -> None:
    # The mock patches requests while this test's recorder is active (setup), and restores
    # after it stopped (teardown): both keep working, and so does recording afterwards.
    result = run(pytester, LIVE_SERVER_CONFTEST, MOCKED)
    result.assert_outcomes(failed=2, passed=1)  # the mocked insecure response is recorded too
    result.stdout.fnmatch_lines(
        [
            "_* test_mock_started_in_a_fixture_still_answers _*",
            "cookie 'session' set by GET http://mocked.test/ (requests) is insecure: 3 problems",
        ]
    )
    result.stdout.fnmatch_lines(["_* test_live_login_after_the_mock_is_recorded _*"])
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_a_browser_against_a_wrapped_live_server(pytester: pytest.Pytester) -> None:
    # The session fixture starts the server before any test's recorder exists; the app was
    # wrapped once, and each test's recorder gets the responses served while it is active.
    result = run(
        pytester,
        BROWSER_CONFTEST,
        """
from conftest import browser_post

def test_insecure(served):
    assert browser_post(served, "/login").endswith(b" 302 FOUND")

def test_hardened(served):
    assert browser_post(served, "/login-hardened").endswith(b" 302 FOUND")
""",
    )
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        ["cookie 'session' set by POST http://127.0.0.1:*/login (wsgi) is insecure: 3 problems"]
    )
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_django_test_client(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(DJANGO_CONFTEST)
    pytester.makepyfile(
        test_login="""
from django.test import Client, override_settings

def test_insecure():
    assert Client().post("/login").status_code == 302

def test_hardened():
    assert Client().post("/login-hardened").status_code == 302

def test_django_defaults():
    assert Client().post("/real-login").status_code == 302

@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_django_hardened_settings():
    assert Client().post("/real-login").status_code == 302
"""
    )
    # A subprocess: Django's settings can be configured once per process.
    result = run_plugin(pytester, "--secure-cookies", subprocess=True)
    result.assert_outcomes(failed=2, passed=2)
    result.stdout.fnmatch_lines(
        ["cookie 'sessionid' set by POST http://testserver/login (django) is insecure: 3 *"]
    )
    result.stdout.fnmatch_lines(
        [
            "_* test_django_defaults _*",
            "insecure cookies 'csrftoken' (SC001), 'sessionid' (SC001) set by POST /real-login",
            "",
            "cookie 'csrftoken' set by POST http://testserver/real-login (django) is insecure: 1 *",
            "  Set-Cookie: csrftoken=<redacted 32 chars>; *SameSite=Lax",
            "  SC001 'csrftoken' has no Secure attribute: *",
            "    fix: CSRF_COOKIE_SECURE = True in settings.py*",
            "",
            "cookie 'sessionid' set by POST http://testserver/real-login (django) is insecure: 1 *",
            "  Set-Cookie: sessionid=<redacted * chars>; *HttpOnly*",
            "  SC001 'sessionid' has no Secure attribute: *",
            "    fix: SESSION_COOKIE_SECURE = True in settings.py*",
        ],
        consecutive=True,
    )
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_fastapi_test_client_following_the_redirect(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        FASTAPI_CONFTEST,
        """
def test_insecure(client):
    assert client.post("/login").status_code == 200  # the TestClient follows the 302

def test_hardened(client):
    assert client.post("/login-hardened").status_code == 200
""",
    )
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            # Starlette's set_cookie adds SameSite=lax by default: Secure and HttpOnly remain.
            "cookie 'session' set by POST http://testserver/login (fastapi) is insecure: 2 *",
            "  Set-Cookie: session=<redacted 21 chars>; Path=/; SameSite=lax",
        ]
    )
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_aiohttp_client_against_an_aiohttp_server(pytester: pytest.Pytester) -> None:
    result = run(
        pytester,
        AIOHTTP_CONFTEST,
        """
from conftest import post_login

def test_insecure():
    assert post_login() == 200

def test_hardened():
    assert post_login(secure=True, httponly=True, samesite="Lax") == 200
""",
    )
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        ["cookie 'session' set by POST http://127.0.0.1:*/login (aiohttp) is insecure: 3 *"]
    )
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_an_async_test_through_httpx_asyncclient(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_login=f"""
import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route

async def login(request):
    response = RedirectResponse("/home", status_code=302)
    response.set_cookie("session", "{SECRET}", samesite="lax")
    return response

app = Starlette(routes=[Route("/login", login, methods=["POST"])])

@pytest.fixture
def anyio_backend():
    return "asyncio"

@pytest.mark.anyio
async def test_async_login():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        assert (await client.post("/login")).status_code == 302
"""
    )
    result = run_plugin(pytester, "-p", "anyio.pytest_plugin", "--secure-cookies")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["cookie 'session' set by POST http://testserver/login (httpx) is insecure: 2 problems"]
    )
    result.stdout.no_fnmatch_line(f"*{SECRET}*")
