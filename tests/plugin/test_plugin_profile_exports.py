"""The JUnit properties and the GitHub job summary name the ASVS profile a test was judged
under, as the JSON report and the SARIF run do; the default profile adds nothing."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests._enforce_apps import FLASK_CONFTEST, run_plugin

TESTS = """
import pytest

def test_login(client):
    client.post("/login-hardened")

@pytest.mark.secure_cookies(profile="asvs-l1")
def test_marked(client):
    client.post("/login-hardened")
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    return pytester


def _properties(project: pytest.Pytester, *args: str) -> dict[str, list[tuple[str, str]]]:
    run_plugin(project, "--junitxml=junit.xml", "--secure-cookies", *args)
    cases = ET.parse(project.path / "junit.xml").getroot().iter("testcase")
    return {case.get("name", ""): [(p.get("name", ""), p.get("value", ""))
                                   for p in case.iter("property")] for case in cases}  # fmt: skip


def test_junit_names_each_tests_profile(project: pytest.Pytester) -> None:
    found = _properties(project, "--secure-cookies-profile=asvs-l2")
    assert found["test_login"][-1] == ("secure_cookies_profile", "asvs-l2")
    assert found["test_marked"][-1] == ("secure_cookies_profile", "asvs-l1")


def test_junit_adds_nothing_under_the_default_profile(project: pytest.Pytester) -> None:
    found = _properties(project, "-k", "test_login")
    assert found["test_login"] == [("secure_cookies_judged", "session")]


def test_the_job_summary_names_the_profile(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project.path / "step_summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(path))
    run_plugin(project, "--secure-cookies", "--secure-cookies-profile=asvs-l2", "-k", "login")
    assert path.read_text(encoding="utf-8").splitlines()[:5] == [
        "### secure cookies: 1 response, 1 cookie, 1 auth-like, 1 insecure",  # SC016: no __Host-
        "",
        "Policy: profile asvs-l2 (OWASP ASVS 5.0.0 level 2, a floor)",
        "",
        "| Cookie | Rules | Tests | First test | Fix |",
    ]
