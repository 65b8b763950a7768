"""Every count the plugin prints takes its noun in the singular when it is one: the summary
line (which the job summary repeats) and the rows left out of the grouped tables."""

from __future__ import annotations

from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.recorded import judge
from pytest_securecookie.reporting import step_summary, terminal_table
from pytest_securecookie.reporting.step_summary import Group, markdown
from pytest_securecookie.reporting.tally import Tally
from pytest_securecookie.reporting.terminal_table import table_lines
from tests._enforce_apps import SECURE, Line


def test_one_response_and_one_cookie_are_singular() -> None:
    tally = Tally()
    tally.add("t.py::a", judge([Line(SECURE)], CookiePolicy()), 1, entries=False)
    assert tally.summary_line() == "secure cookies: 1 response, 1 cookie, 1 auth-like, 0 insecure"


def _groups(count: int) -> list[Group]:
    return [Group(f"c{n}", ("SC001",), 1, "t.py::t", "fix") for n in range(count)]


def test_one_group_left_out_of_the_terminal_table_is_singular() -> None:
    lines = table_lines("h", _groups(terminal_table.MAX_ROWS + 1), width=80, more="x")
    assert lines[-1] == "  and 1 more group, see x"


def test_one_group_left_out_of_the_job_summary_is_singular() -> None:
    lines = markdown("h", _groups(step_summary.MAX_ROWS + 1)).splitlines()
    assert lines[-1] == "... and 1 more group (see the JSON report)."
