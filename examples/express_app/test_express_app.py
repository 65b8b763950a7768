"""The seed Express apps, tested from Python through requests.  pytest.ini sets
``secure_cookies = true``: every test that receives an insecure connect.sid or session
cookie fails with the fix, though the app is JavaScript."""

from __future__ import annotations

import requests

from pytest_securecookie import AssertSecureCookie, CookieRecorder, set_cookies


def test_the_dashboard_needs_a_login(express_session_app: str, via_proxy: requests.Session) -> None:
    assert via_proxy.get(f"{express_session_app}/dashboard", timeout=10).status_code == 401


def test_login_then_dashboard(express_session_app: str, via_proxy: requests.Session) -> None:
    login = via_proxy.get(f"{express_session_app}/login", timeout=10)
    # requests (http.cookiejar) keeps a Secure cookie off plain http; the proxy would carry
    # it over https, so pass it on by hand.
    cookies = login.cookies.get_dict()
    dashboard = via_proxy.get(f"{express_session_app}/dashboard", cookies=cookies, timeout=10)
    assert dashboard.text == "Welcome back, user123!"


def test_connect_sid_is_secure(
    express_session_app: str, via_proxy: requests.Session, assert_secure_cookie: AssertSecureCookie
) -> None:
    response = via_proxy.get(f"{express_session_app}/login", timeout=10)
    cookie = assert_secure_cookie(response, "connect.sid")
    assert cookie.max_age is None and cookie.expires is not None  # maxAge: 24 h, as Expires


def test_cookie_session_sends_the_session_and_its_signature(
    cookie_session_app: str, via_proxy: requests.Session, cookie_recorder: CookieRecorder
) -> None:
    response = via_proxy.get(f"{cookie_session_app}/login", timeout=10)
    assert [cookie.name for cookie in set_cookies(response)] == ["session", "session.sig"]
    cookies = response.cookies.get_dict()
    assert via_proxy.get(f"{cookie_session_app}/dashboard", cookies=cookies, timeout=10).ok
    assert [record.cookie.name for record in cookie_recorder] == ["session", "session.sig"]
