"""The cookie a logout must delete, as it was set: what ``assert_cookie_deleted`` compares with.

A browser deletes only the cookie with the same name, path and domain, so a deletion is judged
against the cookie as it was set: the one ``set_with=`` gives (the response that set it, or its
``SetCookie``), else the one that earlier responses recorded from the same kind of client left
in the browser (an active ``CookieRecorder``: the ``cookie_recorder`` fixture, enforcement),
else the framework default, ``Path=/`` and no ``Domain`` (assumed, and said so).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, NamedTuple

from .judging.lines import CookieKey, cookie_key
from .parsing.origin import Line, Origin, lines_of, origin_of
from .parsing.parser import SetCookie, parse_set_cookie

if TYPE_CHECKING:
    from .capturing.recorder import RecordedLine

ASSUMED = (
    "  (compared with '{name}' set with Path=/ and no Domain, the framework default: no "
    "earlier response that set it was recorded; pass set_with=<the response that set it>)"
)


class _Set(NamedTuple):
    """One earlier line of the cookie: parsed, its request's URL, its response's moment."""

    cookie: SetCookie
    url: str | None
    moment: datetime


class SetBefore(NamedTuple):
    """The cookies of one name a browser holds before the logout, by key (paths resolved)."""

    live: dict[CookieKey, SetCookie]
    assumed: bool  # neither set_with= nor a recording told: the framework default

    def target(self, key: CookieKey) -> SetCookie | None:
        """The cookie a deletion of ``key`` is meant for: that one, else the latest set."""
        return self.live.get(key) or next(reversed(self.live.values()), None)


def set_before(name: str, lines: Sequence[Line], origin: Origin, set_with: object) -> SetBefore:
    """The cookies named ``name`` as set before the response whose ``lines`` delete them."""
    __tracebackhide__ = True
    if set_with is not None:
        return SetBefore(_live(_given(set_with, name)), False)
    live = _live(_recorded(name, lines, origin))
    if live:
        return SetBefore(live, False)
    default = SetCookie(name, "", path="/")
    return SetBefore({cookie_key(default, origin.url): default}, True)


def _live(history: Iterable[_Set]) -> dict[CookieKey, SetCookie]:
    """What the lines leave in a browser (each set stores its key, each deletion drops it);
    when they leave nothing, the cookie set last (a logout asserted after another one)."""
    live: dict[CookieKey, SetCookie] = {}
    last: dict[CookieKey, SetCookie] = {}
    for cookie, url, moment in history:
        key = cookie_key(cookie, url)
        live.pop(key, None)  # a cookie set again moves to the end: the latest is last
        if not cookie.is_deletion_at(moment):  # a path unknown (no Path, no URL) stays so
            live[key] = dataclasses.replace(cookie, path=key.path if cookie.path or url else None)
            last = {key: live[key]}
    return live or last


def _given(set_with: object, name: str) -> list[_Set]:
    """The lines of ``set_with`` (a response, or one ``SetCookie``) that set cookie ``name``."""
    __tracebackhide__ = True
    if isinstance(set_with, SetCookie):
        found = [_Set(set_with, None, _now())] if set_with.name == name else []
    else:
        origin = origin_of(set_with)
        moment = origin.now or _now()
        found = [_Set(line.cookie, origin.url, moment) for line in lines_of(set_with, origin)
                 if line.cookie is not None and line.name == name]
    if not any(not entry.cookie.is_deletion_at(entry.moment) for entry in found):
        raise ValueError(f"set_with= sets no cookie '{name}' to compare the deletion with")
    return found


def _recorded(name: str, lines: Sequence[Line], origin: Origin) -> list[_Set]:
    """The lines of cookie ``name`` that the outermost active recorder saw before the
    response (from the same kind of client), oldest first."""
    recorder = sys.modules.get("pytest_securecookie.capturing.recorder")
    active = recorder.active_recorders() if recorder is not None else ()
    if not active:
        return []
    earlier = _before(active[0].lines, lines)
    now = _now()
    found = ((parse_set_cookie(rec.line), rec) for rec in earlier
             if _same_kind(rec.framework, origin.framework))
    return [_Set(cookie, rec.url, rec.date or now) for cookie, rec in found
            if cookie is not None and cookie.name == name]


def _before(history: list[RecordedLine], lines: Sequence[Line]) -> list[RecordedLine]:
    """The recorded lines before the response's own (the last run of them), or all of them
    when the response was not recorded (a string, a client no recorder patches).  No local
    holds a raw line: ``--showlocals`` may print this frame."""
    size = len(lines)
    for start in range(len(history) - size, -1, -1):
        if all(rec.line == line.raw for rec, line in zip(history[start:start + size], lines,
                                                         strict=True)):
            return history[:start]
    return history


def _same_kind(recorded: str | None, asserted: str | None) -> bool:
    return recorded is None or asserted is None or recorded == asserted


def _now() -> datetime:
    return datetime.now(timezone.utc)
