"""The first line of a cookie failure is its short summary: what ``-ra``, ``CI=true`` (where
pytest prints the whole crash message), ``-vv``, ``--tb=line`` and JUnit XML show, once, at
the test's own file and line rather than at the plugin frame that failed it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests._enforce_apps import SECRET, run_login_test

TESTS = """
import pytest

def test_login(client):
    client.post("/login")

def test_login_and_home(client):
    client.post("/login", follow_redirects=True)
"""
SHORT = "insecure cookie 'session' (SC001, SC002, SC003) set by POST /login"
BOTH = (
    "insecure cookies 'session' (SC001, SC002, SC003) set by POST /login; "
    "'theme' (SC001, SC002, SC003) set by GET /home"
)


@pytest.fixture(autouse=True)
def _not_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a developer's machine, whatever runs this suite; a test sets CI itself."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("BUILD_NUMBER", raising=False)
    monkeypatch.setenv("COLUMNS", "160")


@pytest.mark.parametrize("how", ["-ra", "CI=true", "-vv"])
def test_the_short_summary_shows_the_first_line_once(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "CI=true":
        monkeypatch.setenv("CI", "true")
        monkeypatch.setenv("COLUMNS", "60")  # on CI pytest prints the crash message untrimmed
    args = ["-vv"] if how == "-vv" else ["-ra"]
    result = run_login_test(project, TESTS, "--secure-cookies", "--secure-cookies-scope=all",
                            *args)  # fmt: skip
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "*= short test summary info =*",
        f"FAILED test_login.py::test_login - {SHORT}",
        f"FAILED test_login.py::test_login_and_home - {BOTH}",
        "*= 2 failed in *",
    ], consecutive=True)  # fmt: skip
    # The report itself comes once, under FAILURES, headed by the same line.
    result.stdout.fnmatch_lines(
        [SHORT, "", "cookie 'session' set by POST http://localhost/login (flask) is insecure: *"],
        consecutive=True,
    )
    assert len([line for line in result.outlines if line.startswith("  SC001 'session'")]) == 2


def test_tb_line_points_at_the_test(project: pytest.Pytester) -> None:
    result = run_login_test(project, TESTS, "--secure-cookies", "--tb=line")
    result.assert_outcomes(failed=2)
    test_file = project.path / "test_login.py"
    result.stdout.fnmatch_lines([
        "*= FAILURES =*",
        f"{test_file}:3: {SHORT}",
        f"{test_file}:6: {SHORT}",
        "",
        "secure cookies: *",
    ], consecutive=True)  # fmt: skip
    result.stdout.no_fnmatch_line("*plugin.py*")
    result.stdout.no_fnmatch_line("  SC001 *")  # pytest 9 prints the value there too: not ours


def test_tb_line_under_xdist_points_at_the_test(project: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    project.makepyfile(test_login=TESTS)
    result = project.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", "--secure-cookies", "--tb=line", "-ra"
    )
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([f"{project.path / 'test_login.py'}:3: {SHORT}"])
    result.stdout.fnmatch_lines([f"FAILED test_login.py::test_login - {SHORT}"])


def test_junit_xml_takes_the_first_line_as_the_message(project: pytest.Pytester) -> None:
    result = run_login_test(project, TESTS, "--secure-cookies", "--junitxml=junit.xml", "-k",
                            "test_login and not home")  # fmt: skip
    result.assert_outcomes(failed=1)
    failure = ET.parse(project.path / "junit.xml").find(".//failure")
    assert failure is not None
    assert failure.get("message") == SHORT
    assert (failure.text or "").splitlines()[0] == SHORT
    assert SECRET not in (failure.text or "")


def test_a_unittest_test_case_points_at_its_method(project: pytest.Pytester) -> None:
    result = run_login_test(project, """
import unittest
from conftest import make_app

class LoginTests(unittest.TestCase):
    def test_login(self):
        make_app().test_client().post("/login")
""", "--secure-cookies", "--tb=line")  # fmt: skip
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"{project.path / 'test_login.py'}:5: {SHORT}"])
