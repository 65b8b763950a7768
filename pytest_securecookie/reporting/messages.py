"""InsecureCookieError and every sentence the plugin says about a cookie.

This is the module where a cookie becomes words (pytest's assertion explanations aside, in
``comparisons``), so it is where redaction has to be right: a Set-Cookie line is shown only
through :func:`redact_line`, and every message is scrubbed once more of the value before it
leaves.  Control characters are escaped so a
cookie can never forge terminal output (ANSI sequences, fake lines, bidi overrides).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..judging.policy import Finding
from ..parsing.redaction import (
    escape_controls,
    redact_line,
    scrub,
    scrub_forms,
)
from .sources import short_request
from .words import counted


@dataclass(frozen=True, repr=False)
class InsecureCookie:
    """One offending cookie, as a report shows it.

    ``raw`` is the Set-Cookie line as received: it holds the value, so it is only ever shown
    through :func:`redact_line`, and the ``repr`` leaves it out.  ``times_seen`` and
    ``source`` (of the first time it was seen, e.g. ``"GET http://localhost/login (flask)"``)
    let an end-of-test report fold repeats of one cookie into a single entry.
    """

    name: str
    raw: str
    findings: tuple[Finding, ...]
    source: str | None = None
    times_seen: int = 1
    verdict: str = "is insecure"

    def __repr__(self) -> str:
        rules = ", ".join(f.rule for f in self.findings)
        return f"InsecureCookie(name={self.name!r}, findings=[{rules}], source={self.source!r})"


def _headline(entry: InsecureCookie) -> str:
    """``cookie 'session' set by GET http://localhost/ (flask) is insecure: 2 problems``."""
    subject = f"cookie '{entry.name}'" if entry.name else "cookie without a name"
    if entry.times_seen > 1:
        subject += f" set {entry.times_seen} times"
        subject += f", first by {entry.source}," if entry.source else ""
    elif entry.source:
        subject += f" set by {entry.source}"
    return f"{subject} {entry.verdict}: {counted(len(entry.findings), 'problem')}"


def _finding_lines(finding: Finding) -> list[str]:
    """``SC001 missing Secure: <why>`` then ``  fix: <fix>``; multi-line text stays indented."""
    lines = f"{finding.rule} {finding.problem}: {finding.why}".splitlines() or [""]
    lines[1:] = [f"  {line}" for line in lines[1:]]
    fix = finding.fix.splitlines() or [""]
    lines.append(f"  fix: {fix[0]}")
    lines.extend(f"       {line}" for line in fix[1:])
    return lines


def describe(entry: InsecureCookie) -> list[str]:
    """The lines that describe one offending cookie: headline, evidence, findings with fixes.

    Every line is scrubbed of the value and has its control characters escaped.
    """
    lines = [_headline(entry), f"  Set-Cookie: {redact_line(entry.raw)}"]
    for finding in entry.findings:
        lines.extend(f"  {line}" for line in _finding_lines(finding))
    return [escape_controls(_scrub_keeping(line, entry.raw, entry.name)) for line in lines]


def _scrub_keeping(text: str, raw: str, name: str) -> str:
    """``scrub``, but a value that is part of the cookie's name (``sessionid=session``) does
    not blank the name, which every message shows anyway."""
    if not name or not any(secret in name for secret in scrub_forms(raw)):
        return scrub(text, raw)
    return name.join(scrub(piece, raw) for piece in text.split(name))


def one_line_summary(entries: Sequence[InsecureCookie]) -> str:
    """The first line of a report, all pytest's short summary shows: every cookie with its
    rules, by the request that set it (``insecure cookie 'session' (SC001, SC003) set by
    POST /login``)."""
    by_request: dict[str | None, list[str]] = {}
    for entry in entries:
        rules = ", ".join(dict.fromkeys(finding.rule for finding in entry.findings))
        cookie = _scrub_keeping(f"'{entry.name}' ({rules})", entry.raw, entry.name)
        by_request.setdefault(short_request(entry.source), []).append(cookie)
    parts = [", ".join(cookies) + (f" set by {request}" if request else "")
             for request, cookies in by_request.items()]  # fmt: skip
    noun = "insecure cookie" if len(entries) == 1 else "insecure cookies"
    return escape_controls(f"{noun} {'; '.join(parts)}")


def format_insecure_cookie(entry: InsecureCookie) -> str:
    """The message for one offending cookie (what :class:`InsecureCookieError` says)."""
    return "\n".join(describe(entry))


def format_insecure_cookies(
    entries: Sequence[InsecureCookie], *, headline: str | None = None
) -> str:
    """One report for many offending cookies: a headline, then one block per cookie.

    Public within the package: the end-of-test enforcement report uses it too, with one
    entry per offending cookie (``times_seen`` and the ``source`` of the first sighting).
    The default headline is ``"2 insecure cookies:"``; blocks are separated by blank lines.
    """
    if headline is None:
        headline = f"{counted(len(entries), 'insecure cookie')}:"
    blocks = ["\n".join(describe(entry)) for entry in entries]
    return "\n\n".join([escape_controls(headline), *blocks])


def names_listing(names: Sequence[str], reasons: Sequence[str] | None = None) -> str:
    """``it sets: 'a', 'b'`` (names only, never values), or one ``- 'a': reason`` line each."""
    if not names:
        return "it sets no cookies at all"
    if reasons is None:
        return escape_controls("it sets: " + ", ".join(f"'{name}'" for name in names))
    items = [escape_controls(f"'{name}': {why}") for name, why in zip(names, reasons, strict=True)]
    return "it sets:" + "".join(f"\n  - {item}" for item in items)


class InsecureCookieError(AssertionError):
    """A cookie failed ``assert_secure_cookie`` / ``assert_cookie_deleted``.

    ``.findings`` lists what was wrong (each with a stable rule id, never the value);
    ``.cookie_name`` is the cookie judged, or None when several different cookies failed.
    """

    __module__ = "pytest_securecookie"  # tracebacks read pytest_securecookie.InsecureCookieError

    def __init__(
        self, message: str, findings: Iterable[Finding] = (), cookie_name: str | None = None
    ) -> None:
        super().__init__(message)
        self.findings: tuple[Finding, ...] = tuple(findings)
        self.cookie_name = cookie_name

    def __reduce__(self) -> tuple[type[InsecureCookieError], tuple[object, ...]]:
        # Keep findings and name across pickling (e.g. between pytest-xdist processes).
        return (type(self), (str(self), self.findings, self.cookie_name))
