"""A caller's mistake shows the caller's line and the message, never the plugin's frames;
a broken classify hook fails a test once (issue 10, item 11)."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST, run_plugin

NO_FRAME_OF_OURS = "*pytest_securecookie/*"  # a frame's location: .../pytest_securecookie/x.py:N

MISUSE = """
from pytest_securecookie import (
    CookiePolicy, assert_cookie_deleted, assert_secure_cookie, check_cookie, parse_set_cookie,
    set_cookie_headers, set_cookies,
)


def test_assert_secure_cookie():
    assert_secure_cookie(42)


def test_assert_cookie_deleted():
    assert_cookie_deleted(42, "session")


def test_fixture(assert_secure_cookie):
    assert_secure_cookie(42)


def test_joined_lines():
    assert_secure_cookie("a=1; Path=/, b=2; Path=/")


def test_bad_pair():
    assert_secure_cookie([("Set-Cookie", 42)])


def test_set_cookie_headers():
    set_cookie_headers(42)


def test_set_cookies():
    set_cookies({"Set-Cookie": 42})


def test_check_cookie():
    check_cookie("session=abc")


def test_parse_set_cookie():
    parse_set_cookie(42)


def test_policy():
    CookiePolicy(samesite=("Lux",))


def test_policy_hook():
    policy = CookiePolicy(classifier=lambda cookie, source: "session-like")
    assert_secure_cookie("session=abc", policy=policy)
"""


UNREADABLE = "TypeError: cannot read Set-Cookie lines from a builtins.int; accepted kinds:"
BAD_VALUE = (
    "TypeError: expected Set-Cookie lines or (name, value) pairs of str or bytes, got a "
    "Set-Cookie value of type builtins.int"
)

# The caller's line, then the error: no frame between them.
SHOWN = [
    ("assert_secure_cookie(42)", UNREADABLE),
    ('assert_cookie_deleted(42, "session")', UNREADABLE),
    ('assert_secure_cookie("a=1; Path=/, b=2; Path=/")',
     "ValueError: this looks like several Set-Cookie lines joined with ', ': "
     "a=<redacted 1 chars>; Path=/, b=<redacted 1 chars>; Path=/"),
    ('assert_secure_cookie([("Set-Cookie", 42)])', BAD_VALUE),
    ("set_cookie_headers(42)", UNREADABLE),
    ('set_cookies({"Set-Cookie": 42})', BAD_VALUE),
    ('check_cookie("session=abc")',
     "TypeError: check_cookie() takes a SetCookie (from parse_set_cookie or set_cookies), "
     "got str"),
    ("parse_set_cookie(42)", "TypeError: expected a Set-Cookie line as str or bytes, got int"),
    ('CookiePolicy(samesite=("Lux",))',
     "pytest_securecookie.judging.policy.PolicyValueError: SameSite values must be Strict, "
     "Lax or None, got ['Lux']"),
    ('assert_secure_cookie("session=abc", policy=policy)',
     "ValueError: the cookie classifier returned 'session-like' for cookie 'session'; *"),
]  # fmt: skip


def test_no_plugin_frame_for_a_callers_mistake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_misuse=MISUSE)
    result = run_plugin(pytester, "-l")
    result.assert_outcomes(failed=11)
    result.stdout.no_fnmatch_line(NO_FRAME_OF_OURS)
    for call, error in SHOWN:
        result.stdout.fnmatch_lines([f">       {call}", f"E       {error}"], consecutive=True)
    result.stdout.fnmatch_lines([
        "assert_secure_cookie = <assert_secure_cookie with the secure_cookies_* ini policy>",
        "",
        "    def test_fixture(assert_secure_cookie):",
        ">       assert_secure_cookie(42)",
        f"E       {UNREADABLE}",
    ], consecutive=True)  # fmt: skip


HOOK_CONFTEST = FLASK_CONFTEST + '''

def pytest_securecookie_classify(cookie, source):
    return "session-like"
'''

HOOKED = """
def test_fixture(client, assert_secure_cookie):
    assert_secure_cookie(client.post("/login"))


def test_passes_but_the_hook_is_broken(client):
    client.post("/login")


def test_fails_and_the_hook_is_broken(client):
    client.post("/login")
    assert 1 == 2
"""

HOOK_ERROR = (
    "pytest_securecookie_classify returned 'session-like' for cookie 'session'; return one of "
    "'auth', 'csrf', 'ignored', 'other', True (auth), False (other), a Classification, or None "
    "(no opinion)"
)


def test_a_broken_classify_hook_fails_each_test_once(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(HOOK_CONFTEST)
    pytester.makepyfile(test_hooked=HOOKED)
    result = run_plugin(pytester, "--secure-cookies")
    result.assert_outcomes(failed=3, errors=0)
    result.stdout.no_fnmatch_line(NO_FRAME_OF_OURS)
    result.stdout.no_fnmatch_line("*ERROR at teardown*")
    result.stdout.fnmatch_lines([
        ">       assert_secure_cookie(client.post(\"/login\"))",
        f"E       ValueError: {HOOK_ERROR}",
    ], consecutive=True)  # fmt: skip
    result.stdout.fnmatch_lines([
        "*_ test_passes_but_the_hook_is_broken _*",
        f"secure cookies: {HOOK_ERROR}",
    ], consecutive=True)  # fmt: skip
    result.stdout.fnmatch_lines([
        ">       assert 1 == 2",
        "E       assert 1 == 2",
    ], consecutive=True)  # fmt: skip
