"""An output file that cannot be written once the run is over (the JSON report, the SARIF file,
the GitHub job summary) is said in the summary, and the run keeps its result: no traceback."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST, run_plugin

# test_login fails (its session cookie is insecure); the last test makes directories of the
# output paths, which were fine when pytest started.
TESTS = """
import os


def test_login(client):
    client.post("/login", follow_redirects=True)


def test_login_hardened(client):
    client.post("/login-hardened")
    for path in os.environ.get("MAKE_DIRS", "").split():
        os.mkdir(path)
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    return pytester


def test_a_job_summary_in_a_missing_directory_is_said_and_the_result_kept(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = project.path / "missing" / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_plugin(project, "--secure-cookies")
    result.assert_outcomes(failed=1, passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        f"secure cookies: the job summary could not be written to {summary}: "
        "FileNotFoundError (No such file or directory)",
    ])  # fmt: skip
    result.stdout.no_fnmatch_line("*Traceback*")
    assert not summary.parent.exists()  # GitHub Actions makes that file: never a directory


def test_a_sarif_file_that_became_a_directory_is_said_and_the_result_kept(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAKE_DIRS", "out.sarif")
    result = run_plugin(project, "--secure-cookies", "--secure-cookies-sarif=out.sarif")
    result.assert_outcomes(failed=1, passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        f"secure cookies: the SARIF file could not be written to {project.path / 'out.sarif'}: "
        "IsADirectoryError (Is a directory)",
    ])  # fmt: skip
    result.stdout.no_fnmatch_line("*Traceback*")


def test_every_output_that_fails_is_said_and_the_others_are_written(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = project.path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("MAKE_DIRS", "out.json out.sarif")
    result = run_plugin(project, "--secure-cookies", "--secure-cookies-report=out.json",
                        "--secure-cookies-sarif=out.sarif")  # fmt: skip
    result.assert_outcomes(failed=1, passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        f"secure cookies: the report could not be written to {project.path / 'out.json'}: "
        "IsADirectoryError (Is a directory)",
        f"secure cookies: the SARIF file could not be written to {project.path / 'out.sarif'}: "
        "IsADirectoryError (Is a directory)",
    ], consecutive=True)  # fmt: skip
    assert summary.read_text(encoding="utf-8").startswith("### secure cookies: ")
