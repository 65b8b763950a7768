"""What a release carries: one version, written once in the package and read from there by the
build, with its changelog entry; asking for it stays as cheap as importing the package."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest_securecookie

PROJECT = Path(__file__).resolve().parent.parent


def test_the_installed_distribution_has_the_packages_version() -> None:
    assert pytest_securecookie.__version__ == importlib.metadata.version("pytest-securecookie")


def test_the_changelog_begins_with_this_version() -> None:
    changelog = (PROJECT / "docs" / "changelog.md").read_text(encoding="utf-8").splitlines()
    newest = next(line for line in changelog if line.startswith("## "))
    assert newest.split()[1] == pytest_securecookie.__version__


def test_reading_the_version_imports_neither_pytest_nor_a_client() -> None:
    code = ("import sys, pytest_securecookie as m; m.__version__; "
            "print(sorted(n for n in ('pytest', '_pytest', 'requests', 'flask', 'httpx') "
            "if n in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
