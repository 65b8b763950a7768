"""Plain helpers shared by the test modules: ``from tests._helpers import cookie, NOW``."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from pytest_securecookie.capturing import clients as _clients
from pytest_securecookie.parsing.parser import SetCookie, ignore_reason, parse_set_cookie

# The fixed moment the rules judge at, so lifetimes and Expires dates give the same findings.
NOW = datetime(2026, 11, 22, 1, 0, tzinfo=timezone.utc)

_MISSING = object()


def cookie(line: str | bytes) -> SetCookie:
    """The parsed cookie of ``line``; fails the test if browsers would ignore the line."""
    parsed = parse_set_cookie(line)
    assert parsed is not None, (line, ignore_reason(line))
    return parsed


def patched_attributes() -> dict[tuple[str, str, str], object]:
    """Every attribute the adapters target in an imported module, as held by its owner now."""
    found: dict[tuple[str, str, str], object] = {}
    for target in _clients.TARGETS:
        owner: Any = sys.modules.get(target.module)
        for part in filter(None, target.owner.split(".")):
            owner = getattr(owner, part, None)
        if owner is not None:
            key = (target.module, target.owner, target.name)
            found[key] = vars(owner).get(target.name, _MISSING)
    return found


def is_our_wrapper(value: object) -> bool:
    """Whether ``value`` is a recording wrapper of ours (by the file its code lives in)."""
    code = getattr(value, "__code__", None)
    filename = getattr(code, "co_filename", "")
    return filename.endswith(("capturing/wrapping.py", "capturing/clients.py"))


def run_project(project: Path, modules: dict[str, str]) -> pytest.RunResult:
    """``modules`` (name -> source) written into ``project`` and run by pytest in a subprocess
    (Django's settings are process-wide): one run for every check of a test module."""
    for name, text in modules.items():
        (project / f"{name}.py").write_text(textwrap.dedent(text))
    args = ["-p", "no:hypothesispytest", "-p", "no:cacheprovider", "-rA", "-W",
            "ignore::pytest.PytestAssertRewriteWarning"]
    done = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=project,
                          capture_output=True, text=True, timeout=120, check=False)
    return pytest.RunResult(done.returncode, done.stdout.splitlines(),
                            done.stderr.splitlines(), 0.0)
