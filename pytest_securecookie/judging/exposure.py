"""SC019: an auth cookie's value sent outside Set-Cookie (OWASP ASVS 5.0 V3.3.4).

A session token that a response also carries in its body (an SPA login answering
``{"access_token": ...}`` beside the HttpOnly cookie), in a ``Location`` URL or in any other
header is readable where the cookie protects it from, so HttpOnly is moot.  Under enforcement
the recorder keeps each response of a test (a reference, never a copy); at the end of the test
the values of its auth-like cookies (of at least ``MIN_TOKEN_CHARS``) are searched in every
response's other header fields and in the bodies the client has already read
(``parsing.contents``: a streamed body is never read here), in every form a value takes
(``value_forms``).  Each body is searched once per test, in time linear in its length.  The
finding goes on the line that set the value and says which response and where, never the value.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ..parsing.contents import (
    SET_COOKIE_NAMES,
    Body,
    header_fields,
    header_pairs,
    header_text,
    read_body,
    wide_text,
)
from ..parsing.redaction import Scrubber, form_in, hide_value, value_forms
from .rules import RULES, Context, Finding, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .lines import JudgedLine

RULE_ID = "SC019"
MIN_TOKEN_CHARS = 16  # shorter values are no session token, and would match by chance
_PLACES_SHOWN = 3  # places named per value; the rest are counted
# Up to this many anchors, each is searched with ``in`` (C speed); more share one regex.
_FEW_FORMS = 8


@rule(RULE_ID, "auth token sent outside Set-Cookie",
      "a copy outside the cookie is readable by any script on the page, which makes HttpOnly "
      "moot, and one in a URL ends up in logs, browser history and Referer headers",
      cwe=200, severity="medium", asvs="3.3.4")
def _exposed(ctx: Context) -> Iterator[Finding]:
    return iter(())  # SC019 needs the test's other responses: see ``exposed``


class Seen(Protocol):
    """A response the recorder kept (``recorder.SeenResponse`` fits)."""

    @property
    def content(self) -> object: ...  # the response object, or header pairs
    def source(self) -> str | None: ...


def exposed(
    lines: tuple[JudgedLine, ...], seen: Sequence[Seen], ignore_rules: Iterable[str] = ()
) -> tuple[JudgedLine, ...]:
    """``lines`` with SC019 added to each line whose auth token a response of ``seen`` also
    carries outside Set-Cookie."""
    if not seen or RULE_ID in ignore_rules:
        return lines
    tokens = _tokens(lines)
    if not tokens:  # most tests: no auth cookie long enough to be a token
        return lines
    needles = _needles(tuple(tokens))
    for response in seen:
        if needles.touches(response.content):
            break
    else:
        return lines  # the usual pass: no token's anchor anywhere, nothing built
    places = _places(needles, seen, lines)
    if not places:
        return lines
    hidden = tuple(tokens)
    return tuple(
        _with_finding(line, places[line.cookie.value], hidden)
        if index == tokens.get(line.cookie.value) and line.cookie.value in places else line
        for index, line in enumerate(lines)
    )  # fmt: skip


def _tokens(lines: tuple[JudgedLine, ...]) -> dict[str, int]:
    """Each auth token the test received, with the index of the line that first set it."""
    tokens: dict[str, int] = {}
    for index, line in enumerate(lines):
        value = line.cookie.value
        if (line.classification.kind == "auth" and len(value) >= MIN_TOKEN_CHARS
                and not line.deletion and line.dropped is None):  # fmt: skip
            tokens.setdefault(value, index)
    return tokens


@functools.lru_cache(maxsize=64)  # a test's tokens often repeat (a signed session, a fixture)
def _needles(tokens: tuple[str, ...]) -> _Needles:
    return _Needles(tokens)


class _Needles:
    """The tokens, searched in a text or a body in one cheap pass each.

    Every form of a value (:func:`value_forms`) contains the value's longest run of
    characters no encoding changes, as written or lowered: its anchor.  A text is first
    searched for the anchors only (a few with ``in``, at C speed and with no regex to compile
    for each test's new token; many with one alternation); only where one occurs are that
    value's forms looked for, with ``%XX`` escapes in either case (``form_in``)."""

    # A few anchors are searched with ``in``: no pattern.
    _text_pattern: re.Pattern[str] | None = None
    _bytes_pattern: re.Pattern[bytes] | None = None

    def __init__(self, tokens: Iterable[str]) -> None:
        # Built for each test's new tokens: locals, not attributes, while building.
        of_anchor: dict[str, list[str]] = {}
        for value in tokens:
            anchor = _anchor(value)
            of_anchor.setdefault(anchor, []).append(value)
            lowered = anchor.lower()
            if lowered != anchor:
                of_anchor.setdefault(lowered, []).append(value)
        self.of_anchor = of_anchor
        self._anchors = anchors = tuple(of_anchor)
        self._bytes = tuple(map(str.encode, anchors))
        if len(anchors) > _FEW_FORMS:
            self._text_pattern = re.compile("|".join(map(re.escape, anchors)))
            self._bytes_pattern = re.compile(b"|".join(map(re.escape, self._bytes)))

    def touches(self, content: object) -> bool:
        """Whether an anchor occurs in ``content``'s header values or read body: the one pass
        every response of every test goes through, so it builds nothing."""
        if self._in_headers(content):
            return True
        body = read_body(content)
        if not body:
            return False
        if _held(body, self._bytes, self._bytes_pattern):
            return True
        # A wide body is decoded by a guess from its first bytes, which binary formats'
        # length fields may fake (BSON, gRPC-web): searched as bytes first, so never only wide.
        wide = wide_text(body, content)
        return wide is not None and _held(wide, self._anchors, self._text_pattern)

    def _in_headers(self, content: object) -> bool:
        # Plain loops: this runs for every header field of every response of every test.  (A
        # first search of all fields joined at C speed counted more instructions than these
        # loops, for the few fields of a response: the joining builds objects.)
        anchors, pattern = self._anchors, self._text_pattern
        try:
            for name, value in header_pairs(content):
                text = value if type(value) is str else header_text(value)
                if pattern is None:
                    for anchor in anchors:
                        if anchor in text:
                            break
                    else:
                        continue
                elif pattern.search(text) is None:
                    continue
                if name.lower() not in SET_COOKIE_NAMES:
                    return True
        except Exception:  # an odd header object: there is nothing to search
            return False
        return False

    def in_text(self, text: str) -> set[str]:
        """The tokens ``text`` carries, in any form."""
        if not _held(text, self._anchors, self._text_pattern):
            return set()
        held = {value for anchor, values in self.of_anchor.items()
                if anchor in text for value in values}  # fmt: skip
        return {value for value in held if _carries(text, value)}

    def in_body(self, body: Body) -> set[str]:
        """The tokens a body in UTF-8 (or ASCII, Latin-1...) carries; decoded only when an
        anchor occurs in it."""
        if not _held(body, self._bytes, self._bytes_pattern):
            return set()
        return self.in_text(body.decode("utf-8", "surrogateescape"))


def _held(haystack: Any, anchors: tuple[Any, ...], pattern: re.Pattern[Any] | None) -> bool:
    """Whether any anchor occurs in ``haystack`` (text with str anchors, a body with bytes)."""
    if pattern is not None:
        return pattern.search(haystack) is not None
    for anchor in anchors:  # a plain loop: no generator to build for each body
        if anchor in haystack:
            break
    else:
        return False
    return True


def _anchor(value: str) -> str:
    """The longest run of ``value`` that every form keeps as it is: unreserved characters,
    less the two that may be the hex digits of an escape ``unquote`` decodes."""
    if _UNRESERVED_RUN.fullmatch(value):  # most tokens: the value itself
        return value
    runs = [run[2:] if start and value[start - 1] == "%" else run
            for start, run in ((m.start(), m.group()) for m in _UNRESERVED_RUN.finditer(value))]
    return max(runs, key=len, default="")


_UNRESERVED_RUN = re.compile(r"[A-Za-z0-9_.~-]+")


def _carries(text: str, value: str) -> bool:
    return any(form_in(form, text) for form in value_forms(value))


def _places(
    needles: _Needles, seen: Sequence[Seen], lines: tuple[JudgedLine, ...]
) -> dict[str, list[str]]:
    """Where each token was found: ``"in the body of GET http://localhost/me (flask)"``; the
    request is shown as reports show sources, scrubbed of every value the test received."""
    places: dict[str, list[str]] = {}
    scrub: Scrubber | None = None
    for response in seen:
        found = _found_in(needles, response.content) if needles.touches(response.content) else []
        if found:
            scrub = scrub or Scrubber(line.cookie.raw for line in lines)
            source = scrub(response.source() or "a response")
            for where, value in found:
                places.setdefault(value, []).append(f"in {where} of {source}")
    return places


def _found_in(needles: _Needles, content: object) -> list[tuple[str, str]]:
    """(where, token) for each token ``content`` carries outside Set-Cookie."""
    found: list[tuple[str, str]] = []
    for name, text in header_fields(content):
        found += [(f"the {name} header", value) for value in sorted(needles.in_text(text))]
    body = read_body(content)
    if body:
        wide = wide_text(body, content)
        in_body = needles.in_body(body) | (needles.in_text(wide) if wide is not None else set())
        found += [("the body", value) for value in sorted(in_body)]
    return found


def _with_finding(line: JudgedLine, places: list[str], tokens: tuple[str, ...]) -> JudgedLine:
    name = line.cookie.name
    shown = "; ".join(places[:_PLACES_SHOWN])
    more = len(places) - _PLACES_SHOWN
    shown += f"; and {more} more place{'s' if more > 1 else ''}" if more > 0 else ""
    # A request URL's path may carry another cookie's token: hidden, like this one's.
    problem = hide_value(f"'{name}' is sent outside Set-Cookie: {shown}", *tokens)
    finding = Finding(RULE_ID, name, problem, RULES[RULE_ID].why, _FIX)
    return line._replace(findings=(*line.findings, finding))


_FIX = ("send the token in Set-Cookie only: leave it out of response bodies (a login answers "
        "with the user, not the token), redirect URLs and other headers")
