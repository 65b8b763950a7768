"""The grouped summary as plain text, for the end of an enforced or audited run: one row per
cookie, framework and set of rules (``step_summary.grouped``, the job summary's grouping),
the most tests first, each with its fix below it.

Pure: no pytest, no I/O.  Bounded whatever the run: at most ``MAX_ROWS`` groups, and the fix
wrapped to the terminal's width.  The first test's id is the last column and is never cut
(it is what a user copies to rerun the test): a long one only runs past the edge.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..parsing.redaction import escape_controls
from .findings import Record
from .step_summary import Group, grouped
from .words import counted

MAX_ROWS = 10
_INDENT = "  "
_COLUMNS = ("tests", "cookie", "framework", "rules", "first test")
_WIDEST = 32  # a column wider than this lets its longest cells run over rather than widen
_NARROWEST_FIX = 40  # the fix is wrapped to the terminal's width, but never narrower than this


def grouped_summary(
    records: Iterable[Record], *, audit: bool, report: Path | None, width: int
) -> list[str]:
    """The table of the run's insecure cookies (``records``), headed by how many tests
    received them; ``report``: the JSON report's path, where every group is listed."""
    records = list(records)
    tests = len({record["test"] for record in records})
    who = "secure cookies audit" if audit else "secure cookies"
    heading = f"{who}: insecure cookies in {counted(tests, 'test')}, by cookie (most tests first):"
    more = f"the report {report}" if report is not None else "--secure-cookies-report"
    return table_lines(heading, grouped(records), width=width, more=more)


def table_lines(
    heading: str, groups: Sequence[Group], *, width: int, more: str
) -> list[str]:
    """The heading, the column titles and each shown group's row and fix; ``more`` says where
    the groups beyond ``MAX_ROWS`` are listed."""
    shown = groups[:MAX_ROWS]
    rows = [_cells(group) for group in shown]
    widths = [min(_WIDEST, max(len(row[i]) for row in [_COLUMNS, *rows])) for i in range(4)]
    fix_indent = _INDENT + " " * (widths[0] + 2)
    lines = [escape_controls(heading), _row(_COLUMNS, widths)]
    for row, group in zip(rows, shown, strict=True):
        lines.append(_row(row, widths))
        lines += _fix_lines(group.fix, fix_indent, width)
    if len(groups) > MAX_ROWS:
        lines.append(f"{_INDENT}and {counted(len(groups) - MAX_ROWS, 'more group')}, see {more}")
    return lines


def _cells(group: Group) -> tuple[str, str, str, str, str]:
    return (str(group.tests), escape_controls(group.cookie),
            escape_controls(group.framework or "-"), ", ".join(group.rules),
            escape_controls(group.first_test))  # fmt: skip


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    """The cells padded to their columns (the count right-aligned); the last one unpadded."""
    padded = [cells[0].rjust(widths[0])]
    padded += [cell.ljust(width) for cell, width in zip(cells[1:4], widths[1:], strict=True)]
    return _INDENT + "  ".join([*padded, cells[4]])


def _fix_lines(fix: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(
        escape_controls(fix), max(width - 1, len(indent) + _NARROWEST_FIX),
        initial_indent=f"{indent}fix: ", subsequent_indent=f"{indent}     ",
        break_long_words=False, break_on_hyphens=False,
    )  # fmt: skip
