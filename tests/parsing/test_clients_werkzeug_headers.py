"""The werkzeug adapter reads Set-Cookie lines and Date in one pass over ``Headers._list``."""

from __future__ import annotations

import flask
import pytest
from werkzeug.datastructures import EnvironHeaders, Headers

from pytest_securecookie.capturing.clients import werkzeug_cookies_and_date


@pytest.fixture
def response() -> flask.Response:
    app = flask.Flask(__name__)

    @app.get("/")
    def index() -> flask.Response:
        page = flask.make_response("ok")
        page.set_cookie("sessionid", "abc", secure=True, httponly=True)
        page.set_cookie("csrftoken", "def")
        page.headers["Date"] = "Sun, 22 Nov 2026 01:00:00 GMT"
        return page

    return app.test_client().get("/")  # type: ignore[return-value]


def test_reads_what_the_public_accessors_read(response: flask.Response) -> None:
    lines, date = werkzeug_cookies_and_date(response.headers)
    assert lines == response.headers.getlist("Set-Cookie")
    assert len(lines) == 2
    assert date == response.headers.get("Date") == "Sun, 22 Nov 2026 01:00:00 GMT"


def test_a_response_without_date_or_cookies() -> None:
    assert werkzeug_cookies_and_date(Headers([("Content-Type", "text/plain")])) == ([], None)


def test_mixed_case_names_and_the_first_date_win() -> None:
    headers = Headers([("set-COOKIE", "a=1"), ("date", "first"), ("Date", "second")])
    assert werkzeug_cookies_and_date(headers) == (["a=1"], "first")


def test_other_header_types_use_the_public_api() -> None:
    # EnvironHeaders subclasses Headers but reads the environ: its own ``_list`` is empty.
    environ = {"HTTP_SET_COOKIE": "a=1", "HTTP_DATE": "Sun, 22 Nov 2026 01:00:00 GMT"}
    headers = EnvironHeaders(environ)
    assert werkzeug_cookies_and_date(headers) == (["a=1"], "Sun, 22 Nov 2026 01:00:00 GMT")


def test_names_that_only_contain_set_cookie_or_date_are_neither() -> None:
    # The names are first searched together: a name holding "date" or "set-cookie" within it
    # leads to the pair-by-pair reading, which takes only the exact names.
    headers = Headers([("X-Set-Cookie-Policy", "a=1"), ("Last-Update-Date", "then")])
    assert werkzeug_cookies_and_date(headers) == ([], None)
    headers.add("Set-Cookie", "b=2")
    assert werkzeug_cookies_and_date(headers) == (["b=2"], None)
