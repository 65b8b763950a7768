"""The example tests set up what they can themselves: on a fresh clone (or an unpacked sdist)
``examples/express_app/node_modules`` is missing, and ``npm ci`` is run once, atomically, even
when pytest-xdist workers ask at the same moment."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests._examples import EXAMPLES, node_modules_problem, skip_unless


@pytest.fixture
def fresh_express(tmp_path: Path) -> Path:
    """The Express example's package files, as a fresh clone has them: no node_modules."""
    skip_unless(shutil.which("npm") is not None, "npm is not installed")
    folder = tmp_path / "express_app"
    folder.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(EXAMPLES / "express_app" / name, folder / name)
    return folder


def test_two_workers_asking_at_once_both_get_one_complete_install(fresh_express: Path) -> None:
    with ThreadPoolExecutor(2) as pool:
        problems = list(pool.map(node_modules_problem, [fresh_express, fresh_express]))
    assert problems == [None, None]
    for package in ("express", "express-session", "cookie-session", "cookie-parser"):
        assert (fresh_express / "node_modules" / package / "package.json").is_file()
    assert sorted(path.name for path in fresh_express.iterdir()) == [
        "node_modules", "package-lock.json", "package.json"]  # no staging folder left behind


def test_without_npm_the_reason_says_so(
    fresh_express: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    assert node_modules_problem(fresh_express) == (
        "express_app/node_modules is missing and npm is not installed")


def test_a_failing_npm_ci_is_reported_with_its_first_error_line(fresh_express: Path) -> None:
    (fresh_express / "package-lock.json").write_text("{ not json")
    assert node_modules_problem(fresh_express) == (
        "express_app/node_modules is missing and `npm ci` there failed: The `npm ci` command "
        "can only install with an existing package-lock.json or (exit code 1)")
    assert sorted(path.name for path in fresh_express.iterdir()) == [
        "package-lock.json", "package.json"]
