"""assert_session_ended through every client that keeps a cookie jar, against real apps with
server-side sessions: the logout that removes the session passes, the one that only deletes the
cookie fails, and the client's jar is exactly as before either way."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from pytest_securecookie import (
    InsecureCookieError,
    SetCookie,
    assert_session_ended,
    assert_session_ended_async,
    set_cookies,
)
from tests._servers import live_asgi_server
from tests._session_apps import (
    COOKIE,
    Sessions,
    aiohttp_app,
    fastapi_app,
    flask_app,
    starlette_app,
)

pytestmark = [
    pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`"),
    # aiohttp-session stores its session under a str key of the request
    pytest.mark.filterwarnings("ignore::aiohttp.web_exceptions.NotAppKeyWarning"),
    pytest.mark.filterwarnings("ignore:'cgi' is deprecated:DeprecationWarning"),  # WebOb
]

# (client, base URL, the client's jar as a comparable snapshot)
Driven = tuple[Any, str, Callable[[], object]]


def _cookiejar(jar: Any) -> Callable[[], object]:
    """The same cookie objects in the same order (``Cookie`` compares by identity)."""
    return lambda: (id(jar), list(jar))


@contextmanager
def _flask(sessions: Sessions) -> Iterator[Driven]:
    client = flask_app(sessions).test_client()
    yield client, "", lambda: (id(client._cookies), dict(client._cookies))


@contextmanager
def _test_client(app: Any) -> Iterator[Driven]:
    with app as client:
        yield client, "", _cookiejar(client.cookies.jar)


def _starlette(sessions: Sessions) -> Any:
    from starlette.testclient import TestClient

    return _test_client(TestClient(starlette_app(sessions)))


def _fastapi(sessions: Sessions) -> Any:
    from fastapi.testclient import TestClient

    return _test_client(TestClient(fastapi_app(sessions)))


def _litestar(sessions: Sessions) -> Any:
    from litestar.testing import TestClient

    from tests._session_litestar import litestar_app

    return _test_client(TestClient(litestar_app(sessions)))


@contextmanager
def _httpx(sessions: Sessions) -> Iterator[Driven]:
    import httpx

    transport = httpx.WSGITransport(app=flask_app(sessions))
    with httpx.Client(transport=transport, base_url="http://localhost") as client:
        yield client, "", _cookiejar(client.cookies.jar)


@contextmanager
def _webtest(sessions: Sessions) -> Iterator[Driven]:
    from webtest import TestApp

    app = TestApp(flask_app(sessions))
    yield app, "", _cookiejar(app.cookiejar)


@contextmanager
def _requests(sessions: Sessions) -> Iterator[Driven]:
    import requests

    with live_asgi_server(starlette_app(sessions)) as base, requests.Session() as session:
        yield session, base, _cookiejar(session.cookies)


DRIVERS = {
    "flask": _flask, "starlette": _starlette, "fastapi": _fastapi, "litestar": _litestar,
    "httpx": _httpx, "webtest": _webtest, "requests": _requests,
}  # fmt: skip


def _log_in_and_out(client: Any, base: str) -> Any:
    """Log in and out, then start a new anonymous session: the jar holds a cookie of the same
    name that must neither be sent nor replaced by the replay."""
    client.get(f"{base}/start")
    login = client.post(f"{base}/login")
    client.post(f"{base}/logout")
    client.get(f"{base}/start")
    return login


def _failure_pattern(label: str) -> str:
    return (
        f"the app still accepts session cookie '{COOKIE}' from before the logout (SC021): "
        f"GET http://*/private ({label}) with only that cookie answered 200, where a 401, a 403 "
        "or a redirect would refuse it\n"
        "  SC021: whoever holds a copy of the token (a stolen cookie, a shared computer, a log) "
        "stays logged in although the user logged out\n"
        "  fix: delete the session on the server at logout (Django: logout() flushes it; a "
        "server-side store: remove the id), not only the cookie in the browser\n"
        "docs: https://pytest-securecookie.readthedocs.io/en/latest/rules/#sc021"
    )


LABELS = {"webtest": "webtest", "requests": "requests"}


def _old_value(login: Any) -> str:
    return next(c.value for c in set_cookies(login) if c.name == COOKIE)


@pytest.mark.parametrize("family", DRIVERS)
def test_a_logout_that_removes_the_session_passes(family: str) -> None:
    with DRIVERS[family](Sessions(invalidate=True)) as (client, base, jar):
        login = _log_in_and_out(client, base)
        held = jar()
        assert_session_ended(client, login, f"{base}/private")
        assert jar() == held


@pytest.mark.parametrize("family", DRIVERS)
def test_a_logout_that_only_deletes_the_cookie_fails(family: str) -> None:
    with DRIVERS[family](Sessions(invalidate=False)) as (client, base, jar):
        login = _log_in_and_out(client, base)
        held = jar()
        with pytest.raises(InsecureCookieError) as failed:
            assert_session_ended(client, login, f"{base}/private")
        assert jar() == held
    message = str(failed.value)
    assert re.fullmatch(_fnmatch(_failure_pattern(LABELS.get(family, family))), message)
    assert _old_value(login) not in message
    assert [f.rule for f in failed.value.findings] == ["SC021"]
    assert failed.value.cookie_name == COOKIE


def _fnmatch(pattern: str) -> str:
    return ".*".join(map(re.escape, pattern.split("*")))


def test_the_old_cookie_can_be_a_set_cookie_and_refused_decides_other_answers() -> None:
    with _flask(Sessions(invalidate=False)) as (client, _, _jar):
        login = _log_in_and_out(client, "")
        [old] = [c for c in set_cookies(login) if c.name == COOKIE]
        assert_session_ended(client, old, "/private", refused=lambda response: True)
        with pytest.raises(InsecureCookieError):
            assert_session_ended(client, old, "/private", refused=lambda response: False)


def test_the_answer_names_its_location_without_the_value() -> None:
    with _flask(Sessions(invalidate=False)) as (client, _, _jar):
        login = _log_in_and_out(client, "")
        with pytest.raises(InsecureCookieError) as failed:
            assert_session_ended(client, login, "/private-linked")
    assert str(failed.value).splitlines()[0] == (
        f"the app still accepts session cookie '{COOKIE}' from before the logout (SC021): GET "
        "http://localhost/private-linked (flask) with only that cookie answered 201, Location: "
        "/sid/<redacted>, where a 401, a 403 or a redirect would refuse it")


# --- async clients ---------------------------------------------------------------------------


async def _httpx_async(invalidate: bool) -> tuple[object, object]:
    import httpx

    transport = httpx.ASGITransport(app=starlette_app(Sessions(invalidate=invalidate)))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await client.get("/start")
        login = await client.post("/login")
        await client.post("/logout")
        await client.get("/start")
        held = list(client.cookies.jar)
        outcome = await _outcome(assert_session_ended_async(client, login, "/private"))
        return outcome, list(client.cookies.jar) == held


async def _aiohttp(invalidate: bool) -> tuple[object, object]:
    from aiohttp.test_utils import TestClient, TestServer

    async with TestClient(TestServer(aiohttp_app(invalidate=invalidate))) as client:
        await client.get("/start")
        login = await client.post("/login")
        await client.post("/logout")
        await client.get("/start")
        jar = client.session.cookie_jar
        held = [morsel.OutputString() for morsel in jar]
        outcome = await _outcome(assert_session_ended_async(client, login, "/private"))
        return outcome, client.session.cookie_jar is jar and [
            morsel.OutputString() for morsel in jar] == held


async def _outcome(check: Any) -> object:
    try:
        await check
    except InsecureCookieError as error:
        return str(error).splitlines()[0]
    return "passed"


@pytest.mark.parametrize(("run", "label"), [(_httpx_async, "starlette"), (_aiohttp, "aiohttp")])
def test_async_clients(run: Callable[[bool], Any], label: str) -> None:
    assert asyncio.run(run(True)) == ("passed", True)
    failed, same_jar = asyncio.run(run(False))
    assert same_jar is True
    assert re.fullmatch(_fnmatch(_failure_pattern(label).splitlines()[0]), str(failed))


# --- mistakes --------------------------------------------------------------------------------


def test_an_async_client_needs_the_async_form() -> None:
    import httpx

    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=starlette_app(Sessions())))
    old = SetCookie(COOKIE, "x" * 32)
    with pytest.raises(TypeError, match=r"^AsyncClient is an async client: use "
                       r"'await assert_session_ended_async\(client, old, url\)'$"):
        assert_session_ended(client, old, "/private")


def test_an_unknown_client_lists_the_supported_ones() -> None:
    with pytest.raises(TypeError) as failed:
        assert_session_ended(object(), SetCookie(COOKIE, "x" * 32), "/private")
    assert str(failed.value) == (
        "cannot replay a cookie through a builtins.object: assert_session_ended needs a test "
        "client that keeps a cookie jar:\n"
        "  - flask / werkzeug test client\n"
        "  - django.test.Client / AsyncClient\n"
        "  - Starlette / FastAPI / Litestar TestClient\n"
        "  - httpx (or httpx2) Client / AsyncClient\n"
        "  - requests.Session\n"
        "  - webtest.TestApp\n"
        "  - aiohttp.test_utils.TestClient"
    )


def test_a_response_without_a_session_cookie_is_refused_naming_what_it_sets() -> None:
    with _flask(Sessions()) as (client, _, _jar), pytest.raises(ValueError) as failed:
        assert_session_ended(client, client.post("/logout"), "/private")
    assert str(failed.value) == (
        "`old` holds no auth-like cookie: nothing to compare; it sets no cookies at all")
