"""One Set-Cookie line judged: the one pipeline behind ``assert_secure_cookie``,
``assert_cookie_deleted`` and enforcement.

A line is judged at one moment, its response's (the ``Date`` header, else the clock when the
response was read): its findings, their fix texts and whether it deletes the cookie all use
that moment.  A line browsers ignore whole is SC011 (SC018 under asvs-l3 when too large).
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

from ..parsing.parser import SetCookie, ignore_reason
from ..parsing.redaction import line_name
from .checking import Checked, checked_cookie
from .classification import Classification
from .deletion import check_deletion, default_path
from .policy import CookiePolicy, Finding
from .profiles import dropped
from .rules import packed_into_dropped
from .value_facts import SHAPE

# The kinds a test is failed for: session-like cookies and CSRF tokens (whose HttpOnly the
# policy waives by default), exactly what assert_secure_cookie checks without a name.
ENFORCED_KINDS = frozenset({"auth", "csrf"})
_BY_NAME = Classification("auth", "checked by name")


class Clock:
    """The moment of responses without a Date: the clock, read once, when a line first needs
    it (most lines do not: without Expires, nothing about a line depends on the moment)."""

    __slots__ = ("_now",)

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now

    def now(self) -> datetime:
        if self._now is None:
            self._now = datetime.now(timezone.utc)
        return self._now


# NamedTuples rather than dataclasses: one of each is made per line of every enforced test (a
# frozen dataclass costs several times more to create).


class Received(NamedTuple):
    """Where and when a line was received: request, client, URL, the response's Date."""

    source: str | None
    framework: str | None
    url: str | None
    date: datetime | None
    clock: Clock  # shared by the lines of a response (of a test, in enforcement)

    @property
    def moment(self) -> datetime:
        """The one moment the line is judged at: its response's Date, else the clock."""
        return self.date if self.date is not None else self.clock.now()


class CookieKey(NamedTuple):
    """What makes two Set-Cookie lines the same cookie in a browser's store."""

    name: str
    path: str
    domain: str  # the Domain attribute, or "host-only <host>" when there is none

    def __str__(self) -> str:
        domain = self.domain if self.domain.startswith("host-only") else f"domain {self.domain}"
        return f"{self.name} (path {self.path}, {domain})"


def cookie_key(cookie: SetCookie, url: str | None) -> CookieKey:
    """The cookie's identity as a browser stores it, defaults resolved against the request URL
    (RFC 6265bis §5.7 step 23): a missing Path is the URL's default-path."""
    return _cookie_key(cookie.name, cookie.path, cookie.domain, url)


@lru_cache(maxsize=1024)  # a suite sets the same few cookies from the same few URLs
def _cookie_key(name: str, path: str | None, domain: str | None, url: str | None) -> CookieKey:
    parts = urlsplit(url or "")
    resolved = path or default_path(parts.path)  # the parser keeps only a Path starting "/"
    return CookieKey(name, resolved, domain or f"host-only {parts.hostname or '?'}")


# ``JudgedLine(...)`` without its Python-level ``__new__``: one is made per line of every test.
_new = tuple.__new__


class JudgedLine(NamedTuple):
    """One Set-Cookie line: parsed, classified, checked at its response's moment."""

    cookie: SetCookie
    source: str | None
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


# What of the cookie's value an assessment read: the names of the value facts it read, sorted
# (``judging.value_facts``; () holds for every value of the cookie), or READ_VALUE: the value
# itself (a finding shows attribute text with the value hidden in it).
ValueRead = tuple[str, ...] | Literal["value"]
READ_VALUE: Literal["value"] = "value"
_SHAPE_ONLY = (SHAPE,)


class Assessment(NamedTuple):
    """A parsed line's classification and findings, and what of its value they read."""

    classification: Classification
    findings: tuple[Finding, ...]
    deletion: bool
    reads: ValueRead


def assess(
    cookie: SetCookie, policy: CookiePolicy, received: Received, *, by_name: bool = False
) -> Assessment:
    """Classify and check one parsed line at ``received.moment``; ``by_name``: the caller
    asked for this cookie by name, so it is judged as auth-like (or CSRF if it is one)."""
    classification, read_shape = _classified(cookie, policy, received.source, by_name)
    checked = checked_cookie(
        cookie, policy, classification,
        framework=received.framework, url=received.url, now=received.moment,
    )  # fmt: skip
    reads = _reads(checked, read_shape or checked.read_shape)
    return Assessment(classification, checked.findings, checked.deletion, reads)


def _reads(checked: Checked, read_shape: bool) -> ValueRead:
    if checked.showed_attributes:
        return READ_VALUE
    if not checked.facts_read:  # the usual case: no rule read a value fact
        return _SHAPE_ONLY if read_shape else ()
    return tuple(sorted({*checked.facts_read, *(_SHAPE_ONLY if read_shape else ())}))


def _classified(
    cookie: SetCookie, policy: CookiePolicy, source: str | None, by_name: bool
) -> tuple[Classification, bool]:
    classification, read_shape = policy.classify_noting_shape(cookie, source)
    if by_name and classification.kind not in ENFORCED_KINDS:
        return _BY_NAME, read_shape
    return classification, read_shape


def judge_line(
    raw: str,
    cookie: SetCookie | None,
    policy: CookiePolicy,
    received: Received,
    *,
    by_name: bool = False,
    assessed: Assessment | None = None,
) -> JudgedLine:
    """Judge Set-Cookie line ``raw`` (``cookie``: it parsed, None when browsers ignore it).

    ``assessed``: the assessment a cache kept for an equal line (enforcement's).
    """
    if cookie is None:
        return _dropped(raw, policy, received, by_name)
    classification, findings, deletion, _ = assessed or assess(
        cookie, policy, received, by_name=by_name
    )
    key = _cookie_key(cookie.name, cookie.path, cookie.domain, received.url)
    judged = (cookie, received.source, key, classification, findings, deletion, None)
    return _new(JudgedLine, judged)


def _dropped(raw: str, policy: CookiePolicy, received: Received, by_name: bool) -> JudgedLine:
    """A line browsers ignore whole: a cookie that never reaches the browser (SC011), and
    the cookies packed into its attributes (SC015)."""
    stand_in = SetCookie(line_name(raw), "", raw=raw)
    reason = ignore_reason(raw) or "browsers ignore the line"
    classification = _classified(stand_in, policy, received.source, by_name)[0]
    packed = packed_into_dropped(stand_in, received.framework)
    found = [dropped(stand_in.name, reason, policy.profile), *packed]
    findings = tuple(finding for finding in found if finding.rule not in policy.ignore_rules)
    key = CookieKey(stand_in.name, "(ignored by browsers)", "")
    return JudgedLine(stand_in, received.source, key, classification, findings, False, reason)


def refused_deletion(
    deletion: SetCookie, received: Received, original: SetCookie | None = None
) -> list[Finding]:
    """SC014: why browsers would not honour ``deletion`` at its response's moment, compared
    with the ``original`` line that set the cookie when it is known."""
    return check_deletion(
        deletion, original, framework=received.framework, url=received.url, now=received.moment
    )
