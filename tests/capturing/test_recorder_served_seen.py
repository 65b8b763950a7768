"""A live server whose app is wrapped (``CookieRecorder().wsgi(app)``, the documented setup)
and a client (requests) that reads the response: the recorder keeps the client's response for
SC019, so a token the body repeats is found as it is without the wrapper."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
import requests

from pytest_securecookie import CookiePolicy
from pytest_securecookie.capturing.recorder import CookieRecorder
from pytest_securecookie.judging.recorded import judge

TOKEN = "Zq8Kp2Lm9Xv4Rt7Wn3Bc6Hd1Jf5Gs0Ya"


def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    start_response("200 OK", [
        ("Content-Type", "application/json"),
        ("Set-Cookie", f"sessionid={TOKEN}; Secure; HttpOnly; SameSite=Lax; Path=/"),
    ])
    return [json.dumps({"access_token": TOKEN}).encode()]


class Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(params=["plain", "wrapped"])
def server(request: pytest.FixtureRequest) -> Iterator[WSGIServer]:
    served = CookieRecorder().wsgi(app) if request.param == "wrapped" else app
    live = make_server("127.0.0.1", 0, served, handler_class=Quiet)
    thread = threading.Thread(target=live.serve_forever, daemon=True)
    thread.start()
    yield live
    live.shutdown()
    live.server_close()


def test_a_token_in_the_body_a_client_read_is_found_with_or_without_the_wrapper(
    server: WSGIServer,
) -> None:
    with CookieRecorder(keep_responses=True) as recorder:
        assert TOKEN in requests.get(f"http://127.0.0.1:{server.server_port}/login").text
    verdict = judge(recorder.lines, CookiePolicy(), hook_free=True, seen=recorder.seen)
    rules = [finding.rule for line in verdict.lines for finding in line.findings]
    assert "SC019" in rules
    assert len(recorder.lines) == 1  # the response is counted once
