"""The JSON report's cookie entries are kept on disk, not in memory (``reporting.spill``), and
the report written from there is the document ``json.dumps(report, indent=2)`` would make."""

from __future__ import annotations

import json

from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.recorded import judge
from pytest_securecookie.reporting.tally import Tally
from tests._enforce_apps import BARE, SECURE, Line


def test_entries_leave_memory_as_each_test_is_counted() -> None:
    tally = Tally()
    counted = tally.add("t.py::a", judge([Line(BARE), Line(SECURE)], CookiePolicy()), 2,
                        entries=True)
    assert len(counted.entries) == 2  # what an xdist worker sends with the test's report
    assert tally.counted["t.py::a"].entries == ()  # what the run keeps: none of them
    assert [entry["test"] for entry in tally.entries] == ["t.py::a"] * 2


def test_the_streamed_report_is_the_whole_document_as_json_dumps_writes_it() -> None:
    tally = Tally()
    tally.add("t.py::a", judge([Line(BARE), Line("theme=dark")], CookiePolicy()), 2,
              entries=True)
    tally.add("t.py::none", judge([], CookiePolicy()), 0, entries=True)
    tally.add("t.py::b", judge([Line(SECURE)], CookiePolicy()), 1, entries=True)
    tally.add("t.py::a", judge([Line(SECURE)], CookiePolicy()), 1, entries=True)  # a rerun
    text = "".join(tally.report_chunks("all"))
    assert text == json.dumps(tally.report("all"), indent=2) + "\n"
    assert [entry["test"] for entry in json.loads(text)["cookies"]] == ["t.py::a", "t.py::b"]


def test_a_report_without_entries_has_an_empty_cookie_list() -> None:
    tally = Tally()
    tally.add("t.py::a", judge([Line(BARE)], CookiePolicy()), 1, entries=False)
    text = "".join(tally.report_chunks())
    assert json.loads(text)["cookies"] == []
    assert text == json.dumps(tally.report(), indent=2) + "\n"
