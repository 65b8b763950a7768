# mypy: disable-error-code="import-untyped"
"""``read_django`` and SC019's ``header_pairs`` read Django's ``ResponseHeaders._store`` where
Django's own ``items()`` would walk every header: the same values, for every kind of Django
response, and the public ``items()`` for a class that answers otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import django
import pytest
from django.conf import settings
from django.http import (
    FileResponse,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.response import ResponseHeaders

from pytest_securecookie.parsing import clients as parsing_clients
from pytest_securecookie.parsing.clients import read_django
from pytest_securecookie.parsing.contents import header_fields, header_pairs
from pytest_securecookie.parsing.rawheaders import SET_COOKIE


@pytest.fixture(scope="module", autouse=True)
def django_configured() -> Iterator[None]:
    if not settings.configured:
        settings.configure(SECRET_KEY="django-headers-tests", INSTALLED_APPS=[], DATABASES={})
        django.setup()
    yield


def by_items(response: Any, name: str) -> list[str]:
    """What ``read_django`` read before: every header through the public ``items()``."""
    values = [value for key, value in response.items() if key.lower() == name]
    if name == SET_COOKIE:
        values.extend(morsel.OutputString() for morsel in response.cookies.values())
    return values


def responses() -> list[Any]:
    plain = HttpResponse("ok")
    by_hand = HttpResponse("ok")
    by_hand.headers["SET-Cookie"] = "hand=1; Secure"  # Django keeps one value per name
    by_hand.headers["Date"] = "Sun, 06 Dec 2026 18:00:00 GMT"
    by_hand.set_cookie("sessionid", "abc", secure=True, httponly=True, max_age=60)
    redirect = HttpResponseRedirect("/home")
    redirect.set_cookie("r", "1", httponly=True)
    streaming = StreamingHttpResponse(iter([b"a"]))
    streaming["Set-Cookie"] = "stream=1"
    json = JsonResponse({"ok": True})
    json.set_cookie("csrftoken", "x" * 32, samesite="Strict")
    file = FileResponse(iter([b"data"]))
    return [plain, by_hand, redirect, streaming, json, file]


@pytest.mark.parametrize("name", [SET_COOKIE, "date", "content-type", "location", "x-missing"])
def test_every_kind_of_response_reads_as_through_items(name: str) -> None:
    for response in responses():
        assert read_django(response, name) == by_items(response, name), type(response)


def test_a_header_set_by_hand_comes_before_the_cookies() -> None:
    by_hand = responses()[1]
    assert read_django(by_hand, SET_COOKIE)[0] == "hand=1; Secure"
    assert read_django(by_hand, SET_COOKIE)[1].startswith("sessionid=abc; expires=")


class OwnItems(HttpResponse):
    def items(self) -> Any:
        return [("Set-Cookie", "from-items=1")]


class OtherHeaders(HttpResponse):
    """A response whose headers are a plain dict: no ``_store`` to read."""

    def __init__(self) -> None:
        super().__init__("ok")
        self.headers = {"Set-Cookie": "plain=1"}

    def items(self) -> Any:
        return self.headers.items()


@pytest.mark.parametrize("kind", [OwnItems, OtherHeaders])
def test_a_class_that_answers_items_itself_is_asked(kind: type[HttpResponse]) -> None:
    response = kind() if kind is OtherHeaders else kind("ok")
    response.set_cookie("a", "b")
    assert read_django(response, SET_COOKIE) == by_items(response, SET_COOKIE)
    assert read_django(response, SET_COOKIE)[0] in {"from-items=1", "plain=1"}


def test_the_store_is_read_only_for_djangos_own_classes() -> None:
    read_django(HttpResponse("ok"), SET_COOKIE)
    read_django(OwnItems("ok"), SET_COOKIE)
    assert parsing_clients._DJANGO_ITEMS[HttpResponse] is True
    assert parsing_clients._DJANGO_ITEMS[OwnItems] is False
    assert parsing_clients.django_store(HttpResponse("ok").headers) is not None
    assert parsing_clients.django_store({"Set-Cookie": "a=1"}) is None


class OwnHeaders(ResponseHeaders):
    def items(self) -> Any:
        return [("X-Own", "1")]


def test_every_header_field_searched_by_sc019_as_through_items() -> None:
    for response in responses():
        assert list(header_pairs(response)) == list(response.headers.items())
        assert header_fields(response) == [
            (name, value) for name, value in response.headers.items()
            if name.lower() != SET_COOKIE
        ]  # fmt: skip


def test_headers_that_answer_items_themselves_are_asked() -> None:
    response = HttpResponse("ok")
    response.headers = OwnHeaders({"X-Other": "2"})
    assert list(header_pairs(response)) == [("X-Own", "1")]
