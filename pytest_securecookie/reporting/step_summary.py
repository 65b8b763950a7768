"""The grouped summary as a Markdown table, for a GitHub Actions job summary
(``$GITHUB_STEP_SUMMARY``): one row per cookie, framework and set of rules, the most tests
first.  The grouping (:func:`grouped`) is the terminal's too (``terminal_table``).

Pure: no pytest, no I/O.  Every cell is escaped, so that a cookie name or a test id can
neither break the table nor bring in HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import NamedTuple

from ..judging.profiles import LEVEL
from ..parsing.redaction import escape_controls
from .catalog import rule_url
from .findings import Record, joined
from .overview import profile_text
from .words import counted

MAX_ROWS = 100  # a job summary holds at most 1 MiB


class Group(NamedTuple):
    """Tests that received one cookie, from one framework, with the same set of rules broken."""

    cookie: str
    rules: tuple[str, ...]
    tests: int
    first_test: str
    fix: str
    framework: str | None = None  # the label of the client or framework that received it


def grouped(records: Iterable[Record]) -> list[Group]:
    """One group per cookie name, framework and set of rules; its first test is the first of
    ``records`` (the exports give them in collection order), and the fix is that test's."""
    per_test: dict[tuple[str, str, str | None], list[Record]] = {}
    for record in records:
        key = (record["test"], record["cookie"], record.get("framework"))
        per_test.setdefault(key, []).append(record)
    groups: dict[tuple[str, str | None, tuple[str, ...]], list[list[Record]]] = {}
    for (_, cookie, framework), found in per_test.items():
        rules = tuple(record["rule"] for record in found)
        groups.setdefault((cookie, framework, rules), []).append(found)
    rows = [
        Group(cookie, rules, len(tests), tests[0][0]["test"],
              joined(r["fix"] for r in tests[0]), framework)
        for (cookie, framework, rules), tests in groups.items()
    ]  # fmt: skip
    return sorted(rows, key=lambda g: (-g.tests, g.cookie, g.framework or "", g.rules))


def markdown(headline: str, groups: list[Group], profile: str = "default") -> str:
    """The summary's Markdown: a heading, the ASVS profile when one is active, then the table
    (or a line saying all is well)."""
    lines = [f"### {_text(headline)}", ""]
    if LEVEL[profile]:
        lines += [f"Policy: {_text(profile_text(profile))}", ""]
    if not groups:
        return "\n".join([*lines, "No insecure auth-like cookie.", ""])
    lines += ["| Cookie | Rules | Tests | First test | Fix |", "| --- | --- | ---: | --- | --- |"]
    lines += [_row(group) for group in groups[:MAX_ROWS]]
    if len(groups) > MAX_ROWS:
        more = counted(len(groups) - MAX_ROWS, "more group")
        lines += ["", f"... and {more} (see the JSON report)."]
    return "\n".join([*lines, ""])


def _row(group: Group) -> str:
    rules = ", ".join(f"[{rule}]({rule_url(rule)})" for rule in group.rules)
    framework = f" ({_text(group.framework)})" if group.framework else ""
    cells = [_code(group.cookie) + framework, rules, str(group.tests), _code(group.first_test),
             _text(group.fix)]  # fmt: skip
    return f"| {' | '.join(cells)} |"


def _text(text: str) -> str:
    """Plain cell text: no HTML, no column break, no line break."""
    return html.escape(escape_controls(text), quote=False).replace("|", "\\|")


def _code(text: str) -> str:
    """A code span (its content is never read as HTML), fenced longer than any run of
    backticks inside it."""
    text = escape_controls(text).replace("|", "\\|")
    fence = "`" * (_longest_backtick_run(text) + 1)
    return f"{fence} {text} {fence}"


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest
