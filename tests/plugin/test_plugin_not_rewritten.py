"""The plugin's modules load as plain Python, not through pytest's assertion-rewriting hook
(issue 14: that hook made the first recorded test ~120 M instructions dearer)."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST

TESTS = """
def test_login(client):
    client.post("/login-hardened")
"""

# pytest_unconfigure comes after the plugin's session end: every module it loaded is there.
# (The modules the plugin's own import brings in load before pytest_configure, rewritten.)
LOADERS = """
import sys

LAZY = ("judging.policy", "judging.rules", "judging.recorded", "capturing.recorder")


def pytest_unconfigure(config):
    loaded = [sys.modules["pytest_securecookie." + name] for name in LAZY]
    hooked = [m.__name__ for m in loaded if "Rewrit" in type(m.__loader__).__name__]
    print(f"loaded: {len(loaded)}, rewritten: {hooked}")
"""


def test_lazily_loaded_modules_are_not_rewritten(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST + LOADERS)
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest_subprocess("-s", "-p", "no:cacheprovider", "--secure-cookies")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["loaded: 4, rewritten: []"])


def test_the_suites_own_asserts_still_are(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app="def test_sum():\n    total = 1 + 1\n    assert total == 3\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--secure-cookies")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E       assert 2 == 3"])
