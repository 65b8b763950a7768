"""Shared helpers of the tests that run ``examples/``: paths, free ports, prerequisites."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# When either is set (CI services set CI=true), a missing prerequisite (node, node_modules,
# chromium, playwright) fails the run instead of skipping the examples that need it.
REQUIRED_ENV = "SECURECOOKIE_EXAMPLES_REQUIRED"
CI_ENV = "CI"


def skip_unless(available: bool, reason: str) -> None:
    """Skip with ``reason``, or fail when CI says every example must run."""
    __tracebackhide__ = True
    if available:
        return
    required = [name for name in (REQUIRED_ENV, CI_ENV) if _is_set(name)]
    if required:
        pytest.fail(f"{reason} ({required[0]} is set: every example must run)", pytrace=False)
    pytest.skip(reason)


def _is_set(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def node_modules_problem(folder: Path) -> str | None:
    """Why ``folder/node_modules`` is missing, after running ``npm ci`` there when npm exists
    (so that a fresh clone needs only ``pip install -e ".[test]"`` and ``pytest``); None once
    it is there."""
    if (folder / "node_modules").is_dir():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return f"{folder.name}/node_modules is missing and npm is not installed"
    failure = _npm_ci(folder, npm)
    if failure is not None:
        return f"{folder.name}/node_modules is missing and `npm ci` there failed: {failure}"
    return None


def _npm_ci(folder: Path, npm: str) -> str | None:
    """``npm ci`` in a private copy of the package files, then one rename into place: xdist
    workers may try at the same moment, and only a complete install may land."""
    staging = Path(tempfile.mkdtemp(prefix=".npm-ci-", dir=folder))
    try:
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(folder / name, staging / name)
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                              cwd=staging, capture_output=True, text=True, timeout=600,
                              check=False)
        if done.returncode != 0:
            return f"{_first_npm_error(done.stderr)} (exit code {done.returncode})"
        with contextlib.suppress(OSError):  # another worker's install landed first
            (staging / "node_modules").rename(folder / "node_modules")
        return None if (folder / "node_modules").is_dir() else "node_modules did not land"
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _first_npm_error(stderr: str) -> str:
    lines = (line.removeprefix("npm error").strip() for line in stderr.splitlines())
    return next((line for line in lines if line and not line.startswith("code ")), "no message")


def free_port() -> int:
    """A port that was free on 127.0.0.1 a moment ago (for servers that cannot report theirs)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    """Return once 127.0.0.1:port accepts connections; fail if the process dies first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            pytest.fail(f"the server exited with {process.returncode} before listening:\n{output}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nothing listened on 127.0.0.1:{port} within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server we started (and only it), killing it if it will not stop."""
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


# The pytest plugins an example needs besides this one.  Only these are loaded: a user's
# environment has none of this project's other test plugins (hypothesis, xdist, respx, ...),
# and loading them all would triple each run's start-up time.
EXAMPLE_PLUGINS = {"aiohttp_app": ("anyio.pytest_plugin",)}


def run_example_suite(name: str, config: str, tmp_path: Path, *args: str) -> pytest.RunResult:
    """Run ``examples/<name>``'s own pytest suite in a fresh interpreter, as its users would
    (its own pytest.ini and conftest.py), with ``EXAMPLE_CONFIG=config``."""
    env = {**os.environ, "EXAMPLE_CONFIG": config, "PYTHONDONTWRITEBYTECODE": "1",
           "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    for inherited in ("DJANGO_SETTINGS_MODULE", "PYTEST_ADDOPTS", "PYTEST_PLUGINS"):
        env.pop(inherited, None)
    plugins = ("pytest_securecookie.plugin", *EXAMPLE_PLUGINS.get(name, ()))
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rf", "--color=no",
               *(f"-p{plugin}" for plugin in plugins),
               "--basetemp", str(tmp_path / "basetemp"), *args]
    started = time.monotonic()
    done = subprocess.run(command, cwd=EXAMPLES / name, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    return pytest.RunResult(done.returncode, done.stdout.splitlines(), done.stderr.splitlines(),
                            time.monotonic() - started)
