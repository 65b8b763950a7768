"""A real browser logs in; the server-side recorder sees exactly the cookies it receives.

pytest.ini sets ``secure_cookies = true``: with Flask's defaults (EXAMPLE_CONFIG=defaults)
the login test fails with SC001 and SC003 for 'session', though a browser did the request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_securecookie import CookieRecorder, assert_cookie_deleted

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("user name").fill("alice")
    page.get_by_label("password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/account")


def test_login_in_a_browser_is_recorded_by_the_server(
    page: Page, context: BrowserContext, live_server: str, cookie_recorder: CookieRecorder
) -> None:
    log_in(page, live_server)
    assert page.locator("#greeting").inner_text() == "Hello, alice"
    recorded = {r.cookie.name: r for r in cookie_recorder}
    assert recorded["session"].source == f"POST {live_server}/login (wsgi)"
    in_browser = {cookie["name"]: cookie for cookie in context.cookies()}
    assert sorted(in_browser) == sorted(recorded) == ["session", "theme"]
    for name, record in recorded.items():  # what the server sent is what the browser kept
        kept = in_browser[name]
        assert (kept["secure"], kept["httpOnly"]) == (record.cookie.secure, record.cookie.httponly)


def test_page_scripts_see_the_theme_but_never_the_session(page: Page, live_server: str) -> None:
    log_in(page, live_server)
    assert page.evaluate("document.cookie") == "theme=dark"


def test_logout_in_a_browser_removes_the_session(
    page: Page, context: BrowserContext, live_server: str, cookie_recorder: CookieRecorder
) -> None:
    log_in(page, live_server)
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server}/login")
    assert [cookie["name"] for cookie in context.cookies()] == ["theme"]
    logout_lines = [line.line for line in cookie_recorder.lines if "/logout" in line.source]
    assert_cookie_deleted(logout_lines, "session")


def test_an_asgi_app_under_uvicorn_is_recorded_the_same_way(
    page: Page, context: BrowserContext, live_asgi_server: str, cookie_recorder: CookieRecorder
) -> None:
    log_in(page, live_asgi_server)
    assert page.locator("#greeting").inner_text() == "Hello, alice"
    [session] = [record for record in cookie_recorder if record.cookie.name == "session"]
    assert session.source == f"POST {live_asgi_server}/login (asgi)"
    kept = {cookie["name"]: cookie for cookie in context.cookies()}["session"]
    assert (kept["secure"], kept["httpOnly"]) == (session.cookie.secure, session.cookie.httponly)
