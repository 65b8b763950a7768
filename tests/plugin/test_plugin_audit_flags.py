"""A command-line flag beats the ini: ``--secure-cookies`` enforces even where the ini turns
audit mode on, and the two flags together are a usage error naming both."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_login_test

TESTS = """
def test_login(client):
    client.post("/login")
"""
ENFORCED = (
    "secure cookies: --secure-cookies: every test fails on an insecure auth-like or CSRF "
    "cookie it receives"
)


def test_the_enforcement_flag_beats_audit_from_the_ini(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nsecure_cookies_audit = true\n")
    result = run_login_test(project, TESTS, "--secure-cookies")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([ENFORCED])
    result.stdout.fnmatch_lines(["FAILED test_login.py::test_login - insecure cookie 'session'*"])
    result.stdout.no_fnmatch_line("*audit mode*")


def test_both_flags_are_a_usage_error_naming_both(project: pytest.Pytester) -> None:
    result = run_login_test(project, TESTS, "--secure-cookies", "--secure-cookies-audit")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([
        "ERROR: --secure-cookies and --secure-cookies-audit: pass one (--secure-cookies fails "
        "the tests receiving insecure cookies, --secure-cookies-audit only reports them)",
    ])  # fmt: skip
