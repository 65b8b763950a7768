"""A response seen by both a wrapped app and a client in the same process is recorded once,
whatever text each side decodes its non-ASCII bytes to (ASGI servers hand over bytes, read as
latin-1; httpx reads UTF-8)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from pytest_securecookie.capturing.recorder import CookieRecorder
from tests._servers import live_asgi_server

pytestmark = pytest.mark.usefixtures("originals")

LINE = "pref=caf\u00e9-cr\u00e8me; Path=/men\u00fc"  # sent as UTF-8, as most frameworks do


async def sets_a_non_ascii_cookie(scope: Any, receive: Any, send: Any) -> None:
    headers = [(b"set-cookie", LINE.encode("utf-8")), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def test_a_live_asgi_server_and_httpx_record_a_non_ascii_line_once() -> None:
    recorder = CookieRecorder()
    app = recorder.asgi(sets_a_non_ascii_cookie)
    with recorder, live_asgi_server(app) as base, httpx.Client() as client:
        response = client.get(base + "/prefs")
    assert response.headers.get_list("set-cookie") == [LINE]  # httpx read the bytes as UTF-8
    assert [(line.framework, line.line) for line in recorder.lines] == [
        ("asgi", LINE.encode("utf-8").decode("latin-1")),  # the server's record stands
    ]
    assert recorder.responses == 1
