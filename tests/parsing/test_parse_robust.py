"""The parser never raises on text, agrees with ignore_reason, and finishes on 1 MiB
hostile lines (completion only: speed is measured in benchmarks/, never asserted here)."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pytest_securecookie import parse_set_cookie
from pytest_securecookie.parsing.parser import (
    _TAIL_CACHED_LENGTH,
    _TAILS,
    _TAILS_SIZE,
    SetCookie,
    ignore_reason,
)

MIB = 1 << 20
FRAGMENTS = st.sampled_from(
    [";", "=", " ", "\t", "a", "sid", "Secure", "HttpOnly", "Path=/", "Domain=.x.example",
     "SameSite=Lax", "Max-Age=-1", "Max-Age=99", "Expires=Wed, 02 Jan 2030 03:04:05 GMT",
     "__Host-", "\u00e9", "\x00", "\n", "\x7f", "\x85", "\ud800", "x" * 1100]
)
COOKIE_LIKE = st.lists(FRAGMENTS, max_size=30).map("".join)


def agrees(line: str | bytes) -> None:
    cookie = parse_set_cookie(line)
    assert (cookie is None) == (ignore_reason(line) is not None)
    if cookie is not None:  # every lazily derived field can be read
        assert isinstance(cookie.is_deletion, bool)
        # repr depends on neither the value (only its length) nor the raw line, unless the
        # value is written again in a shown field: there it reads <redacted> (F7)
        stand_in = dataclasses.replace(cookie, value="*" * len(cookie.value), raw="")
        shown = repr(stand_in).partition(", secure=")[2]
        written = (cookie.value, repr(cookie.value)[1:-1])  # as is, and as repr escapes it
        if len(cookie.value) < 4 or not any(form in shown for form in written):
            assert repr(cookie) == repr(stand_in)
        else:  # (or the value is a word of the repr itself: "True", "None", "=()")
            assert repr(cookie) == repr(stand_in) or "<redacted>" in repr(cookie)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), COOKIE_LIKE))
def test_text_never_raises_and_agrees_with_ignore_reason(line: str) -> None:
    agrees(line)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(), COOKIE_LIKE.map(lambda s: s.encode("utf-8", "surrogatepass"))))
@example(b"! \x80!;! \x80!")  # the value, repr-escaped in a shown attribute, is redacted
def test_bytes_never_raise_and_agree_with_ignore_reason(line: bytes) -> None:
    agrees(line)


HOSTILE = {
    "semicolons": ("a=b" + ";" * MIB, True),
    "equals in value": ("a=" + "=" * MIB, False),
    "equals in attributes": ("a=b; " + "x=" * (MIB // 2), True),
    "repeated attribute": ("a=b" + "; Secure" * (MIB // 8), True),
    "unknown attributes": ("a=b" + "; Foo=1" * (MIB // 7), True),
    "repeated expires": ("a=b" + "; Expires=Wed, 21 Oct 2026 07:28:00 GMT" * (MIB // 40), True),
    "unparseable expires": ("a=b" + "; Expires=1 1 1 1 1 1 1 1 1 1" * (MIB // 30), True),
    "space run": ("a=b;" + " " * MIB + "Path=/", True),
    "space run before name": (" " * MIB + "a=b", True),
    "tab run": ("a=b;" + "\t" * MIB, True),
    "huge expires": ("a=b; Expires=" + "1 " * (MIB // 2), True),
    "huge expires tokens": ("a=b; Expires=" + "Jan:1:1:" * (MIB // 8), True),
    "huge max-age": ("a=b; Max-Age=" + "9" * MIB, True),
    "huge value": ("a=" + "v" * MIB, False),
    "non-ascii attributes": ("a=b" + "; \u00e9=\u00e9" * (MIB // 5), True),
    "control character last": ("a=b" + "; Secure" * (MIB // 8) + "\x00", False),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_mebibyte_lines_complete(name: str) -> None:
    line, kept = HOSTILE[name]
    cookie = parse_set_cookie(line)
    assert (cookie is not None) is kept
    assert (ignore_reason(line) is None) is kept
    if cookie is not None:
        cookie.expires, cookie.is_deletion, repr(cookie)  # noqa: B018 - lazy fields finish too


def test_huge_max_age_is_ignored_as_oversized() -> None:
    cookie = parse_set_cookie("a=b; Max-Age=" + "9" * MIB)
    assert cookie is not None and cookie.max_age is None
    assert cookie.oversized_attributes == ("Max-Age",)


def test_tail_cache_stays_bounded() -> None:
    for number in range(_TAILS_SIZE + 10):
        assert parse_set_cookie(f"a=b; Path=/{number}") is not None
    assert len(_TAILS) <= _TAILS_SIZE
    cookie = parse_set_cookie("a=b; Path=/0")
    assert cookie is not None and cookie.path == "/0"


def test_long_tails_are_not_cached() -> None:
    tail = "; Path=/" + "p" * _TAIL_CACHED_LENGTH
    assert parse_set_cookie("a=b" + tail) is not None
    assert tail[1:] not in _TAILS


def test_tail_cache_shared_by_threads_never_gives_a_wrong_cookie() -> None:
    # Many threads parse lines whose tails collide in the cache while it keeps filling up
    # and being cleared; every result must equal the uncached parse (see _TAILS' comment).
    lines = [f"s{n}=v; Path=/{n % 300}; Max-Age={n % 7}; Secure" for n in range(3000)]
    lines += [f"t{n}=v; Domain=d{n}.example; SameSite=Lax" for n in range(1500)]
    expected = []
    for line in lines:
        _TAILS.clear()
        expected.append(_fields(parse_set_cookie(line)))

    def parse_all(offset: int) -> list[tuple[object, ...]]:
        return [_fields(parse_set_cookie(lines[(i + offset) % len(lines)]))
                for i in range(len(lines))]

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(parse_all, [0, 777, 1500, 3333]))
    for offset, got in zip([0, 777, 1500, 3333], results, strict=True):
        assert got == expected[offset:] + expected[:offset]
    assert len(_TAILS) <= _TAILS_SIZE + 4  # one extra entry per racing thread at most


def _fields(cookie: SetCookie | None) -> tuple[object, ...]:
    assert cookie is not None
    return tuple(dataclasses.astuple(cookie))
