"""Values are never printed (issue 10, items 4 and 6): enforcement reports show every request
without query, fragment and ``user:password@``; attribute values browsers ignore are redacted
and a cookie packed into another's line is SC015."""

from __future__ import annotations

import json

import pytest

from tests._secret_app import assert_no_secret, run_with_app

# An OAuth callback whose URL carries a code, a state and credentials of its own, none of
# them the cookie's value: only dropping them keeps them out of the reports.
CALLBACK = """
import pytest
from app import get

@pytest.mark.secure_cookies
def test_callback():
    get("http://ann:PASSWORD@localhost/callback?code=TOKEN&state=TOKEN#TOKEN", "session=SECRET")
"""


def test_enforcement_reports_show_the_request_without_query_or_userinfo(
    pytester: pytest.Pytester,
) -> None:
    result = run_with_app(
        pytester, CALLBACK, "-v", "--secure-cookies-report=out.json", "--junitxml=junit.xml"
    )
    result.assert_outcomes(failed=1)
    shown = "GET http://localhost/callback (flask)"
    result.stdout.fnmatch_lines([
        f"cookie 'session' set by {shown} is insecure: 3 problems",
        "  Set-Cookie: session=<redacted 20 chars>",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        "secure cookies: 1 response, 1 cookie, 1 auth-like, 1 insecure",
        f"  test_app.py::test_callback: cookie 'session' set by {shown}: SC001, SC002, SC003",
    ], consecutive=True)
    report = (pytester.path / "out.json").read_text(encoding="utf-8")
    junit = (pytester.path / "junit.xml").read_text(encoding="utf-8")
    assert json.loads(report)["cookies"][0]["source"] == shown
    assert f"cookie 'session' set by {shown} is insecure" in junit
    assert_no_secret(result.stdout.str(), result.stderr.str(), report, junit)


PACKED = """
import pytest
from app import get, lines

def test_helper(assert_secure_cookie):
    assert_secure_cookie(get("/login", "session=x; refresh_token=SECRET; Path=/"))

@pytest.mark.secure_cookies
def test_enforced():
    get("/login", "session=x; Secure; HttpOnly; SameSite=Lax; refresh_token=SECRET")

def test_empty_pair_first(assert_secure_cookie):
    assert_secure_cookie(lines("; session=SECRET; Path=/"))
"""


def test_a_cookie_packed_into_another_line_is_sc015_and_never_shown(
    pytester: pytest.Pytester,
) -> None:
    # Every cookie auth-like, the nameless one of the empty pair (which browsers drop whole,
    # and werkzeug's client cannot read) too: each line is reported.
    pytester.makeconftest("def pytest_securecookie_classify(cookie, source):\n    return 'auth'\n")
    result = run_with_app(pytester, PACKED, "--secure-cookies-report=out.json")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines([
        "E         Set-Cookie: session=<redacted 1 chars>; refresh_token=<redacted 20 chars>; "
        "Path=/",
    ])
    result.stdout.fnmatch_lines([
        "E         SC015 this line sets one cookie; 'refresh_token=...' is ignored by browsers: "
        "a Set-Cookie line sets one cookie: browsers take a second name=value after ';' for an "
        "attribute they do not know and ignore it, so that cookie is never set",
        "E           fix: set each cookie with its own call, one Set-Cookie header each: "
        'response.set_cookie("refresh_token", ...)',
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        "cookie 'session' set by GET http://localhost/login (flask) is insecure: 1 problem",
        "  Set-Cookie: session=<redacted 1 chars>; Secure; HttpOnly; SameSite=Lax; "
        "refresh_token=<redacted 20 chars>",
        "  SC015 this line sets one cookie; 'refresh_token=...' is ignored by browsers: *",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        "E       pytest_securecookie.InsecureCookieError: cookie without a name is insecure: "
        "2 problems",
        "E         Set-Cookie: <redacted 0 chars>; session=<redacted 20 chars>; Path=/",
        "E         SC011 browsers ignore this Set-Cookie line: has neither a name nor a value; *",
        "E           fix: *",
        "E         SC015 this line sets no cookie; 'session=...' is ignored by browsers: *",
        "E           fix: send 'session' in a Set-Cookie header of its own: one cookie per "
        "header, never several joined with ';'",
    ], consecutive=True)
    report = (pytester.path / "out.json").read_text(encoding="utf-8")
    assert [f["rule"] for f in json.loads(report)["cookies"][0]["findings"]] == ["SC015"]
    assert_no_secret(result.stdout.str(), report)
