"""assert_secure_cookie and assert_cookie_deleted: read, parse, judge, report.

No pytest import: failures are :class:`InsecureCookieError` (an ``AssertionError``), raised
from frames marked ``__tracebackhide__`` whose locals have value-free reprs, so pytest shows
the message and not this module's machinery, even under ``--showlocals``.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol, overload

from .judging.arguments import DEFAULT_SAMESITE, SameSiteArg, check_name, effective_policy
from .judging.deletion import default_path
from .judging.policy import (
    Classification,
    CookiePolicy,
    Finding,
    check_cookie,
    check_deletion,
)
from .parsing.origin import Line, Origin, lines_of, origin_of
from .parsing.parser import SetCookie, ignore_reason
from .parsing.redaction import escape_controls, looks_joined, redact_line, scrub
from .reporting.messages import (
    InsecureCookie,
    InsecureCookieError,
    format_insecure_cookie,
    format_insecure_cookies,
    names_listing,
)


class AssertSecureCookie(Protocol):
    """The type of the ``assert_secure_cookie`` fixture (the helper with the ini policy)."""

    @overload
    def __call__(
        self, response: object, name: str, *, secure: bool = ..., httponly: bool = ...,
        samesite: SameSiteArg = ..., policy: CookiePolicy | None = ...,
    ) -> SetCookie: ...

    @overload
    def __call__(
        self, response: object, name: None = ..., *, secure: bool = ..., httponly: bool = ...,
        samesite: SameSiteArg = ..., policy: CookiePolicy | None = ...,
    ) -> list[SetCookie]: ...


# -- judging ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    """The outcome of a judgement: the cookies that passed, or the error to raise."""

    cookies: list[SetCookie]
    error: InsecureCookieError | None = None

    @classmethod
    def fail(cls, message: str, findings: Sequence[Finding], name: str | None) -> Verdict:
        return cls([], InsecureCookieError(message, findings, name))


def _sets(lines: list[Line], judged: tuple[CookiePolicy, Origin] | None = None) -> str:
    """Which cookies the response does set: names only, with classifications if asked."""
    unique = {line.name: line for line in lines}
    if judged is None:
        return names_listing(list(unique))
    reasons = [_listed_reason(line, *judged) for line in unique.values()]
    return names_listing(list(unique), reasons)


def _did_you_mean(name: str, lines: list[Line]) -> str:
    """``; did you mean 'session_id'?`` for a near miss (case or spelling), else ""."""
    names = list(dict.fromkeys(line.name for line in lines))
    same_but_case = [other for other in names if other.lower() == name.lower()]
    close = same_but_case or difflib.get_close_matches(name, names, n=1, cutoff=0.7)
    return escape_controls(f"; did you mean '{close[0]}'?") if close else ""


def _listed_reason(line: Line, policy: CookiePolicy, origin: Origin) -> str:
    reason = scrub(_classify(policy, line).reason, line.raw)
    return f"{reason} (a deletion: not checked)" if _is_deletion(line, origin) else reason


def _classify(policy: CookiePolicy, line: Line) -> Classification:
    stand_in = line.cookie or SetCookie(line.name, "", raw=line.raw)
    return policy.classify(stand_in, line.source)


def _ignored_line_finding(line: Line) -> Finding:
    """SC011 for a line browsers ignore whole (too large, control characters, empty)."""
    reason = ignore_reason(line.raw) or "cannot be parsed"
    if "octets" in reason:
        fix = "keep name and value under 4096 octets: store the data server-side, " \
              "and put only a session id in the cookie"
    else:
        fix = "send a valid Set-Cookie line: encode the value (e.g. base64url) so it " \
              "holds no control characters, and give the cookie a name"
    return Finding(
        "SC011", line.name, "browsers ignore this Set-Cookie line",
        f"{reason}; browsers drop the whole line, so the cookie is never set", fix,
    )


def _deletion_findings(line: Line, origin: Origin) -> list[Finding]:
    """Why browsers would refuse a deletion line (SC014: prefix rules and the like)."""
    if line.cookie is None:
        return [_ignored_line_finding(line)]
    return check_deletion(line.cookie, framework=origin.framework, url=origin.url, now=_now(origin))


def _now(origin: Origin) -> datetime:
    return origin.now if origin.now is not None else datetime.now(timezone.utc)


def _is_deletion(line: Line, origin: Origin) -> bool:
    return line.cookie is not None and line.cookie.is_deletion_at(_now(origin))


def _by_name(policy: CookiePolicy, line: Line) -> Classification:
    """The caller asked for exactly this cookie: judged as auth-like (or CSRF if it is one),
    whatever the policy's name lists say."""
    classification = _classify(policy, line)
    if classification.kind in ("auth", "csrf"):
        return classification
    return Classification("auth", "checked by name")


def _findings(
    line: Line, classification: Classification, policy: CookiePolicy, origin: Origin
) -> list[Finding]:
    """What is wrong with one line, judged as ``classification`` says."""
    if line.cookie is None:
        ignored = "SC011" in policy.ignore_rules
        return [] if ignored else [_ignored_line_finding(line)]
    return check_cookie(
        line.cookie, policy, framework=origin.framework, url=origin.url, now=origin.now,
        classification=classification, source=line.source,
    )


def _entry(line: Line, findings: list[Finding], verdict: str = "is insecure") -> InsecureCookie:
    return InsecureCookie(line.name, line.raw, tuple(findings), line.source, verdict=verdict)


def _failure(entries: list[InsecureCookie], headline: str) -> Verdict:
    findings = [f for entry in entries for f in entry.findings]
    names = {entry.name for entry in entries}
    name = names.pop() if len(names) == 1 else None
    if len(entries) == 1:
        return Verdict.fail(format_insecure_cookie(entries[0]), findings, name)
    return Verdict.fail(format_insecure_cookies(entries, headline=headline), findings, name)


def _judge(
    judged: list[tuple[Line, Classification]], policy: CookiePolicy, origin: Origin,
    headline: str | None,
) -> Verdict:
    """Judge every line; ``headline`` heads a report of several (None: count them)."""
    entries = []
    for line, classification in judged:
        findings = _findings(line, classification, policy, origin)
        if findings:
            entries.append(_entry(line, findings))
    if entries:
        count = f"response sets {len(entries)} insecure auth-like or CSRF cookies:"
        return _failure(entries, headline or count)
    return Verdict([line.cookie for line, _ in judged if line.cookie is not None])


def _judge_named(lines: list[Line], name: str, policy: CookiePolicy, origin: Origin) -> Verdict:
    mine = [line for line in lines if line.name == name]
    if not mine:
        return Verdict.fail(
            f"response sets no cookie '{name}'; {_sets(lines)}{_did_you_mean(name, lines)}",
            (), name)
    live = [line for line in mine if not _is_deletion(line, origin)]
    if not live:
        return Verdict.fail(
            f"response deletes cookie '{name}' instead of setting it:\n"
            f"  Set-Cookie: {redact_line(mine[-1].raw)}\n  to check a logout, use "
            f"assert_cookie_deleted(response, {name!r})", (), name)
    headline = f"cookie '{name}' is set {len(live)} times and is insecure:"
    return _judge([(line, _by_name(policy, line)) for line in live], policy, origin, headline)


def _judge_all(lines: list[Line], policy: CookiePolicy, origin: Origin) -> Verdict:
    checked = []
    for line in lines:
        classification = _classify(policy, line)
        if classification.kind in ("auth", "csrf") and not _is_deletion(line, origin):
            checked.append((line, classification))
    if not checked:
        return Verdict.fail(
            f"response sets no auth-like or CSRF cookie to check; "
            f"{_sets(lines, (policy, origin))}\n  to check one anyway, pass its name: "
            f"assert_secure_cookie(response, '<name>')", (), None)
    return _judge(checked, policy, origin, None)


# -- the helpers ------------------------------------------------------------------------


def _given_lines(response: object, origin: Origin) -> list[Line]:
    """The response's lines; text handed in by the user must not be several lines joined
    with ", " (what ``headers["Set-Cookie"]`` gives with requests and httpx): only the
    first cookie would be judged, and the others would pass unseen."""
    __tracebackhide__ = True
    lines = lines_of(response, origin)
    if isinstance(response, (str, bytes, list, tuple)):
        for line in lines:
            if looks_joined(line.raw):
                raise ValueError(
                    f"this looks like several Set-Cookie lines joined with ', ': "
                    f"{redact_line(line.raw)}\n  pass the response itself (or "
                    "set_cookie_headers(response)) so each line is judged"
                )
    return lines


@overload
def assert_secure_cookie(
    response: object, name: str, *, secure: bool = True, httponly: bool = True,
    samesite: SameSiteArg = DEFAULT_SAMESITE, policy: CookiePolicy | None = None,
) -> SetCookie: ...


@overload
def assert_secure_cookie(
    response: object, name: None = None, *, secure: bool = True, httponly: bool = True,
    samesite: SameSiteArg = DEFAULT_SAMESITE, policy: CookiePolicy | None = None,
) -> list[SetCookie]: ...


def assert_secure_cookie(
    response: object,
    name: str | None = None,
    *,
    secure: bool = True,
    httponly: bool = True,
    samesite: SameSiteArg = DEFAULT_SAMESITE,
    policy: CookiePolicy | None = None,
) -> SetCookie | list[SetCookie]:
    """Fail unless ``response`` sets its auth-like cookies (or cookie ``name``) securely.

    With ``name``: the response must set that cookie, every line setting it must meet
    every requirement, and the (last) ``SetCookie`` is returned.  Without: every auth-like
    and CSRF cookie it sets is checked (CSRF cookies need no HttpOnly unless the policy says
    so), at least one must be set (deletions do not count), and the list is returned.
    ``secure=False``, ``httponly=False`` and ``samesite=None`` waive a requirement;
    ``samesite="Strict"`` requires exactly Strict.  A keyword left at its default defers to
    ``policy`` (the fixture passes the ini options' policy).  Raises ``InsecureCookieError``.
    """
    __tracebackhide__ = True
    checked_name = None if name is None else check_name(name)
    effective = effective_policy(policy, secure, httponly, samesite)
    origin = origin_of(response)
    lines = _given_lines(response, origin)
    if checked_name is None:
        verdict = _judge_all(lines, effective, origin)
    else:
        verdict = _judge_named(lines, checked_name, effective, origin)
    if verdict.error is not None:
        raise verdict.error
    return verdict.cookies[-1] if checked_name is not None else verdict.cookies


def _judge_deleted(lines: list[Line], name: str, origin: Origin) -> Verdict:
    mine = [line for line in lines if line.name == name]
    if not mine:
        return Verdict.fail(
            f"response does not delete cookie '{name}': it sets no cookie of that name; "
            f"{_sets(lines)}{_did_you_mean(name, lines)}", (), name)
    deletions = [line for line in mine if _is_deletion(line, origin)]
    if not deletions:
        shown = "\n".join(f"  Set-Cookie: {redact_line(line.raw)}" for line in mine)
        return Verdict.fail(
            f"response sets cookie '{name}' but does not delete it:\n{shown}\n"
            "  a deletion needs Max-Age=0 or an Expires date in the past "
            "(Expires is compared with the response's Date header when it has one)", (), name)
    entries = []
    for line in deletions:
        refused = _deletion_findings(line, origin)
        if not refused:
            again = _set_again(line, mine, origin)
            if again is None:
                return Verdict([line.cookie] if line.cookie else [])
            return Verdict.fail(
                f"response deletes cookie '{name}' and then sets it again:\n"
                f"  Set-Cookie: {redact_line(line.raw)}\n  Set-Cookie: {redact_line(again.raw)}\n"
                "  browsers apply the lines in order, so they keep the cookie", (), name)
        entries.append(_entry(line, refused, "is a deletion browsers will not honour"))
    return _failure(entries, f"no deletion of cookie '{name}' is honoured by browsers:")


def _set_again(deletion: Line, mine: list[Line], origin: Origin) -> Line | None:
    """A later line of the same response that stores the deleted cookie again (same Domain
    and Path), as when a framework saves the session after the view deleted its cookie.
    A cookie set again on a later redirect hop is a new one (a fresh anonymous session)."""
    position = next(i for i, line in enumerate(mine) if line is deletion)
    key = _storage_key(deletion, origin)
    return next((line for line in mine[position + 1:] if line.source == deletion.source
                 and not _is_deletion(line, origin) and _storage_key(line, origin) == key), None)


def _storage_key(line: Line, origin: Origin) -> tuple[str | None, str | None] | None:
    """(Domain, path) that, with the name and the request, identify the stored cookie; a
    missing Path is the default-path of the response's URL when the line is its own."""
    cookie = line.cookie
    if cookie is None:
        return None
    path = cookie.path
    if path is None and origin.url and line.source == origin.source:
        path = default_path(origin.url)
    return cookie.domain, path


def assert_cookie_deleted(response: object, name: str) -> None:
    """Fail unless ``response`` deletes cookie ``name`` in a way browsers honour.

    A deletion is ``Max-Age`` <= 0 or an ``Expires`` before the response's ``Date``; a
    prefixed cookie's deletion still needs ``Secure``, and a ``__Host-`` one ``Path=/`` and
    no ``Domain``, or browsers refuse it and the user stays logged in.
    Raises ``InsecureCookieError``.
    """
    __tracebackhide__ = True
    checked_name = check_name(name)
    origin = origin_of(response)
    verdict = _judge_deleted(_given_lines(response, origin), checked_name, origin)
    if verdict.error is not None:
        raise verdict.error

