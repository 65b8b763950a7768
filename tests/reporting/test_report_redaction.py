"""Paths by which a value repeated in its own attributes could reach output, closed: findings
(SameSite, a lowered Domain, a long value cut at 40 characters, a deletion's path), pytest's
comparison of two cookies, a lowered host in a source; and what a short value shows."""

from __future__ import annotations

import pytest

from pytest_securecookie import (
    CookiePolicy,
    InsecureCookieError,
    assert_secure_cookie,
    check_cookie,
)
from pytest_securecookie.judging.policy import check_deletion
from pytest_securecookie.parsing.redaction import scrub
from pytest_securecookie.reporting.comparisons import explain_comparison
from tests._enforce_apps import run_plugin
from tests._helpers import NOW, cookie

VALUE = "Zq9Tok3nMagic"
LONG = VALUE * 6  # 78 characters: a finding that cuts at 40 must not show the first 40


def assert_hidden(text: str) -> None:
    assert "zq9tok3n" not in text.lower()


@pytest.mark.parametrize(
    ("line", "rule"),
    [(f"sessionid={VALUE}; SameSite={VALUE}", "SC004"),
     (f"sessionid={LONG}; SameSite={LONG}", "SC004"),
     (f"sessionid={VALUE}; SameSite=Lax{VALUE}", "SC004"),
     (f"sessionid={VALUE}; Domain={VALUE}.example", "SC013"),  # the parser lowers Domain
     (f"__Host-sid={VALUE}; Secure; Path=/; Domain={VALUE}.example", "SC008")],
)
def test_no_finding_holds_the_value_repeated_in_an_attribute(line: str, rule: str) -> None:
    found = check_cookie(cookie(line), CookiePolicy(host_only=True), now=NOW)
    assert rule in [finding.rule for finding in found]
    for finding in found:
        assert_hidden(repr(finding))
    with pytest.raises(InsecureCookieError) as failure:
        assert_secure_cookie([line], policy=CookiePolicy(host_only=True))
    assert_hidden(str(failure.value))
    assert rule in str(failure.value)


def test_a_deletion_finding_hides_the_original_cookies_value() -> None:
    # The original was set by a magic-link URL that carries its value: its default path does.
    original = cookie(f"sessionid={VALUE}; Domain=a{VALUE}.example")
    deletion = cookie(f"sessionid=; Max-Age=0; Path=/{VALUE}; Domain={VALUE}.example")
    found = check_deletion(deletion, original, url="https://x/logout",
                           original_url=f"https://x/magic/{VALUE}/login", now=NOW)
    assert [finding.problem for finding in found] == [
        "'sessionid' is deleted with Path=/<redacted> but was set with no Path "
        "(so the default path /magic/<redacted>)",
        "'sessionid' is deleted with Domain=<redacted>.example but was set with "
        "Domain=a<redacted>.example",
    ]
    assert [finding.fix for finding in found] == [
        "delete it with Path=/magic/<redacted>", "delete it with Domain=a<redacted>.example"]


def test_comparing_two_cookies_hides_the_value_in_their_differing_fields() -> None:
    left = cookie(f"sid={VALUE}; Path=/magic/{VALUE}")
    right = cookie("sid=other-value; Path=/")
    explanation = explain_comparison("==", left, right)
    assert explanation is not None
    assert "path: '/magic/<redacted>' != '/'" in explanation
    for line in explanation:
        assert_hidden(line)


def test_pytest_shows_no_value_when_two_cookies_differ(pytester: pytest.Pytester) -> None:
    # (built from pieces: pytest prints the failing test's source, which is the user's own)
    pytester.makepyfile(f"""
        from pytest_securecookie import parse_set_cookie

        TOKEN = "{VALUE[:3]}" + "{VALUE[3:]}"

        def test_compare():
            magic_link = parse_set_cookie(f"sid={{TOKEN}}; Path=/m/{{TOKEN}}")
            assert magic_link == parse_set_cookie("sid=x")
    """)
    result = run_plugin(pytester, "-vv")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*path: '/m/<redacted>' != None*"])
    assert_hidden(result.stdout.str())


def test_a_lowered_value_in_a_source_url_is_scrubbed() -> None:
    # Clients lower host names: a value used as a subdomain comes back lowered.
    shown = scrub(f"GET http://{VALUE.lower()}.example/ (requests)", f"sid={VALUE}")
    assert shown == "GET http://<redacted>.example/ (requests)"


def test_a_short_value_is_redacted_in_the_pair_but_not_hunted_elsewhere() -> None:
    # Under 4 characters a value is no secret (at most a few million guesses) and hunting it
    # would blank "1" out of "Max-Age=3600": the pair is still always redacted.
    with pytest.raises(InsecureCookieError) as failure:
        assert_secure_cookie(["sid=abc; Path=/abc; Max-Age=3600"], "sid")
    message = str(failure.value)
    assert "Set-Cookie: sid=<redacted 3 chars>; Path=/abc; Max-Age=3600" in message
    assert "sid=abc" not in message
