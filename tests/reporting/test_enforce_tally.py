"""The end-of-test report, the summary counts and their merging (``reporting.tally``): pure."""

from __future__ import annotations

import json

from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.recorded import judge
from pytest_securecookie.reporting.tally import Tally, failure_report
from tests._enforce_apps import SECURE, Line, at

SECRET = "planted-SECRET-0042"
BARE = f"session={SECRET}; Path=/"


def test_the_report_lists_each_offender_once_with_its_count() -> None:
    verdict = judge([Line(BARE), Line(BARE), Line("csrftoken=abcd1234; Path=/")], CookiePolicy())
    text = failure_report(verdict)
    lines = text.splitlines()
    assert lines[0] == (
        "insecure cookies 'session' (SC001, SC002, SC003), 'csrftoken' (SC001, SC003) set by "
        "POST /login"
    )
    assert lines[2] == (
        "cookie 'session' set 2 times, first by POST http://localhost/login (flask), "
        "is insecure: 3 problems"
    )
    assert "  Set-Cookie: session=<redacted 19 chars>; Path=/" in lines
    assert sum(line.startswith("cookie 'csrftoken'") for line in lines) == 1
    assert SECRET not in text


def test_a_deletion_and_a_dropped_line_say_what_they_are() -> None:
    logout = at("session=; Path=/x; Max-Age=0; Secure", "POST http://localhost/x/logout")
    dropped = at("sid=" + "v" * 4100, "GET http://localhost/big")
    text = failure_report(judge([Line(SECURE), logout, dropped], CookiePolicy()))
    assert "(flask) is a deletion browsers will not honour: 1 problem" in text
    assert "cookie 'sid' set by GET http://localhost/big (flask) is dropped by browsers" in text
    assert "v" * 100 not in text


def test_tally_counts_lines_and_receives_another_process() -> None:
    here = Tally()
    here.add("t.py::a", judge([Line(BARE), Line("theme=dark")], CookiePolicy()), 2, entries=True)
    counted = Tally().add("t.py::b", judge([Line(SECURE)], CookiePolicy()), 1, entries=True)
    here.receive(json.loads(json.dumps(counted._asdict())))  # what an xdist worker sends
    assert here.summary() == {
        "tests": 2, "responses": 3, "cookies": 3, "auth_like": 2, "insecure": 1,
    }  # fmt: skip
    assert here.summary_line() == "secure cookies: 3 responses, 3 cookies, 2 auth-like, 1 insecure"
    assert [entry["test"] for entry in here.report()["cookies"]] == ["t.py::a"] * 2 + ["t.py::b"]
    assert SECRET not in json.dumps(here.report())


def test_a_test_counted_again_is_counted_by_its_last_run() -> None:
    tally = Tally()
    tally.add("t.py::a", judge([Line(BARE), Line(BARE)], CookiePolicy()), 3, entries=True)
    tally.add("t.py::b", judge([Line(BARE)], CookiePolicy()), 1, entries=False)
    tally.add("t.py::a", judge([Line(SECURE)], CookiePolicy()), 1, entries=True)  # a rerun
    assert tally.summary() == {
        "tests": 2, "responses": 2, "cookies": 2, "auth_like": 2, "insecure": 1,
    }  # fmt: skip
    assert [entry["test"] for entry in tally.offenders] == ["t.py::b"]
    assert [entry["test"] for entry in tally.entries] == ["t.py::a"]


def test_entries_are_kept_only_for_a_report() -> None:
    tally = Tally()
    tally.add("t.py::a", judge([Line(BARE)], CookiePolicy()), 1, entries=False)
    assert tally.entries == [] and tally.insecure == 1
    assert tally.listing() == [
        "t.py::a: cookie 'session' set by POST http://localhost/login (flask): SC001, SC002, SC003"
    ]


def test_the_report_ends_with_the_way_to_accept_it() -> None:
    text = failure_report(judge([Line(BARE)], CookiePolicy()))
    assert text.splitlines()[-2] == (
        'if this test must receive them: @pytest.mark.allow_insecure_cookies(reason="..."); '
        'to accept only these rules: @pytest.mark.secure_cookies(ignore_rules=["SC001", '
        '"SC002", "SC003"])'
    )


def test_a_test_without_set_cookie_lines_counts_as_a_judged_empty_test_would() -> None:
    from pytest_securecookie.judging.recorded import NOTHING
    from pytest_securecookie.reporting.tally import count_test

    tally = Tally()
    counted = tally.add_nothing("test_a.py::test_none", 3)
    assert counted == count_test("test_a.py::test_none", NOTHING, 3, entries=True)
    assert counted == count_test("test_a.py::test_none", judge([], CookiePolicy()), 3,
                                 entries=False)
    assert tally.summary() == {"tests": 1, "responses": 3, "cookies": 0, "auth_like": 0,
                               "insecure": 0}
