"""``--secure-cookies-report=PATH`` (and ``--secure-cookies-sarif``) that names a directory, or
a place that cannot be written, stops pytest before any test runs with a usage error (issue 10,
item 10)."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin

PASSING = "def test_nothing():\n    pass\n"


def run(pytester: pytest.Pytester, path: str) -> pytest.RunResult:
    pytester.makepyfile(test_app=PASSING)
    return run_plugin(pytester, "--secure-cookies", f"--secure-cookies-report={path}")


def test_an_existing_directory_is_a_usage_error(pytester: pytest.Pytester) -> None:
    (pytester.path / "reports").mkdir()
    result = run(pytester, "reports")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([
        "ERROR: --secure-cookies-report=reports: that is a directory; name the file to write "
        "in it, e.g. --secure-cookies-report=reports/cookies.json",
    ])  # fmt: skip
    result.stdout.no_fnmatch_line("*passed*")


def test_a_trailing_slash_is_a_usage_error_not_a_file(pytester: pytest.Pytester) -> None:
    result = run(pytester, "reports/")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([
        "ERROR: --secure-cookies-report=reports/: that is a directory; name the file to write "
        "in it, e.g. --secure-cookies-report=reports/cookies.json",
    ])  # fmt: skip
    assert not (pytester.path / "reports").exists()


def test_a_path_through_a_file_is_a_usage_error(pytester: pytest.Pytester) -> None:
    (pytester.path / "notes.txt").write_text("not a directory\n")
    result = run(pytester, "notes.txt/out/cookies.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([
        f"ERROR: --secure-cookies-report=notes.txt/out/cookies.json: cannot be written: "
        f"{pytester.path / 'notes.txt'} is a file, not a directory",
    ])  # fmt: skip


def test_a_sarif_path_through_a_file_is_a_usage_error(pytester: pytest.Pytester) -> None:
    (pytester.path / "notes.txt").write_text("not a directory\n")
    pytester.makepyfile(test_app=PASSING)
    result = run_plugin(pytester, "--secure-cookies-sarif=notes.txt/cookies.sarif")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([
        f"ERROR: --secure-cookies-sarif=notes.txt/cookies.sarif: cannot be written: "
        f"{pytester.path / 'notes.txt'} is a file, not a directory",
    ])  # fmt: skip


def test_missing_directories_are_still_created(pytester: pytest.Pytester) -> None:
    result = run(pytester, "build/reports/cookies.json")
    result.assert_outcomes(passed=1)
    assert (pytester.path / "build" / "reports" / "cookies.json").is_file()


def test_a_report_that_cannot_be_written_at_the_end_keeps_the_runs_result(
    pytester: pytest.Pytester,
) -> None:
    # The path was fine when pytest started; a test then made a directory of it.
    pytester.makepyfile(test_app="import os\n\ndef test_mkdir():\n    os.mkdir('out.json')\n")
    result = run_plugin(pytester, "--secure-cookies", "--secure-cookies-report=out.json")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines([
        f"secure cookies: the report could not be written to {pytester.path / 'out.json'}: "
        "IsADirectoryError*",
    ])  # fmt: skip
    result.stdout.no_fnmatch_line("*Traceback*")
