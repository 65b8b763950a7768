"""assert_secure_cookie against a Django project configured in the test (default settings vs
hardened ones), run in a subprocess so the project's settings are its own."""

from __future__ import annotations

import pytest

from tests._helpers import run_project

CONFTEST = '''
import django
from django.conf import settings

settings.configure(
    SECRET_KEY="django-tests-only",
    ALLOWED_HOSTS=["testserver"],
    ROOT_URLCONF="djapp",
    INSTALLED_APPS=[],
    DATABASES={},
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    # Sessions stored in the cookie itself: Django's default cookie attributes, no database.
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
)
django.setup()
'''

DJAPP = '''
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path


def login(request):
    request.session["user"] = "alice"
    get_token(request)  # Django sets csrftoken on the response once a token is used
    return HttpResponse("ok")


def logout(request):
    request.session.flush()
    return HttpResponse("bye")


urlpatterns = [path("login/", login), path("logout/", logout)]
'''

TESTS = '''
from django.test import Client, override_settings
from pytest_securecookie import assert_cookie_deleted

HARDENED = override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)


def test_default_settings(assert_secure_cookie):
    assert_secure_cookie(Client().get("/login/"))


def test_hardened_settings(assert_secure_cookie):
    with HARDENED:
        cookies = assert_secure_cookie(Client().get("/login/", secure=True))
    assert sorted(c.name for c in cookies) == ["csrftoken", "sessionid"]
    assert not next(c for c in cookies if c.name == "csrftoken").httponly


def test_hardened_csrf_cookie_by_name(assert_secure_cookie):
    with HARDENED:
        assert assert_secure_cookie(Client().get("/login/"), "csrftoken").secure


def test_csrf_httponly_required_by_argument(assert_secure_cookie):
    from pytest_securecookie import CookiePolicy
    with HARDENED:
        assert_secure_cookie(Client().get("/login/"), policy=CookiePolicy(csrf_httponly=True))


def test_async_client_response(assert_secure_cookie):
    import asyncio
    from django.test import AsyncClient
    response = asyncio.run(AsyncClient().get("/login/"))
    assert_secure_cookie(response, "sessionid")


def test_a_view_response_made_directly(assert_secure_cookie):
    from django.http import HttpResponseRedirect
    response = HttpResponseRedirect("/next")
    response.set_cookie("sessionid", "abc12345", httponly=True, samesite="Lax")
    assert_secure_cookie(response)


def test_logout_deletes_the_session():
    client = Client()
    client.get("/login/")
    assert_cookie_deleted(client.get("/logout/"), "sessionid")
'''


@pytest.fixture(scope="module")
def django_run(tmp_path_factory: pytest.TempPathFactory) -> pytest.RunResult:
    """One Django project, one pytest subprocess for every check below (Django is slow to
    start, and its settings are process-wide)."""
    project = tmp_path_factory.mktemp("django_project")
    return run_project(project, {"conftest": CONFTEST, "djapp": DJAPP, "test_django": TESTS})


def test_the_run_has_the_expected_outcomes(django_run: pytest.RunResult) -> None:
    django_run.assert_outcomes(passed=3, failed=4)
    django_run.stdout.fnmatch_lines(
        [
            "PASSED test_django.py::test_hardened_settings",
            "PASSED test_django.py::test_hardened_csrf_cookie_by_name",
            "PASSED test_django.py::test_logout_deletes_the_session",
        ]
    )


def test_default_django_session_and_csrf_cookies_lack_secure(django_run: pytest.RunResult) -> None:
    django_run.stdout.fnmatch_lines(
        [
            "E       pytest_securecookie.InsecureCookieError: response sets 2 insecure auth-like "
            "or CSRF cookies:",
            "E       ",
            "E       cookie 'csrftoken' set by GET http://testserver/login/ (django) is insecure: "
            "1 problem",
            "E         Set-Cookie: csrftoken=<redacted 32 chars>; expires=*; Max-Age=31449600; "
            "Path=/; SameSite=Lax",
            "E         SC001 'csrftoken' has no Secure attribute: *",
            "E           fix: CSRF_COOKIE_SECURE = True in settings.py; if Secure is off only so "
            "that the http test client keeps its session, test over https instead: "
            "client.get(..., secure=True)",
            "E       ",
            "E       cookie 'sessionid' set by GET http://testserver/login/ (django) is insecure: "
            "1 problem",
            "E         Set-Cookie: sessionid=<redacted * chars>; expires=*; HttpOnly; "
            "Max-Age=1209600; Path=/; SameSite=Lax",
            "E         SC001 'sessionid' has no Secure attribute: *",
            "E           fix: SESSION_COOKIE_SECURE = True in settings.py; *",
        ],
        consecutive=True,
    )


def test_a_policy_can_require_httponly_on_the_csrf_cookie(django_run: pytest.RunResult) -> None:
    # The call sits in a ``with`` block: pytest indents its lines four more.
    django_run.stdout.fnmatch_lines(
        [
            "E           pytest_securecookie.InsecureCookieError: cookie 'csrftoken' set by "
            "GET http://testserver/login/ (django) is insecure: 1 problem",
            "E             Set-Cookie: csrftoken=<redacted 32 chars>; *; Secure",
            "E             SC002 'csrftoken' has no HttpOnly attribute: *",
            "E               fix: CSRF_COOKIE_HTTPONLY = True in settings.py",
        ],
        consecutive=True,
    )


def test_async_client_responses_name_their_request(django_run: pytest.RunResult) -> None:
    django_run.stdout.fnmatch_lines(
        [
            ">       assert_secure_cookie(response, \"sessionid\")",
            "E       pytest_securecookie.InsecureCookieError: cookie 'sessionid' set by "
            "GET http://testserver/login/ (django) is insecure: 1 problem",
        ],
        consecutive=True,
    )


def test_a_response_without_a_request_is_named_by_its_framework(
    django_run: pytest.RunResult,
) -> None:
    # Not by HttpResponseRedirect.url, which is where it points, not where it came from.
    django_run.stdout.fnmatch_lines(
        ["E       pytest_securecookie.InsecureCookieError: cookie 'sessionid' set by a django "
         "response is insecure: 1 problem"]
    )
