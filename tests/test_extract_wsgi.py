"""read_lines on WebTest and Falcon test results, through the real test clients."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import falcon
import falcon.asgi
import falcon.testing
import pytest

with warnings.catch_warnings():  # WebOb imports cgi, deprecated since Python 3.11
    warnings.filterwarnings("ignore", "'cgi' is deprecated", DeprecationWarning)
    import webob  # type: ignore[import-untyped]
    import webtest  # type: ignore[import-untyped]

from pytest_securecookie._extract import capture_falcon_results, read_lines, response_date
from tests._apps import DATE, L1, L2, L3, LINES, REDIRECT_LINE, wsgi_app


@pytest.fixture(autouse=True)
def _undo_falcon_capture(monkeypatch: pytest.MonkeyPatch) -> None:
    """capture_falcon_results() wraps Falcon's Result for the rest of the process: undo it
    after each test, so that tests which need an uncaptured Falcon do not depend on order."""
    base = falcon.testing.client._ResultBase
    monkeypatch.setattr(base, "__init__", vars(base)["__init__"])


def test_webtest_lines_are_exact_and_in_order() -> None:
    response = webtest.TestApp(wsgi_app).get("/cookies")
    assert response.headers["Set-Cookie"] == L3  # the trap: WebOb gives the last line
    assert read_lines(response) == LINES


def test_webtest_redirect_and_follow_are_separate_responses() -> None:
    redirect = webtest.TestApp(wsgi_app).get("/redirect")
    assert read_lines(redirect) == [REDIRECT_LINE]
    assert read_lines(redirect.follow()) == LINES  # WebTest keeps no history


def test_webtest_response_date() -> None:
    when = response_date(webtest.TestApp(wsgi_app).get("/cookies"))
    assert when is not None and when.year == 1994


def test_a_webob_response_built_by_hand() -> None:
    response = webob.Response()
    response.headerlist.append(("Set-Cookie", L1))
    response.set_cookie("b", "2", path="/b")
    assert read_lines(response) == [L1, "b=2; Path=/b"]


class CookieResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        for line in LINES:
            resp.append_header("Set-Cookie", line)
        resp.set_header("Date", DATE)


class RedirectResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.append_header("Set-Cookie", REDIRECT_LINE)
        raise falcon.HTTPFound("/cookies")


def falcon_app() -> falcon.App[falcon.Request, falcon.Response]:
    app: falcon.App[falcon.Request, falcon.Response] = falcon.App()
    app.add_route("/cookies", CookieResource())
    app.add_route("/redirect", RedirectResource())
    return app


@pytest.fixture
def falcon_client() -> falcon.testing.TestClient:
    assert capture_falcon_results()
    return falcon.testing.TestClient(falcon_app())


def test_falcon_lines_are_exact_and_in_order(falcon_client: falcon.testing.TestClient) -> None:
    result = falcon_client.simulate_get("/cookies")
    assert result.headers["set-cookie"] == L3  # the trap: a dict keeps one line
    assert read_lines(result) == LINES


def test_falcon_redirect_has_its_own_line(falcon_client: falcon.testing.TestClient) -> None:
    result = falcon_client.simulate_get("/redirect")
    assert result.status_code == 302
    assert read_lines(result) == [REDIRECT_LINE]


def test_falcon_over_a_bare_wsgi_app_and_response_date() -> None:
    assert capture_falcon_results()
    result = falcon.testing.simulate_get(wsgi_app, "/cookies")
    assert read_lines(result) == LINES
    when = response_date(result)
    assert when is not None and when.year == 1994


def test_falcon_capture_is_installed_once() -> None:
    assert capture_falcon_results() and capture_falcon_results()
    init = falcon.testing.client._ResultBase.__init__
    assert init.__wrapped__ is not None  # type: ignore[attr-defined]
    assert not hasattr(init.__wrapped__, "_securecookie_capture")  # type: ignore[attr-defined]


def test_falcon_asgi_app_through_the_test_client() -> None:
    assert capture_falcon_results()
    app = falcon.asgi.App()

    class Resource:
        async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
            resp.append_header("Set-Cookie", L1)
            resp.append_header("Set-Cookie", L2)

    app.add_route("/cookies", Resource())
    assert read_lines(falcon.testing.TestClient(app).simulate_get("/cookies")) == [L1, L2]


UNCAPTURED = textwrap.dedent(
    """
    import falcon.testing
    from pytest_securecookie._extract import read_lines, capture_falcon_results
    from tests._apps import wsgi_app

    def empty(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b""]

    print(read_lines(falcon.testing.simulate_get(empty, "/")))
    try:
        read_lines(falcon.testing.simulate_get(wsgi_app, "/cookies"))
    except ValueError as error:
        print(error)
    assert capture_falcon_results()
    print(read_lines(falcon.testing.simulate_get(wsgi_app, "/redirect")))
    """
)


def test_falcon_without_capture_refuses_to_guess() -> None:
    out = subprocess.run(
        [sys.executable, "-c", UNCAPTURED],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    ).stdout.splitlines()
    assert out[0] == "[]"  # no Set-Cookie at all: that much a dict does tell
    assert "capture_falcon_results()" in out[1] and "cannot be recovered" in out[1]
    assert "a=1" not in out[1]
    assert out[2] == repr([REDIRECT_LINE])
