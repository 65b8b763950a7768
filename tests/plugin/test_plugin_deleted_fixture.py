"""``assert_cookie_deleted`` is a fixture too, like ``assert_secure_cookie``: a logout test
needs no import.  A failure of either helper ends with its rules' docs line."""

from __future__ import annotations

import pytest

from tests._enforce_apps import SECRET, run_login_test

DOCS = "https://pytest-securecookie.readthedocs.io/en/latest/rules/"


def test_assert_cookie_deleted_needs_no_import(project: pytest.Pytester) -> None:
    result = run_login_test(project, """
def test_logout(client, assert_cookie_deleted):
    client.post("/login")
    assert_cookie_deleted(client.post("/logout"), "session")

def test_logout_with_the_wrong_path(client, assert_cookie_deleted):
    client.post("/login")
    assert_cookie_deleted(client.post("/account/logout-wrong-path"), "session")
""")  # fmt: skip
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "E       pytest_securecookie.InsecureCookieError: cookie 'session' set by POST "
        "http://localhost/account/logout-wrong-path (flask) is a deletion browsers will not "
        "honour: 1 problem",
        "E         Set-Cookie: session=<redacted 0 chars>; Expires=*; Max-Age=0; Path=/account",
        "E         SC014 'session' is deleted with Path=/account but was set with Path=/: *",
        "E           fix: delete it with Path=/",
        "E         (compared with 'session' set with Path=/ and no Domain, the framework *)",
        f"E       docs: {DOCS}#sc014",
    ], consecutive=True)  # fmt: skip
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_an_assert_secure_cookie_failure_ends_with_the_docs_line(project: pytest.Pytester) -> None:
    result = run_login_test(project, """
def test_login(client, assert_secure_cookie):
    assert_secure_cookie(client.post("/login"), "session")
""")  # fmt: skip
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        'E           fix: app.config[[]"SESSION_COOKIE_SAMESITE"[]] = "Lax"',
        f"E       docs: {DOCS}#sc001 (also #sc002, #sc003)",
    ], consecutive=True)  # fmt: skip
