"""Judging one test's recorded Set-Cookie lines (``judging.recorded``): pure, no pytest plugin."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pytest_securecookie.judging.deletion import default_path
from pytest_securecookie.judging.lines import CookieKey, cookie_key
from pytest_securecookie.judging.markers import marker_signature, policy_with
from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.recorded import Verdict, judge, parse_line
from tests._enforce_apps import BARE, LOGIN, SECURE, Line, at


def rules(verdict: Verdict) -> list[list[str]]:
    return [[f.rule for f in o.findings] for o in verdict.offenders]


def test_a_hardened_session_cookie_has_no_offender() -> None:
    verdict = judge([Line(SECURE)], CookiePolicy())
    assert verdict.offenders == ()
    assert [line.enforced for line in verdict.lines] == [True]


def test_a_bare_session_cookie_is_one_offender_with_every_finding() -> None:
    verdict = judge([Line(BARE)], CookiePolicy())
    assert rules(verdict) == [["SC001", "SC002", "SC003"]]
    offender = verdict.offenders[0]
    assert (offender.first.source, offender.seen, offender.insecure) == (LOGIN, 1, 1)
    assert offender.first.classification.kind == "auth"


def test_the_same_insecure_cookie_set_three_times_is_reported_once() -> None:
    verdict = judge([Line(BARE)] * 3, CookiePolicy())
    assert len(verdict.offenders) == 1
    assert (verdict.offenders[0].seen, verdict.offenders[0].insecure) == (3, 3)
    assert rules(verdict) == [["SC001", "SC002", "SC003"]]  # each finding once
    assert len(verdict.insecure) == 3


def test_a_session_set_securely_then_reset_without_flags_is_caught_at_the_reset() -> None:
    later = at(BARE, "GET http://localhost/profile")
    verdict = judge([Line(SECURE), later], CookiePolicy())
    (offender,) = verdict.offenders
    assert offender.first.source == "GET http://localhost/profile (flask)"
    assert (offender.seen, offender.insecure) == (2, 1)


def test_cookies_with_other_paths_are_other_cookies() -> None:
    verdict = judge([Line(BARE), Line("session=x1y2z3w4; Path=/admin")], CookiePolicy())
    assert [str(o.first.key) for o in verdict.offenders] == [
        "session (path /, host-only localhost)",
        "session (path /admin, host-only localhost)",
    ]


def test_other_cookies_are_recorded_but_never_offend() -> None:
    verdict = judge([Line("theme=dark; Path=/")], CookiePolicy())
    assert verdict.offenders == ()
    assert [line.classification.kind for line in verdict.lines] == ["other"]


def test_a_csrf_cookie_may_lack_httponly_but_not_secure() -> None:
    fine = judge([Line("csrftoken=abcd1234; Path=/; Secure; SameSite=Lax")], CookiePolicy())
    assert fine.offenders == ()
    bad = judge([Line("csrftoken=abcd1234; Path=/; SameSite=Lax")], CookiePolicy())
    assert rules(bad) == [["SC001"]]


def test_marker_overrides_reach_the_judgement() -> None:
    strict = policy_with(CookiePolicy(), samesite="Strict")
    assert rules(judge([Line(SECURE)], strict)) == [["SC006"]]
    relaxed = policy_with(CookiePolicy(), require_httponly=False)
    assert judge([Line(SECURE.replace(" HttpOnly;", ""))], relaxed).offenders == ()


# -- logout: deletions --------------------------------------------------------------------

DELETE = "session=; Path=/; Max-Age=0; Secure"


def test_a_deletion_matching_the_session_cookie_is_honoured() -> None:
    logout = at(DELETE, "POST http://localhost/logout")
    verdict = judge([Line(SECURE), logout], CookiePolicy())
    assert verdict.offenders == ()
    assert [line.deletion for line in verdict.lines] == [False, True]


def test_a_deletion_with_another_path_leaves_the_session_alive() -> None:
    logout = at(
        "session=; Path=/account; Max-Age=0; Secure", "POST http://localhost/account/logout"
    )
    verdict = judge([Line(SECURE), logout], CookiePolicy())
    assert rules(verdict) == [["SC014"]]
    (offender,) = verdict.offenders
    assert offender.first.source == "POST http://localhost/account/logout (flask)"
    assert offender.first.classification.kind == "auth"


def test_a_deletion_relying_on_the_default_path_of_another_url_is_sc014() -> None:
    # Set at /login without Path (default "/"); cleared at /account/logout without Path,
    # whose default path is "/account": another cookie, the session survives.
    login = Line("session=s3cr3tv4lu3; Secure; HttpOnly; SameSite=Lax")
    logout = at("session=; Max-Age=0; Secure", "POST http://localhost/account/logout")
    assert rules(judge([login, logout], CookiePolicy())) == [["SC014"]]
    same_dir = at("session=; Max-Age=0; Secure", "POST http://localhost/logout")
    assert judge([login, same_dir], CookiePolicy()).offenders == ()


def test_a_deletion_with_a_domain_the_session_lacked_is_sc014() -> None:
    logout = at("session=; Path=/; Domain=localhost; Max-Age=0; Secure", "GET http://localhost/x")
    assert rules(judge([Line(SECURE), logout], CookiePolicy())) == [["SC014"]]


def test_every_way_a_deletion_misses_is_listed() -> None:
    # Another path and another Domain (no Secure where the session had it is no miss).
    logout = at("session=; Path=/account; Domain=localhost; Max-Age=0",
                "POST http://localhost/account/logout")
    (offender,) = judge([Line(SECURE), logout], CookiePolicy()).offenders
    problems = [f.problem for f in offender.findings]
    assert [f.rule for f in offender.findings] == ["SC014", "SC014"]
    assert "Path=/account" in problems[0] and "Domain=localhost" in problems[1]


def test_a_deletion_with_nothing_set_before_is_judged_alone() -> None:
    verdict = judge([at(DELETE, "POST http://localhost/logout")], CookiePolicy())
    assert verdict.offenders == ()  # deletions are exempt from Secure/HttpOnly/SameSite


def test_a_deletion_is_judged_against_the_response_date() -> None:
    line = "session=s3cr3tv4lu3; Path=/; Expires=Thu, 01 Jan 2015 00:00:00 GMT"
    in_2014 = Line(line, date=datetime(2014, 6, 1, tzinfo=timezone.utc))
    still_set = judge([in_2014], CookiePolicy())
    assert [line.deletion for line in still_set.lines] == [False]
    assert rules(still_set) == [["SC001", "SC002", "SC003"]]
    no_date = judge([Line(line)], CookiePolicy())  # judged at the wall clock: long expired
    assert [line.deletion for line in no_date.lines] == [True]
    assert no_date.offenders == ()


def test_a_session_line_browsers_ignore_is_sc011() -> None:
    oversized = "session=" + "v" * 4100 + "; Path=/; Secure; HttpOnly; SameSite=Lax"
    verdict = judge([Line(oversized)], CookiePolicy())
    (line,) = verdict.lines
    assert line.dropped is not None and "4096" in line.dropped
    assert (line.cookie.name, line.classification.kind) == ("session", "auth")
    assert rules(verdict) == [["SC011"]]


def test_an_ignored_line_of_another_cookie_is_recorded_but_never_offends() -> None:
    verdict = judge([Line("theme=dark\x07; Path=/")], CookiePolicy())
    assert [line.dropped is not None for line in verdict.lines] == [True]
    assert verdict.offenders == ()
    assert judge([Line("=")], CookiePolicy()).offenders == ()  # no name: nothing to classify


def test_sc011_for_ignored_lines_can_be_ignored_by_the_policy() -> None:
    policy = CookiePolicy(ignore_rules=("SC011",))
    assert judge([Line("session=" + "v" * 4100)], policy).offenders == ()


# -- identity of a cookie -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uri_path", "expected"),
    [("", "/"), ("/", "/"), ("/login", "/"), ("/account/logout", "/account"), ("x/y", "/")],
)
def test_default_path_follows_rfc_6265bis(uri_path: str, expected: str) -> None:
    assert default_path(uri_path) == expected


def test_cookie_key_resolves_path_and_host() -> None:
    cookie = parse_line("sid=1; Path=nope")
    assert cookie is not None
    key = cookie_key(cookie, "http://Example.test:8000/a/b")
    assert key == CookieKey("sid", "/a", "host-only example.test")
    domain_cookie = parse_line("sid=1; Domain=.Example.test; Path=/x")
    assert domain_cookie is not None
    assert cookie_key(domain_cookie, None) == CookieKey("sid", "/x", "example.test")


# -- marker keywords ------------------------------------------------------------------------


def test_marker_signature_offers_every_policy_field_but_the_hook() -> None:
    names = list(marker_signature().parameters)
    assert "samesite" in names and "require_httponly" in names and "auth_names" in names
    assert "classifier" not in names


def test_policy_with_applies_keywords_as_the_policy_normalises_them() -> None:
    policy = policy_with(
        CookiePolicy(), samesite="strict", auth_names=["my_login"], max_lifetime=timedelta(hours=1)
    )
    assert policy.samesite == ("Strict",)
    assert policy.auth_names == ("my_login",)
    assert policy.max_lifetime == 3600


def test_an_unknown_marker_keyword_names_itself_and_the_accepted_ones() -> None:
    with pytest.raises(TypeError, match=r"'samsite'.*accepts only the keywords auth_names"):
        policy_with(CookiePolicy(), samsite="Strict")


def test_marker_keywords_are_keywords_only() -> None:
    with pytest.raises(TypeError, match="positional"):
        policy_with(CookiePolicy(), "Strict")


@pytest.mark.parametrize(
    ("keywords", "error"),
    [
        ({"require_secure": "yes"}, TypeError),
        ({"samesite": "Strong"}, ValueError),
        ({"max_lifetime": "1h"}, TypeError),
        ({"ignore_rules": ["SC999"]}, ValueError),
    ],
)
def test_bad_marker_values_are_errors(keywords: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        policy_with(CookiePolicy(), **keywords)


# -- judging once per session -------------------------------------------------------------

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"


@pytest.mark.parametrize("hook_free", [True, False])
def test_a_value_shaped_like_a_credential_is_never_judged_like_a_plain_one(
    hook_free: bool,
) -> None:
    lines = [Line(f"pref={JWT}; Path=/"), Line("pref=plain-value-here-ok; Path=/")]
    for ordered in (lines, lines[::-1]):
        kinds = [
            judge([line], CookiePolicy(), hook_free=hook_free).lines[0].classification.kind
            for line in ordered
        ]
        assert sorted(kinds) == ["auth", "other"]


def test_without_a_hook_fresh_session_values_share_one_judgement() -> None:
    first = judge([Line("session=value-one-1111; Path=/")], CookiePolicy(), hook_free=True)
    again = judge([Line("session=value-two-2222; Path=/")], CookiePolicy(), hook_free=True)
    assert again.lines[0].findings is first.lines[0].findings  # the same judgement object
    assert again.lines[0].cookie.value == "value-two-2222"  # the line itself is this one's


def test_a_classifier_that_reads_values_is_asked_for_each_value() -> None:
    def by_value(cookie: object, source: str | None) -> str | None:
        return "auth" if getattr(cookie, "value", "").startswith("A") else "other"

    policy = CookiePolicy(classifier=by_value)  # type: ignore[arg-type]
    kinds = [
        judge([Line(f"pref={value}; Path=/")], policy).lines[0].classification.kind
        for value in ("A-value-1", "B-value-1", "A-value-2")
    ]
    assert kinds == ["auth", "other", "auth"]


# A Flask session value (itsdangerous framing) and a plain one: without a framework, the fix
# texts of 'session' depend on the shape; with Flask's, the name and framework decide alone.
FLASK_VALUE = "eyJ1c2VyIjoiYWxpY2UifQ.Z0Bq1A.wJ8Dk3sYbQm0b2E0h5M6b1l3Jm2k4f0aQ2x"


@pytest.mark.parametrize("framework", [None, "flask"])
def test_a_shared_judgement_is_the_one_each_value_would_get_alone(framework: str | None) -> None:
    lines = [
        Line(f"session={FLASK_VALUE}; Path=/", framework=framework),
        Line("session=plain-session-value; Path=/", framework=framework),
        Line(f"pref={JWT}; Path=/", framework=framework),
        Line("pref=plain-value-here-ok; Path=/", framework=framework),
    ]
    for ordered in (lines, lines[::-1], lines * 2):
        for line in ordered:
            shared = judge([line], CookiePolicy(), hook_free=True).lines[0]
            alone = judge([line], CookiePolicy(), hook_free=False).lines[0]
            assert (shared.classification, shared.findings) == (
                alone.classification,
                alone.findings,
            )


def test_the_fix_text_follows_the_value_when_the_framework_is_unknown() -> None:
    flask = judge([Line(f"session={FLASK_VALUE}", framework=None)], CookiePolicy(), hook_free=True)
    plain = judge([Line("session=plain-value", framework=None)], CookiePolicy(), hook_free=True)
    assert [f.fix for f in flask.lines[0].findings] != [f.fix for f in plain.lines[0].findings]
