"""The Django example's own suite, enforced by ``secure_cookies = true`` in pytest.ini."""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse
from django.test import Client

from pytest_securecookie import AssertSecureCookie, CookieRecorder, assert_cookie_deleted


def log_in(client: Client, password: str = "correct horse battery staple") -> HttpResponse:
    form = client.get("/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None
    data = {"csrfmiddlewaretoken": token.group(1), "username": "alice", "password": password}
    return client.post("/login/", data)


def test_login_then_account(client: Client) -> None:
    assert log_in(client).status_code == 302
    assert client.get("/account/").content == b"Hello, alice"


def test_a_post_without_the_csrf_token_is_refused(client: Client) -> None:
    response = client.post("/login/", {"username": "alice", "password": "x"})
    assert response.status_code == 403


def test_the_login_form_sets_a_csrf_cookie_javascript_may_read(
    client: Client, assert_secure_cookie: AssertSecureCookie
) -> None:
    cookie = assert_secure_cookie(client.get("/login/"), "csrftoken", httponly=False)
    assert not cookie.httponly


def test_login_sets_a_secure_session_and_a_new_csrf_token(
    client: Client, assert_secure_cookie: AssertSecureCookie
) -> None:
    checked = assert_secure_cookie(log_in(client))  # every auth-like and CSRF cookie
    assert sorted(cookie.name for cookie in checked) == ["csrftoken", "sessionid"]


def test_logout_deletes_the_session_cookie(client: Client) -> None:
    log_in(client)
    token = client.cookies["csrftoken"].value  # what the page's JavaScript would send
    response = client.post("/logout/", headers={"X-CSRFToken": token})
    assert_cookie_deleted(response, "sessionid")


def test_the_recorder_names_each_request(client: Client, cookie_recorder: CookieRecorder) -> None:
    log_in(client)
    seen = [(record.cookie.name, record.source) for record in cookie_recorder]
    assert seen == [
        ("csrftoken", "GET https://testserver/login/ (django)"),
        ("csrftoken", "POST https://testserver/login/ (django)"),
        ("sessionid", "POST https://testserver/login/ (django)"),
    ]


@pytest.mark.allow_insecure_cookies(reason="plain http must be redirected before any cookie")
def test_plain_http_is_redirected_to_https() -> None:
    response = Client().get("/login/")
    if response.status_code == 200:
        pytest.skip("SECURE_SSL_REDIRECT is off in these settings")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/login/"
    assert not response.cookies
