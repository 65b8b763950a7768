"""Server-side recording: recorder.wsgi(app) / recorder.asgi(app) behind real servers."""

from __future__ import annotations

import asyncio
import threading
import time
import urllib.request
from typing import Any

import pytest
import werkzeug.test

from pytest_securecookie.capturing.recorder import CookieRecorder
from tests.recorder_apps import (
    HOME_LINE,
    SESSION_LINE,
    asgi_login_app,
    flask_app,
    live_wsgi_server,
    sources,
    wsgi_login_app,
)

pytestmark = pytest.mark.usefixtures("originals")


def test_wsgi_wrapper_records_what_a_live_server_emits() -> None:
    with CookieRecorder() as recorder, live_wsgi_server(recorder.wsgi(flask_app())) as base:
        urllib.request.urlopen(urllib.request.Request(base + "/login", method="POST")).close()
        urllib.request.urlopen(base + "/plain").close()
    host = base.removeprefix("http://")
    assert sources(recorder) == [
        (f"POST http://{host}/login (wsgi)", SESSION_LINE),
        (f"GET http://{host}/home (wsgi)", HOME_LINE),
    ]  # urllib.request's own copy (http.client) of each response is not counted again
    assert recorder.responses == 3
    assert recorder.lines[0].framework == "wsgi"


def test_wsgi_wrapper_strips_the_leading_space_and_records_only_into_active_recorders() -> None:
    environ = werkzeug.test.EnvironBuilder("/login", base_url="https://example.test").get_environ()
    wrapper = CookieRecorder()
    wrapped = wrapper.wsgi(wsgi_login_app)
    wrapped(environ, lambda status, headers, *exc: None)  # nothing active: recorded nowhere
    with wrapper:
        wrapped(environ, lambda status, headers, *exc: None)
    with CookieRecorder() as other:
        wrapped(environ, lambda status, headers, *exc: None)
    assert sources(wrapper) == [("GET https://example.test/login (wsgi)", SESSION_LINE)]
    assert sources(other) == [("GET https://example.test/login (wsgi)", SESSION_LINE)]


def test_a_live_server_wrapped_once_feeds_each_test_recorder_its_own_responses() -> None:
    app = CookieRecorder().wsgi(flask_app())  # as a session fixture would, before any test
    with live_wsgi_server(app) as base:
        for path in ("/login", "/home"):
            with CookieRecorder() as per_test:  # as --secure-cookies does for each test
                request = urllib.request.Request(base + path, method="POST")
                urllib.request.urlopen(request).close()  # a browser would do the same
            expected = [SESSION_LINE, HOME_LINE] if path == "/login" else [HOME_LINE]
            assert [line.line for line in per_test.lines] == expected
            assert {line.framework for line in per_test.lines} == {"wsgi"}


def test_wsgi_wrapper_driven_by_an_in_process_client_leaves_it_to_the_client() -> None:
    with CookieRecorder() as recorder:
        client = werkzeug.test.Client(recorder.wsgi(flask_app()))
        client.post("/login", follow_redirects=True)
    assert [source for source, _ in sources(recorder)] == [
        "POST http://localhost/login (werkzeug)",
        "GET http://localhost/home (werkzeug)",
    ]


def call_asgi(app: Any, path: str, headers: list[Any] | None = None) -> list[dict[str, Any]]:
    """Drive an ASGI app by hand, as a server would; returns the messages it sent."""
    sent: list[dict[str, Any]] = []
    scope = {
        "type": "http", "method": "POST", "scheme": "https", "path": path, "root_path": "",
        "query_string": b"a=1", "headers": headers or [], "server": ("example.test", 8443),
    }  # fmt: skip

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def test_asgi_wrapper_reads_any_header_case_and_list_items() -> None:
    with CookieRecorder() as recorder:
        app = recorder.asgi(asgi_login_app)
        sent = call_asgi(app, "/login")
        call_asgi(app, "/home", headers=[(b"Host", b"shop.test")])
    assert sent[0]["status"] == 302  # the messages pass through untouched
    assert sources(recorder) == [
        ("POST https://example.test:8443/login (asgi)", SESSION_LINE),
        ("POST https://shop.test/home (asgi)", HOME_LINE),
    ]
    assert recorder.responses == 2


def test_asgi_wrapper_lets_lifespan_through_and_records_only_while_active() -> None:
    recorder = CookieRecorder()
    app = recorder.asgi(asgi_login_app)
    call_asgi(app, "/login")
    seen: list[str] = []

    async def lifespan_app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["type"])

    asyncio.run(recorder.asgi(lifespan_app)({"type": "lifespan"}, None, None))
    assert (seen, recorder.responses) == (["lifespan"], 0)


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_asgi_wrapper_under_starlette_testclient_records_each_response_once() -> None:
    from starlette.testclient import TestClient

    with CookieRecorder() as recorder:
        TestClient(recorder.asgi(asgi_login_app)).post("/login")
    assert [line.line for line in recorder.lines] == [SESSION_LINE, HOME_LINE]
    assert recorder.responses == 2


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_asgi_wrapper_behind_uvicorn_records_what_a_browser_would_get() -> None:
    uvicorn = pytest.importorskip("uvicorn")
    from tests.recorder_apps import free_port, starlette_app

    port = free_port()
    with CookieRecorder() as recorder:
        config = uvicorn.Config(recorder.asgi(starlette_app()), host="127.0.0.1", port=port,
                                log_level="error", lifespan="off")  # fmt: skip
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run)
        thread.start()
        try:
            while not server.started and thread.is_alive():
                time.sleep(0.01)
            request = urllib.request.Request(f"http://127.0.0.1:{port}/login", method="POST")
            urllib.request.urlopen(request).close()
        finally:
            server.should_exit = True
            thread.join()
    assert [(source, line.partition("=")[0]) for source, line in sources(recorder)] == [
        (f"POST http://127.0.0.1:{port}/login (asgi)", "session"),
        (f"GET http://127.0.0.1:{port}/home (asgi)", "seen"),
    ]
    assert recorder.responses == 2


def test_server_side_urls_keep_the_bytes_that_were_sent() -> None:
    environ = werkzeug.test.EnvironBuilder("/").get_environ()
    environ["PATH_INFO"] = "/caf\u00c3\u00a9"  # b"/caf\xc3\xa9" as PEP 3333 decodes it
    scope = {
        "type": "http", "method": "GET", "scheme": "http", "path": "/café",
        "raw_path": b"/caf%C3%A9", "query_string": b"", "headers": [(b"host", b"h.test")],
    }  # fmt: skip

    async def send(message: Any) -> None:
        pass

    async def sets_cookie(scope: Any, receive: Any, send: Any) -> None:
        headers = [(b"set-cookie", SESSION_LINE.encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})

    def wsgi_sets_cookie(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Set-Cookie", SESSION_LINE)])
        return []

    with CookieRecorder() as recorder:
        recorder.wsgi(wsgi_sets_cookie)(environ, lambda status, headers, *exc: None)
        asyncio.run(recorder.asgi(sets_cookie)(scope, None, send))
    assert [line.url for line in recorder.lines] == [
        "http://localhost/caf%C3%A9",
        "http://h.test/caf%C3%A9",
    ]
