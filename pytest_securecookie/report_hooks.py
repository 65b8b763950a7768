"""What the plugin does with pytest's test reports: the crash line of a test failed for its
cookies points at the test, and under pytest-xdist each test's count and findings travel with
its report to the controller.

pytest glue that ``plugin.py`` wires to the hooks.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from .enforcement import ENFORCEMENT, WORKER_OUTPUT, CookieFailure, Enforcement

# The report attribute a pytest-xdist worker sends each test's count and findings in (pytest
# serializes a report's attributes, and rebuilds them on the controller).
_REPORT_TESTS = "securecookie_tests"


def point_at_test(item: pytest.Item, failure: CookieFailure) -> None:
    """``item`` fails for its cookies with ``failure``: its call report, when logged, gets
    :func:`pointed_at_test` (a hook registered at the first such failure, so that the tests
    that pass pay for no report hook)."""
    config = item.config
    pointer = config.pluginmanager.get_plugin(_POINTER)
    if pointer is None:
        pointer = _Pointer()
        config.pluginmanager.register(pointer, _POINTER)
    pointer.failed[item.nodeid] = (item, failure)


_POINTER = "securecookie-point-at-test"


class _Pointer:
    """Points the call report of each test that failed for its cookies at the test."""

    def __init__(self) -> None:
        self.failed: dict[str, tuple[pytest.Item, CookieFailure]] = {}

    @pytest.hookimpl(tryfirst=True)  # before the terminal, JUnit and xdist read the report
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.nodeid in self.failed:
            pointed_at_test(*self.failed.pop(report.nodeid), report)


def pointed_at_test(item: pytest.Item, failure: CookieFailure, report: Any) -> None:
    """A test failed for its cookies: its report's crash line becomes the message's first line
    at the test's definition, so that the short summary (``-ra``, ``CI=true``) and
    ``--tb=line`` show one line that points at the test, not the whole report again at the
    frame of this plugin that failed it."""
    crash = getattr(report.longrepr, "reprcrash", None)
    first = str(failure.msg).partition("\n")[0]
    if crash is None or first not in crash.message:  # the test's own failure won (unittest)
        return
    crash.message = first
    line = item.location[1]
    if line is not None:
        crash.path, crash.lineno = str(item.path), line + 1
    if item.config.getoption("tbstyle", "auto") == "line":  # pytest >= 9 prints the report
        for entry in getattr(report.longrepr.reprtraceback, "reprentries", ()):  # there too
            entry.lines = []


def merge_worker(node: Any) -> None:
    """pytest-xdist controller: the recording errors of a worker that finished."""
    output = getattr(node, "workeroutput", {})
    node.config.stash[ENFORCEMENT].errors += output.get(WORKER_OUTPUT + "_errors", [])


def hand_over(config: pytest.Config) -> None:
    """Under pytest-xdist each test's count and findings travel with its report as the test
    ends, so a worker that crashes loses at most the test it crashed in."""
    enforcement = config.stash[ENFORCEMENT]
    if hasattr(config, "workerinput"):
        enforcement.outbox = []
        config.pluginmanager.register(_Sender(enforcement))
    elif getattr(config.option, "dist", "no") != "no":  # a controller (-n N, --dist)
        config.pluginmanager.register(_Receiver(enforcement))


class _Sender:
    """On a worker: the test judged in a phase goes with that phase's report."""

    def __init__(self, enforcement: Enforcement) -> None:
        self.enforcement = enforcement

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self) -> Generator[None, Any, None]:
        outcome = yield
        outbox = self.enforcement.outbox
        if outbox:
            setattr(outcome.get_result(), _REPORT_TESTS, list(outbox))
            outbox.clear()


class _Receiver:
    """On the controller: take in what the workers' reports carry."""

    def __init__(self, enforcement: Enforcement) -> None:
        self.enforcement = enforcement

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for sent in getattr(report, _REPORT_TESTS, ()):
            self.enforcement.receive(sent)
