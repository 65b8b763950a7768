"""reporting.comparisons: pytest's explanation of any comparison holding a cookie record."""

from __future__ import annotations

import importlib.util
from typing import NamedTuple

from pytest_securecookie.capturing.recorder import RecordedLine
from pytest_securecookie.parsing.redaction import RawLine
from pytest_securecookie.reporting.comparisons import explain_comparison
from tests._helpers import cookie

VALUE = "Secr3t-Value-0123"


def test_a_cookie_of_a_dropped_copy_of_the_parser_is_still_recognised() -> None:
    # What pytester leaves behind: a module dropped from sys.modules, its objects alive.
    spec = importlib.util.find_spec("pytest_securecookie.parsing.parser")
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    stale = copy.parse_set_cookie(f"sid={VALUE}")
    lines = explain_comparison("==", stale, cookie(f"sid=other-{VALUE}"))
    assert lines is not None
    assert lines[:4] == [
        "SetCookie('sid') == SetCookie('sid')", "values are redacted",
        "Differing attributes:", "value: <redacted 17 chars> != <redacted 23 chars>",
    ]


def test_a_plain_text_equal_to_a_recorded_line_is_redacted_as_the_line() -> None:
    line = RecordedLine(RawLine(f"sid={VALUE}"), "GET /", None, None, None, 0)
    lines = explain_comparison("==", line, (f"sid={VALUE}", f"Cookie: sid={VALUE}"))
    assert lines is not None
    assert lines[0] == ("RecordedLine('sid=<redacted 17 chars>') == "
                        "tuple['sid=<redacted 17 chars>', 'Cookie: sid=<redacted>']")
    assert not any(VALUE in text for text in lines)


class Pair(NamedTuple):
    label: str
    cookie: object


def test_the_users_named_tuples_are_diffed_by_field() -> None:
    left, right = Pair("a", cookie(f"sid={VALUE}")), Pair("a", cookie(f"sid={VALUE}; Secure"))
    assert explain_comparison("==", left, right) == [
        "Pair['a', SetCookie('sid')] == Pair['a', SetCookie('sid')]",
        "values are redacted",
        "Differing attributes:",
        "cookie: SetCookie('sid') != SetCookie('sid')",
        "  secure: False != True",
        "  raw: 'sid=<redacted 17 chars>' != 'sid=<redacted 17 chars>; Secure'",
    ]


def test_a_long_list_of_records_is_listed_in_part() -> None:
    many = [cookie(f"c{index}={VALUE}") for index in range(25)]
    lines = explain_comparison("==", many, [])
    assert lines is not None
    assert lines[2] == "left holds:" and lines[-1] == "  ... and 15 more"
    assert len(lines) == 14


def test_a_huge_structure_is_looked_into_and_shown_in_part_only() -> None:
    huge = [[list(range(1000)) for _ in range(1000)], cookie(f"sid={VALUE}")]
    lines = explain_comparison("==", huge, [])
    assert lines is not None
    assert lines[0].startswith("list[list[list[0, 1, 2,") and len(lines[0]) < 300
    assert lines[2:] == ["left holds:", f"  {cookie(f'sid={VALUE}')!r}"]
