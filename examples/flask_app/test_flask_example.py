"""The Flask example's own suite.  pytest.ini sets ``secure_cookies = true``: every test below
also fails if any response it receives sets an insecure session or remember-me cookie."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from flask_example import create_app
from werkzeug.test import TestResponse

from pytest_securecookie import AssertSecureCookie, CookieRecorder, assert_cookie_deleted


def log_in(client: FlaskClient, *, remember: bool = False) -> TestResponse:
    form = {"username": "alice", "password": "correct horse battery staple"}
    return client.post("/login", data={**form, "remember": "1" if remember else ""})


def test_login_then_account(client: FlaskClient) -> None:
    log_in(client)
    assert client.get("/account").text == "Hello, alice"


def test_wrong_password_is_refused(client: FlaskClient) -> None:
    response = client.post("/login", data={"username": "alice", "password": "guess"})
    assert response.status_code == 401
    assert client.get("/account").status_code == 302  # back to the login page


def test_login_sets_a_secure_session_cookie(
    client: FlaskClient, assert_secure_cookie: AssertSecureCookie
) -> None:
    cookie = assert_secure_cookie(log_in(client), "session")
    assert cookie.path == "/"


def test_remember_me_cookie_is_secure(
    client: FlaskClient, assert_secure_cookie: AssertSecureCookie
) -> None:
    checked = assert_secure_cookie(log_in(client, remember=True))
    assert sorted(cookie.name for cookie in checked) == ["remember_token", "session"]


def test_logout_deletes_both_cookies(client: FlaskClient) -> None:
    log_in(client, remember=True)
    response = client.post("/logout")
    assert_cookie_deleted(response, "session")
    assert_cookie_deleted(response, "remember_token")


def test_a_preference_cookie_is_not_judged(client: FlaskClient) -> None:
    # 'theme' is not auth-like: it has no flags and the enforced suite still passes.
    response = client.get("/theme/dark")
    assert response.headers["Set-Cookie"].startswith("theme=dark")


def test_the_recorder_sees_each_cookie_and_where_it_came_from(
    client: FlaskClient, cookie_recorder: CookieRecorder
) -> None:
    log_in(client, remember=True)
    client.post("/logout")
    seen = [
        (record.cookie.name, record.cookie.is_deletion, record.source) for record in cookie_recorder
    ]
    assert seen == [
        ("remember_token", False, "POST https://localhost/login (flask)"),
        ("session", False, "POST https://localhost/login (flask)"),
        ("remember_token", True, "POST https://localhost/logout (flask)"),
        ("session", True, "POST https://localhost/logout (flask)"),
    ]


@pytest.mark.allow_insecure_cookies(reason="documents what the framework defaults send")
def test_the_defaults_send_neither_secure_nor_samesite() -> None:
    response = log_in(create_app("defaults").test_client(), remember=True)
    lines = response.headers.getlist("Set-Cookie")
    assert len(lines) == 2
    assert not any("Secure" in line or "SameSite" in line for line in lines)
