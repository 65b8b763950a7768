"""One record per test, insecure cookie and rule: what the SARIF file and the GitHub step
summary are made of.

Pure: no pytest, no I/O.  A record is plain JSON-ready data (a pytest-xdist worker sends it to
the controller as it is) and holds no value: its texts are scrubbed of the cookie's raw line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple, cast

from ..judging.recorded import Offender, Verdict
from ..judging.rules import Finding
from ..parsing.redaction import scrub_data
from .sources import framework_of
from .tally import scrubbed_sources

Record = dict[str, Any]


class Place(NamedTuple):
    """Where a test is written: its file relative to the rootdir (``/``-separated) and the
    1-based line of its definition, when known."""

    path: str
    line: int | None


def records_for(test_id: str, place: Place, verdict: Verdict) -> list[Record]:
    """The test's records: for each offending cookie, one per rule it breaks, in rule order."""
    sources = scrubbed_sources(verdict.lines)
    return [
        record
        for offender in verdict.offenders
        for record in _offender_records(test_id, place, offender, sources)
    ]


def _offender_records(
    test_id: str, place: Place, offender: Offender, sources: dict[str | None, str | None]
) -> list[Record]:
    first = offender.first
    by_rule: dict[str, list[Finding]] = {}
    for finding in offender.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    source = sources.get(first.source, first.source)
    base = {
        "test": test_id,
        "path": place.path,
        "line": place.line,
        "cookie": first.cookie.name,
        "source": source,
        "framework": framework_of(source),  # the grouped summary's fix differs per framework
    }
    records = [
        {**base, "rule": rule_id, "problems": [f.problem for f in found],
         "fix": joined(f.fix for f in found)}
        for rule_id, found in sorted(by_rule.items())
    ]  # fmt: skip
    return cast("list[Record]", scrub_data(records, first.cookie.raw))


def joined(fixes: Iterable[str]) -> str:
    """Distinct fix texts in order, as one."""
    return "; ".join(dict.fromkeys(fixes))
