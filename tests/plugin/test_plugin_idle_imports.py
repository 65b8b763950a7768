"""A run that asks nothing of the plugin loads none of its judging modules (issue 14: each
xdist worker and every plain run would pay their load), up to the run's very end."""

from __future__ import annotations

import pytest

TESTS = """
def test_plain():
    assert True
"""

# Runs after the plugin's own session end (unconfigure comes last): says what was loaded.
CONFTEST = """
import sys


def pytest_unconfigure(config):
    loaded = sorted(n for n in sys.modules if n.startswith("pytest_securecookie.judging."))
    print("judging modules loaded:", ", ".join(loaded) or "none")
"""


def test_idle_run_loads_no_policy(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_idle=TESTS)
    result = pytester.runpytest_subprocess("-s", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["judging modules loaded: pytest_securecookie.judging.names, "
                                 "pytest_securecookie.judging.options"])


def test_sarif_still_names_the_profile(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nsecure_cookies_profile = asvs-l2\n")
    pytester.makepyfile(test_idle=TESTS)
    result = pytester.runpytest_subprocess("--secure-cookies-sarif=out.sarif")
    result.assert_outcomes(passed=1)
    assert '"asvs-l2"' in (pytester.path / "out.sarif").read_text()
