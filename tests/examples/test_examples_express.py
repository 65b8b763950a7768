"""The seed Express apps (examples/express_app), run with Node on 127.0.0.1 and judged from
Python through requests: express-session's connect.sid in development and in production
behind a proxy, and the seed's cookie-session configuration as it really behaves."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from pytest_securecookie import (
    CookiePolicy,
    InsecureCookieError,
    SetCookie,
    assert_secure_cookie,
    check_cookie,
    set_cookies,
)
from tests._examples import (
    EXAMPLES,
    free_port,
    node_modules_problem,
    run_example_suite,
    skip_unless,
    stop,
    wait_for_port,
)

# These tests receive the seed apps' insecure cookies on purpose, and judge them themselves.
pytestmark = pytest.mark.allow_insecure_cookies(reason="judges the seed apps' cookies itself")
EXPRESS = EXAMPLES / "express_app"
BEHIND_TLS_PROXY = {"X-Forwarded-Proto": "https"}  # what the load balancer adds


@pytest.fixture(scope="module", autouse=True)
def _node_and_modules() -> None:
    skip_unless(shutil.which("node") is not None, "node is not installed")
    problem = node_modules_problem(EXPRESS)
    skip_unless(problem is None, f"examples/{problem}")


@contextmanager
def node_server(script: str, **env: str) -> Iterator[str]:
    """``node --require ./loopback.js <script>`` on a free 127.0.0.1 port; yields its URL."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if k != "NODE_ENV"}
    process = subprocess.Popen(
        ["node", "--require", "./loopback.js", script], cwd=EXPRESS,
        env={**environ, "PORT": str(port), **env},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture(scope="module")
def development() -> Iterator[str]:
    with node_server("app.js") as url:
        yield url


@pytest.fixture(scope="module")
def production() -> Iterator[str]:
    with node_server("app.js", NODE_ENV="production") as url:
        yield url


@pytest.fixture(scope="module")
def cookie_session_seed() -> Iterator[str]:
    with node_server("cookie_session_app.js") as url:
        yield url


@pytest.fixture(scope="module")
def cookie_session_fixed() -> Iterator[str]:
    with node_server("cookie_session_app.js", COOKIE_SESSION_CONFIG="fixed") as url:
        yield url


def rules(cookie: SetCookie) -> list[str]:
    return [finding.rule for finding in check_cookie(cookie, CookiePolicy())]


# --- express-session (seed 000) ------------------------------------------------------------


def test_in_development_connect_sid_fails_for_sc001_only(development: str) -> None:
    response = requests.get(f"{development}/login", timeout=10)
    [cookie] = set_cookies(response)
    assert (cookie.name, cookie.httponly, cookie.samesite, cookie.secure) == (
        "connect.sid", True, "Lax", False)
    assert rules(cookie) == ["SC001"]
    with pytest.raises(InsecureCookieError) as raised:
        assert_secure_cookie(response)
    message = str(raised.value)
    assert f"cookie 'connect.sid' set by GET {development}/login (requests) is insecure" in message
    assert "fix: session({cookie: {secure: true}}) (express-session), and " \
           "app.set('trust proxy', 1) behind a TLS-terminating proxy" in message
    assert cookie.value not in message


def test_in_production_behind_a_tls_proxy_connect_sid_passes(production: str) -> None:
    response = requests.get(f"{production}/login", headers=BEHIND_TLS_PROXY, timeout=10)
    cookie = assert_secure_cookie(response, "connect.sid")
    assert (cookie.secure, cookie.httponly, cookie.samesite, cookie.path) == (
        True, True, "Lax", "/")
    assert rules(cookie) == []


def test_in_production_without_the_proxy_header_express_sends_no_cookie(production: str) -> None:
    # express-session will not send a Secure cookie on what it sees as plain http: without
    # `trust proxy` and X-Forwarded-Proto the login "works" and the user is never logged in.
    response = requests.get(f"{production}/login", timeout=10)
    assert response.status_code == 200
    assert set_cookies(response) == []
    with pytest.raises(InsecureCookieError, match="sets no auth-like or CSRF cookie"):
        assert_secure_cookie(response)


def test_the_session_works_through_the_proxy(production: str) -> None:
    login = requests.get(f"{production}/login", headers=BEHIND_TLS_PROXY, timeout=10)
    [cookie] = set_cookies(login)
    # requests (http.cookiejar) keeps a Secure cookie off plain http, as a browser would on a
    # remote host; the proxy would carry it over https, so the test passes it on itself.
    headers = {**BEHIND_TLS_PROXY, "Cookie": f"{cookie.name}={cookie.value}"}
    dashboard = requests.get(f"{production}/dashboard", headers=headers, timeout=10)
    assert dashboard.text == "Welcome back, user123!"


def test_the_example_suite_passes_in_production_behind_the_proxy(tmp_path: Path) -> None:
    result = run_example_suite("express_app", "hardened", tmp_path)
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["secure cookies: * responses, 4 cookies, 4 auth-like, 0 insecure"])


def test_the_example_suite_fails_in_development(tmp_path: Path) -> None:
    result = run_example_suite("express_app", "defaults", tmp_path)
    result.assert_outcomes(failed=3, passed=1)
    result.stdout.fnmatch_lines([
        "*_ test_login_then_dashboard _*",
        "insecure cookie 'connect.sid' (SC001) set by GET /login",
        "cookie 'connect.sid' set by GET http://127.0.0.1:*/login (requests) is insecure: "
        "1 problem",
        "  Set-Cookie: connect.sid=<redacted * chars>; Path=/; Expires=*; HttpOnly; SameSite=Lax",
        "  SC001 'connect.sid' has no Secure attribute: *",
        "    fix: session({cookie: {secure: true}}) (express-session), and "
        "app.set('trust proxy', 1) behind a TLS-terminating proxy; *",
        "*_ test_cookie_session_sends_the_session_and_its_signature _*",
        "insecure cookies 'session' (SC001, SC003), 'session.sig' (SC001, SC003) set by "
        "GET /login",
        "cookie 'session' set by GET http://127.0.0.1:*/login (requests) is insecure: 2 problems",
        "  Set-Cookie: session=<redacted * chars>; path=/; httponly",
        "  SC001 'session' has no Secure attribute: *",
        # the same cookie-session fix as session.sig's (was the generic "add `; Secure`")
        "    fix: cookieSession({secure: true}) (cookie-session), and "
        "app.set('trust proxy', 1) behind a TLS-terminating proxy; *",
        "  SC003 'session' has no SameSite attribute: *",
        "    fix: cookieSession({sameSite: 'lax'}) (cookie-session)",
        "cookie 'session.sig' set by GET http://127.0.0.1:*/login (requests) is insecure: "
        "2 problems",
        "  SC001 'session.sig' has no Secure attribute: *",
        "    fix: cookieSession({secure: true}) (cookie-session), and "
        "app.set('trust proxy', 1) behind a TLS-terminating proxy; *",
        "  SC003 'session.sig' has no SameSite attribute: *",
        "    fix: cookieSession({sameSite: 'lax'}) (cookie-session)",
    ])
    assert "eyJ" not in "\n".join(result.outlines)  # cookie-session values are base64 JSON


# --- cookie-session (seed 001) -------------------------------------------------------------


def test_the_seed_cookie_session_config_sends_neither_secure_nor_its_other_options(
    cookie_session_seed: str,
) -> None:
    # cookie-session reads its options from the top level; the seed nests them under
    # `cookie:`, so secure, domain, path and expires are all ignored.
    response = requests.get(f"{cookie_session_seed}/login", timeout=10)
    cookies = set_cookies(response)
    assert [cookie.name for cookie in cookies] == ["session", "session.sig"]
    for cookie in cookies:
        assert (cookie.secure, cookie.httponly, cookie.samesite) == (False, True, None)
        assert (cookie.domain, cookie.path, cookie.expires, cookie.max_age) == (
            None, "/", None, None)
        assert rules(cookie) == ["SC001", "SC003"]


def test_the_signature_cookie_is_judged_as_part_of_the_session(cookie_session_seed: str) -> None:
    response = requests.get(f"{cookie_session_seed}/login", timeout=10)
    policy = CookiePolicy()
    reasons = [policy.classify(cookie) for cookie in set_cookies(response)]
    assert [(c.kind, c.reason) for c in reasons] == [
        ("auth", "name matches 'session'"),
        ("auth", "'session.sig' signs the auth-like cookie 'session'"),
    ]
    with pytest.raises(InsecureCookieError) as raised:
        assert_secure_cookie(response)
    assert "response sets 2 insecure auth-like or CSRF cookies" in str(raised.value)
    assert "fix: cookieSession({secure: true}) (cookie-session)" in str(raised.value)


def test_cookie_session_with_its_options_at_the_top_level_passes(cookie_session_fixed: str) -> None:
    response = requests.get(f"{cookie_session_fixed}/login", headers=BEHIND_TLS_PROXY, timeout=10)
    checked = assert_secure_cookie(response)
    assert [cookie.name for cookie in checked] == ["session", "session.sig"]
    assert all(cookie.expires is not None for cookie in checked)
