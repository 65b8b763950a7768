"""assert_secure_cookie and assert_cookie_deleted: read, parse, judge, report.

No pytest import: failures are :class:`InsecureCookieError` (an ``AssertionError``), raised
from frames marked ``__tracebackhide__`` whose locals have value-free reprs, so pytest shows
the message and not this module's machinery, even under ``--showlocals``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol, overload

from .judging.arguments import DEFAULT_SAMESITE, SameSiteArg, check_name, effective_policy
from .judging.lines import Clock, JudgedLine, Received, cookie_key, judge_line, refused_deletion
from .judging.policy import CookiePolicy, Finding
from .parsing.appnames import response_names
from .parsing.misuse import misuse, raised_here
from .parsing.origin import Line, Origin, lines_of, origin_of
from .parsing.parser import SetCookie
from .parsing.readers import read_again
from .parsing.redaction import escape_controls, looks_joined, redact_line, scrub
from .reporting.catalog import docs_line
from .reporting.messages import (
    InsecureCookie,
    InsecureCookieError,
    format_insecure_cookie,
    format_insecure_cookies,
    names_listing,
)
from .set_before import ASSUMED, SetBefore, set_before


class AssertSecureCookie(Protocol):
    """The type of the ``assert_secure_cookie`` fixture (the helper with the ini policy)."""

    @overload
    def __call__(
        self, response: object, name: str, *, secure: bool = ..., httponly: bool = ...,
        samesite: SameSiteArg = ..., policy: CookiePolicy | None = ...,
        profile: str | None = ...,
    ) -> SetCookie: ...

    @overload
    def __call__(
        self, response: object, name: None = ..., *, secure: bool = ..., httponly: bool = ...,
        samesite: SameSiteArg = ..., policy: CookiePolicy | None = ...,
        profile: str | None = ...,
    ) -> list[SetCookie]: ...


class AssertCookieDeleted(Protocol):
    """The type of the ``assert_cookie_deleted`` fixture."""

    def __call__(self, response: object, name: str, *, set_with: object = ...) -> None: ...


# -- judging ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Outcome:
    """What an assertion comes to: the cookies that passed, or the error to raise."""

    cookies: list[SetCookie]
    error: InsecureCookieError | None = None

    @classmethod
    def fail(cls, message: str, findings: Sequence[Finding], name: str | None) -> _Outcome:
        """The error; a message about findings ends with their rules' docs link."""
        docs = docs_line(finding.rule for finding in findings)
        message += f"\n{docs}" if docs else ""
        return cls([], InsecureCookieError(message, findings, name))


def _response(origin: Origin) -> Received:
    """Where the response came from, and its one moment: its Date, else the clock (read once,
    shared by its lines)."""
    return Received(origin.source, origin.framework, origin.url, origin.now, Clock())


def _received(line: Line, response: Received) -> Received:
    return response._replace(source=line.source)  # a redirect hop's line has its own source


def _judged(
    lines: list[Line], policy: CookiePolicy, response: Received, *, by_name: bool = False
) -> list[JudgedLine]:
    """Every line through the pipeline enforcement uses (``judging.lines``)."""
    return [judge_line(line.raw, line.cookie, policy, _received(line, response), by_name=by_name)
            for line in lines]


def _deletes(line: Line, response: Received) -> SetCookie | None:
    """The line's cookie when the line deletes it at the response's moment, else None."""
    cookie = line.cookie
    return cookie if cookie is not None and cookie.is_deletion_at(response.moment) else None


def _names(names: Sequence[str]) -> str:
    """Which cookies the response does set: names only."""
    return names_listing(list(dict.fromkeys(names)))


def _listing(judged: list[JudgedLine]) -> str:
    """Which cookies the response does set, each with its classification."""
    last = {line.cookie.name: line for line in judged}
    return names_listing(list(last), [_listed_reason(line) for line in last.values()])


def _listed_reason(line: JudgedLine) -> str:
    reason = scrub(line.classification.reason, line.cookie.raw)
    return f"{reason} (a deletion: not checked)" if line.deletion else reason


def _did_you_mean(name: str, lines: list[Line]) -> str:
    """``; did you mean 'session_id'?`` for a near miss (case or spelling), else ""."""
    names = list(dict.fromkeys(line.name for line in lines))
    same_but_case = [other for other in names if other.lower() == name.lower()]
    close = same_but_case or difflib.get_close_matches(name, names, n=1, cutoff=0.7)
    return escape_controls(f"; did you mean '{close[0]}'?") if close else ""


def _entry(
    cookie: SetCookie, source: str | None, findings: Sequence[Finding], verdict: str
) -> InsecureCookie:
    return InsecureCookie(cookie.name, cookie.raw, tuple(findings), source, verdict=verdict)


def _failure(entries: list[InsecureCookie], headline: str, note: str | None = None) -> _Outcome:
    """The report of the entries (``headline`` heads several), and ``note`` after it."""
    findings = [f for entry in entries for f in entry.findings]
    names = {entry.name for entry in entries}
    name = names.pop() if len(names) == 1 else None
    if len(entries) == 1:
        message = format_insecure_cookie(entries[0])
    else:
        message = format_insecure_cookies(entries, headline=headline)
    return _Outcome.fail(message + (f"\n{note}" if note else ""), findings, name)


def _judge(judged: list[JudgedLine], headline: str | None) -> _Outcome:
    """The outcome of the judged lines; ``headline`` heads a report of several (None: count)."""
    entries = [_entry(line.cookie, line.source, line.findings, "is insecure")
               for line in judged if line.findings]
    if entries:
        count = f"response sets {len(entries)} insecure auth-like or CSRF cookies:"
        return _failure(entries, headline or count)
    return _Outcome([line.cookie for line in judged if line.dropped is None])


def _judge_named(
    lines: list[Line], name: str, policy: CookiePolicy, response: Received
) -> _Outcome:
    mine = [line for line in lines if line.name == name]
    if not mine:
        return _Outcome.fail(
            f"response sets no cookie '{name}'; {_names([line.name for line in lines])}"
            f"{_did_you_mean(name, lines)}", (), name)
    live = [line for line in _judged(mine, policy, response, by_name=True) if not line.deletion]
    if not live:
        return _Outcome.fail(
            f"response deletes cookie '{name}' instead of setting it:\n"
            f"  Set-Cookie: {redact_line(mine[-1].raw)}\n  to check a logout, use "
            f"assert_cookie_deleted(response, {name!r})", (), name)
    return _judge(live, f"cookie '{name}' is set {len(live)} times and is insecure:")


def _judge_all(lines: list[Line], policy: CookiePolicy, response: Received) -> _Outcome:
    judged = _judged(lines, policy, response)
    checked = [line for line in judged if line.enforced and not line.deletion]
    if not checked:
        return _Outcome.fail(
            f"response sets no auth-like or CSRF cookie to check; {_listing(judged)}\n"
            "  to check one anyway, pass its name: assert_secure_cookie(response, '<name>')",
            (), None)
    return _judge(checked, None)


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
                raise misuse(ValueError(
                    f"this looks like several Set-Cookie lines joined with ', ': "
                    f"{redact_line(line.raw)}\n  pass the response itself (or "
                    "set_cookie_headers(response)) so each line is judged"
                ))
    return lines


@overload
def assert_secure_cookie(
    response: object, name: str, *, secure: bool = True, httponly: bool = True,
    samesite: SameSiteArg = DEFAULT_SAMESITE, policy: CookiePolicy | None = None,
    profile: str | None = None,
) -> SetCookie: ...


@overload
def assert_secure_cookie(
    response: object, name: None = None, *, secure: bool = True, httponly: bool = True,
    samesite: SameSiteArg = DEFAULT_SAMESITE, policy: CookiePolicy | None = None,
    profile: str | None = None,
) -> list[SetCookie]: ...


@raised_here
def assert_secure_cookie(
    response: object,
    name: str | None = None,
    *,
    secure: bool = True,
    httponly: bool = True,
    samesite: SameSiteArg = DEFAULT_SAMESITE,
    policy: CookiePolicy | None = None,
    profile: str | None = None,
) -> SetCookie | list[SetCookie]:
    """Fail unless ``response`` sets its auth-like cookies (or cookie ``name``) securely.

    With ``name``: the response must set that cookie, every line setting it must meet
    every requirement, and the (last) ``SetCookie`` is returned.  Without: every auth-like
    and CSRF cookie it sets is checked (CSRF cookies need no HttpOnly unless the policy says
    so), at least one must be set (deletions do not count), and the list is returned.
    ``secure=False``, ``httponly=False`` and ``samesite=None`` waive a requirement;
    ``samesite="Strict"`` requires exactly Strict.  A keyword left at its default defers to
    ``policy`` (the fixture passes the ini options' policy).  ``profile`` ("asvs-l1",
    "asvs-l2", "asvs-l3" or "default") replaces the policy's OWASP ASVS profile, a floor
    under the other keywords.  Raises ``InsecureCookieError``.
    """
    __tracebackhide__ = True
    checked_name = None if name is None else check_name(name)
    response = read_again(response)  # read below for its origin, then for its lines
    origin = origin_of(response)
    effective = effective_policy(policy, secure, httponly, samesite, profile).with_app_names(
        response_names(response, origin.framework)  # the app's own cookie names
    )
    lines = _given_lines(response, origin)
    if checked_name is None:
        outcome = _judge_all(lines, effective, _response(origin))
    else:
        outcome = _judge_named(lines, checked_name, effective, _response(origin))
    if outcome.error is not None:
        raise outcome.error
    return outcome.cookies[-1] if checked_name is not None else outcome.cookies


def _judge_deleted(
    lines: list[Line], name: str, response: Received, before: Callable[[], SetBefore]
) -> _Outcome:
    mine = [line for line in lines if line.name == name]
    if not mine:
        return _Outcome.fail(
            f"response does not delete cookie '{name}': it sets no cookie of that name; "
            f"{_names([line.name for line in lines])}{_did_you_mean(name, lines)}", (), name)
    deletions = [(line, cookie) for line in mine
                 if (cookie := _deletes(line, response)) is not None]
    if not deletions:
        shown = "\n".join(f"  Set-Cookie: {redact_line(line.raw)}" for line in mine)
        return _Outcome.fail(
            f"response sets cookie '{name}' but does not delete it:\n{shown}\n"
            "  a deletion needs Max-Age=0 or an Expires date in the past "
            "(Expires is compared with the response's Date header when it has one)", (), name)
    entries, set_as = [], before()
    for line, cookie in deletions:
        received = _received(line, response)
        original = set_as.target(cookie_key(cookie, received.url))
        refused = refused_deletion(cookie, received, original)
        if not refused:
            again = _set_again(line, mine, response)
            if again is None:
                return _Outcome([cookie])
            return _Outcome.fail(
                f"response deletes cookie '{name}' and then sets it again:\n"
                f"  Set-Cookie: {redact_line(line.raw)}\n  Set-Cookie: {redact_line(again.raw)}\n"
                "  browsers apply the lines in order, so they keep the cookie", (), name)
        entries.append(
            _entry(cookie, line.source, refused, "is a deletion browsers will not honour"))
    headline = f"no deletion of cookie '{name}' is honoured by browsers:"
    return _failure(entries, headline, _assumed(entries, name) if set_as.assumed else None)


def _assumed(entries: list[InsecureCookie], name: str) -> str | None:
    """That the cookie the deletions were compared with is the framework default, when a
    finding compares with it."""
    if not any("but was set with" in f.problem for entry in entries for f in entry.findings):
        return None
    return ASSUMED.format(name=name)


def _set_again(deletion: Line, mine: list[Line], response: Received) -> Line | None:
    """A later line of the same response that stores the deleted cookie again (the same
    ``cookie_key``), as when a framework saves the session after the view deleted its cookie.
    A cookie set again on a later redirect hop is a new one (a fresh anonymous session)."""
    position = next(i for i, line in enumerate(mine) if line is deletion)
    key = _key(deletion, response)
    return next((line for line in mine[position + 1:] if line.source == deletion.source
                 and not _deletes(line, response) and _key(line, response) == key), None)


def _key(line: Line, response: Received) -> object:
    return None if line.cookie is None else cookie_key(line.cookie, response.url)


@raised_here
def assert_cookie_deleted(response: object, name: str, *, set_with: object = None) -> None:
    """Fail unless ``response`` deletes cookie ``name`` in a way browsers honour.

    A deletion is ``Max-Age`` <= 0 or an ``Expires`` before the response's ``Date``; a
    prefixed cookie's deletion still needs ``Secure``, and a ``__Host-`` one ``Path=/`` and
    no ``Domain``, or browsers refuse it and the user stays logged in.  It must also carry
    the ``Path`` and ``Domain`` the cookie was set with (a browser deletes only that cookie):
    as ``set_with`` sets it (the login response, or a ``SetCookie``), else as the earlier
    responses an active recorder saw from the same kind of client set it (the
    ``cookie_recorder`` fixture, ``--secure-cookies``, the ``secure_cookies`` marker, a
    ``CookieRecorder``), else as frameworks set a session cookie by default: ``Path=/`` and
    no ``Domain`` (a failure then says it assumed so).  Raises ``InsecureCookieError``.
    """
    __tracebackhide__ = True
    checked_name = check_name(name)
    response = read_again(response)  # read below for its origin, then for its lines
    origin = origin_of(response)
    lines = _given_lines(response, origin)
    before = partial(set_before, checked_name, lines, origin, set_with)  # read if it deletes
    outcome = _judge_deleted(lines, checked_name, _response(origin), before)
    if outcome.error is not None:
        raise outcome.error

