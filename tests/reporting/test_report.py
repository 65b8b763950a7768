"""_report: redaction, message layout, InsecureCookieError, and SetCookie comparison texts."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pytest_securecookie import Finding, InsecureCookieError, SetCookie, parse_set_cookie
from pytest_securecookie.parsing.redaction import escape_controls, line_name, redact_line
from pytest_securecookie.reporting.comparisons import explain_comparison
from pytest_securecookie.reporting.messages import (
    InsecureCookie,
    format_insecure_cookie,
    format_insecure_cookies,
)

SECRET = "s3cr3t-Value-0123456789"

MISSING_SECURE = Finding(
    "SC001", "session", "missing Secure", "sent over plain http", "set Secure"
)
MISSING_SAMESITE = Finding(
    "SC003", "session", "missing SameSite", "cross-site requests carry it", "set SameSite=Lax"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"session={SECRET}; HttpOnly; Path=/", "session=<redacted 23 chars>; HttpOnly; Path=/"),
        (f"session={SECRET}", "session=<redacted 23 chars>"),
        (f"  sessionid = {SECRET} ;Path=/", "sessionid=<redacted 23 chars>;Path=/"),
        (f"{SECRET}; Secure", "<redacted 23 chars>; Secure"),
        (f'sid="{SECRET}"; Secure', "sid=<redacted 25 chars>; Secure"),
        (f"sid={SECRET}; Path=/{SECRET}/x", "sid=<redacted 23 chars>; Path=/<redacted>/x"),
        (f'sid="{SECRET}"; Domain={SECRET}', "sid=<redacted 25 chars>; Domain=<redacted>"),
        ("sid=s%3Aabc.def; Path=/s:abc.def", "sid=<redacted 11 chars>; Path=/<redacted>"),
        ("sid=; Max-Age=0; Path=/", "sid=<redacted 0 chars>; Max-Age=0; Path=/"),
        ("a=1; Max-Age=3600", "a=<redacted 1 chars>; Max-Age=3600"),
        ("", "<redacted 0 chars>"),
        (  # several lines joined with ", " (requests' and httpx's headers["Set-Cookie"])
            f"a={SECRET}; Expires=Thu, 01 Jan 2037 00:00:00 GMT, b=s2-{SECRET}; Path=/, c=x y",
            "a=<redacted 23 chars>; Expires=Thu, 01 Jan 2037 00:00:00 GMT, b=<redacted 26 chars>"
            "; Path=/, c=<redacted 3 chars>",
        ),
        (
            "id=x; Expires=Thu, 01 Jan 2037 00:00:00 GMT; SameSite=Lax",
            "id=<redacted 1 chars>; Expires=Thu, 01 Jan 2037 00:00:00 GMT; SameSite=Lax",
        ),
    ],
)
def test_redact_line_replaces_the_value_and_keeps_the_attributes(raw: str, expected: str) -> None:
    assert redact_line(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        f"session={SECRET}\r\nX-Forged: yes; Path=/",
        f"session=\x1b[31m{SECRET}; Path=/\x1b[0m",
        f"session={SECRET}; Path=/\u202e\u2028\x00\x9b",
        f"session={SECRET}; Comment=\nE   AssertionError: all good",
    ],
)
def test_redacted_lines_cannot_forge_terminal_output(raw: str) -> None:
    shown = redact_line(raw)
    assert SECRET not in shown
    assert shown.isprintable()
    assert shown.startswith("session=<redacted ")


def test_escape_controls_shows_each_control_as_an_escape() -> None:
    assert escape_controls("a\x1b[0m\nb\u202ec\td") == "a\\x1b[0m\\x0ab\\u202ec\\x09d"


def test_line_name_is_empty_without_an_equals_sign() -> None:
    assert line_name(" sessionid =abc; Path=/") == "sessionid"
    assert line_name("abc; Path=/") == ""


def test_one_cookie_message_is_headline_evidence_then_findings_with_fixes() -> None:
    entry = InsecureCookie(
        "session", f"session={SECRET}; HttpOnly", (MISSING_SECURE, MISSING_SAMESITE),
        "GET http://localhost/login (flask)",
    )
    assert format_insecure_cookie(entry).splitlines() == [
        "cookie 'session' set by GET http://localhost/login (flask) is insecure: 2 problems",
        "  Set-Cookie: session=<redacted 23 chars>; HttpOnly",
        "  SC001 missing Secure: sent over plain http",
        "    fix: set Secure",
        "  SC003 missing SameSite: cross-site requests carry it",
        "    fix: set SameSite=Lax",
    ]


def test_a_finding_that_repeats_the_value_is_scrubbed() -> None:
    leaky = Finding("SC012", "sid", f"attribute {SECRET}", f"why {SECRET}", f"fix {SECRET}")
    text = format_insecure_cookie(InsecureCookie("sid", f"sid={SECRET}", (leaky,)))
    assert SECRET not in text
    assert "  SC012 attribute <redacted>: why <redacted>" in text.splitlines()


def test_multi_line_fix_stays_indented_under_its_finding() -> None:
    finding = Finding("SC001", "sid", "missing Secure", "why", "first step\nsecond step")
    lines = format_insecure_cookie(InsecureCookie("sid", "sid=v", (finding,))).splitlines()
    assert lines[-2:] == ["    fix: first step", "         second step"]


def test_many_cookies_report_has_one_block_per_cookie_with_times_seen() -> None:
    entries = [
        InsecureCookie(
            "session", f"session={SECRET}", (MISSING_SECURE,), "POST http://x/login (flask)", 3
        ),
        InsecureCookie("token", f"token={SECRET}", (MISSING_SAMESITE,)),
    ]
    assert format_insecure_cookies(entries).splitlines() == [
        "2 insecure cookies:",
        "",
        "cookie 'session' set 3 times, first by POST http://x/login (flask), is insecure: "
        "1 problem",
        "  Set-Cookie: session=<redacted 23 chars>",
        "  SC001 missing Secure: sent over plain http",
        "    fix: set Secure",
        "",
        "cookie 'token' is insecure: 1 problem",
        "  Set-Cookie: token=<redacted 23 chars>",
        "  SC003 missing SameSite: cross-site requests carry it",
        "    fix: set SameSite=Lax",
    ]


def test_a_headline_can_be_given_and_names_cannot_forge_lines() -> None:
    entry = InsecureCookie("evil\nE   passed", "evil\nE   passed=v", (MISSING_SECURE,))
    text = format_insecure_cookies([entry], headline="test set insecure cookies:")
    assert text.splitlines()[:3] == [
        "test set insecure cookies:",
        "",
        "cookie 'evil\\x0aE   passed' is insecure: 1 problem",
    ]


def test_insecure_cookie_repr_has_rule_ids_and_no_value() -> None:
    entry = InsecureCookie("sid", f"sid={SECRET}", (MISSING_SECURE,), "GET /")
    assert repr(entry) == "InsecureCookie(name='sid', findings=[SC001], source='GET /')"


def test_insecure_cookie_error_is_an_assertion_error_named_by_the_package() -> None:
    error = InsecureCookieError("msg", [MISSING_SECURE], "session")
    assert isinstance(error, AssertionError)
    assert type(error).__module__ == "pytest_securecookie"
    assert (str(error), error.findings, error.cookie_name) == ("msg", (MISSING_SECURE,), "session")


def test_insecure_cookie_error_survives_pickling_with_its_findings() -> None:
    error = pickle.loads(pickle.dumps(InsecureCookieError("msg", [MISSING_SECURE], "session")))
    assert (str(error), error.findings, error.cookie_name) == ("msg", (MISSING_SECURE,), "session")


def _cookie(line: str) -> SetCookie:
    cookie = parse_set_cookie(line)
    assert cookie is not None
    return cookie


def test_comparison_of_two_cookies_shows_differing_fields_but_never_values() -> None:
    left = _cookie(f"session={SECRET}; Path=/")
    right = _cookie(f"session={SECRET[::-1]}; Path=/; Secure")
    lines = explain_comparison("==", left, right)
    assert lines is not None
    assert lines[0] == "SetCookie('session') == SetCookie('session')"
    assert "value: <redacted 23 chars> != <redacted 23 chars>" in lines
    assert "secure: False != True" in lines
    assert not any(SECRET in line or SECRET[::-1] in line for line in lines)


def test_comparison_with_cookies_in_containers_lists_them_without_values() -> None:
    cookie = _cookie(f"session={SECRET}")
    lines = explain_comparison("in", cookie, {"a": _cookie(f"a={SECRET}")})
    assert lines is not None
    assert lines[0] == "SetCookie('session') in {'a': SetCookie('a')}"
    assert not any(SECRET in line for line in lines)


def test_comparison_without_cookies_is_left_to_pytest() -> None:
    assert explain_comparison("==", [1], [2]) is None


# -- properties ---------------------------------------------------------------------------

# Values that cannot hide inside the placeholder text or the name (which are shown).
VALUES = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_.%/+=", min_size=6, max_size=60)
NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
ATTRIBUTES = st.lists(
    st.one_of(
        st.sampled_from(["Secure", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0"]),
        st.text(max_size=20).filter(lambda text: ";" not in text),
    ),
    max_size=5,
)


@given(NAMES, VALUES, ATTRIBUTES, st.booleans())
def test_redact_line_never_shows_the_value_and_is_always_printable(
    name: str, value: str, attributes: list[str], echo_value: bool
) -> None:
    if echo_value:  # the value repeated in an attribute, e.g. Path=/<value>
        attributes = [*attributes, f"Path=/{value}"]
    shown = redact_line("; ".join([f"{name}={value}", *attributes]))
    assert value not in shown
    assert shown.isprintable()
    assert shown.startswith(f"{name}=<redacted {len(value)} chars>")


@given(st.text(max_size=200))
def test_redact_line_never_raises_and_output_is_printable(raw: str) -> None:
    assert redact_line(raw).isprintable()


class _BrokenRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


def test_comparison_explanations_survive_broken_and_huge_reprs() -> None:
    cookie = _cookie(f"sid={SECRET}")
    lines = explain_comparison("==", cookie, _BrokenRepr())
    assert lines is not None
    assert lines[0] == "SetCookie('sid') == <_BrokenRepr object>"
    long_lines = explain_comparison("in", cookie, ["x" * 1000])
    assert long_lines is not None
    assert len(long_lines[0]) < 200


def test_comparison_explanations_stop_at_self_containing_lists() -> None:
    looped: list[object] = [_cookie(f"sid={SECRET}")]
    looped.append(looped)
    lines = explain_comparison("==", looped, [])
    assert lines is not None
    assert lines[0].startswith("list[SetCookie('sid'), list[SetCookie('sid'), list[")
    assert explain_comparison("==", looped[1:], [1]) is not None


def test_a_value_that_is_a_word_of_the_rules_does_not_garble_them() -> None:
    finding = Finding("SC001", "sid", "'sid' has no Secure attribute", "plain http", "Secure")
    text = format_insecure_cookie(InsecureCookie("sid", "sid=Secure; Path=/x/Secure", (finding,)))
    assert text.splitlines()[1:] == [
        "  Set-Cookie: sid=<redacted 6 chars>; Path=/x/<redacted>",
        "  SC001 'sid' has no Secure attribute: plain http",
        "    fix: Secure",
    ]


def test_a_value_inside_the_cookie_name_does_not_blank_the_name() -> None:
    entry = InsecureCookie("sessionid", "sessionid=session; Path=/session", (MISSING_SECURE,),
                           "GET http://x/session/login")
    assert format_insecure_cookie(entry).splitlines()[:2] == [
        "cookie 'sessionid' set by GET http://x/<redacted>/login is insecure: 1 problem",
        "  Set-Cookie: sessionid=<redacted 7 chars>; Path=/<redacted>",
    ]


def test_a_lone_surrogate_in_the_value_is_redacted_not_a_crash() -> None:
    raw = "sessionid=Zq9k\udc80Wv7x; Path=/Zq9k\udc80Wv7x"
    shown = redact_line(raw)
    assert shown == "sessionid=<redacted 9 chars>; Path=/<redacted>"
    text = format_insecure_cookie(InsecureCookie("sessionid", raw, (MISSING_SECURE,)))
    assert "Zq9k" not in text
    assert all(line.isprintable() for line in text.splitlines())
