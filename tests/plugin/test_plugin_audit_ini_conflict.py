"""The ini turning on both enforcement and audit contradicts itself: a usage error naming both
lines and the way out, unless a command-line flag chooses (a flag beats the ini)."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_login_test

TESTS = """
def test_login(client):
    client.post("/login")
"""
BOTH = "[pytest]\nsecure_cookies = true\nsecure_cookies_audit = true\n"


def test_both_ini_lines_are_a_usage_error_naming_both(project: pytest.Pytester) -> None:
    project.makeini(BOTH)
    result = run_login_test(project, TESTS)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([
        "ERROR: secure_cookies = true and secure_cookies_audit = true in tox.ini: keep one "
        "(secure_cookies fails the tests receiving insecure cookies, secure_cookies_audit only "
        "reports them), or choose for one run with --secure-cookies or --secure-cookies-audit",
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("flag", "outcomes", "header"),
    [
        ("--secure-cookies", {"failed": 1}, "secure cookies: --secure-cookies: every test fails*"),
        ("--secure-cookies-audit", {"passed": 1}, "secure cookies: --secure-cookies-audit: audit*"),
    ],
)
def test_a_flag_chooses_between_the_two_ini_lines(
    project: pytest.Pytester, flag: str, outcomes: dict[str, int], header: str
) -> None:
    project.makeini(BOTH)
    result = run_login_test(project, TESTS, flag)
    result.assert_outcomes(**outcomes)
    result.stdout.fnmatch_lines([header])
