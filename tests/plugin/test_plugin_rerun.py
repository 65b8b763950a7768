"""pytest-rerunfailures: a test run again is counted once, by its last run."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from tests._enforce_apps import FLASK_CONFTEST, SECRET, run_plugin
from tests._schemas import load_sarif

pytest.importorskip("pytest_rerunfailures")

TESTS = """
import pytest

RUNS = []

@pytest.mark.secure_cookies
def test_always_insecure(client):
    client.post("/login")

@pytest.mark.secure_cookies
def test_hardened_on_the_second_run(client):
    RUNS.append(1)
    client.post("/login" if len(RUNS) == 1 else "/login-hardened")
"""


def run_with_reruns(pytester: pytest.Pytester) -> tuple[pytest.RunResult, dict[str, Any]]:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_login=TESTS)
    result = run_plugin(
        pytester, "-p", "pytest_rerunfailures", "--reruns", "2", "-v",
        "--secure-cookies-report=cookies.json",
    )  # fmt: skip
    text = (pytester.path / "cookies.json").read_text(encoding="utf-8")
    assert SECRET not in text and SECRET not in result.stdout.str()
    report: dict[str, Any] = json.loads(text)
    return result, report


def test_a_rerun_test_is_counted_once_by_its_last_run(pytester: pytest.Pytester) -> None:
    result, report = run_with_reruns(pytester)
    outcomes = result.parseoutcomes()
    outcomes.pop("warnings", None)  # the inner run cannot rewrite the already imported plugin
    assert outcomes == {"failed": 1, "passed": 1, "rerun": 3}
    result.stdout.fnmatch_lines(
        [
            "secure cookies: 2 responses, 2 cookies, 2 auth-like, 1 insecure",
            "  test_login.py::test_always_insecure: cookie 'session' set by"
            " POST http://localhost/login (flask): SC001, SC002, SC003",
        ],
        consecutive=True,
    )
    assert report["summary"] == {
        "tests": 2, "responses": 2, "cookies": 2, "auth_like": 2, "insecure": 1,
    }  # fmt: skip
    assert [entry["test"] for entry in report["offenders"]] == [
        "test_login.py::test_always_insecure"
    ]
    assert [(entry["test"], entry["findings"] == []) for entry in report["cookies"]] == [
        ("test_login.py::test_always_insecure", False),
        ("test_login.py::test_hardened_on_the_second_run", True),
    ]


def test_sarif_and_junit_hold_a_rerun_test_once(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_login=TESTS)
    result = run_plugin(
        pytester, "-p", "pytest_rerunfailures", "--reruns", "2",
        "--secure-cookies-sarif=out.sarif", "--junitxml=junit.xml",
    )  # fmt: skip
    outcomes = result.parseoutcomes()
    outcomes.pop("warnings", None)  # the inner run cannot rewrite the already imported plugin
    assert outcomes == {"failed": 1, "passed": 1, "rerun": 3}
    [run] = load_sarif(pytester.path / "out.sarif")["runs"]
    assert [(r["properties"]["test"], r["ruleId"]) for r in run["results"]] == [
        ("test_login.py::test_always_insecure", rule) for rule in ("SC001", "SC002", "SC003")
    ]
    xml = ET.fromstring((pytester.path / "junit.xml").read_text(encoding="utf-8"))
    properties = {
        case.get("name"): [(p.get("name"), p.get("value")) for p in case.iter("property")]
        for case in xml.iter("testcase")
    }
    assert properties == {
        "test_always_insecure": [
            ("secure_cookies_judged", "session"),
            ("secure_cookies_insecure", "session"),
            ("secure_cookies_rules", "SC001, SC002, SC003"),
        ],
        "test_hardened_on_the_second_run": [("secure_cookies_judged", "session")],
    }
