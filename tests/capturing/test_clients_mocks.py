"""Mocking libraries keep working under a recorder, and their Set-Cookie lines are recorded."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import requests
import responses
import respx

from pytest_securecookie.capturing.recorder import CookieRecorder
from tests.recorder_apps import SESSION_LINE, sources

pytestmark = pytest.mark.usefixtures("originals")


def test_responses_mock_started_inside_the_recorder() -> None:
    with CookieRecorder() as recorder, responses.RequestsMock() as mock:
        mock.post("http://api.test/login", status=302, headers={
            "Location": "http://api.test/home", "Set-Cookie": SESSION_LINE})  # fmt: skip
        mock.get("http://api.test/home", body="home")
        response = requests.post("http://api.test/login")
    assert (response.status_code, response.text) == (200, "home")
    assert sources(recorder) == [("POST http://api.test/login (requests)", SESSION_LINE)]
    assert recorder.responses == 2


def test_responses_mock_started_before_the_recorder() -> None:
    with responses.RequestsMock() as mock, CookieRecorder() as recorder:
        mock.get("http://api.test/", body="ok", headers={"Set-Cookie": SESSION_LINE})
        assert requests.get("http://api.test/").text == "ok"
    assert sources(recorder) == [("GET http://api.test/ (requests)", SESSION_LINE)]


def test_respx_mock_inside_the_recorder() -> None:
    with CookieRecorder() as recorder, respx.mock:
        respx.get("http://api.test/").respond(200, text="ok", headers={"Set-Cookie": SESSION_LINE})
        assert httpx.get("http://api.test/").text == "ok"
    assert sources(recorder) == [("GET http://api.test/ (httpx)", SESSION_LINE)]


def test_respx_mock_with_the_async_client() -> None:
    async def run() -> str:
        async with httpx.AsyncClient() as client:
            return (await client.get("http://api.test/")).text

    with respx.mock, CookieRecorder() as recorder:
        respx.get("http://api.test/").respond(200, text="ok", headers={"Set-Cookie": SESSION_LINE})
        assert asyncio.run(run()) == "ok"
    assert sources(recorder) == [("GET http://api.test/ (httpx)", SESSION_LINE)]


def test_pytest_httpx_fixture(httpx_mock: Any) -> None:
    headers = {"Set-Cookie": SESSION_LINE}
    httpx_mock.add_response(url="http://api.test/", text="ok", headers=headers)
    with CookieRecorder() as recorder:
        assert httpx.get("http://api.test/").text == "ok"
    assert sources(recorder) == [("GET http://api.test/ (httpx)", SESSION_LINE)]


def test_requests_mock_adapter_is_seen_with_each_hop() -> None:
    import requests_mock

    with CookieRecorder() as recorder, requests_mock.Mocker() as mock:
        mock.post("http://api.test/login", status_code=302, headers={
            "Location": "http://api.test/home", "Set-Cookie": SESSION_LINE})  # fmt: skip
        mock.get("http://api.test/home", text="home", headers={"Set-Cookie": "seen=1"})
        assert requests.post("http://api.test/login").text == "home"
    assert sources(recorder) == [
        ("POST http://api.test/login (requests)", SESSION_LINE),
        ("GET http://api.test/home (requests)", "seen=1"),
    ]
