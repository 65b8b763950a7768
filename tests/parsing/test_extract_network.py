"""read_lines on clients that talk to a real server on 127.0.0.1: requests, urllib3,
http.client, urllib.request, aiohttp and Tornado."""

from __future__ import annotations

import asyncio
import http.client
import urllib.parse
import urllib.request

import aiohttp
import aiohttp.test_utils
import aiohttp.web
import httpx
import pytest
import requests
import responses
import tornado.httpclient
import tornado.httpserver
import tornado.netutil
import tornado.web
import urllib3

from pytest_securecookie.parsing.readers import read_lines, response_date
from tests._apps import L1, LINES, REDIRECT_LINE
from tests._servers import cookie_server

__all__ = ["cookie_server"]  # the fixture, imported for pytest


def test_requests_lines_exact_with_redirect_hop_first(cookie_server: str) -> None:
    with requests.Session() as session:
        response = session.get(cookie_server + "/redirect")
    assert [hop.status_code for hop in response.history] == [302]
    assert read_lines(response) == [REDIRECT_LINE, *LINES]
    assert read_lines(response, history=False) == LINES
    assert response.headers["Set-Cookie"].split(", ")[0] != L1  # the trap: joined


def test_requests_response_date(cookie_server: str) -> None:
    when = response_date(requests.get(cookie_server + "/cookies", timeout=10))
    assert when is not None and (when.year, when.month, when.day) == (1994, 11, 6)


def test_requests_response_without_raw_cannot_be_read_when_it_has_cookies() -> None:
    response = requests.Response()
    assert read_lines(response) == []
    response.headers["Set-Cookie"] = "secret=1, other=2"
    with pytest.raises(ValueError, match="cannot be recovered") as info:
        read_lines(response)
    assert "secret" not in str(info.value)


def test_urllib3_lines_exact_and_followed_redirect_loses_the_302_line(cookie_server: str) -> None:
    with urllib3.PoolManager() as pool:
        plain = pool.request("GET", cookie_server + "/cookies")
        followed = pool.request("GET", cookie_server + "/redirect")
        unfollowed = pool.request("GET", cookie_server + "/redirect", redirect=False)
    assert read_lines(plain) == LINES
    assert read_lines(followed) == LINES  # urllib3 keeps only (method, url, status) per hop
    assert [hop.status for hop in followed.retries.history] == [302]  # type: ignore[union-attr]
    assert read_lines(unfollowed) == [REDIRECT_LINE]
    assert response_date(plain) is not None


def test_http_client_lines_exact(cookie_server: str) -> None:
    address = urllib.parse.urlsplit(cookie_server)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    try:
        connection.request("GET", "/cookies")
        response = connection.getresponse()
        assert response.getheader("Set-Cookie") != L1  # the trap: joined
        assert read_lines(response) == LINES
        assert response_date(response) is not None
    finally:
        connection.close()


def test_urllib_request_followed_redirect_loses_the_302_line(cookie_server: str) -> None:
    with urllib.request.urlopen(cookie_server + "/redirect", timeout=10) as response:
        assert read_lines(response) == LINES


def aiohttp_app() -> aiohttp.web.Application:
    async def cookies(request: aiohttp.web.Request) -> aiohttp.web.Response:
        response = aiohttp.web.Response(text="ok")
        for line in LINES:
            response.headers.add("Set-Cookie", line)
        return response

    async def redirect(request: aiohttp.web.Request) -> aiohttp.web.Response:
        response = aiohttp.web.Response(status=302, headers={"Location": "/cookies"})
        response.headers.add("Set-Cookie", REDIRECT_LINE)
        return response

    app = aiohttp.web.Application()
    app.router.add_get("/cookies", cookies)
    app.router.add_get("/redirect", redirect)
    return app


def test_aiohttp_lines_exact_with_redirect_hop_first() -> None:
    async def run() -> tuple[list[str], list[str], list[str]]:
        server = aiohttp.test_utils.TestServer(aiohttp_app(), host="127.0.0.1")
        async with aiohttp.test_utils.TestClient(server) as client:
            response = await client.get("/redirect")
            assert [hop.status for hop in response.history] == [302]
            own = read_lines(response, history=False)
            return read_lines(response), own, read_lines(response.history[0])

    everything, own, hop = asyncio.run(run())
    assert everything == [REDIRECT_LINE, *LINES]
    assert own == LINES and hop == [REDIRECT_LINE]


def test_aiohttp_client_session_against_the_plain_server(cookie_server: str) -> None:
    async def run() -> list[str]:
        async with (
            aiohttp.ClientSession() as session,
            session.get(cookie_server + "/redirect") as response,
        ):
            return read_lines(response)

    assert asyncio.run(run()) == [REDIRECT_LINE, *LINES]


class TornadoCookies(tornado.web.RequestHandler):
    def get(self) -> None:
        for line in LINES:
            self.add_header("Set-Cookie", line)


class TornadoRedirect(tornado.web.RequestHandler):
    def get(self) -> None:
        self.add_header("Set-Cookie", REDIRECT_LINE)
        self.redirect("/cookies")


def test_tornado_lines_exact_and_followed_redirect_loses_the_302_line() -> None:
    async def run() -> tuple[list[str], list[str], list[str]]:
        routes = [("/cookies", TornadoCookies), ("/redirect", TornadoRedirect)]
        app = tornado.web.Application(routes)
        server = tornado.httpserver.HTTPServer(app)
        [socket] = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server.add_sockets([socket])
        base = f"http://127.0.0.1:{socket.getsockname()[1]}"
        client = tornado.httpclient.AsyncHTTPClient(force_instance=True)
        try:
            plain = await client.fetch(base + "/cookies")
            followed = await client.fetch(base + "/redirect")
            unfollowed = await client.fetch(
                base + "/redirect", follow_redirects=False, raise_error=False
            )
        finally:
            client.close()
            server.stop()
        return read_lines(plain), read_lines(followed), read_lines(unfollowed)

    plain, followed, unfollowed = asyncio.run(run())
    assert plain == LINES
    assert followed == LINES  # Tornado keeps no history: the 302's line is gone
    assert unfollowed == [REDIRECT_LINE]


def test_requests_header_dict_alone_is_refused_not_split(cookie_server: str) -> None:
    headers = requests.get(cookie_server + "/cookies", timeout=10).headers
    with pytest.raises(ValueError, match="requests.structures.CaseInsensitiveDict") as info:
        read_lines(headers)
    assert "a=1" not in str(info.value)
    when = response_date(headers)
    assert when is not None and when.year == 1994


def test_httpx_client_lines_exact_with_redirect_hop_first(cookie_server: str) -> None:
    with httpx.Client(base_url=cookie_server) as client:
        unfollowed = client.get("/redirect")  # httpx does not follow by default
        followed = client.get("/redirect", follow_redirects=True)
    assert read_lines(unfollowed) == [REDIRECT_LINE]
    assert read_lines(followed) == [REDIRECT_LINE, *LINES]
    assert read_lines(followed.headers) == LINES  # the Headers object alone: get_list


def test_httpx_async_client(cookie_server: str) -> None:
    async def run() -> list[str]:
        async with httpx.AsyncClient(base_url=cookie_server) as client:
            return read_lines(await client.get("/redirect", follow_redirects=True))

    assert asyncio.run(run()) == [REDIRECT_LINE, *LINES]


def test_requests_mocked_by_the_responses_library() -> None:
    with responses.RequestsMock() as mock:
        headers = [("Set-Cookie", line) for line in LINES]
        mock.add(responses.GET, "http://app.test/c", headers=headers)
        assert read_lines(requests.get("http://app.test/c", timeout=10)) == LINES
