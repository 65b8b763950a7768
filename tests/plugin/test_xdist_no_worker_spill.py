"""Under pytest-xdist a worker sends each test's report entries to the controller, which
writes the report: the worker keeps no spill file of its own (it would never read it)."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST
from tests._schemas import load_report

pytest.importorskip("xdist")

# Each process that opens a spill file (``reporting.spill``: a nameless temporary file) leaves
# a mark named after itself in the project.
SPILL_WATCH = '''
import os
import pathlib
import tempfile

_temporary_file = tempfile.TemporaryFile


def _watched(*args, **kwargs):
    if str(kwargs.get("prefix", "")).startswith("securecookie-"):
        process = os.environ.get("PYTEST_XDIST_WORKER", "controller")
        pathlib.Path(__file__).with_name(f"spilled-by-{process}").touch()
    return _temporary_file(*args, **kwargs)


tempfile.TemporaryFile = _watched
'''
TESTS = """
import pytest

@pytest.mark.parametrize("n", range(4))
def test_login(client, n):
    client.post("/login-hardened")
"""


def test_only_the_controller_spills_the_report_entries(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)  # this suite's own, under -n
    pytester.makeconftest(FLASK_CONFTEST + SPILL_WATCH)
    pytester.makepyfile(test_login=TESTS)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", "--secure-cookies",
        "--secure-cookies-report=cookies.json",
    )  # fmt: skip
    result.assert_outcomes(passed=4)
    assert sorted(path.name for path in pytester.path.glob("spilled-by-*")) == [
        "spilled-by-controller"
    ]
    assert len(load_report(pytester.path / "cookies.json")["cookies"]) == 4
