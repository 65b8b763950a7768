"""``--secure-cookies-sarif``: a real failing Flask run writes SARIF 2.1.0 that the official
schema accepts, one result per test, cookie and rule, never a value."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST, SECRET, run_plugin
from tests._schemas import load_sarif

TESTS = """
import pytest


def test_login(client):
    client.post("/login", follow_redirects=True)


def test_login_hardened(client):
    client.post("/login-hardened")


def test_profile(client):
    client.get("/profile")
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    return pytester


def results_of(log: dict[str, object]) -> list[tuple[str, str, str, int]]:
    [run] = log["runs"]  # type: ignore[index]
    return [
        (
            result["properties"]["test"],
            result["properties"]["cookie"],
            result["ruleId"],
            result["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for result in run["results"]
    ]


def test_a_failing_flask_run_writes_valid_sarif(project: pytest.Pytester) -> None:
    result = run_plugin(project, "--secure-cookies", "--secure-cookies-sarif=out.sarif")
    result.assert_outcomes(failed=2, passed=1)
    log = load_sarif(project.path / "out.sarif")  # validated against the SARIF schema
    assert results_of(log) == [
        ("test_app.py::test_login", "session", "SC001", 4),
        ("test_app.py::test_login", "session", "SC002", 4),
        ("test_app.py::test_login", "session", "SC003", 4),
        ("test_app.py::test_profile", "session", "SC001", 12),
        ("test_app.py::test_profile", "session", "SC002", 12),
        ("test_app.py::test_profile", "session", "SC003", 12),
    ]
    [run] = log["runs"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": project.path.as_uri() + "/"}}
    places = [result["locations"][0]["physicalLocation"] for result in run["results"]]
    assert {place["artifactLocation"]["uri"] for place in places} == {"test_app.py"}
    assert SECRET not in (project.path / "out.sarif").read_text(encoding="utf-8")


def test_the_ini_option_writes_relative_to_the_rootdir(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nsecure_cookies = true\nsecure_cookies_sarif = reports/c.sarif\n")
    sub = project.mkdir("sub")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(sub)
        result = run_plugin(project, "--rootdir", str(project.path), str(project.path))
    result.assert_outcomes(failed=2, passed=1)
    assert len(results_of(load_sarif(project.path / "reports" / "c.sarif"))) == 6


def test_a_run_that_records_nothing_writes_a_log_without_results(
    project: pytest.Pytester,
) -> None:
    result = run_plugin(project, "--secure-cookies-sarif=out.sarif")
    result.assert_outcomes(passed=3)
    log = load_sarif(project.path / "out.sarif")
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) >= 14


def test_a_directory_is_refused_before_the_run(project: pytest.Pytester) -> None:
    project.mkdir("out")
    result = run_plugin(project, "--secure-cookies", "--secure-cookies-sarif=out")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --secure-cookies-sarif: out is a directory"])


def test_xdist_workers_send_their_results(project: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    result = run_plugin(
        project, "-p", "xdist.plugin", "-n", "2", "--secure-cookies",
        "--secure-cookies-sarif=o.sarif", subprocess=True,
    )  # fmt: skip
    result.assert_outcomes(failed=2, passed=1)
    assert sorted(results_of(load_sarif(project.path / "o.sarif")))[0] == (
        "test_app.py::test_login", "session", "SC001", 4,
    )  # fmt: skip
    assert len(results_of(load_sarif(project.path / "o.sarif"))) == 6
