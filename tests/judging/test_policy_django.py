"""A Django project's own cookies (session, CSRF, messages), default and hardened, judged."""

from __future__ import annotations

from collections.abc import Iterator

import django  # type: ignore[import-untyped]
import pytest
from django.conf import settings  # type: ignore[import-untyped]
from django.contrib import messages  # type: ignore[import-untyped]
from django.http import HttpRequest, HttpResponse  # type: ignore[import-untyped]
from django.middleware.csrf import get_token  # type: ignore[import-untyped]
from django.test import Client, override_settings  # type: ignore[import-untyped]
from django.urls import path  # type: ignore[import-untyped]

from pytest_securecookie.judging.policy import CookiePolicy, Finding, check_cookie
from pytest_securecookie.parsing.parser import parse_set_cookie


def login(request: HttpRequest) -> HttpResponse:
    request.session["user_id"] = 1
    get_token(request)
    messages.info(request, "Welcome back")
    response = HttpResponse("ok")
    response.set_cookie("django_language", "fr")
    return response


def logout(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return HttpResponse("bye")


urlpatterns = [path("login", login), path("logout", logout)]

PROJECT = {
    "ROOT_URLCONF": __name__,
    "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
    "MESSAGE_STORAGE": "django.contrib.messages.storage.cookie.CookieStorage",
    "MIDDLEWARE": [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ],
}
HARDENED = {
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


@pytest.fixture(scope="module", autouse=True)
def django_project() -> Iterator[None]:
    if not settings.configured:
        settings.configure(SECRET_KEY="policy-tests", INSTALLED_APPS=[], DATABASES={})
    django.setup()
    yield


def judged(url: str, **overrides: object) -> dict[str, list[Finding]]:
    with override_settings(**PROJECT, **overrides):
        client = Client()
        client.get("/login")
        response = client.get(url)
    found = {}
    for morsel in response.cookies.values():
        cookie = parse_set_cookie(morsel.OutputString())
        assert cookie is not None
        found[cookie.name] = check_cookie(cookie, framework="django", url=f"http://testserver{url}")
    return found


def rule_ids(found: dict[str, list[Finding]]) -> dict[str, list[str]]:
    return {name: [finding.rule for finding in findings] for name, findings in found.items()}


def test_default_django_settings_leave_session_and_csrf_cookies_without_secure() -> None:
    found = judged("/login")
    assert rule_ids(found) == {
        "sessionid": ["SC001"], "csrftoken": ["SC001"], "messages": [],
        "django_language": [],
    }
    assert found["sessionid"][0].fix.startswith("SESSION_COOKIE_SECURE = True in settings.py; ")
    assert found["csrftoken"][0].fix.startswith("CSRF_COOKIE_SECURE = True in settings.py; ")
    assert found["sessionid"][0].fix.endswith("client.get(..., secure=True)")


def test_hardened_django_settings_pass() -> None:
    assert rule_ids(judged("/login", **HARDENED)) == {
        "sessionid": [], "csrftoken": [], "messages": [], "django_language": []}


def test_django_logout_deletes_without_flags_and_passes() -> None:
    found = judged("/logout", **HARDENED)
    assert rule_ids(found) == {"sessionid": []}


def test_the_messages_cookie_is_not_auth_like_for_its_signed_value() -> None:
    with override_settings(**PROJECT):
        response = Client().get("/login")
    cookie = parse_set_cookie(response.cookies["messages"].OutputString())
    assert cookie is not None
    assert CookiePolicy().classify(cookie).reason == (
        "flash-message cookie (Django contrib.messages), not a credential ('messages')")
