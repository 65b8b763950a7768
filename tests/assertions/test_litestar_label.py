"""A Litestar TestClient given Starlette's test host (``base_url="http://testserver"``, as a
suite moved from Starlette keeps it) is labelled ``(litestar)``, not ``(starlette)``: by the
session helpers and by ``assert_secure_cookie``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import AsyncTestClient, TestClient

from pytest_securecookie import (
    InsecureCookieError,
    assert_secure_cookie,
    assert_session_ended,
    assert_session_ended_async,
    assert_session_rotated,
)
from tests._session_apps import Sessions
from tests._session_litestar import litestar_app

# Litestar warns that a host without a dot "might cause issues"; it works for these requests.
pytestmark = pytest.mark.filterwarnings("ignore:The base_url .* might cause issues:UserWarning")
ON_STARLETTES_HOST = "http://testserver"


@pytest.fixture
def client() -> Iterator[Any]:
    app = litestar_app(Sessions(rotate=False, invalidate=False))
    with TestClient(app, base_url=ON_STARLETTES_HOST) as client:
        yield client


def test_assert_session_ended_says_litestar(client: Any) -> None:
    login = client.post("/login")
    client.post("/logout")
    with pytest.raises(InsecureCookieError, match=r"GET http://testserver/private \(litestar\) "):
        assert_session_ended(client, login, "/private")


def test_assert_session_rotated_says_litestar(client: Any) -> None:
    start = client.get("/start")
    login = client.post("/login")
    with pytest.raises(InsecureCookieError, match=r"POST http://testserver/login \(litestar\) "):
        assert_session_rotated(start, login)


def test_assert_secure_cookie_says_litestar_and_gives_its_https_hint(client: Any) -> None:
    with pytest.raises(InsecureCookieError, match=r"/start \(litestar\) ") as e:
        assert_secure_cookie(client.get("/start"))
    assert 'TestClient(app, base_url="https://testserver.local")' in str(e.value)


async def _ended_through_the_async_client() -> None:
    app = litestar_app(Sessions(invalidate=False))
    async with AsyncTestClient(app, base_url=ON_STARLETTES_HOST) as client:
        login = await client.post("/login")
        await client.post("/logout")
        await assert_session_ended_async(client, login, "/private")


def test_assert_session_ended_async_says_litestar() -> None:
    import asyncio

    with pytest.raises(InsecureCookieError, match=r"GET http://testserver/private \(litestar\) "):
        asyncio.run(_ended_through_the_async_client())
