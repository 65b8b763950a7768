"""read_lines on WebTest and Falcon test results, through the real test clients."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import falcon
import falcon.asgi
import falcon.testing
import pytest

with warnings.catch_warnings():  # WebOb imports cgi, deprecated since Python 3.11
    warnings.filterwarnings("ignore", "'cgi' is deprecated", DeprecationWarning)
    import webob  # type: ignore[import-untyped]
    import webtest  # type: ignore[import-untyped]

from pytest_securecookie import CookieRecorder
from pytest_securecookie.parsing.readers import read_lines, response_date
from tests._apps import DATE, L1, L2, L3, LINES, REDIRECT_LINE, wsgi_app


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
def recording() -> Iterator[CookieRecorder]:
    """Falcon results simulated inside a recorder keep their raw header list."""
    with CookieRecorder() as recorder:
        yield recorder


@pytest.fixture
def falcon_client(recording: CookieRecorder) -> falcon.testing.TestClient:
    return falcon.testing.TestClient(falcon_app())


def test_falcon_lines_are_exact_and_in_order(falcon_client: falcon.testing.TestClient) -> None:
    result = falcon_client.simulate_get("/cookies")
    assert result.headers["set-cookie"] == L3  # the trap: a dict keeps one line
    assert read_lines(result) == LINES


def test_falcon_redirect_has_its_own_line(falcon_client: falcon.testing.TestClient) -> None:
    result = falcon_client.simulate_get("/redirect")
    assert result.status_code == 302
    assert read_lines(result) == [REDIRECT_LINE]


@pytest.mark.usefixtures("recording")
def test_falcon_over_a_bare_wsgi_app_and_response_date() -> None:
    result = falcon.testing.simulate_get(wsgi_app, "/cookies")
    assert read_lines(result) == LINES
    when = response_date(result)
    assert when is not None and when.year == 1994


@pytest.mark.usefixtures("recording", "current_event_loop")
def test_falcon_asgi_app_through_the_test_client() -> None:
    app = falcon.asgi.App()

    class Resource:
        async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
            resp.append_header("Set-Cookie", L1)
            resp.append_header("Set-Cookie", L2)

    app.add_route("/cookies", Resource())
    assert read_lines(falcon.testing.TestClient(app).simulate_get("/cookies")) == [L1, L2]


def _empty(environ: dict[str, object], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b""]


def test_falcon_outside_a_recorder_refuses_to_guess_and_says_what_to_do() -> None:
    with CookieRecorder():
        inside = falcon.testing.simulate_get(wsgi_app, "/redirect")
    outside = falcon.testing.simulate_get(wsgi_app, "/cookies")
    assert read_lines(inside) == [REDIRECT_LINE]  # kept after the recorder is gone
    assert read_lines(falcon.testing.simulate_get(_empty, "/")) == []  # a dict tells that much
    with pytest.raises(ValueError, match="cannot be recovered") as refused:
        read_lines(outside)
    message = str(refused.value)
    assert "assert_secure_cookie fixture" in message and "--secure-cookies" in message
    assert "with CookieRecorder():" in message and "a=1" not in message
    assert response_date(outside) is not None  # Date has one value: the dict keeps it
