"""What a run of enforced tests saw: the summary counts, the ``-v`` listing, the JSON report.

Pure: no pytest, no I/O.  Everything kept here is plain JSON-ready data (dicts, lists, str,
int, bool, None) so that pytest-xdist workers can send it to the controller unchanged, and
none of it holds a cookie value or a raw Set-Cookie line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from ..judging.lines import ENFORCED_KINDS, JudgedLine
from ..judging.recorded import Offender, Verdict
from ..parsing.redaction import escape_controls, scrub_all, scrub_data

if TYPE_CHECKING:
    from .messages import InsecureCookie

# ``reporting.messages`` is imported where a failure or a report is written: a run whose
# cookies are all secure never loads it.

JSONDict = dict[str, Any]
REPORT_VERSION = 1
_NAMES_KEPT = 100  # distinct names of unjudged cookies, for the line of a run that judged none


def failure_report(verdict: Verdict) -> str:
    """The end-of-test message: each offending cookie once, with every finding and its fix."""
    offenders = verdict.offenders
    count = len(offenders)
    noun = "cookie" if count == 1 else "cookies"
    headline = f"secure cookies: {count} insecure auth-like {noun} in this test"
    from .messages import format_insecure_cookies

    sources = scrubbed_sources(verdict.lines)
    report = format_insecure_cookies(
        [_insecure_cookie(o, sources) for o in offenders], headline=headline
    )
    return f"{report}\n\n{_exempt_hint(offenders)}"


def _exempt_hint(offenders: tuple[Offender, ...]) -> str:
    """The way out when the cookies are intended, said once at the end of the report."""
    rules = sorted({finding.rule for offender in offenders for finding in offender.findings})
    listed = ", ".join(f'"{rule}"' for rule in rules)
    return (
        'if this test must receive them: @pytest.mark.allow_insecure_cookies(reason="..."); '
        f"to accept only these rules: @pytest.mark.secure_cookies(ignore_rules=[{listed}])"
    )


def scrubbed_sources(lines: tuple[JudgedLine, ...]) -> dict[str | None, str | None]:
    """Each source (request) of the test with the values of all its lines scrubbed.

    A line's own value is scrubbed wherever it is shown; but a URL can carry the value of
    another cookie, e.g. ``GET /magic?token=...`` setting ``session`` to the token beside a
    ``csrftoken``, whose report would show the session value.  Only computed for a report.
    """
    raws = list(dict.fromkeys(line.cookie.raw for line in lines))
    sources = dict.fromkeys(line.source for line in lines)
    return {source: source and scrub_all(source, raws) for source in sources}


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


@dataclass
class Tally:
    """Counts and evidence accumulated over the tests a process recorded."""

    tests: int = 0
    responses: int = 0
    cookies: int = 0
    auth_like: int = 0
    insecure: int = 0
    offenders: list[JSONDict] = field(default_factory=list)  # for the -v listing
    entries: list[JSONDict] = field(default_factory=list)  # for the JSON report
    unjudged: dict[str, None] = field(default_factory=dict)  # names of the cookies not judged

    def add(self, test_id: str, verdict: Verdict, responses: int, *, entries: bool) -> None:
        """Count one test; keep its JSON entries only when a report file was asked for."""
        self.tests += 1
        self.responses += responses
        lines = verdict.lines
        self.cookies += len(lines)
        insecure = 0
        for line in lines:  # JudgedLine.enforced and .insecure, inlined: one pass
            if line.classification.kind in ENFORCED_KINDS:
                self.auth_like += 1
                insecure += bool(line.findings)
            elif len(self.unjudged) < _NAMES_KEPT:
                self.unjudged[line.cookie.name] = None
        self.insecure += insecure
        if not (insecure or entries):
            return
        sources = scrubbed_sources(lines)
        if insecure:
            self.offenders.extend(offender_entry(test_id, o, sources) for o in verdict.offenders)
        if entries:
            self.entries.extend(cookie_entry(test_id, line, sources) for line in lines)

    def to_data(self) -> JSONDict:
        """Everything, as plain data (what an xdist worker sends to the controller)."""
        return {"summary": self.summary(), **self._lists(), "unjudged": list(self.unjudged)}

    def merge(self, data: JSONDict) -> None:
        """Add what another process (an xdist worker) counted."""
        for name, count in data["summary"].items():
            setattr(self, name, getattr(self, name) + count)
        for name, items in self._lists().items():
            items.extend(data[name])
        for cookie_name in data["unjudged"][: max(0, _NAMES_KEPT - len(self.unjudged))]:
            self.unjudged[cookie_name] = None

    @property
    def judged_nothing(self) -> bool:
        """Cookies were set, and none of them was auth-like (or CSRF): nothing was judged."""
        return self.cookies > 0 and self.auth_like == 0

    def summary(self) -> dict[str, int]:
        return {
            "tests": self.tests,
            "responses": self.responses,
            "cookies": self.cookies,
            "auth_like": self.auth_like,
            "insecure": self.insecure,
        }

    def summary_line(self) -> str:
        return (
            f"secure cookies: {self.responses} responses, {self.cookies} cookies, "
            f"{self.auth_like} auth-like, {self.insecure} insecure"
        )

    def listing(self) -> list[str]:
        """One line per offending cookie per test, for ``-v``."""
        return [_listing_line(entry) for entry in self.offenders]

    def report(self, scope: str = "auth") -> JSONDict:
        """The ``--secure-cookies-report`` document (``report.schema.json`` describes it);
        ``scope``: the session policy's."""
        from .catalog import rule_catalog

        return {"version": REPORT_VERSION, "scope": scope, "summary": self.summary(),
                **self._lists(), "rules": rule_catalog()}  # fmt: skip

    def _lists(self) -> dict[str, list[JSONDict]]:
        return {"offenders": self.offenders, "cookies": self.entries}


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
    test_id: str, line: JudgedLine, sources: dict[str | None, str | None] | None = None
) -> JSONDict:
    """One Set-Cookie line as the JSON report shows it: attributes, never the value."""
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
    return cast("JSONDict", scrub_data(entry, line.cookie.raw))


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
