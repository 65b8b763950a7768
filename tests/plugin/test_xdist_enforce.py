"""Under pytest-xdist the summary line and the JSON report cover every worker."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST, SECRET
from tests._schemas import load_report

pytest.importorskip("xdist")

TESTS = """
import pytest

@pytest.mark.parametrize("n", range(4))
def test_insecure(client, n):
    client.post("/login")

@pytest.mark.parametrize("n", range(4))
def test_hardened(client, n):
    client.post("/login-hardened")
"""


def test_summary_and_json_cover_all_workers(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_login=TESTS)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", "--secure-cookies",
        "--secure-cookies-report=cookies.json",
    )  # fmt: skip
    result.assert_outcomes(failed=4, passed=4)
    result.stdout.fnmatch_lines(["secure cookies: 8 responses, 8 cookies, 8 auth-like, 4 insecure"])
    result.stdout.fnmatch_lines(["cookie 'session' set by POST http://localhost/login (flask)*"])
    result.stdout.no_fnmatch_line(f"*{SECRET}*")
    text = (pytester.path / "cookies.json").read_text(encoding="utf-8")
    assert SECRET not in text
    report = load_report(pytester.path / "cookies.json")
    assert report["summary"] == {
        "tests": 8, "responses": 8, "cookies": 8, "auth_like": 8, "insecure": 4,
    }  # fmt: skip
    tests = sorted(entry["test"] for entry in report["cookies"])
    assert tests == sorted(
        [f"test_login.py::test_insecure[{n}]" for n in range(4)]
        + [f"test_login.py::test_hardened[{n}]" for n in range(4)]
    )
    assert len(report["offenders"]) == 4
