"""The session's assessments of recorded lines: a line is assessed once, then found again by
exactly what its assessment reads.

An assessment (``lines.assess``) reads the cookie's name and attributes, the policy, the
framework that received it, whether its URL was plain http and, when a classify hook is
registered, the line and its source (the hook may read anything of them).  Of the value it
reads what ``Assessment.reads`` says: nothing, some named facts (``judging.value_facts``),
or the value itself.  Of the moment it reads nothing when the line has no Expires or has
Max-Age (which beats Expires): only such lines are kept.  So a login that sets a fresh session
value at a fresh URL in each of a thousand tests is assessed once, and Django's session line,
whose Expires date changes every second, is too.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar, cast

from ..parsing.attributes import EXPIRES_TEXT, expires_blanked
from ..parsing.parser import SetCookie
from .fixes import plain_http
from .lines import READ_VALUE, Assessment, Received, ValueRead, assess
from .policy import CookiePolicy
from .value_facts import facts_of

# One table per distinct policy.  Hashing a policy hashes its ~150 names, so the table of the
# policy used last is found by identity (every test of a session shares one policy object).
# A key holds an assessment, the value facts the assessments under it read (look again with
# those facts' values added to the key), or READ_VALUE (never shared).
_Table = dict[tuple[Hashable, ...], "Assessment | ValueRead"]
_TABLES: dict[CookiePolicy, _Table] = {}
_LAST: tuple[CookiePolicy | None, _Table] = (None, {})  # rebound whole: read without a lock
_JUDGED_MAX = 512  # a fresh value's facts add a key per login: a small table keeps GC cheap
_Held = TypeVar("_Held", Assessment, ValueRead)


def moment_free(cookie: SetCookie) -> bool:
    """Whether nothing about the line's assessment depends on the moment it is judged at:
    Max-Age decides its lifetime, or it has neither Max-Age nor Expires."""
    return cookie.max_age is not None or EXPIRES_TEXT not in cookie.__dict__


def assessed(
    cookie: SetCookie,
    policy: CookiePolicy,
    line: str,
    received: Received,
    hook_free: bool,
) -> Assessment:
    """The assessment of a ``moment_free`` line, made once per session for every line that
    reads the same (``hook_free``: no classify hook is registered).  The policy's equality
    ignores its hook: the hook object is part of the key."""
    table = _table(policy)
    key = _key(cookie, policy, line, received, hook_free)
    found = table.get(key)
    if type(found) is Assessment:  # the usual case: one dict look-up
        return found
    if type(found) is tuple:  # what the value tells decides: one assessment per fact values
        by_facts = table.get((*key, *facts_of(cast(tuple[str, ...], found), cookie.value)))
        if type(by_facts) is Assessment:
            return by_facts
    if not hook_free:  # the key holds the whole line: its assessment holds for that line
        return _store(table, key, assess(cookie, policy, received))
    return _assess_once(table, key, found, cookie, policy, received)


def _key(
    cookie: SetCookie, policy: CookiePolicy, line: str, received: Received, hook_free: bool
) -> tuple[Hashable, ...]:
    """What an assessment reads, the value aside (without a hook) or the whole line (with)."""
    http = plain_http(received.url)
    if not hook_free:
        return (policy.classifier, line, received.source, received.framework, http)
    return (policy.classifier, cookie.name, _attributes(cookie, line), received.framework, http)


def _attributes(cookie: SetCookie, line: str) -> Hashable:
    """The line's attributes as the assessment reads them: the text after the first ";"
    (RFC 6265bis §5.6), without Expires dates when Max-Age decides the lifetime."""
    tail = line.partition(";")[2]
    if cookie.max_age is None or EXPIRES_TEXT not in cookie.__dict__:
        return tail
    return (expires_blanked(tail), cookie.oversized_attributes)


def _assess_once(
    table: _Table,
    key: tuple[Hashable, ...],
    found: Assessment | ValueRead | None,
    cookie: SetCookie,
    policy: CookiePolicy,
    received: Received,
) -> Assessment:
    """Assess a line the table has no assessment for, and keep it where it holds."""
    assessment = assess(cookie, policy, received)
    reads = assessment.reads
    if found == READ_VALUE or reads == READ_VALUE:  # shows the value: never shared
        if found is None:
            _store(table, key, READ_VALUE)
        return assessment
    if not reads and found is None:
        _store(table, key, assessment)
        return assessment
    # Facts decide: each assessment under the facts read for any value of this key so far.
    facts = tuple(sorted({*reads, *(found or ())}))
    _store(table, key, facts)
    _store(table, (*key, *facts_of(facts, cookie.value)), assessment)
    return assessment


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


def _store(table: _Table, key: tuple[Hashable, ...], held: _Held) -> _Held:
    if len(table) >= _JUDGED_MAX:
        table.clear()
    table[key] = held
    return held
