"""Each Python example's own suite, run as its users run it (a fresh ``pytest`` in its folder,
with its pytest.ini's ``secure_cookies = true``): the hardened configuration passes, and the
framework defaults fail exactly the tests that receive the cookies, with each rule id and fix.
"""

from __future__ import annotations

from glob import escape
from pathlib import Path

import pytest

from tests._examples import run_example_suite


def test_flask_hardened_passes(tmp_path: Path) -> None:
    result = run_example_suite("flask_app", "hardened", tmp_path)
    result.assert_outcomes(passed=8)
    result.stdout.fnmatch_lines(["secure cookies: * responses, * cookies, * auth-like, 0 insecure"])


def test_flask_defaults_fail_sc001_and_sc003_on_both_cookies(tmp_path: Path) -> None:
    result = run_defaults("flask_app", tmp_path)
    result.assert_outcomes(failed=6, passed=2)
    result.stdout.fnmatch_lines([
        "*_ test_login_then_account _*",
        "insecure cookie 'session' (SC001, SC003) set by POST /login",
        "cookie 'session' set by POST https://localhost/login (flask) is insecure: 2 problems",
        "  Set-Cookie: session=<redacted * chars>; HttpOnly; Path=/",
        "  SC001 'session' has no Secure attribute: *",
        escape('    fix: app.config["SESSION_COOKIE_SECURE"] = True'),
        "  SC003 'session' has no SameSite attribute: *",
        escape('    fix: app.config["SESSION_COOKIE_SAMESITE"] = "Lax"'),
        "*_ test_remember_me_cookie_is_secure _*",
        "E       pytest_securecookie.InsecureCookieError: response sets 2 insecure auth-like "
        "or CSRF cookies:",
        "E       cookie 'remember_token' set by POST https://localhost/login (flask) "
        "is insecure: 2 problems",
        "E         Set-Cookie: remember_token=<redacted * chars>; Expires=*; HttpOnly; Path=/",
        "E         SC001 'remember_token' has no Secure attribute: *",
        escape('E           fix: app.config["REMEMBER_COOKIE_SECURE"] = True (Flask-Login)'),
        "E         SC003 'remember_token' has no SameSite attribute: *",
        escape('E           fix: app.config["REMEMBER_COOKIE_SAMESITE"] = "Lax" (Flask-Login)'),
    ])
    assert failed_tests(result) == [
        "test_login_then_account",
        "test_wrong_password_is_refused",  # Flask-Login's "please log in" flash: a session
        "test_login_sets_a_secure_session_cookie",
        "test_remember_me_cookie_is_secure",
        "test_logout_deletes_both_cookies",
        "test_the_recorder_sees_each_cookie_and_where_it_came_from",
    ]


def test_django_hardened_passes(tmp_path: Path) -> None:
    result = run_example_suite("django_app", "hardened", tmp_path)
    result.assert_outcomes(passed=7)
    result.stdout.fnmatch_lines(["secure cookies: * responses, * cookies, * auth-like, 0 insecure"])


def test_django_defaults_fail_sc001_on_sessionid_and_csrftoken(tmp_path: Path) -> None:
    result = run_defaults("django_app", tmp_path)
    result.assert_outcomes(failed=5, passed=1, skipped=1)
    result.stdout.fnmatch_lines([
        "*_ test_login_then_account _*",
        "insecure cookies 'csrftoken' (SC001) set by GET /login/; 'sessionid' (SC001) set by "
        "POST /login/",
        "cookie 'csrftoken' set 2 times, first by GET https://testserver/login/ (django), "
        "is insecure: 1 problem",
        "  Set-Cookie: csrftoken=<redacted * chars>; expires=*; Max-Age=31449600; Path=/; "
        "SameSite=Lax",
        "  SC001 'csrftoken' has no Secure attribute: *",
        "    fix: CSRF_COOKIE_SECURE = True in settings.py",
        "cookie 'sessionid' set by POST https://testserver/login/ (django) is insecure: 1 problem",
        "  Set-Cookie: sessionid=<redacted * chars>; expires=*; HttpOnly; Max-Age=1209600; "
        "Path=/; SameSite=Lax",
        "  SC001 'sessionid' has no Secure attribute: *",
        "    fix: SESSION_COOKIE_SECURE = True in settings.py",
    ])
    assert failed_tests(result) == [
        "test_login_then_account",
        "test_the_login_form_sets_a_csrf_cookie_javascript_may_read",
        "test_login_sets_a_secure_session_and_a_new_csrf_token",
        "test_logout_deletes_the_session_cookie",
        "test_the_recorder_names_each_request",
    ]


def test_fastapi_hardened_passes(tmp_path: Path) -> None:
    result = run_example_suite("fastapi_app", "hardened", tmp_path)
    result.assert_outcomes(passed=7)
    result.stdout.fnmatch_lines(["secure cookies: * responses, * cookies, * auth-like, 0 insecure"])


def test_fastapi_defaults_fail_the_session_and_the_jwt_cookie(tmp_path: Path) -> None:
    result = run_defaults("fastapi_app", tmp_path)
    result.assert_outcomes(failed=5, passed=2)
    result.stdout.fnmatch_lines([
        "*_ test_login_then_me _*",
        "insecure cookies 'access_token' (SC001, SC002), 'session' (SC001) set by POST /login",
        "cookie 'access_token' set by POST https://testserver/login (fastapi) "
        "is insecure: 2 problems",
        "  Set-Cookie: access_token=<redacted * chars>; Max-Age=900; Path=/; SameSite=lax",
        "  SC001 'access_token' has no Secure attribute: *",
        '    fix: response.set_cookie("access_token", ..., secure=True)',
        "  SC002 'access_token' has no HttpOnly attribute: *",
        '    fix: response.set_cookie("access_token", ..., httponly=True)',
        "cookie 'session' set by POST https://testserver/login (fastapi) is insecure: 1 problem",
        "  Set-Cookie: session=<redacted * chars>; path=/; Max-Age=1209600; httponly; "
        "samesite=lax",
        "  SC001 'session' has no Secure attribute: *",
        "    fix: SessionMiddleware(app, secret_key=..., https_only=True)",
    ])
    assert failed_tests(result) == [
        "test_login_then_me",
        "test_login_cookies_are_secure",
        "test_the_token_cookie_is_strict_and_short_lived",
        "test_logout_deletes_both_cookies",
        "test_the_recorder_classifies_the_token_by_name",
    ]


def test_aiohttp_hardened_passes(tmp_path: Path) -> None:
    result = run_example_suite("aiohttp_app", "hardened", tmp_path)
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines(["secure cookies: * responses, * cookies, * auth-like, 0 insecure"])


def test_aiohttp_defaults_fail_sc001_and_sc003(tmp_path: Path) -> None:
    result = run_defaults("aiohttp_app", tmp_path)
    result.assert_outcomes(failed=4, passed=1)
    result.stdout.fnmatch_lines([
        "*_ test_login_then_me _*",
        "insecure cookie 'AIOHTTP_SESSION' (SC001, SC003) set by POST /login",
        "cookie 'AIOHTTP_SESSION' set by POST https://127.0.0.1:*/login (aiohttp) "
        "is insecure: 2 problems",
        "  Set-Cookie: AIOHTTP_SESSION=<redacted * chars>; HttpOnly; Path=/",
        "  SC001 'AIOHTTP_SESSION' has no Secure attribute: *",
        '    fix: EncryptedCookieStorage(secret_key, secure=True) (aiohttp-session)',
        "  SC003 'AIOHTTP_SESSION' has no SameSite attribute: *",
        '    fix: EncryptedCookieStorage(secret_key, samesite="Lax") (aiohttp-session)',
    ])
    assert failed_tests(result) == [
        "test_login_then_me",
        "test_the_session_cookie_is_secure",
        "test_logout_deletes_the_session_cookie",
        "test_the_recorder_sees_the_live_server_response",
    ]


def failed_tests(result: pytest.RunResult) -> list[str]:
    prefix = "FAILED "
    return [line[len(prefix):].split("::")[1].split(" ")[0]
            for line in result.outlines if line.startswith(prefix)]


def run_defaults(name: str, tmp_path: Path) -> pytest.RunResult:
    """The example under its framework's defaults, with every local variable of every failing
    test shown, so that a cookie value anywhere in a report or a repr would be seen."""
    result = run_example_suite(name, "defaults", tmp_path, "--showlocals")
    output = "\n".join(result.outlines + result.errlines)
    assert "<redacted" in output
    for shape in ("eyJ", ".eJ", "gAAAAA", "alice|"):  # JWT, itsdangerous, Fernet, Flask-Login
        assert shape not in output, f"a cookie value ({shape}...) reached the output"
    return result
