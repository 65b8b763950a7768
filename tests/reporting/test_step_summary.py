"""The grouped summary's Markdown (``reporting.step_summary``): grouping, order, escaping."""

from __future__ import annotations

from pytest_securecookie.reporting.findings import Record
from pytest_securecookie.reporting.step_summary import MAX_ROWS, Group, grouped, markdown


def record(test: str, cookie: str, rule: str, fix: str = "set Secure") -> Record:
    return {"test": test, "cookie": cookie, "rule": rule, "fix": fix, "path": "t.py",
            "line": 1, "source": None, "problems": ["p"]}  # fmt: skip


def test_tests_with_the_same_cookie_and_rules_form_one_group_most_tests_first() -> None:
    records = [
        record("t.py::a", "sid", "SC001"),
        record("t.py::b", "session", "SC001", "fix one"),
        record("t.py::b", "session", "SC002", "fix two"),
        record("t.py::c", "session", "SC001"),
        record("t.py::c", "session", "SC002"),
        record("t.py::d", "sid", "SC001"),
    ]
    assert grouped(records) == [
        Group("session", ("SC001", "SC002"), 2, "t.py::b", "fix one; fix two"),
        Group("sid", ("SC001",), 2, "t.py::a", "set Secure"),
    ]


def test_cells_can_neither_break_the_table_nor_bring_in_html() -> None:
    group = Group("a|b`c", ("SC001",), 1, "t.py::t[x``y]", "<script>|\n")
    text = markdown("secure cookies: 1 <b>", [group])
    lines = text.splitlines()
    assert lines[0] == "### secure cookies: 1 &lt;b&gt;"
    assert lines[4] == (
        "| `` a\\|b`c `` | [SC001](https://pytest-securecookie.readthedocs.io/en/latest/rules/"
        "#sc001) | 1 | ``` t.py::t[x``y] ``` | &lt;script&gt;\\|\\x0a |"
    )


def test_a_long_summary_stops_at_the_row_limit() -> None:
    groups = [Group(f"c{n}", ("SC001",), 1, "t.py::t", "fix") for n in range(MAX_ROWS + 5)]
    lines = markdown("h", groups).splitlines()
    assert len([line for line in lines if line.startswith("| ` c")]) == MAX_ROWS
    assert lines[-1] == "... and 5 more groups (see the JSON report)."
