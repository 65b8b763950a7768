"""Whatever a server sends, nothing raises: the parser on any text or bytes, and every step
after it (set_cookies, classification, check_cookie, check_deletion, the redacted line) on
anything the parser returns.

The generated lines mix cookie grammar with what breaks parsers: quotes and backslashes,
octal escapes, "=" and ";" runs, Unicode case traps (``İ``, ``ſ``, the Kelvin sign), lone
surrogates, control characters, very long attribute values and credential-shaped values.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_securecookie import (
    CookiePolicy,
    InsecureCookieError,
    SetCookie,
    assert_secure_cookie,
    check_cookie,
    parse_set_cookie,
    set_cookies,
)
from pytest_securecookie.judging.policy import check_deletion
from pytest_securecookie.parsing.parser import ignore_reason
from pytest_securecookie.parsing.redaction import redact_line
from tests._helpers import NOW

POLICIES = st.sampled_from([
    CookiePolicy(),
    CookiePolicy(host_only=True, max_lifetime=60, samesite=("Strict",), csrf_httponly=True),
])
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlX2J5dGVz"
PIECES = st.sampled_from([
    ";", "=", " ", "\t", '"', "\\", "\\012", "\\\"", ",", "sid", "__Host-", "__Secure-",
    "Secure", "secure=no", "HttpOnly", "Partitioned", "Path=/", "Path=", "Domain=.EXAMPLE.com",
    "Domain=", "SameSite=Lax", "SameSite=NONE", "SameSite=", "Max-Age=-1", "Max-Age=+5",
    "Max-Age=99999999999999999999", "Expires=Wed, 21 Oct 2026 07:28:00 GMT",
    "Expires=31 Feb 1600 99:99:99", "Secrue", "HttpOnyl", "\u0130", "\u017f", "\u212a",
    "\ud800", "\x00", "\x1b[31m", "\n", "\x7f", "\x85", "é", JWT, "s%3Aabc.def", "x" * 1100,
])
LINES = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=25).map("".join))
FRAMEWORKS = st.sampled_from([None, "flask", "django", "requests", "express", "unknown"])
URLS = st.sampled_from([None, "http://localhost/login", "https://example.com/a?b=c"])


@settings(max_examples=250, deadline=None)
@given(st.one_of(LINES, LINES.map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary()))
def test_the_parser_never_raises(line: str | bytes) -> None:
    cookie = parse_set_cookie(line)
    assert (cookie is None) == (ignore_reason(line) is not None)


@settings(max_examples=250, deadline=None)
@given(LINES, POLICIES, FRAMEWORKS, URLS)
def test_judging_whatever_the_parser_returns_never_raises(
    line: str, policy: CookiePolicy, framework: str | None, url: str | None
) -> None:
    cookie = parse_set_cookie(line)
    if cookie is None:
        return
    classification = policy.classify(cookie, url)
    assert classification.kind in ("auth", "csrf", "ignored", "other")
    findings = check_cookie(cookie, policy, framework=framework, url=url, now=NOW)
    findings += check_deletion(cookie, cookie, framework=framework, url=url, now=NOW)
    assert all(finding.rule.startswith("SC") for finding in findings)
    assert isinstance(redact_line(cookie.raw), str)


def has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


# A lone surrogate used to crash the redaction (perf-findings F4, fixed).
def test_redacting_a_lone_surrogate_does_not_crash() -> None:
    with pytest.raises(InsecureCookieError) as failure:
        assert_secure_cookie(["sessionid=Zq9k\udc80Wv7x; Path=/"])
    assert "Zq9k" not in str(failure.value) and "Wv7x" not in str(failure.value)


def is_one_header_value(line: str) -> bool:
    """No line break (it would end the header) and no lone surrogate (not UTF-8 bytes)."""
    return "\n" not in line and "\r" not in line and not has_surrogate(line)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES.filter(is_one_header_value), max_size=6))
def test_set_cookies_agrees_with_the_parser_on_every_input_shape(lines: list[str]) -> None:
    expected = [cookie for cookie in map(parse_set_cookie, lines) if cookie is not None]
    as_pairs = [("Set-Cookie", line) for line in lines]
    as_asgi = {"type": "http.response.start",
               "headers": [(b"set-cookie", line.encode()) for line in lines]}
    assert [c.raw for c in set_cookies(lines)] == [c.raw for c in expected]
    # Header pairs lose one leading space (Django's WSGI handler adds it): same cookies.
    for response in (as_pairs, as_asgi):
        assert list(map(derived, set_cookies(response))) == list(map(derived, expected))


def derived(cookie: SetCookie) -> tuple[object, ...]:
    return (cookie.name, cookie.value, cookie.secure, cookie.httponly, cookie.samesite,
            cookie.path, cookie.domain, cookie.max_age, cookie.expires, cookie.partitioned)
