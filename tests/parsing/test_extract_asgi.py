"""read_lines on ASGI frameworks' test clients: Starlette, FastAPI, Litestar, Quart, Sanic.

Each app is wrapped so the ``http.response.start`` message it really sent is kept: the lines
read from the client's response must equal the lines in that message, in order.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import fastapi
import litestar
import litestar.testing
import pytest
import quart
import starlette.applications
import starlette.responses
import starlette.routing
from litestar.datastructures import Cookie

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from pytest_securecookie.parsing.readers import read_lines, response_date
from tests._apps import DATE, LINES, REDIRECT_LINE, asgi_app

Message = MutableMapping[str, Any]
ASGIApp = Callable[[Any, Any, Any], Awaitable[None]]


def recording(app: ASGIApp, sent: list[Message]) -> ASGIApp:
    """``app``, keeping every ``http.response.start`` message it sends."""

    async def wrapped(scope: Any, receive: Any, send: Any) -> None:
        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent.append(message)
            await send(message)

        await app(scope, receive, keep)

    return wrapped


def wire_lines(sent: list[Message]) -> list[str]:
    return [line for message in sent for line in read_lines(message)]


def test_starlette_client_over_a_bare_asgi_app_follows_and_keeps_hops() -> None:
    sent: list[Message] = []
    with TestClient(recording(asgi_app, sent)) as client:
        response = client.get("/redirect")  # followed by default
    assert [hop.status_code for hop in response.history] == [302]
    assert read_lines(response) == [REDIRECT_LINE, *LINES] == wire_lines(sent)
    assert read_lines(response, history=False) == LINES
    assert response.headers["set-cookie"] != LINES[0]  # the trap: ", "-joined


def starlette_cookies(request: Any) -> starlette.responses.Response:
    response = starlette.responses.PlainTextResponse("ok")
    for line in LINES:
        response.headers.append("Set-Cookie", line)
    response.headers["Date"] = DATE
    return response


def starlette_redirect(request: Any) -> starlette.responses.Response:
    response = starlette.responses.RedirectResponse("/cookies", status_code=302)
    response.headers.append("Set-Cookie", REDIRECT_LINE)
    return response


def test_starlette_app_lines_exact_with_redirect_hop_first() -> None:
    routes = [
        starlette.routing.Route("/cookies", starlette_cookies),
        starlette.routing.Route("/redirect", starlette_redirect),
    ]
    app = starlette.applications.Starlette(routes=routes)
    response = TestClient(app).get("/redirect")
    assert read_lines(response) == [REDIRECT_LINE, *LINES]
    when = response_date(response)
    assert when is not None and when.year == 1994


def test_starlette_set_cookie_same_name_two_paths() -> None:
    def view(request: Any) -> starlette.responses.Response:
        response = starlette.responses.Response("ok")
        response.set_cookie("session", "x", httponly=True, secure=True)
        response.set_cookie("session", "y", path="/admin")
        return response

    sent: list[Message] = []
    app = starlette.applications.Starlette(routes=[starlette.routing.Route("/", view)])
    lines = read_lines(TestClient(recording(app, sent)).get("/"))
    assert lines == wire_lines(sent)
    assert [line.split(";")[0] for line in lines] == ["session=x", "session=y"]


def test_fastapi_lines_exact_with_redirect_hop_first() -> None:
    app = fastapi.FastAPI()

    @app.get("/cookies")
    def cookies() -> starlette.responses.Response:
        return starlette_cookies(None)

    @app.get("/redirect")
    def redirect() -> starlette.responses.Response:
        return starlette_redirect(None)

    response = TestClient(app).get("/redirect")
    assert read_lines(response) == [REDIRECT_LINE, *LINES]
    assert [line for hop in response.history for line in read_lines(hop)] == [REDIRECT_LINE]


def litestar_app() -> litestar.Litestar:
    expires = 3600  # seconds from now: Litestar writes "expires=<Day>, <date> GMT"

    @litestar.get("/cookies")
    async def cookies() -> litestar.Response[str]:
        return litestar.Response(
            "ok",
            cookies=[
                Cookie(key="a", value="1", expires=expires, httponly=True),
                Cookie(key="b", value="2", secure=True),
                Cookie(key="a", value="3", path="/sub"),
            ],
        )

    @litestar.get("/redirect")
    async def redirect() -> litestar.response.Redirect:
        cookie = Cookie(key="r", value="1", httponly=True)
        return litestar.response.Redirect("/cookies", cookies=[cookie], status_code=302)

    return litestar.Litestar(route_handlers=[cookies, redirect])


def test_litestar_lines_are_what_it_sends_with_redirect_hop_first() -> None:
    sent: list[Message] = []
    with litestar.testing.TestClient(recording(litestar_app(), sent)) as client:
        response = client.get("/redirect")
    lines = read_lines(response)
    assert lines == wire_lines(sent)
    assert [line.split(";")[0] for line in lines] == ["r=1", "a=1", "b=2", "a=3"]
    assert "; expires=" in lines[1] and ", " in lines[1]  # the comma survived


def quart_app() -> quart.Quart:
    app = quart.Quart(__name__)

    @app.route("/cookies")
    async def cookies() -> quart.Response:
        response = quart.Response("ok")
        for line in LINES:
            response.headers.add("Set-Cookie", line)
        return response

    @app.route("/redirect")
    async def redirect() -> quart.Response:
        response = quart.Response("", status=302, headers={"Location": "/cookies"})
        response.headers.add("Set-Cookie", REDIRECT_LINE)
        return response

    return app


def test_quart_lines_exact_and_followed_redirect_loses_the_302_line() -> None:
    async def run() -> tuple[list[str], list[str], list[str]]:
        client = quart_app().test_client()
        plain = await client.get("/cookies")
        unfollowed = await client.get("/redirect")
        followed = await client.get("/redirect", follow_redirects=True)
        return read_lines(plain), read_lines(unfollowed), read_lines(followed)

    plain, unfollowed, followed = asyncio.run(run())
    assert plain == LINES
    assert unfollowed == [REDIRECT_LINE]
    assert followed == LINES  # Quart keeps no history: the 302's line is gone


@pytest.fixture(scope="module")
def sanic_app() -> Any:
    with warnings.catch_warnings():  # Sanic imports websockets.legacy, deprecated
        warnings.filterwarnings("ignore", "websockets.legacy is deprecated", DeprecationWarning)
        sanic = pytest.importorskip("sanic")
    pytest.importorskip("sanic_testing")  # provides app.asgi_client

    app = sanic.Sanic("extract_tests")

    @app.get("/cookies")  # type: ignore[untyped-decorator]
    async def cookies(request: Any) -> Any:
        response = sanic.text("ok")
        for line in LINES:
            response.headers.add("Set-Cookie", line)
        return response

    @app.get("/redirect")  # type: ignore[untyped-decorator]
    async def redirect(request: Any) -> Any:
        response = sanic.redirect("/cookies")
        response.headers.add("Set-Cookie", REDIRECT_LINE)
        return response

    return app


@pytest.mark.filterwarnings("ignore:websockets.legacy is deprecated:DeprecationWarning")
def test_sanic_asgi_client_lines_exact_with_redirect_hop_first(sanic_app: Any) -> None:
    async def run() -> Any:
        _, response = await sanic_app.asgi_client.get("/redirect", follow_redirects=True)
        return response

    response = asyncio.run(run())
    assert type(response).__qualname__ == "TestingResponse"
    assert read_lines(response) == [REDIRECT_LINE, *LINES]


def test_an_unknown_response_with_multi_value_headers_is_read_by_duck_typing() -> None:
    response = starlette_cookies(None)  # Starlette's server-side Response: headers.getlist
    assert read_lines(response) == LINES
    assert read_lines(response.headers) == LINES
