# mypy: disable-error-code="import-untyped"
"""read_lines on Django responses, from a Django project configured here.

Django keeps cookies in ``response.cookies``, a SimpleCookie with one Morsel per NAME, so two
cookies of one name with different paths collapse into the last (which even inherits the
first one's HttpOnly).  These tests pin what is true: the lines equal what Django's own WSGI
handler puts on the wire, not what the view meant.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from typing import Any

import django
import pytest
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.test import Client, override_settings
from django.urls import path

from pytest_securecookie.parsing.readers import read_lines, response_date
from tests._apps import DATE, L2, REDIRECT_LINE

EXPIRES = "Thu, 01 Jan 2037 00:00:00 GMT"


def cookies(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok")
    response.set_cookie("a", "1", expires=EXPIRES, httponly=True)
    response.set_cookie("b", "2", secure=True, samesite="Lax")
    response.set_cookie("a", "3", path="/sub")
    return response


def manual(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok")
    response.headers["Set-Cookie"] = L2
    response.headers["Date"] = DATE
    response.set_cookie("c", "4", httponly=True)
    return response


def redirect(request: HttpRequest) -> HttpResponse:
    response = HttpResponseRedirect("/cookies")
    response.set_cookie("r", "1", httponly=True)
    return response


urlpatterns = [path("cookies", cookies), path("manual", manual), path("redirect", redirect)]


@pytest.fixture(scope="module", autouse=True)
def django_project() -> Iterator[None]:
    if not settings.configured:
        settings.configure(SECRET_KEY="extract-tests", INSTALLED_APPS=[], DATABASES={})
        django.setup()
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], MIDDLEWARE=[]):
        yield


def wire_headers(url: str) -> list[tuple[str, str]]:
    """What Django's WSGI handler sends for ``url``."""
    sent: list[tuple[str, str]] = []

    def start_response(status: str, headers: list[tuple[str, str]], *exc: Any) -> None:
        sent.extend(headers)

    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": url, "SERVER_NAME": "testserver",
        "SERVER_PORT": "80", "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http",
    }
    WSGIHandler()(environ, start_response)
    return sent


def wire_lines(url: str) -> list[str]:
    return read_lines(wire_headers(url))


def test_django_lines_are_what_its_handler_sends() -> None:
    response = Client().get("/cookies")
    assert "Set-Cookie" not in response.headers  # the trap: no header at all
    assert read_lines(response) == wire_lines("/cookies")


def test_django_wsgi_values_lose_the_leading_space_django_5_sends() -> None:
    values = [value for name, value in wire_headers("/cookies") if name == "Set-Cookie"]
    # Django 5 sends Morsel.output(header="") (" a=3; ..."), Django 6 Morsel.OutputString().
    space = " " if django.VERSION < (6,) else ""
    assert values == [f"{space}a=3; HttpOnly; Path=/sub",
                      f"{space}b=2; Path=/; SameSite=Lax; Secure"]
    assert wire_lines("/cookies") == [value.removeprefix(space) for value in values]


def test_django_keeps_one_cookie_per_name() -> None:
    lines = read_lines(Client().get("/cookies"))
    assert lines == [
        "a=3; HttpOnly; Path=/sub",  # a=1 is gone, and its HttpOnly stuck to a=3
        "b=2; Path=/; SameSite=Lax; Secure",
    ]


def test_django_header_values_come_before_the_cookies() -> None:
    response = Client().get("/manual")
    assert read_lines(response) == [L2, "c=4; HttpOnly; Path=/"]
    assert read_lines(response) == wire_lines("/manual")


def test_django_followed_redirect_loses_the_302_line() -> None:
    response = Client().get("/redirect", follow=True)
    assert response.redirect_chain == [("/cookies", 302)]
    assert "r=1" not in " ".join(read_lines(response))
    assert read_lines(Client().get("/redirect")) == ["r=1; HttpOnly; Path=/"]


def test_django_redirect_line_parses_like_the_app_line() -> None:
    assert read_lines(Client().get("/redirect"))[0].split(";")[0] == REDIRECT_LINE.split(";")[0]


def test_django_response_date() -> None:
    assert response_date(Client().get("/cookies")) is None
    when = response_date(Client().get("/manual"))
    assert when is not None and when.year == 1994


def test_django_response_built_by_hand() -> None:
    response = HttpResponse()
    response.set_cookie("sessionid", "x", secure=True, httponly=True, samesite="Strict")
    assert read_lines(response) == ["sessionid=x; HttpOnly; Path=/; SameSite=Strict; Secure"]


def test_django_asgi_handler_message_has_mixed_case_names() -> None:
    async def run() -> list[dict[str, Any]]:
        sent: list[dict[str, Any]] = []
        requests = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive() -> dict[str, Any]:
            if requests:
                return requests.pop()
            await asyncio.Event().wait()  # no disconnect: Django cancels this when done
            raise AssertionError("unreachable")

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                sent.append(message)

        scope = {
            "type": "http", "method": "GET", "path": "/manual", "headers": [],
            "query_string": b"", "server": ("testserver", 80), "asgi": {"version": "3.0"},
        }
        await ASGIHandler()(scope, receive, send)
        return sent

    [message] = asyncio.run(run())
    names = [name for name, _ in message["headers"] if name.lower() == b"set-cookie"]
    assert names == [b"Set-Cookie", b"Set-Cookie"]
    assert read_lines(message) == [L2, "c=4; HttpOnly; Path=/"]
