"""The aiohttp example's own suite, enforced by ``secure_cookies = true`` in pytest.ini."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from pytest_securecookie import (
    AssertSecureCookie,
    CookieRecorder,
    assert_cookie_deleted,
    set_cookies,
)

pytestmark = pytest.mark.anyio
ALICE = {"username": "alice", "password": "correct horse battery staple"}


async def test_login_then_me(client: TestClient) -> None:
    assert (await client.post("/login", json=ALICE)).status == 200
    assert await (await client.get("/me")).json() == {"user": "alice"}


async def test_a_wrong_password_sets_no_cookie(client: TestClient) -> None:
    response = await client.post("/login", json={**ALICE, "password": "guess"})
    assert response.status == 401
    assert set_cookies(response) == []


async def test_the_session_cookie_is_secure(
    client: TestClient, assert_secure_cookie: AssertSecureCookie
) -> None:
    cookie = assert_secure_cookie(await client.post("/login", json=ALICE), "AIOHTTP_SESSION")
    assert cookie.max_age == 8 * 3600


async def test_logout_deletes_the_session_cookie(client: TestClient) -> None:
    await client.post("/login", json=ALICE)
    assert_cookie_deleted(await client.post("/logout"), "AIOHTTP_SESSION")
    assert (await client.get("/me")).status == 401


async def test_the_recorder_sees_the_live_server_response(
    client: TestClient, cookie_recorder: CookieRecorder
) -> None:
    await client.post("/login", json=ALICE)
    [record] = cookie_recorder.records
    assert record.cookie.name == "AIOHTTP_SESSION"
    assert record.source == f"POST {client.make_url('/login')} (aiohttp)"
