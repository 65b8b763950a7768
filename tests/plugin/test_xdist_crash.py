"""Under pytest-xdist a worker that crashes loses at most the test it crashed in: the tests it
finished are in the summary, the JSON report and the SARIF file (each is sent to the controller
as it ends)."""

from __future__ import annotations

import json

import pytest

from tests._enforce_apps import FLASK_CONFTEST, SECRET, run_plugin
from tests._schemas import load_sarif

pytest.importorskip("xdist")

CRASHES = """
import os

import pytest

@pytest.mark.secure_cookies
def test_insecure(client):
    client.post("/login")

@pytest.mark.secure_cookies
def test_hardened(client):
    client.post("/login-hardened")

@pytest.mark.secure_cookies
def test_crash(client):
    client.post("/login")
    os._exit(1)
"""

CALM = """
import pytest

@pytest.mark.secure_cookies
def test_calm(client):
    client.post("/login-hardened")
"""

# Every report the controller receives, as it arrives (the workers' copies are not written):
# what is sent along with a test's report holds no cookie value.
REPORTS_CONFTEST = """
CONTROLLER = []


def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        CONTROLLER.append(config)


def pytest_runtest_logreport(report):
    if CONTROLLER:
        with open("reports.txt", "a", encoding="utf-8") as out:
            out.write(repr(vars(report)) + "\\n")
"""


def test_a_crashed_worker_keeps_the_tests_it_finished(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST + REPORTS_CONFTEST)
    pytester.makepyfile(test_crashes=CRASHES, test_calm=CALM)
    result = run_plugin(
        pytester, "-p", "xdist", "-n", "2", "--dist", "loadfile", "--max-worker-restart", "0", "-v",
        "--secure-cookies-report=cookies.json", "--secure-cookies-sarif=out.sarif",
        subprocess=True,
    )  # fmt: skip
    result.assert_outcomes(failed=2, passed=2)
    result.stdout.fnmatch_lines(["*worker 'gw*' crashed while running*test_crash*"])
    result.stdout.fnmatch_lines(
        [
            "secure cookies: 3 responses, 3 cookies, 3 auth-like, 1 insecure",
            "  test_crashes.py::test_insecure: cookie 'session' set by"
            " POST http://localhost/login (flask): SC001, SC002, SC003",
        ],
        consecutive=True,
    )
    text = (pytester.path / "cookies.json").read_text(encoding="utf-8")
    report = json.loads(text)
    assert sorted(entry["test"] for entry in report["cookies"]) == [
        "test_calm.py::test_calm",
        "test_crashes.py::test_hardened",
        "test_crashes.py::test_insecure",
    ]
    [run] = load_sarif(pytester.path / "out.sarif")["runs"]
    assert [(r["properties"]["test"], r["ruleId"]) for r in run["results"]] == [
        ("test_crashes.py::test_insecure", rule) for rule in ("SC001", "SC002", "SC003")
    ]
    sent = (pytester.path / "reports.txt").read_text(encoding="utf-8")
    assert "'securecookie_tests': [{'count': {'test': 'test_crashes.py::test_insecure'" in sent
    assert SECRET not in text + sent + result.stdout.str()
