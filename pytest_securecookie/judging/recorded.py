"""Judge the Set-Cookie lines one test received, once, when the test ends.

Pure: no pytest, no HTTP client, no I/O.  Recording only stores raw lines, so the cost of
parsing, classifying and checking is paid here, once per test, never per response.

A test is a small browser session: a cookie set at login and set again later is the same cookie
(name, path and domain identify it, RFC 6265bis §5.7 step 23), so it is reported once with how
often it was seen; a deletion only removes the cookie whose name, path and domain it repeats,
so a logout that gets the Path or Domain wrong leaves the session in the browser (SC014) —
unless a later line of the same response deletes it.
Each line is judged by ``judging.lines``, the pipeline the assertions use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple, Protocol

from ..parsing.parser import SetCookie, parse_set_cookie
from .assessments import assessed, moment_free
from .exposure import Seen, exposed
from .lines import Clock, CookieKey, JudgedLine, Received, judge_line, refused_deletion
from .policy import CookiePolicy, Finding


class Recorded(Protocol):
    """What the recorder keeps of one Set-Cookie line (``recorder.RecordedLine`` fits)."""

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
    @property
    def response(self) -> int: ...  # ordinal of the response within the recording


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
    seen: Sequence[Seen] = (),
) -> Verdict:
    """Judge every recorded line in order (``judging.lines``), following the cookie's life.

    Each line is judged at its response's Date; ``now`` (else the clock, read once if a line
    needs it) stands in for responses without one.  ``hook_free``: no classify hook is
    registered, so ``policy.classifier`` answers None for every cookie and lines differing
    only in their value can share one judgement.  ``seen``: the test's responses, searched
    for its auth tokens outside Set-Cookie (SC019, ``judging.exposure``).
    """
    jar = _Jar()
    lines: list[JudgedLine] = []
    misses = _Misses()
    clock = Clock(now)
    for rec in recorded:
        misses.start((rec.response, rec.source))
        received = _new(Received, (rec.source, rec.framework, rec.url, rec.date, clock))
        cookie = parse_line(rec.line)
        if cookie is None:
            lines.append(judge_line(rec.line, None, policy, received))
            continue
        assessment = None
        if moment_free(cookie):  # judged once per session for every line that reads the same
            assessment = assessed(cookie, policy, rec.line, received, hook_free)
        judged = judge_line(rec.line, cookie, policy, received, assessed=assessment)
        if judged.deletion:
            judged = _deleting(judged, received, jar, misses, lines)
        else:
            jar.store(judged)
        lines.append(judged)
    return Verdict(exposed(tuple(lines), seen, policy.ignore_rules))


NOTHING = Verdict(())  # the verdict on a test that received no Set-Cookie line (shared)

# ``Received(...)`` without its Python-level ``__new__``: one is made per line of every test.
_new = tuple.__new__


@lru_cache(maxsize=256)  # lines that repeat are few; each fresh login's would crowd the heap
def parse_line(line: str) -> SetCookie | None:
    """``parse_set_cookie``, cached per distinct raw line across the session."""
    return parse_set_cookie(line)


class _Jar:
    """The cookies a test has set and not deleted, by name and then by key: a deletion finds
    the cookies it may be meant for without scanning the others (16,000 of them took 65 s)."""

    __slots__ = ("_by_name",)

    def __init__(self) -> None:
        self._by_name: dict[str, dict[CookieKey, JudgedLine]] = {}

    def store(self, line: JudgedLine) -> None:
        self._by_name.setdefault(line.key.name, {})[line.key] = line

    def meant(self, key: CookieKey) -> JudgedLine | None:
        """The cookie a deletion of ``key`` removes, else the one it was most likely meant
        for: the same name, set last."""
        named = self._by_name.get(key.name)
        if not named:
            return None
        return named.get(key) or next(reversed(named.values()))

    def remove(self, key: CookieKey) -> None:
        named = self._by_name.get(key.name, {})
        named.pop(key, None)
        if not named:
            self._by_name.pop(key.name, None)


def _deleting(
    deletion: JudgedLine,
    received: Received,
    jar: _Jar,
    misses: _Misses,
    lines: list[JudgedLine],
) -> JudgedLine:
    """A deletion removes only the cookie it repeats exactly; otherwise that cookie lives on,
    unless a later line of the same response deletes it (see ``_Misses``)."""
    original = jar.meant(deletion.key)
    if original is None:
        return deletion  # nothing set earlier in this test to compare with
    # A deletion is about the cookie it deletes: classified as the line that set it was
    # (an empty value has no credential shape to go by).
    deletion = deletion._replace(classification=original.classification)
    missed = refused_deletion(_resolved(deletion), received, _resolved(original))
    if not missed:
        jar.remove(original.key)
        misses.forgive(original.key, lines)
        return deletion
    misses.note(original.key, len(lines), deletion)
    return deletion._replace(findings=_distinct((*deletion.findings, *missed)))


class _Misses:
    """The deletions of one response that missed the live cookie they were compared with.

    A logout may clear the cookie under an old path before deleting the live one (Path=/legacy,
    then Path=/): once a later line of the same response deletes that cookie, the browser holds
    it no longer, and each miss is judged as the deletion it is on its own.
    """

    __slots__ = ("_by_original", "_response")

    def __init__(self) -> None:
        self._response: object = None
        self._by_original: dict[CookieKey, list[tuple[int, JudgedLine]]] = {}

    def start(self, response: object) -> None:
        """The next line belongs to ``response``: misses of an earlier one stand."""
        if response != self._response:
            self._response, self._by_original = response, {}

    def note(self, original: CookieKey, index: int, alone: JudgedLine) -> None:
        self._by_original.setdefault(original, []).append((index, alone))

    def forgive(self, deleted: CookieKey, lines: list[JudgedLine]) -> None:
        for index, alone in self._by_original.pop(deleted, ()):
            lines[index] = alone


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

