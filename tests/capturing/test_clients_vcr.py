"""vcrpy: a cassette written against a real server on 127.0.0.1, then replayed; each response
is recorded once, whichever client asks (requests, urllib.request, http.client)."""

from __future__ import annotations

import http.client
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from pytest_securecookie.capturing.recorder import CookieRecorder
from tests._apps import LINES
from tests._servers import cookie_server  # noqa: F401 - a fixture
from tests.recorder_apps import sources

vcr = pytest.importorskip("vcr")
requests = pytest.importorskip("requests")

pytestmark = pytest.mark.usefixtures("originals")


def with_urllib(url: str) -> None:
    urllib.request.urlopen(url).close()


def with_http_client(url: str) -> None:
    host, _, path = url.removeprefix("http://").partition("/")
    connection = http.client.HTTPConnection(host)
    connection.request("GET", "/" + path)
    connection.getresponse().read()
    connection.close()


def with_requests(url: str) -> None:
    requests.get(url).close()


@pytest.mark.parametrize(
    ("request_with", "label"),
    [(with_urllib, "http.client"), (with_http_client, "http.client"), (with_requests, "requests")],
    ids=["urllib.request", "http.client", "requests"],
)
def test_a_response_recorded_and_replayed_by_vcrpy_is_recorded_once(
    request_with: Callable[[str], None], label: str, cookie_server: str, tmp_path: Path  # noqa: F811
) -> None:
    url, cassette = cookie_server + "/cookies", str(tmp_path / "cookies.yaml")
    for record_mode in ("once", "none"):  # written from the server, then replayed from the file
        with CookieRecorder() as recorder, vcr.use_cassette(cassette, record_mode=record_mode):
            request_with(url)
        source = f"GET {url} ({label})"
        assert (record_mode, sources(recorder)) == (record_mode, [(source, line) for line in LINES])
        assert recorder.responses == 1
    assert "a=1" in Path(cassette).read_text(encoding="utf-8")  # vcrpy wrote it, and replayed it
