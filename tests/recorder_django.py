"""A Django project for the recorder tests: the login flow as views, configured in-process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import django
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.test.utils import override_settings
from django.urls import path

from tests.recorder_apps import SECRET


def login(request: HttpRequest) -> HttpResponse:
    response = HttpResponseRedirect("/home")
    response.set_cookie("session", SECRET, httponly=True)
    return response


def home(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("home")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [path("login", login), path("home", home)]


@contextmanager
def django_project() -> Iterator[None]:
    if not settings.configured:
        settings.configure(SECRET_KEY="recorder-tests", INSTALLED_APPS=[], DATABASES={})
        django.setup()
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], MIDDLEWARE=[]):
        yield
