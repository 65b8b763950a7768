"""Under pytest-xdist the grouped summary's first test is the first in collection order, not
whichever worker's result came back first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._enforce_apps import FLASK_CONFTEST

pytest.importorskip("xdist")

# test_zeta is collected first, yet its result comes back last (it sleeps while the other
# worker runs the rest), and its id is not the smallest: only collection order names it.
TESTS = """
import time

def test_zeta(client):
    client.post("/login")
    time.sleep(2)

def test_alpha(client):
    client.post("/login")

def test_beta(client):
    client.post("/login")

def test_gamma(client):
    client.post("/login")
"""


def test_the_first_test_is_the_first_collected(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_login=TESTS)
    summary = pytester.path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", "--secure-cookies-audit"
    )  # fmt: skip
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines([
        "  tests  cookie   framework  rules                first test",
        "      4  session  flask      SC001, SC002, SC003  test_login.py::test_zeta",
    ], consecutive=True)  # fmt: skip
    assert "| 4 | ` test_login.py::test_zeta ` |" in Path(summary).read_text(encoding="utf-8")
