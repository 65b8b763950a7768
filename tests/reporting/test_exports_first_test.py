"""The exports' records come in collection order when it is known, else by test id: the
grouped summary's first test and the SARIF results never depend on which result came first
(pytest-xdist hands them over as its workers finish)."""

from __future__ import annotations

from pathlib import Path

from pytest_securecookie.exports import Exports
from pytest_securecookie.reporting.findings import Record


def _exports(*tests: str) -> Exports:
    exports = Exports(sarif=None, step_summary=None, junit=False, root=Path("."))
    for test in tests:  # as an xdist controller receives them
        exports.receive(test, [_record(test)])
    return exports


def _record(test: str) -> Record:
    return {"test": test, "cookie": "session", "rule": "SC001", "fix": "set Secure"}


def test_without_the_collection_the_smallest_test_id_comes_first() -> None:
    exports = _exports("t.py::c", "t.py::a", "t.py::b")
    assert [record["test"] for record in exports.records] == ["t.py::a", "t.py::b", "t.py::c"]


def test_the_collection_order_decides_when_known() -> None:
    exports = _exports("t.py::a", "t.py::c", "t.py::b", "u.py::other")
    exports.collected(["t.py::c", "t.py::b", "t.py::a"])
    tests = [record["test"] for record in exports.records]
    assert tests == ["t.py::c", "t.py::b", "t.py::a", "u.py::other"]  # the unknown one last
