"""``pytest --fixtures`` lists the plugin's fixtures in one group, in the order a reader meets
them, each with its documentation; and a session helper's value prints as one short line."""

from __future__ import annotations

import pytest

LISTED = [
    "*-- fixtures defined from pytest_securecookie.* --*",
    "assert_secure_cookie -- *",
    "    ``assert_secure_cookie(response, name=None, *, secure, httponly, samesite, policy,",
    "    profile)``",
    "    with the policy of the ``secure_cookies_*`` ini options and the classify hook.",
    "",
    "assert_cookie_deleted -- *",
    "    ``assert_cookie_deleted(response, name, *, set_with=None)``, without an import.",
    "",
    "assert_session_rotated -- *",
    "    ``assert_session_rotated(before, after, name=None)`` with the ini policy (which",
    "    cookies are auth-like): fails unless the login renews the session cookie (SC020).",
    "",
    "assert_session_ended -- *",
    "    ``assert_session_ended(client, old, url, *, refused=None)`` with the ini policy: fails",
    "    unless the app refuses the session cookie from before the logout (SC021).",
    "",
    "assert_session_ended_async -- *",
    "    ``await assert_session_ended_async(client, old, url, *, refused=None)`` (async clients",
    "    too) with the ini policy.",
    "",
    "cookie_recorder -- *",
    "    A :class:`CookieRecorder` active for the test: every Set-Cookie any client receives.",
]


def test_fixtures_are_listed_with_their_docs(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_x="def test_x():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "--fixtures")
    result.stdout.fnmatch_lines(LISTED, consecutive=True)


HELPERS = """
def test_helpers(assert_session_rotated, assert_session_ended, assert_session_ended_async):
    assert False
"""


def test_a_session_helper_prints_as_one_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_helpers=HELPERS)
    result = pytester.runpytest("-p", "no:cacheprovider", "-l")
    result.assert_outcomes(failed=1)
    for name in ("assert_session_rotated", "assert_session_ended", "assert_session_ended_async"):
        result.stdout.fnmatch_lines([f"{name} = <{name} with the secure_cookies_* ini policy>"])
