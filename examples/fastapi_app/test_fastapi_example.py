"""The FastAPI example's own suite, enforced by ``secure_cookies = true`` in pytest.ini."""

from __future__ import annotations

import httpx
import pytest
from fastapi_example import create_app, read_jwt
from starlette.testclient import TestClient

from pytest_securecookie import AssertSecureCookie, CookieRecorder, assert_cookie_deleted

ALICE = {"username": "alice", "password": "correct horse battery staple"}


def test_login_then_me(client: TestClient) -> None:
    assert client.post("/login", json=ALICE).status_code == 200
    assert client.get("/me").json() == {"user": "alice", "session_user": "alice"}


def test_a_wrong_password_sets_no_cookie(client: TestClient) -> None:
    response = client.post("/login", json={**ALICE, "password": "guess"})
    assert response.status_code == 401
    assert "set-cookie" not in response.headers


def test_login_cookies_are_secure(
    client: TestClient, assert_secure_cookie: AssertSecureCookie
) -> None:
    checked = assert_secure_cookie(client.post("/login", json=ALICE))
    assert sorted(cookie.name for cookie in checked) == ["access_token", "session"]


def test_the_token_cookie_is_strict_and_short_lived(
    client: TestClient, assert_secure_cookie: AssertSecureCookie
) -> None:
    response = client.post("/login", json=ALICE)
    cookie = assert_secure_cookie(response, "access_token", samesite="Strict")
    assert cookie.max_age == 900
    assert read_jwt(client.cookies["access_token"]) == "alice"


def test_logout_deletes_both_cookies(client: TestClient) -> None:
    client.post("/login", json=ALICE)
    response = client.post("/logout")
    assert_cookie_deleted(response, "access_token")
    assert_cookie_deleted(response, "session")
    assert client.get("/me").status_code == 401


def test_the_recorder_classifies_the_token_by_name(
    client: TestClient, cookie_recorder: CookieRecorder
) -> None:
    client.post("/login", json=ALICE)
    assert [(r.cookie.name, r.source) for r in cookie_recorder] == [
        ("access_token", "POST https://testserver/login (fastapi)"),
        ("session", "POST https://testserver/login (fastapi)"),
    ]


@pytest.mark.allow_insecure_cookies(reason="shows why the tests use an https base URL")
def test_over_http_the_client_drops_the_secure_session() -> None:
    with TestClient(create_app("hardened")) as client:  # http://testserver
        assert client.post("/login", json=ALICE).status_code == 200
        assert client.get("/me").status_code == 401  # the jar kept the Secure token to itself
        assert isinstance(client.cookies, httpx.Cookies)
