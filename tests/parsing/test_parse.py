"""parse_set_cookie, SetCookie and ignore_reason: what the browser corpus does not pin."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pytest

from pytest_securecookie import SetCookie, parse_set_cookie
from pytest_securecookie.parsing.parser import ignore_reason
from tests._helpers import cookie as parse

UTC = timezone.utc
SECRET = "s3cr3t-7f2a9c"
OVER = "over the 4096 browsers accept"


# -- redaction ---------------------------------------------------------------------------


def test_repr_and_str_redact_the_value_and_the_raw_line() -> None:
    cookie = parse(f"sid={SECRET}; Secure; HttpOnly; Path=/; SameSite=Lax")
    for text in (repr(cookie), str(cookie), f"{cookie}", repr([cookie])):
        assert SECRET not in text
        assert f"value=<redacted {len(SECRET)} chars>" in text
    assert repr(cookie).startswith("SetCookie(name='sid', value=<redacted 13 chars>, secure=True,")


@pytest.mark.parametrize(
    ("line", "shown"),
    [("sid=Zq9tok3n; Path=/magic/Zq9tok3n/login", "path='/magic/<redacted>/login'"),
     ("sid=Zq9tok3n; Domain=Zq9tok3n.example", "domain='<redacted>.example'"),
     ("sid=Zq9tok3n; SameSite=Zq9tok3n", "samesite_raw='<redacted>'"),
     ("sid=Zq9tok3n; Zq9tok3n", "unknown_attributes=('<redacted>',)"),
     ('sid="Zq9tok3n"; Path=/Zq9tok3n', "path='/<redacted>'"),
     ("sid=Zq9%2Ftok; Path=/Zq9/tok", "path='/<redacted>'"),
     ("sid=Zq9/tok; Path=/Zq9%2Ftok", "path='/<redacted>'")],
)
def test_repr_hides_the_value_written_again_in_another_field(line: str, shown: str) -> None:
    text = repr(parse_set_cookie(line))
    assert shown in text
    assert "zq9" not in text.lower()


def test_repr_leaves_fields_alone_for_a_value_under_four_characters() -> None:
    # "1" or "abc" would blank out every path; so short a value is no secret to hide.
    assert "path='/a/b'" in repr(parse_set_cookie("sid=a; Path=/a/b"))


def test_repr_redacts_a_cookie_built_directly() -> None:
    cookie = SetCookie(name="token", value=SECRET, raw=f"token={SECRET}")
    assert SECRET not in repr(cookie)
    assert "name='token'" in repr(cookie)


def test_unknown_attributes_keep_names_never_values() -> None:
    cookie = parse(f"a=b; Secrue; HttpOnyl=1; X-Token={SECRET}")
    assert cookie.unknown_attributes == ("Secrue", "HttpOnyl", "X-Token")
    assert SECRET not in repr(cookie)
    assert cookie.secure is False and cookie.httponly is False


# -- bytes and other types ---------------------------------------------------------------


def test_bytes_are_decoded_as_utf8() -> None:
    line = "pref=caf\u00e9; Path=/caf\u00e9"
    assert parse(line.encode("utf-8")) == parse(line)
    assert parse(line.encode("utf-8")).value == "caf\u00e9"


def test_bytes_that_are_not_utf8_fall_back_to_latin1() -> None:
    cookie = parse(b"n=\xff\xfe; Path=/\xe9")
    assert cookie.value == "\xff\xfe"
    assert cookie.path == "/\xe9"


def test_bytes_with_a_control_character_are_ignored() -> None:
    assert parse_set_cookie(b"a=b\r\nSet-Cookie: c=d") is None
    assert ignore_reason(b"a=b\r\nSet-Cookie: c=d") == "contains a control character (0x0D)"


@pytest.mark.parametrize("bad", [42, None, ["a=b"], 1.5, {"a": "b"}])
def test_other_types_are_a_type_error_naming_the_type(bad: object) -> None:
    expected = rf"str or bytes, got {type(bad).__name__}$"
    with pytest.raises(TypeError, match=expected):
        parse_set_cookie(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=expected):
        ignore_reason(bad)  # type: ignore[arg-type]


# -- ignore_reason ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("a=b\nc", "contains a control character (0x0A)"),
        ("a=b; Path=/\x00", "contains a control character (0x00)"),
        ("a=b; Path=/\x7f", "contains a control character (0x7F)"),
        ("", "has neither a name nor a value"),
        (" = ; Secure", "has neither a name nor a value"),
        (";HttpOnly", "has neither a name nor a value"),
        ("n=" + "v" * 4241, f"name and value together are 4242 octets, {OVER}"),
        ("n=" + "\u00e9" * 2048, f"name and value together are 4097 octets, {OVER}"),
    ],
)
def test_ignore_reason_says_why_the_line_is_dropped(line: str, reason: str) -> None:
    assert ignore_reason(line) == reason
    assert parse_set_cookie(line) is None


@pytest.mark.parametrize(
    "line", ["a=b", "a=b\t; Path=/", "foo", "=foo", "n=" + "v" * 4095, "\u00e9=" + "v" * 4094]
)
def test_ignore_reason_is_none_for_kept_lines(line: str) -> None:
    assert ignore_reason(line) is None
    assert parse_set_cookie(line) is not None


def test_the_limit_counts_utf8_octets_not_characters() -> None:
    assert parse_set_cookie("n=" + "\u00e9" * 2047) is not None  # 1 + 4094 octets
    assert parse_set_cookie("n=" + "\u00e9" * 2048) is None  # 1 + 4096 octets


# -- attributes -------------------------------------------------------------------------


def test_oversized_attribute_values_are_ignored_and_recorded() -> None:
    huge_domain, huge_path = "d" * 1025, "/" + "p" * 1024
    cookie = parse(f"a=b; Domain=site.example; Path=/ok; Domain={huge_domain}; Path={huge_path}")
    assert cookie.domain == "site.example"  # the oversized Domain is ignored, not emptied
    assert cookie.oversized_attributes == ("Domain", "Path")
    assert cookie.path == "/ok"


def test_attribute_value_limit_counts_octets() -> None:
    assert parse("a=b; Path=/" + "\u00e9" * 511).path == "/" + "\u00e9" * 511  # 1023 octets
    cookie = parse("a=b; Path=/" + "\u00e9" * 512)  # 1025 octets
    assert cookie.path is None
    assert cookie.oversized_attributes == ("Path",)


def test_priority_is_known_to_browsers_not_a_misspelling() -> None:
    assert parse("a=b; Priority=High; Prority=High").unknown_attributes == ("Prority",)


def test_empty_attribute_names_are_not_reported() -> None:
    assert parse("a=b; ; =x;;").unknown_attributes == ()


@pytest.mark.parametrize(
    ("line", "samesite", "raw"),
    [
        ("a=b; SameSite=strict", "Strict", "strict"),
        ("a=b; samesite=LAX", "Lax", "LAX"),
        ("a=b; SameSite=None", "None", "None"),
        ("a=b; SameSite=Strict; SameSite=bogus", None, "bogus"),
        ("a=b; SameSite", None, ""),
        ("a=b; SameSite=", None, ""),
        ("a=b", None, None),
    ],
)
def test_samesite(line: str, samesite: str | None, raw: str | None) -> None:
    cookie = parse(line)
    assert (cookie.samesite, cookie.samesite_raw) == (samesite, raw)


@pytest.mark.parametrize(
    ("attribute", "max_age"),
    [
        ("Max-Age=60", 60),
        ("max-age= 60 ", 60),
        ("Max-Age=-5", -5),
        ("Max-Age=0", 0),
        ("Max-Age=" + "9" * 40, int("9" * 40)),  # not capped: the policy reports the cap
        ("Max-Age=+5", None),
        ("Max-Age=1_000", None),
        ("Max-Age=\u0663", None),  # ARABIC-INDIC DIGIT THREE: not a DIGIT
        ("Max-Age=-", None),
        ("Max-Age=", None),
        ("Max-Age=60; Max-Age=x", 60),
    ],
)
def test_max_age(attribute: str, max_age: int | None) -> None:
    assert parse(f"a=b; {attribute}").max_age == max_age


@pytest.mark.parametrize(
    ("attributes", "domain"),
    [
        ("Domain=.Site.EXAMPLE", "site.example"),
        ("Domain=", None),
        ("Domain=a.example; Domain=", None),
        ("Domain=.", None),
        ("", None),
    ],
)
def test_domain(attributes: str, domain: str | None) -> None:
    assert parse(f"a=b; {attributes}").domain == domain


def test_last_expires_that_parses_wins() -> None:
    valid = "Expires=Wed, 02 Jan 2030 03:04:05 GMT"
    assert parse(f"a=b; {valid}; Expires=soon").expires == datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    later = parse(f"a=b; {valid}; Expires=1 Feb 2031 00:00:00").expires
    assert later == datetime(2031, 2, 1, tzinfo=UTC)
    assert parse("a=b; Expires=31 Feb 2030 00:00:00").expires is None


def test_attribute_tail_gives_the_same_result_for_every_cookie() -> None:
    tail = "; Path=/; Secure; HttpOnly; SameSite=Lax; Expires=Wed, 02 Jan 2030 03:04:05 GMT"
    first, second = parse("one=1" + tail), parse("two=2" + tail)
    assert dataclasses.replace(first, name="two", value="2", raw="two=2" + tail) == second
    for spelling in ("; SECURE", ";Secure", ";  secure ", "; Secure=no"):
        assert parse("x=1" + spelling).secure
