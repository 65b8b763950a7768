"""A known non-credential framework cookie stays "other" whatever its value looks like, and a
cookie's set and delete lines are classified alike (issue 10, item 15).

Django's ``messages`` cookie (contrib.messages cookie storage) holds a Django signed value:
the value shape alone made it auth-like, failing every test that flashed a message over http.
"""

from __future__ import annotations

from collections.abc import Iterator

import django  # type: ignore[import-untyped]
import pytest
from django.conf import settings  # type: ignore[import-untyped]
from django.contrib import messages  # type: ignore[import-untyped]
from django.http import HttpRequest, HttpResponse  # type: ignore[import-untyped]
from django.template import engines  # type: ignore[import-untyped]
from django.test import Client, override_settings  # type: ignore[import-untyped]
from django.urls import path  # type: ignore[import-untyped]

from pytest_securecookie import CookiePolicy, CookieRecorder
from pytest_securecookie.judging.recorded import Verdict, judge


def flash(request: HttpRequest) -> HttpResponse:
    messages.info(request, "Your e-mail address was confirmed")
    return HttpResponse("flashed")


def show(request: HttpRequest) -> HttpResponse:
    """Renders the flashed messages: the storage then deletes its cookie."""
    template = engines["django"].from_string("{% for m in messages %}{{ m }}{% endfor %}")
    return HttpResponse(template.render({"messages": messages.get_messages(request)}))


def prefs(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("saved")
    response.set_signed_cookie("prefs", "dark", secure=True, httponly=True, samesite="Lax")
    return response


def forget_prefs(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("forgotten")
    response.delete_cookie("prefs")
    return response


urlpatterns = [
    path("flash", flash), path("show", show), path("prefs", prefs), path("forget", forget_prefs),
]

PROJECT = {
    "ROOT_URLCONF": __name__,
    "MESSAGE_STORAGE": "django.contrib.messages.storage.cookie.CookieStorage",
    "MIDDLEWARE": ["django.contrib.messages.middleware.MessageMiddleware"],
    "TEMPLATES": [{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
}


@pytest.fixture(scope="module", autouse=True)
def django_project() -> Iterator[None]:
    if not settings.configured:
        settings.configure(SECRET_KEY="known-cookie-tests", INSTALLED_APPS=[], DATABASES={})
    django.setup()
    yield


def recorded(*urls: str) -> Verdict:
    with override_settings(**PROJECT), CookieRecorder() as recorder:
        client = Client()
        for url in urls:
            client.get(url)
    return judge(recorder.lines, CookiePolicy())


def kinds(verdict: Verdict, name: str) -> list[tuple[str, bool]]:
    return [(line.classification.kind, line.deletion)
            for line in verdict.lines if line.cookie.name == name]


def test_flashing_a_message_over_http_fails_no_test() -> None:
    verdict = recorded("/flash", "/show")
    assert kinds(verdict, "messages") == [("other", False), ("other", True)]
    assert verdict.offenders == ()


def test_the_messages_cookie_says_why_it_is_not_auth_like() -> None:
    line, _ = recorded("/flash", "/show").lines
    assert line.classification.reason == (
        "flash-message cookie (Django contrib.messages), not a credential ('messages')")


def test_an_exact_auth_name_still_wins() -> None:
    policy = CookiePolicy().extended(auth=["messages"])
    with override_settings(**PROJECT), CookieRecorder() as recorder:
        Client().get("/flash")
    (offender,) = judge(recorder.lines, policy).offenders
    assert offender.first.classification.reason == "name matches 'messages'"


def test_a_signed_cookie_and_its_deletion_are_classified_alike() -> None:
    verdict = recorded("/prefs", "/forget")
    assert kinds(verdict, "prefs") == [("auth", False), ("auth", True)]
    assert verdict.offenders == ()
