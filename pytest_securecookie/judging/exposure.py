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

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from ..parsing.contents import header_fields, read_body
from ..parsing.redaction import Scrubber, hide_value, value_forms
from .rules import RULES, Context, Finding, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .lines import JudgedLine

RULE_ID = "SC019"
MIN_TOKEN_CHARS = 16  # shorter values are no session token, and would match by chance
_PLACES_SHOWN = 3  # places named per value; the rest are counted
# Up to this many forms, each is searched with ``in`` (C speed); more share one regex.
_FEW_FORMS = 8
_Form = TypeVar("_Form", str, bytes)


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
    places = _places(_Needles(tokens), seen, lines)
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


class _Needles:
    """The forms of every token, searched in a text or a body in one pass each: a few forms
    with ``in`` (C speed, and no regex to compile for each test's new token), many with one
    regex alternation."""

    def __init__(self, tokens: Iterable[str]) -> None:
        self.of_form = {form: value for value in tokens for form in value_forms(value)}
        self.of_bytes = {form.encode("utf-8", "surrogatepass"): value
                         for form, value in self.of_form.items()}  # fmt: skip
        self._text: re.Pattern[str] | None = None
        self._bytes: re.Pattern[bytes] | None = None
        if len(self.of_form) > _FEW_FORMS:  # longest first: where forms overlap, the longer
            self._text = re.compile("|".join(map(re.escape, _longest_first(self.of_form))))
            self._bytes = re.compile(b"|".join(map(re.escape, _longest_first(self.of_bytes))))

    def in_text(self, text: str) -> set[str]:
        if self._text is None:
            return {value for form, value in self.of_form.items() if form in text}
        return {self.of_form[found] for found in self._text.findall(text)}

    def in_body(self, body: bytes) -> set[str]:
        if self._bytes is None:
            return {value for form, value in self.of_bytes.items() if form in body}
        return {self.of_bytes[found] for found in self._bytes.findall(body)}


def _longest_first(forms: Iterable[_Form]) -> list[_Form]:
    return sorted(forms, key=len, reverse=True)


def _places(
    needles: _Needles, seen: Sequence[Seen], lines: tuple[JudgedLine, ...]
) -> dict[str, list[str]]:
    """Where each token was found: ``"in the body of GET http://localhost/me (flask)"``; the
    request is shown as reports show sources, scrubbed of every value the test received."""
    places: dict[str, list[str]] = {}
    scrub: Scrubber | None = None
    for response in seen:
        found = _found_in(needles, response.content)
        if found:
            scrub = scrub or Scrubber(line.cookie.raw for line in lines)
            source = scrub(response.source() or "a response")
            for where, value in found:
                places.setdefault(value, []).append(f"in {where} of {source}")
    return places


def _found_in(needles: _Needles, content: object) -> list[tuple[str, str]]:
    """(where, token) for each token ``content`` carries outside Set-Cookie."""
    found: list[tuple[str, str]] = []
    fields = header_fields(content)
    if fields and needles.in_text("\n".join([text for _, text in fields])):
        for name, text in fields:  # only now, field by field: which header
            found += [(f"the {name} header", value) for value in sorted(needles.in_text(text))]
    body = read_body(content)
    if body:
        found += [("the body", value) for value in sorted(needles.in_body(body))]
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
