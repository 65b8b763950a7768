"""The ``secure_cookies`` marker, ``--secure-cookies`` and ``allow_insecure_cookies``, as users
meet them: pytester projects with a real Flask app driven through Flask's test client."""

from __future__ import annotations

import pytest

from tests._enforce_apps import SECRET
from tests._enforce_apps import run_login_test as run


def run_autoloaded(project: pytest.Pytester, test_source: str, *args: str) -> pytest.RunResult:
    """As a user runs it: the plugin found through its ``securecookie`` entry point."""
    project.makepyfile(test_login=test_source)
    return project.runpytest("-p", "no:cacheprovider", *args)


SHORT_LINE = "insecure cookie 'session' (SC001, SC002, SC003) set by POST /login"
INSECURE_LOGIN = """
import pytest

@pytest.mark.secure_cookies
def test_login(client):
    assert client.post("/login", follow_redirects=True).status_code == 200
"""


def test_an_insecure_login_fails_the_marked_test_with_the_report(project: pytest.Pytester) -> None:
    result = run(project, INSECURE_LOGIN)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "insecure cookie 'session' (SC001, SC002, SC003) set by POST /login",
            "",
            "cookie 'session' set by POST http://localhost/login (flask) is insecure: 3 problems",
            "  Set-Cookie: session=<redacted 21 chars>; Path=/",
            "  SC001 'session' has no Secure attribute: *",
            '    fix: app.config[[]"SESSION_COOKIE_SECURE"] = True*',
            "  SC002 'session' has no HttpOnly attribute: *",
            "    fix: *",
            "  SC003 'session' has no SameSite attribute: *",
            "    fix: *",
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines(["FAILED test_login.py::test_login - insecure cookie 'session' *"])
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_the_hardened_login_passes(project: pytest.Pytester) -> None:
    result = run(project, INSECURE_LOGIN.replace('"/login"', '"/login-hardened"'))
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["secure cookies: 2 responses, 2 cookies, 1 auth-like, 0 insecure"])


def test_the_302_that_sets_the_cookie_is_what_counts(project: pytest.Pytester) -> None:
    # The redirect is followed: the final 200 sets only "theme"; the session came with the 302.
    result = run(project, INSECURE_LOGIN, "-v")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "secure cookies: 2 responses, 2 cookies, 1 auth-like, 1 insecure",
            "  test_login.py::test_login: cookie 'session' set by POST http://localhost/login"
            " (flask): SC001, SC002, SC003",
        ],
        consecutive=True,
    )


def test_a_login_in_a_fixture_counts(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
import pytest

@pytest.mark.secure_cookies
def test_home(logged_in):
    assert logged_in.get("/home").status_code == 200
""",
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["cookie 'session' set by POST http://localhost/login (flask)*"])


def test_the_tests_own_failure_wins(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
import pytest

@pytest.mark.secure_cookies
def test_login(client):
    client.post("/login")
    assert 1 == 2, "the test's own failure"
""",
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*AssertionError: the test's own failure*"])
    result.stdout.no_fnmatch_line("insecure cookie 'session'*")
    # Still counted: the summary says what the test received.
    result.stdout.fnmatch_lines(["secure cookies: 1 response, 1 cookie, 1 auth-like, 1 insecure"])


def test_unmarked_tests_are_left_alone(project: pytest.Pytester) -> None:
    result = run(project, INSECURE_LOGIN.replace("@pytest.mark.secure_cookies", ""))
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("secure cookies:*")


@pytest.mark.parametrize("how", ["option", "ini"])
def test_secure_cookies_everywhere(project: pytest.Pytester, how: str) -> None:
    args = ["--secure-cookies"] if how == "option" else []
    if how == "ini":
        project.makeini("[pytest]\nsecure_cookies = true\n")
    unmarked = INSECURE_LOGIN.replace("@pytest.mark.secure_cookies", "")
    result = run(project, unmarked + "\ndef test_nothing():\n    pass\n", *args)
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["secure cookies: 2 responses, 2 cookies, 1 auth-like, 1 insecure"])


def test_allow_insecure_cookies_exempts_a_test(project: pytest.Pytester) -> None:
    source = INSECURE_LOGIN.replace(
        "@pytest.mark.secure_cookies",
        '@pytest.mark.allow_insecure_cookies(reason="legacy login, ticket 12")',
    )
    result = run(project, source, "--secure-cookies", "--strict-markers")
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize("marker", ["allow_insecure_cookies", 'allow_insecure_cookies(reason="")'])
def test_allow_insecure_cookies_needs_a_reason(project: pytest.Pytester, marker: str) -> None:
    source = INSECURE_LOGIN.replace("secure_cookies", marker, 1)
    result = run(project, source, "--secure-cookies")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*test_login.py::test_login: @pytest.mark.allow_insecure_cookies needs a reason*"]
    )


def test_marker_keywords_override_the_policy(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
import pytest

@pytest.mark.secure_cookies(samesite="Strict")
def test_strict(client):
    client.post("/login-hardened")

@pytest.mark.secure_cookies(require_secure=False, require_httponly=False, samesite=None)
def test_relaxed(client):
    client.post("/login")

@pytest.mark.secure_cookies(ignore_rules=["SC001", "SC002", "SC003"])  # as the report suggests
def test_accepted(client):
    client.post("/login")
""",
    )
    result.assert_outcomes(failed=1, passed=2)
    result.stdout.fnmatch_lines(
        ["_* test_strict _*", "insecure cookie 'session' (SC006) set by POST /login-hardened"]
    )
    result.stdout.fnmatch_lines(["  SC006 'session' has SameSite=Lax; the policy allows Strict*"])
    result.stdout.fnmatch_lines(["FAILED test_login.py::test_strict - *"])


def test_the_closest_marker_wins(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
import pytest

pytestmark = pytest.mark.secure_cookies(samesite="Strict")

class TestLogin:
    @pytest.mark.secure_cookies(samesite=("Lax", "Strict"))
    def test_lax_is_enough_here(self, client):
        client.post("/login-hardened")

    def test_module_asks_strict(self, client):
        client.post("/login-hardened")
""",
    )
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["FAILED *::test_module_asks_strict - *"])


def test_an_unknown_marker_keyword_is_a_clear_error(project: pytest.Pytester) -> None:
    source = INSECURE_LOGIN.replace("secure_cookies", 'secure_cookies(samsite="Strict")')
    result = run(project, source)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "test_login.py::test_login: bad @pytest.mark.secure_cookies(samsite='Strict'): "
            "got an unexpected keyword argument 'samsite'; it accepts only the keywords "
            "auth_names, *samesite*",
        ]
    )
    result.stdout.no_fnmatch_line("*During handling*")


def test_a_bad_marker_value_is_a_clear_error(project: pytest.Pytester) -> None:
    source = INSECURE_LOGIN.replace("secure_cookies", 'secure_cookies(samesite="Strong")')
    result = run(project, source)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*bad @pytest.mark.secure_cookies(samesite='Strong'): *Strong*"])


def test_markers_are_registered_with_their_signatures(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.secure_cookies(*, auth_names=*, samesite=('Lax', 'Strict'), *): *",
            "@pytest.mark.allow_insecure_cookies(reason): *",
        ]
    )


def test_options_are_in_the_secure_cookies_group(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(
        ["secure cookies:", "*--secure-cookies *", "*--secure-cookies-report=PATH*"]
    )
    result.stdout.fnmatch_lines(["  secure_cookies (bool):*"])


def test_the_entry_point_loads_the_plugin(project: pytest.Pytester) -> None:
    result = run_autoloaded(project, INSECURE_LOGIN)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([SHORT_LINE])


def test_plugin_disabled_runs_nothing_of_ours(project: pytest.Pytester) -> None:
    result = run_autoloaded(project, INSECURE_LOGIN, "-p", "no:securecookie")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*secure cookies*")


def test_plugin_disabled_knows_no_secure_cookies_option(project: pytest.Pytester) -> None:
    result = run_autoloaded(project, INSECURE_LOGIN, "-p", "no:securecookie", "--secure-cookies")
    # pytest 7.4 under a newer pluggy reports the usage error through a warning, which this
    # project's filterwarnings=error turns into an internal error: the message is the same.
    assert result.ret in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR)
    result.stderr.fnmatch_lines(["*unrecognized arguments: --secure-cookies*"])


def test_markers_work_under_strict_markers(project: pytest.Pytester) -> None:
    source = INSECURE_LOGIN.replace("secure_cookies", 'secure_cookies(samesite="Lax")')
    result = run(project, source, "--strict-markers")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*SC001 'session' has no Secure attribute*"])


def test_a_bad_secure_cookies_ini_value_is_a_usage_error(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nsecure_cookies = sometimes\n")
    result = run(project, INSECURE_LOGIN)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*secure_cookies: *sometimes*; use true or false*"])


def test_the_report_needs_no_assertion_rewriting(project: pytest.Pytester) -> None:
    result = run(project, INSECURE_LOGIN, "--assert=plain")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([SHORT_LINE])
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_allow_insecure_cookies_wins_over_a_class_marker(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
import pytest

@pytest.mark.secure_cookies
class TestLogin:
    @pytest.mark.allow_insecure_cookies(reason="known: legacy login")
    def test_legacy(self, client):
        client.post("/login")

    def test_checked(self, client):
        client.post("/login")
""",
    )
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["*_ TestLogin.test_checked _*"])
