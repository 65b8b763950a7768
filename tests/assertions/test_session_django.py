"""assert_session_rotated and assert_session_ended against a Django project with database
sessions and django.contrib.auth (run in a subprocess: Django's settings are process-wide).

``django.contrib.auth.login`` gives the session a new key (passes); a view that logs in by
writing ``request.session["user"]`` on the session from before keeps its key (fails).
``django.contrib.auth.logout`` flushes the session (passes); a view that only deletes the
cookie leaves it valid in the database (fails).  Both with ``Client`` and ``AsyncClient``.
"""

from __future__ import annotations

import pytest

from tests._helpers import run_project

CONFTEST = '''
import django
from django.conf import settings

settings.configure(
    SECRET_KEY="django-session-tests-only",
    ALLOWED_HOSTS=["testserver"],
    ROOT_URLCONF="djapp",
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                    "django.contrib.sessions"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}},
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ],
)
django.setup()

from django.core.management import call_command

call_command("migrate", verbosity=0)
'''

DJAPP = '''
from django.contrib.auth import login, logout
from django.contrib.auth.models import User
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path


def start(request):
    request.session["cart"] = "1"  # an anonymous session: the cookie an attacker could plant
    return HttpResponse("cart")


def log_in(request):
    user, _ = User.objects.get_or_create(username="alice")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # cycle_key()
    return HttpResponse("in")


def log_in_then_home(request):
    log_in(request)
    return HttpResponseRedirect("/private/")


def log_in_on_the_same_session(request):
    request.session["user"] = "alice"
    return HttpResponse("in")


def private(request):
    if request.user.is_authenticated or request.session.get("user"):
        return HttpResponse("secret")
    return HttpResponseRedirect("/login/")


def log_out(request):
    logout(request)  # flushes the session
    return HttpResponse("out")


def log_out_cookie_only(request):
    response = HttpResponse("out")
    response.delete_cookie("sessionid")
    return response


urlpatterns = [
    path("start/", start),
    path("login/", log_in),
    path("login-same/", log_in_on_the_same_session),
    path("login-then-home/", log_in_then_home),
    path("private/", private),
    path("logout/", log_out),
    path("logout-cookie/", log_out_cookie_only),
]
'''

TESTS = '''
import asyncio

import pytest
from django.test import AsyncClient, Client

from pytest_securecookie import assert_session_ended, assert_session_ended_async, set_cookies


def jar(client):
    return id(client.cookies), [m.OutputString() for m in client.cookies.values()]


@pytest.mark.parametrize("login", ["/login/", "/login-same/"])
def test_rotated(assert_session_rotated, login):
    client = Client()
    before = client.get("/start/")
    assert assert_session_rotated(before, client.post(login)).name == "sessionid"


@pytest.mark.parametrize("login", ["/login/", "/login-same/"])
def test_rotated_async(assert_session_rotated, login):
    async def run():
        client = AsyncClient()
        before = await client.get("/start/")
        assert_session_rotated(before, await client.post(login))
    asyncio.run(run())


def test_rotated_followed(assert_session_rotated):
    client = Client()
    before = client.get("/start/")
    assert_session_rotated(before, client.post("/login-then-home/", follow=True))


@pytest.mark.parametrize("logout", ["/logout/", "/logout-cookie/"])
def test_ended(logout):
    client = Client()
    client.get("/start/")
    login = client.post("/login/")
    client.post(logout)
    client.get("/start/")
    held = jar(client)
    try:
        assert_session_ended(client, login, "/private/")
    finally:
        assert jar(client) == held


@pytest.mark.parametrize("logout", ["/logout/", "/logout-cookie/"])
def test_ended_async(assert_session_ended_async, logout):
    async def run():
        client = AsyncClient()
        await client.get("/start/")
        login = await client.post("/login/")
        await client.post(logout)
        await client.get("/start/")
        held = jar(client)
        try:
            await assert_session_ended_async(client, login, "/private/")
        finally:
            assert jar(client) == held
    asyncio.run(run())
'''


@pytest.fixture(scope="module")
def django_run(tmp_path_factory: pytest.TempPathFactory) -> pytest.RunResult:
    """One Django project, one pytest subprocess for every check below."""
    project = tmp_path_factory.mktemp("django_sessions")
    return run_project(project, {"conftest": CONFTEST, "djapp": DJAPP, "test_sessions": TESTS})


def test_what_passes_and_what_fails(django_run: pytest.RunResult) -> None:
    django_run.assert_outcomes(passed=4, failed=5)
    django_run.stdout.fnmatch_lines([
        "PASSED test_sessions.py::test_rotated[[]/login/[]]",
        "PASSED test_sessions.py::test_rotated_async[[]/login/[]]",
        "PASSED test_sessions.py::test_ended[[]/logout/[]]",
        "PASSED test_sessions.py::test_ended_async[[]/logout/[]]",
        "FAILED test_sessions.py::test_rotated[[]/login-same/[]] - *",
        "FAILED test_sessions.py::test_rotated_async[[]/login-same/[]] - *",
        "FAILED test_sessions.py::test_ended[[]/logout-cookie/[]] - *",
        "FAILED test_sessions.py::test_ended_async[[]/logout-cookie/[]] - *",
    ])


def test_a_followed_login_is_an_error_not_a_failure_of_the_app(
    django_run: pytest.RunResult,
) -> None:
    django_run.stdout.fnmatch_lines([
        "E       ValueError: `after` followed 1 redirect(s) and keeps none of their Set-Cookie "
        "lines (django): pass the response of the login request itself (without follow=True)",
    ])


def test_a_login_on_the_session_from_before_is_session_fixation(
    django_run: pytest.RunResult,
) -> None:
    django_run.stdout.fnmatch_lines([
        "E *InsecureCookieError: the login did not renew session cookie 'sessionid' (SC020): "
        "POST http://testserver/login-same/ (django) sets it to the same value as before the "
        "login",
        "E *  SC020: whoever planted or learned the session id before the login *",
        "E *  fix: give the session a new id when the user logs in: Django's login() does *",
    ], consecutive=True)


def test_a_logout_that_only_deletes_the_cookie_leaves_the_session_valid(
    django_run: pytest.RunResult,
) -> None:
    django_run.stdout.fnmatch_lines([
        "E *InsecureCookieError: the app still accepts session cookie 'sessionid' from before "
        "the logout (SC021): GET http://testserver/private/ (django) with only that cookie "
        "answered 200, where a 401, a 403 or a redirect would refuse it",
        "E *  SC021: whoever holds a copy of the token *",
        "E *  fix: delete the session on the server at logout (Django: logout() flushes it; *",
    ], consecutive=True)


def test_no_session_key_is_printed(django_run: pytest.RunResult) -> None:
    # Django's session keys are 32 characters of [a-z0-9]; none may appear in the output.
    import re

    keys = [word for line in django_run.stdout.lines
            for word in re.findall(r"\b[a-z0-9]{32}\b", line)]
    assert keys == []
