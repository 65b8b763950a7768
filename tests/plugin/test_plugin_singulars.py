"""A run that saw one response and one cookie says so in the singular, in the terminal's
summary line, the grouped table's heading and the GitHub job summary."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST, run_plugin

TESTS = """
def test_login(client):
    client.post("/login")


def test_login_hardened(client):
    client.post("/login-hardened")
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    return pytester


def test_the_summary_line_and_the_table_heading(project: pytest.Pytester) -> None:
    result = run_plugin(project, "--secure-cookies-audit", "-k", "not hardened")
    result.stdout.fnmatch_lines([
        "secure cookies: 1 response, 1 cookie, 1 auth-like, 1 insecure",
        "secure cookies audit: insecure cookies in 1 test, by cookie (most tests first):",
    ], consecutive=True)  # fmt: skip


def test_the_job_summary_headline(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project.path / "step_summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(path))
    run_plugin(project, "--secure-cookies", "-k", "hardened").assert_outcomes(passed=1)
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        "### secure cookies: 1 response, 1 cookie, 1 auth-like, 0 insecure"
    )
