"""The grouped summary as plain text (``reporting.terminal_table``), the short request and
framework read from a source (``reporting.sources``), and the docs line (``catalog``)."""

from __future__ import annotations

import pytest

from pytest_securecookie.reporting.catalog import docs_line
from pytest_securecookie.reporting.sources import framework_of, short_request
from pytest_securecookie.reporting.step_summary import Group, grouped
from pytest_securecookie.reporting.terminal_table import MAX_ROWS, table_lines

DOCS = "https://pytest-securecookie.readthedocs.io/en/latest/rules/"


def test_columns_fit_the_cells_and_the_fix_wraps_to_the_width() -> None:
    groups = [
        Group("session", ("SC001", "SC003"), 12, "t.py::test_login", "set Secure " * 9, "flask"),
        Group("sid", ("SC002",), 1, "t.py::test_other", "set HttpOnly"),
    ]
    assert table_lines("heading:", groups, width=60, more="x") == [
        "heading:",
        "  tests  cookie   framework  rules         first test",
        "     12  session  flask      SC001, SC003  t.py::test_login",
        "         fix: set Secure set Secure set Secure set Secure",  # 57 columns
        "              set Secure set Secure set Secure set Secure",
        "              set Secure",
        "      1  sid      -          SC002         t.py::test_other",
        "         fix: set HttpOnly",
    ]


def test_a_long_name_runs_over_its_column_without_widening_it() -> None:
    long_name = "n" * 40
    groups = [Group(long_name, ("SC001",), 1, "t.py::a", "f"),
              Group("s", ("SC001",), 1, "t.py::b", "f")]  # fmt: skip
    lines = table_lines("h", groups, width=80, more="x")
    assert lines[1] == f"  tests  {'cookie':32}  framework  rules  first test"
    assert lines[2] == f"      1  {long_name}  -          SC001  t.py::a"
    assert lines[4] == f"      1  {'s':32}  -          SC001  t.py::b"


def test_the_table_is_bounded() -> None:
    groups = [Group(f"c{n}", ("SC001",), 1, "t.py::t", "fix") for n in range(MAX_ROWS + 7)]
    lines = table_lines("h", groups, width=80, more="--secure-cookies-report")
    assert len(lines) == 2 + 2 * MAX_ROWS + 1
    assert lines[-1] == "  and 7 more groups, see --secure-cookies-report"


def test_names_and_test_ids_cannot_forge_terminal_output() -> None:
    group = Group("a\x1b[31mb", ("SC001",), 1, "t.py::t[\n]", "fix\rme", "fl\x07ask")
    text = "\n".join(table_lines("h\x1b", [group], width=80, more="x"))
    assert "\x1b" not in text and "\r" not in text and "\x07" not in text
    assert len(text.splitlines()) == 4


def test_groups_are_per_framework_too() -> None:
    def record(test: str, framework: str | None) -> dict[str, object]:
        return {"test": test, "cookie": "session", "rule": "SC001", "fix": f"fix {framework}",
                "framework": framework}  # fmt: skip

    records = [record("a", "flask"), record("b", "django"), record("c", "flask")]
    assert grouped(records) == [
        Group("session", ("SC001",), 2, "a", "fix flask", "flask"),
        Group("session", ("SC001",), 1, "b", "fix django", "django"),
    ]


@pytest.mark.parametrize(
    ("source", "short", "framework"),
    [
        ("POST http://localhost/login (flask)", "POST /login", "flask"),
        ("GET http://testserver/a/b?next=/c&t=<redacted 4 chars> (django)", "GET /a/b", "django"),
        ("GET http://127.0.0.1:8000 (requests)", "GET /", "requests"),
        ("POST /login", "POST /login", None),
        ("http://localhost/x (wsgi)", "/x", "wsgi"),
        ("response (asgi)", "response", "asgi"),
        ("GET (falcon)", "GET", "falcon"),
        ("a flask response", "a flask response", None),
        (None, None, None),
    ],
)
def test_a_source_gives_its_short_request_and_framework(
    source: str | None, short: str | None, framework: str | None
) -> None:
    assert short_request(source) == short
    assert framework_of(source) == framework


def test_the_docs_line_links_the_first_rule_and_anchors_the_others() -> None:
    assert docs_line(["SC003", "SC001", "SC003"]) == f"docs: {DOCS}#sc001 (also #sc003)"
    assert docs_line(["SC014"]) == f"docs: {DOCS}#sc014"
    assert docs_line([]) is None
