"""What a run of enforced tests saw: the summary counts, the ``-v`` listing, the JSON report.

Pure: no pytest, no I/O.  Everything kept here is plain JSON-ready data (dicts, lists, str,
int, bool, None) so that a pytest-xdist worker can send each test's part to the controller
unchanged, and none of it holds a cookie value or a raw Set-Cookie line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from ..judging.lines import ENFORCED_KINDS, JudgedLine
from ..judging.recorded import Offender, Verdict
from ..parsing.redaction import Scrubber, escape_controls, scrub_data
from .spill import EntrySpill, report_chunks
from .words import counted

if TYPE_CHECKING:
    from .messages import InsecureCookie

# ``reporting.messages`` is imported where a failure or a report is written: a run whose
# cookies are all secure never loads it.

JSONDict = dict[str, Any]
REPORT_VERSION = 1
_UNJUDGED_KEPT = 20  # names of a test's unjudged cookies, for the line of a run that judged none


def failure_report(verdict: Verdict) -> str:
    """The end-of-test message: a one-line summary, each offending cookie once with every
    finding and its fix, the way out, and the rules' docs."""
    from .catalog import docs_line
    from .messages import format_insecure_cookies, one_line_summary

    offenders = verdict.offenders
    sources = scrubbed_sources(verdict.lines)
    entries = [_insecure_cookie(o, sources) for o in offenders]
    report = format_insecure_cookies(entries, headline=one_line_summary(entries))
    docs = docs_line(finding.rule for offender in offenders for finding in offender.findings)
    return f"{report}\n\n{_exempt_hint(offenders)}" + (f"\n{docs}" if docs else "")


def _exempt_hint(offenders: tuple[Offender, ...]) -> str:
    """The way out when the cookies are intended, said once at the end of the report."""
    rules = sorted({finding.rule for offender in offenders for finding in offender.findings})
    listed = ", ".join(f'"{rule}"' for rule in rules)
    return (
        'if this test must receive them: @pytest.mark.allow_insecure_cookies(reason="..."); '
        f"to accept only these rules: @pytest.mark.secure_cookies(ignore_rules=[{listed}])"
    )


def scrubbed_sources(
    lines: tuple[JudgedLine, ...], scrubber: Scrubber | None = None
) -> dict[str | None, str | None]:
    """Each source (request) of the test with the values of all its lines scrubbed.

    A line's own value is scrubbed wherever it is shown; but a URL can carry the value of
    another cookie, e.g. ``GET /magic?token=...`` setting ``session`` to the token beside a
    ``csrftoken``, whose report would show the session value.  Only computed for a report.
    """
    scrubbed = scrubber or Scrubber(line.cookie.raw for line in lines)  # linear
    sources = dict.fromkeys(line.source for line in lines)
    return {source: source and scrubbed(source) for source in sources}


def _insecure_cookie(offender: Offender, sources: dict[str | None, str | None]) -> InsecureCookie:
    # Counted as the times it was set *insecurely*, with where that first happened: a cookie
    # set securely at login and re-set without flags later points at the later request.
    from .messages import InsecureCookie

    first = offender.first
    return InsecureCookie(
        first.cookie.name,
        first.cookie.raw,
        offender.findings,
        sources.get(first.source, first.source),
        offender.insecure,
        verdict=_verdict(first),
    )


def _verdict(line: JudgedLine) -> str:
    if line.dropped:
        return "is dropped by browsers"
    return "is a deletion browsers will not honour" if line.deletion else "is insecure"


class Counted(NamedTuple):
    """One test's part of the tally.  As a dict (``_asdict()``) it is what a pytest-xdist worker
    sends to the controller with the test's report."""

    test: str
    responses: int
    cookies: int
    auth_like: int
    insecure: int
    offenders: Sequence[JSONDict]  # for the -v listing
    entries: Sequence[JSONDict]  # for the JSON report, when one was asked for
    unjudged: Sequence[str] = ()  # the names of its cookies nothing judged (not auth-like)


def count_test(test_id: str, verdict: Verdict, responses: int, *, entries: bool) -> Counted:
    """Count one test; keep its JSON entries only when a report file was asked for."""
    lines = verdict.lines
    auth_like = insecure = 0
    unjudged: dict[str, None] = {}
    for line in lines:  # JudgedLine.enforced and .insecure, inlined: one pass
        if line.classification.kind in ENFORCED_KINDS:
            auth_like += 1
            insecure += bool(line.findings)
        elif len(unjudged) < _UNJUDGED_KEPT:
            unjudged[line.cookie.name] = None
    offenders: tuple[JSONDict, ...] = ()
    cookies: tuple[JSONDict, ...] = ()
    if insecure or entries:
        scrubber = Scrubber(line.cookie.raw for line in lines)
        sources = scrubbed_sources(lines, scrubber)
        if insecure:
            offenders = tuple(offender_entry(test_id, o, sources) for o in verdict.offenders)
        if entries:
            forms = scrubber.forms
            cookies = tuple(cookie_entry(test_id, line, sources, forms) for line in lines)
    counts = (responses, len(lines), auth_like, insecure)
    return Counted(test_id, *counts, offenders, cookies, tuple(unjudged))


@dataclass
class Tally:
    """What the tests a run recorded saw, one part per test (by test id).  The JSON report's
    entries are kept on disk (``reporting.spill``), the rest in ``counted``."""

    counted: dict[str, Counted] = field(default_factory=dict)
    spill: EntrySpill = field(default_factory=EntrySpill)

    def add(
        self, test_id: str, verdict: Verdict, responses: int, *, entries: bool, sent: bool = False
    ) -> Counted:
        """Count one test of this process (see :func:`count_test`); ``sent``: its entries go
        to the process that writes the report (an xdist worker's controller), not to disk."""
        counted = count_test(test_id, verdict, responses, entries=entries)
        self.put(counted._replace(entries=()) if sent else counted)
        return counted

    def add_nothing(self, test_id: str, responses: int) -> Counted:
        """Count a test of this process that received no Set-Cookie line (most tests)."""
        counted = Counted(test_id, responses, 0, 0, 0, (), ())
        self.put(counted)
        return counted

    def put(self, counted: Counted) -> None:
        """A test run again (pytest-rerunfailures) is counted once: by its last run."""
        self.spill.put(counted.test, counted.entries)
        self.counted[counted.test] = counted._replace(entries=()) if counted.entries else counted

    def receive(self, data: JSONDict) -> None:
        """Count a test another process (an xdist worker) counted: ``Counted._asdict()``."""
        self.put(Counted(**data))

    @property
    def tests(self) -> int:
        return len(self.counted)

    @property
    def insecure(self) -> int:
        return sum(counted.insecure for counted in self.counted.values())

    @property
    def offenders(self) -> list[JSONDict]:
        return [entry for counted in self.counted.values() for entry in counted.offenders]

    @property
    def entries(self) -> list[JSONDict]:
        return self.spill.entries()

    @property
    def unjudged(self) -> list[str]:
        """The names of the cookies nothing judged, each once, in the order first seen."""
        names = (name for counted in self.counted.values() for name in counted.unjudged)
        return list(dict.fromkeys(names))

    @property
    def judged_nothing(self) -> bool:
        """Cookies were set, and none of them was auth-like (or CSRF): nothing was judged."""
        parts = self.counted.values()
        return any(c.cookies for c in parts) and not any(c.auth_like for c in parts)

    def summary(self) -> dict[str, int]:
        parts = self.counted.values()
        return {
            "tests": self.tests,
            "responses": sum(counted.responses for counted in parts),
            "cookies": sum(counted.cookies for counted in parts),
            "auth_like": sum(counted.auth_like for counted in parts),
            "insecure": self.insecure,
        }

    def summary_line(self) -> str:
        summary = self.summary()
        return (
            f"secure cookies: {counted(summary['responses'], 'response')}, "
            f"{counted(summary['cookies'], 'cookie')}, "
            f"{summary['auth_like']} auth-like, {summary['insecure']} insecure"
        )

    def listing(self) -> list[str]:
        """One line per offending cookie per test, for ``-v``."""
        return [_listing_line(entry) for entry in self.offenders]

    def report(self, scope: str = "auth", profile: str = "default") -> JSONDict:
        """The ``--secure-cookies-report`` document (``report.schema.json`` describes it);
        ``scope`` and ``profile``: the session policy's."""
        return {**self._document(scope, profile), "cookies": self.entries}

    def report_chunks(self, scope: str = "auth", profile: str = "default") -> Iterator[str]:
        """The report's JSON text (``json.dumps(report, indent=2)``), piece by piece: its
        cookie entries are read from disk one test at a time."""
        return report_chunks(self._document(scope, profile), self.spill)

    def _document(self, scope: str, profile: str) -> JSONDict:
        from .catalog import rule_catalog

        return {
            "version": REPORT_VERSION,
            "scope": scope,
            "profile": profile,
            "summary": self.summary(),
            "offenders": self.offenders,
            "cookies": [],
            "rules": rule_catalog(),
        }


def offender_entry(
    test_id: str, offender: Offender, sources: dict[str | None, str | None] | None = None
) -> JSONDict:
    first = offender.first
    entry = {
        "test": test_id,
        "name": first.cookie.name,
        "source": (sources or {}).get(first.source, first.source),
        "times": offender.insecure,
        "rules": [finding.rule for finding in offender.findings],
    }
    # A URL, a path or a message can carry the value too: nothing leaves unscrubbed.
    return cast("JSONDict", scrub_data(entry, first.cookie.raw))


def _listing_line(entry: JSONDict) -> str:
    times = f"set {entry['times']} times, first" if entry["times"] > 1 else "set"
    rules = ", ".join(entry["rules"])
    text = f"{entry['test']}: cookie '{entry['name']}' {times} by {entry['source']}: {rules}"
    return escape_controls(text)


def cookie_entry(
    test_id: str,
    line: JudgedLine,
    sources: dict[str | None, str | None] | None = None,
    forms: dict[str, list[str]] | None = None,
) -> JSONDict:
    """One Set-Cookie line as the JSON report shows it: attributes, never the value.
    ``forms``: each line's scrub forms (``Scrubber.forms``), computed once per test."""
    entry = {
        "test": test_id,
        "source": (sources or {}).get(line.source, line.source),
        "name": line.cookie.name,
        "attributes": None if line.dropped else attributes(line),
        "ignored_by_browsers": line.dropped,
        "classification": {
            "kind": line.classification.kind,
            "reason": line.classification.reason,
        },
        "findings": [
            {"rule": f.rule, "problem": f.problem, "why": f.why, "fix": f.fix}
            for f in line.findings
        ],
    }
    raw = line.cookie.raw
    return cast("JSONDict", scrub_data(entry, raw, (forms or {}).get(raw)))


def attributes(line: JudgedLine) -> JSONDict:
    cookie = line.cookie
    return {
        "secure": cookie.secure,
        "httponly": cookie.httponly,
        "samesite": cookie.samesite,
        "samesite_raw": cookie.samesite_raw,
        "path": cookie.path,
        "domain": cookie.domain,
        "max_age": cookie.max_age,
        "expires": cookie.expires.isoformat() if cookie.expires else None,
        "partitioned": cookie.partitioned,
        "prefix": cookie.prefix,
        "is_deletion": line.deletion,  # judged against the response's Date
    }
