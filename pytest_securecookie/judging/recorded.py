"""Judge the Set-Cookie lines one test received, once, when the test ends.

Pure: no pytest, no HTTP client, no I/O.  Recording only stores raw lines, so the cost of
parsing, classifying and checking is paid here, once per test, never per response.

A test is a small browser session: a cookie set at login and set again later is the same cookie
(name, path and domain identify it, RFC 6265bis §5.7 step 23), so it is reported once with how
often it was seen; a deletion only removes the cookie whose name, path and domain it repeats,
so a logout that gets the Path or Domain wrong leaves the session in the browser (SC014).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from functools import lru_cache
from typing import NamedTuple, Protocol, cast
from urllib.parse import urlsplit

from ..parsing.parser import SetCookie, ignore_reason, parse_set_cookie
from ..parsing.redaction import line_name
from . import shapes as _shapes
from .deletion import default_path_of as default_path
from .policy import Classification, CookiePolicy, Finding, check_cookie, check_deletion
from .shapes import credential_shape

# The kinds a test is failed for: session-like cookies and CSRF tokens (whose HttpOnly the
# policy waives by default), exactly what assert_secure_cookie checks without a name.
ENFORCED_KINDS = frozenset({"auth", "csrf"})


class Recorded(Protocol):
    """What the recorder keeps of one Set-Cookie line (``_recorder.RecordedLine`` fits)."""

    @property
    def line(self) -> str: ...  # raw: contains the value, never shown
    @property
    def source(self) -> str: ...
    @property
    def framework(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def date(self) -> datetime | None: ...


# The records below are NamedTuples and a slotted class rather than dataclasses: one of each
# is made per recorded line of every enforced test, and they load with the plugin's first
# recorded test (a frozen dataclass costs several times more to create and to define).


class CookieKey(NamedTuple):
    """What makes two Set-Cookie lines the same cookie in a browser's store."""

    name: str
    path: str
    domain: str  # the Domain attribute, or "host-only <host>" when there is none

    def __str__(self) -> str:
        return f"{self.name} (path {self.path}, {_domain_words(self.domain)})"


class JudgedLine(NamedTuple):
    """One recorded Set-Cookie line: parsed, classified, checked."""

    cookie: SetCookie
    source: str
    key: CookieKey
    classification: Classification
    findings: tuple[Finding, ...]
    deletion: bool
    # Why browsers ignore the whole line (RFC 6265bis §5.6), or None when they keep it.  A
    # dropped line's ``cookie`` is a stand-in carrying only its name (and the raw line).
    dropped: str | None = None

    @property
    def enforced(self) -> bool:
        return self.classification.kind in ENFORCED_KINDS

    @property
    def insecure(self) -> bool:
        return self.enforced and bool(self.findings)


class Offender(NamedTuple):
    """One insecure cookie of a test, reported once however often the test received it."""

    first: JudgedLine  # its first insecure line, with the request that set it
    seen: int  # Set-Cookie lines for this cookie (name, path, domain) in the test
    insecure: int  # how many of those had findings
    findings: tuple[Finding, ...]  # every distinct finding, in the order first met


class Verdict:
    """Everything one test's cookies amount to."""

    __slots__ = ("_offenders", "lines")

    def __init__(self, lines: tuple[JudgedLine, ...]) -> None:
        self.lines = lines
        self._offenders: tuple[Offender, ...] | None = None

    def __repr__(self) -> str:
        return f"Verdict({len(self.lines)} lines, {len(self.insecure)} insecure)"

    @property
    def insecure(self) -> tuple[JudgedLine, ...]:
        return tuple(line for line in self.lines if line.insecure)

    @property
    def offenders(self) -> tuple[Offender, ...]:
        if self._offenders is None:  # most tests have none: skip the grouping then
            insecure = any(line.insecure for line in self.lines)
            self._offenders = tuple(_offenders(self.lines)) if insecure else ()
        return self._offenders


def judge(
    recorded: Iterable[Recorded],
    policy: CookiePolicy,
    *,
    now: datetime | None = None,
    hook_free: bool = False,
) -> Verdict:
    """Parse, classify and check every recorded line in order, following the cookie's life.

    ``hook_free``: no classify hook is registered, so ``policy.classifier`` answers None for
    every cookie and lines differing only in their value can share one judgement.
    """
    jar: dict[CookieKey, JudgedLine] = {}
    lines: list[JudgedLine] = []
    for rec in recorded:
        cookie = parse_line(rec.line)
        if cookie is None:
            lines.append(_judge_dropped(rec, policy))
            continue
        if now is None and rec.date is None and _needs_moment(cookie):
            now = datetime.now(timezone.utc)  # once, when the first line needs it (few do)
        lines.append(_judge_line(rec, cookie, policy, jar, rec.date or now, hook_free))
    return Verdict(tuple(lines))


def _needs_moment(cookie: SetCookie) -> bool:
    """Whether judging the line reads the moment: an Expires date, or a deletion (Max-Age)."""
    max_age = cookie.max_age
    return cookie.expires is not None or (max_age is not None and max_age <= 0)


@lru_cache(maxsize=2048)
def parse_line(line: str) -> SetCookie | None:
    """``parse_set_cookie``, cached per distinct raw line across the session."""
    return parse_set_cookie(line)


def cookie_key(cookie: SetCookie, url: str | None) -> CookieKey:
    """The cookie's identity as a browser stores it, defaults resolved against the request URL."""
    return _cookie_key(cookie.name, cookie.path, cookie.domain, url)


@lru_cache(maxsize=1024)  # a suite sets the same few cookies from the same few URLs
def _cookie_key(name: str, path: str | None, domain: str | None, url: str | None) -> CookieKey:
    parts = urlsplit(url or "")
    resolved = path if (path or "").startswith("/") else default_path(parts.path)
    return CookieKey(name, resolved or "/", domain or f"host-only {parts.hostname or '?'}")


def _judge_line(
    rec: Recorded,
    cookie: SetCookie,
    policy: CookiePolicy,
    jar: dict[CookieKey, JudgedLine],
    when: datetime | None,  # None only when the line does not read it (``_needs_moment``)
    hook_free: bool,
) -> JudgedLine:
    key = _cookie_key(cookie.name, cookie.path, cookie.domain, rec.url)
    if cookie.expires is None:  # nothing about it depends on the moment: judge it once
        classification, findings = _judged_once(cookie, policy, rec, hook_free)
        max_age = cookie.max_age  # is_deletion_at(when), inlined: without Expires, Max-Age says
        deletion = max_age is not None and max_age <= 0
    else:
        when = when or datetime.now(timezone.utc)
        classification, findings = _classified_and_checked(cookie, policy, rec, when)
        deletion = cookie.is_deletion_at(when)
    judged = JudgedLine(cookie, rec.source, key, classification, findings, False)
    if not deletion:
        jar[key] = judged
        return judged
    when = when or datetime.now(timezone.utc)
    return _judge_deletion(judged._replace(deletion=True), rec, jar, when)


def _classified_and_checked(
    cookie: SetCookie, policy: CookiePolicy, rec: Recorded, when: datetime | None
) -> tuple[Classification, tuple[Finding, ...]]:
    classification = policy.classify(cookie, rec.source)
    findings = check_cookie(
        cookie, policy, framework=rec.framework, url=rec.url, now=when,
        classification=classification,
    )  # fmt: skip
    return classification, tuple(findings)


# Judgements of lines without Expires, shared across the session (see ``_judged_once``): one
# table per distinct policy.  Hashing a policy hashes its ~150 names, so the table of the
# policy used last is found by identity (every test of a session shares one policy object).
_Judgement = tuple[Classification, tuple[Finding, ...]]
_Table = dict[tuple[object, ...], "_Judgement | None"]  # None: depends on the value's shape
_TABLES: dict[CookiePolicy, _Table] = {}
_LAST: tuple[CookiePolicy | None, _Table] = (None, {})  # rebound whole: read without a lock
_JUDGED_MAX = 4096


def _judged_once(
    cookie: SetCookie, policy: CookiePolicy, rec: Recorded, hook_free: bool
) -> _Judgement:
    """Classification and findings of a line without Expires, judged once per session.

    Without Expires neither deletion (Max-Age decides) nor lifetime depends on the moment,
    so a line received again from the same request is not judged again.  When no classify
    hook is registered, the value matters only through its credential *shape* (name lists,
    fix texts and rules never read the value itself), and only when the name and the
    framework leave the kind or the fix open: a judgement that never asked for the shape
    (``_shapes.reads`` unchanged) holds for every value, so a login that sets a fresh session
    value in each of a thousand tests is judged once and costs a dict look-up after that.
    The policy's equality ignores its hook: the hook object is part of the key.
    """
    table = _table(policy)
    if not hook_free:
        line: tuple[object, ...] = (policy.classifier, rec.line, *_request(rec))
        return _cached(table, line, cookie, policy, rec)
    tail = rec.line.partition(";")[2]  # RFC 6265bis §5.6: the name-value pair ends at ";"
    key = (policy.classifier, cookie.name, tail, rec.source, rec.framework, rec.url)
    found = table.get(key, _UNSEEN)
    if found is _UNSEEN:
        before = _shapes.reads
        judged = _classified_and_checked(cookie, policy, rec, None)
        value_blind = _shapes.reads == before
        _store(table, key, judged if value_blind else None)
        if not value_blind:  # the value's shape decided: judged once per shape from now on
            _store(table, (*key, credential_shape(cookie.value)), judged)
        return judged
    if found is None:
        return _cached(table, (*key, credential_shape(cookie.value)), cookie, policy, rec)
    return cast("_Judgement", found)


_UNSEEN = object()


def _request(rec: Recorded) -> tuple[object, ...]:
    return (rec.source, rec.framework, rec.url)


def _table(policy: CookiePolicy) -> _Table:
    global _LAST
    last_policy, last_table = _LAST
    if policy is last_policy:
        return last_table
    table = _TABLES.get(policy)
    if table is None:
        if len(_TABLES) >= 64:  # marker keywords make a policy per variant: keep it bounded
            _TABLES.clear()
        table = _TABLES[policy] = {}
    _LAST = (policy, table)
    return table


def _cached(
    table: _Table, key: tuple[object, ...], cookie: SetCookie, policy: CookiePolicy, rec: Recorded
) -> _Judgement:
    found = table.get(key)
    if found is None:
        found = _classified_and_checked(cookie, policy, rec, None)
        _store(table, key, found)
    return found


def _store(table: _Table, key: tuple[object, ...], judgement: _Judgement | None) -> None:
    if len(table) >= _JUDGED_MAX:
        table.clear()
    table[key] = judgement


def _judge_dropped(rec: Recorded, policy: CookiePolicy) -> JudgedLine:
    """A line browsers ignore whole: an auth cookie that never reaches the browser (SC011)."""

    stand_in = SetCookie(line_name(rec.line), "", raw=rec.line)
    reason = ignore_reason(rec.line) or "browsers ignore the line"
    finding = Finding(
        "SC011",
        stand_in.name,
        "browsers ignore this Set-Cookie line",
        f"{reason}; browsers drop the whole line, so the cookie is never set",
        "keep name and value under 4096 octets (store data server-side, put only a session "
        "id in the cookie) and send no control characters",
    )
    findings = () if "SC011" in policy.ignore_rules else (finding,)
    key = CookieKey(stand_in.name, "(ignored by browsers)", "")
    classification = policy.classify(stand_in, rec.source)
    return JudgedLine(stand_in, rec.source, key, classification, findings, False, reason)


def _judge_deletion(
    deletion: JudgedLine, rec: Recorded, jar: dict[CookieKey, JudgedLine], when: datetime
) -> JudgedLine:
    """A deletion removes only the cookie it repeats exactly; otherwise that cookie lives on."""
    original = jar.get(deletion.key) or _same_name(deletion.key, jar)
    if original is None:
        return deletion  # nothing set earlier in this test to compare with
    missed = check_deletion(
        _resolved(deletion), _resolved(original), framework=rec.framework, url=rec.url, now=when
    )
    if not missed:
        jar.pop(original.key, None)
        return deletion
    classification = deletion.classification
    if original.enforced and not deletion.enforced:
        classification = original.classification  # deleting a session cookie is about the session
    findings = _distinct((*deletion.findings, *missed))
    return deletion._replace(classification=classification, findings=findings)


def _same_name(key: CookieKey, jar: dict[CookieKey, JudgedLine]) -> JudgedLine | None:
    """The live cookie a deletion of ``key`` was most likely meant for: same name, latest."""
    candidates = [line for other, line in jar.items() if other.name == key.name]
    return candidates[-1] if candidates else None


def _resolved(line: JudgedLine) -> SetCookie:
    """The cookie with its default path made explicit, so deletion and original compare fairly."""
    return dataclasses.replace(line.cookie, path=line.key.path)


def _offenders(lines: Iterable[JudgedLine]) -> Iterator[Offender]:
    by_key: dict[CookieKey, list[JudgedLine]] = {}
    for line in lines:
        by_key.setdefault(line.key, []).append(line)
    for group in by_key.values():
        insecure = [line for line in group if line.insecure]
        if insecure:
            findings = _distinct(f for line in insecure for f in line.findings)
            yield Offender(insecure[0], len(group), len(insecure), findings)


def _distinct(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Each finding once (same rule, same problem), in the order first met."""
    seen: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.rule, finding.problem), finding)
    return tuple(seen.values())


def _domain_words(domain: str) -> str:
    return domain if domain.startswith("host-only") else f"domain {domain}"
