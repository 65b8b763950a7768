"""examples/browser_app: a headless Chromium (driven by Playwright) logs in to a live server
wrapped by ``cookie_recorder.wsgi(app)`` (Flask) or ``cookie_recorder.asgi(app)`` (Starlette
under uvicorn).  What the server sent is what the browser kept, and
``secure_cookies = true`` fails the browser's login when the session cookie is insecure."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from tests._examples import run_example_suite, skip_unless

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _playwright_and_chromium() -> None:
    skip_unless(importlib.util.find_spec("playwright") is not None,
                "playwright is not installed: pip install playwright")
    skip_unless(os.path.exists(CHROMIUM),
                f"no Chromium at {CHROMIUM}: apt-get install chromium, or set CHROMIUM")


def test_a_browser_login_to_the_hardened_app_passes(tmp_path: Path) -> None:
    result = run_example_suite("browser_app", "hardened", tmp_path)
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["secure cookies: * responses, * cookies, * auth-like, 0 insecure"])


def test_a_browser_login_to_the_default_app_fails_for_the_session_cookie(tmp_path: Path) -> None:
    result = run_example_suite("browser_app", "defaults", tmp_path)
    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines([
        "*_ test_login_in_a_browser_is_recorded_by_the_server _*",
        "insecure cookie 'session' (SC001, SC003) set by POST /login",
        "cookie 'session' set by POST http://127.0.0.1:*/login (wsgi) is insecure: 2 problems",
        "  Set-Cookie: session=<redacted * chars>; HttpOnly; Path=/",
        "  SC001 'session' has no Secure attribute: *",
        # a WSGI app's signed session is Flask's; a live server has no test-client base_url
        "    fix: app.config?\"SESSION_COOKIE_SECURE\"? = True; if Secure is off only because "
        "the test server speaks plain http, serve it over https for the test *",
        "  SC003 'session' has no SameSite attribute: *",
        "*_ test_an_asgi_app_under_uvicorn_is_recorded_the_same_way _*",
        "insecure cookie 'session' (SC001) set by POST /login",
        "cookie 'session' set by POST http://127.0.0.1:*/login (asgi) is insecure: 1 problem",
        "  Set-Cookie: session=<redacted * chars>; path=/; Max-Age=1209600; httponly; samesite=lax",
        "  SC001 'session' has no Secure attribute: *",
        # the wrapped app is Starlette's: its SessionMiddleware names the cookie, and the fix
        "    fix: SessionMiddleware(app, secret_key=..., https_only=True); if Secure is off only "
        "because the test server speaks plain http, serve it over https for the test *",
        "secure cookies: *, 4 insecure",
    ])
    assert "theme" not in "\n".join(line for line in result.outlines if "insecure:" in line)
