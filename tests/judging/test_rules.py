"""check_cookie and the rules SC001-SC015: each fires where it should, and only there."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pytest_securecookie.judging.deletion import default_path
from pytest_securecookie.judging.policy import (
    Classification,
    CookiePolicy,
    Finding,
    check_cookie,
    check_deletion,
    check_ignored_line,
)
from pytest_securecookie.judging.rules import RULES
from pytest_securecookie.parsing.parser import parse_set_cookie
from tests._apps import flask_session_line
from tests._helpers import NOW, cookie

HARDENED = "; Secure; HttpOnly; SameSite=Lax; Path=/"


def rules(line: str, policy: CookiePolicy | None = None, **kwargs: object) -> list[str]:
    found = check_cookie(cookie(line), policy, now=NOW, **kwargs)  # type: ignore[arg-type]
    return [finding.rule for finding in found]


def only(line: str, rule_id: str, policy: CookiePolicy | None = None) -> Finding:
    found = [f for f in check_cookie(cookie(line), policy, now=NOW) if f.rule == rule_id]
    assert len(found) == 1, found
    return found[0]


def test_every_rule_is_registered_with_what_and_why() -> None:
    assert list(RULES)[:18] == [f"SC{n:03d}" for n in range(1, 19)]
    assert list(RULES) == sorted(RULES)  # rule modules register in id order
    assert all(rule.what and rule.why for rule in RULES.values())


def test_a_hardened_auth_cookie_has_no_findings() -> None:
    assert rules("sessionid=abc" + HARDENED) == []
    assert rules("__Host-sid=abc" + HARDENED) == []


def test_a_bare_auth_cookie_misses_secure_httponly_and_samesite() -> None:
    assert rules("sessionid=abc") == ["SC001", "SC002", "SC003"]
    assert only("sessionid=abc", "SC001").problem == "'sessionid' has no Secure attribute"
    assert only("sessionid=abc", "SC002").problem == "'sessionid' has no HttpOnly attribute"
    assert only("sessionid=abc", "SC003").problem == "'sessionid' has no SameSite attribute"


def test_csrf_cookies_need_httponly_only_when_the_policy_says_so() -> None:
    line = "csrftoken=abc; Secure; SameSite=Lax"
    assert rules(line) == []
    assert rules(line, CookiePolicy(csrf_httponly=True)) == ["SC002"]
    assert rules("csrftoken=abc") == ["SC001", "SC003"]


def test_other_and_ignored_cookies_get_only_what_browsers_enforce() -> None:
    assert rules("theme=dark") == []
    assert rules("theme=dark; SameSite=Strictt; Max-Age=99999999") == []
    assert rules("theme=dark; SameSite=None") == ["SC005"]
    assert rules("AWSALB=x; SameSite=None; Partitioned") == ["SC005", "SC009"]
    assert rules("__Secure-theme=dark") == ["SC007"]
    assert rules("theme=dark; HttpOnyl") == ["SC012"]


def test_check_cookie_takes_the_callers_classification() -> None:
    assert rules("theme=dark", classification=Classification("auth", "ours")) == [
        "SC001", "SC002", "SC003"]
    assert rules("sessionid=x", classification=Classification("other", "ours")) == []


def test_samesite_value_browsers_ignore() -> None:
    finding = only("sessionid=x; Secure; HttpOnly; SameSite=Strictt", "SC004")
    assert finding.problem == (
        "'sessionid' has SameSite='Strictt', which browsers do not recognise "
        "(did you mean Strict?)"
    )
    assert finding.fix == "spell it SameSite=Strict"
    bare = only("sessionid=x; Secure; HttpOnly; SameSite", "SC004")
    assert "a bare SameSite with no value" in bare.problem
    assert rules("sessionid=x; Secure; HttpOnly; SameSite=") == ["SC004"]
    assert rules("sessionid=x; Secure; HttpOnly; samesite=lax") == []


def test_samesite_none_without_secure_is_rejected_for_any_cookie() -> None:
    assert "SC005" in rules("sessionid=x; HttpOnly; SameSite=None")
    assert rules("theme=x; Secure; SameSite=None") == []


def test_samesite_weaker_than_the_policy() -> None:
    strict = CookiePolicy(samesite=("Strict",))
    finding = only("sessionid=x; Secure; HttpOnly; SameSite=Lax", "SC006", strict)
    assert finding.problem == "'sessionid' has SameSite=Lax; the policy allows Strict"
    assert rules("sessionid=x; Secure; HttpOnly; SameSite=None") == ["SC006"]
    assert rules("sessionid=x; Secure; HttpOnly; SameSite=None",
                 CookiePolicy(samesite=("None", "Lax"))) == []
    assert rules("sessionid=x; Secure; HttpOnly", CookiePolicy(samesite=())) == []


def test_samesite_stronger_than_the_policy_asks_is_no_finding() -> None:
    # SC006 is "weaker than the policy requires": Strict meets a Lax-only policy.
    lax = CookiePolicy(samesite=("Lax",))
    assert rules("sessionid=x; Secure; HttpOnly; SameSite=Strict", lax) == []
    assert rules("sessionid=x; Secure; HttpOnly; SameSite=None", lax) == ["SC006"]
    assert rules("sessionid=x; Secure; HttpOnly; SameSite=Lax",
                 CookiePolicy(samesite=("None",))) == []


def test_prefix_rules() -> None:
    assert rules("__Secure-sid=x; HttpOnly; SameSite=Lax") == ["SC001", "SC007"]
    assert rules("__secure-sid=x; Secure; HttpOnly; SameSite=Lax") == []
    host = only("__Host-sid=x; Secure; HttpOnly; SameSite=Lax; Domain=example.com", "SC008")
    assert host.problem == "'__Host-sid' has the __Host- prefix but no Path=/, Domain=example.com"
    assert host.fix == "set Path=/; drop Domain"
    assert rules("__HOST-sid=x; HttpOnly; SameSite=Lax; Path=/") == ["SC001", "SC008"]
    assert rules("__Host-sid=x; Secure; HttpOnly; SameSite=Lax; Path=/app") == ["SC008"]


def test_partitioned_without_secure() -> None:
    assert only("theme=x; Partitioned", "SC009").problem == (
        "'theme' is Partitioned but has no Secure")
    assert rules("theme=x; Partitioned; Secure") == []


def test_lifetime_over_the_policy_maximum_and_the_browser_cap() -> None:
    day = CookiePolicy(max_lifetime=86400)
    two_days = "sessionid=x" + HARDENED + "; Max-Age=172800"
    assert only(two_days, "SC010", day).problem == (
        "'sessionid' lives 2 days, over the policy maximum of 1 day")
    assert rules(two_days) == []
    far = "sessionid=x" + HARDENED + "; Max-Age=63072000"
    assert only(far, "SC010").problem == (
        "'sessionid' lives 730 days, over the 400 days browsers allow")
    expires = (NOW + timedelta(days=3)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert rules(f"sessionid=x{HARDENED}; Expires={expires}", day) == ["SC010"]
    assert rules("sessionid=x" + HARDENED, day) == []  # a browser-session cookie


def test_a_naive_now_is_taken_as_utc_as_is_deletion_at_does() -> None:
    expires = (NOW + timedelta(days=3)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    line = cookie(f"sessionid=x{HARDENED}; Expires={expires}")
    naive = NOW.replace(tzinfo=None)
    day = CookiePolicy(max_lifetime=86400)
    assert [f.problem for f in check_cookie(line, day, now=naive)] == [
        "'sessionid' lives 3 days, over the policy maximum of 1 day"]
    assert [f.rule for f in check_deletion(line, now=naive)] == ["SC014"]


def test_oversized_attribute() -> None:
    finding = only("theme=x; Path=/" + "a" * 1100, "SC011")
    assert finding.problem == "'theme' has a Path value over 1024 octets, which browsers ignore"


def test_oversized_line_the_parser_ignored() -> None:
    line = "session=" + "v" * 5000 + "; Secure"
    assert parse_set_cookie(line) is None
    [finding] = check_ignored_line(line)
    assert finding.rule == "SC011"
    assert finding.cookie == "session"
    assert "over the 4096 browsers accept" in finding.why  # one SC011 text for every entry point
    assert "v" * 8 not in repr(finding)
    assert check_ignored_line("session=\x07bell") == []
    assert check_ignored_line("session=ok") == []


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Secrue", "Secure"), ("HttpOnyl", "HttpOnly"), ("Http-Only", "HttpOnly"),
     ("SameSit", "SameSite"), ("Max_Age", "Max-Age"), ("Expiry", "Expires"),
     ("Domian", "Domain"), ("Secured", "Secure"), ("same-site", "SameSite"),
     ("Partition", "Partitioned")],
)
def test_misspelt_attribute_says_what_was_meant(written: str, meant: str) -> None:
    finding = only(f"theme=x; {written}=secretattr", "SC012")
    assert finding.problem == (
        f"'theme' has an attribute {written!r} that browsers ignore: did you mean {meant}?")
    assert "secretattr" not in repr(finding)


@pytest.mark.parametrize("written", ["Priority=High", "Version=1", "Comment=hi", "Foo", "Port"])
def test_unknown_attributes_without_a_likely_meaning_are_not_reported(written: str) -> None:
    assert rules(f"theme=x; {written}") == []


def test_host_only_policy() -> None:
    policy = CookiePolicy(host_only=True)
    line = "sessionid=x" + HARDENED + "; Domain=.Example.com"
    assert only(line, "SC013", policy).problem == (
        "'sessionid' sets Domain=example.com; the policy asks for host-only cookies")
    assert rules(line) == []
    assert rules("theme=x; Domain=example.com", policy) == []


def test_ignore_rules_skips_rule_ids() -> None:
    assert rules("sessionid=x", CookiePolicy(ignore_rules=("SC001", "SC003"))) == ["SC002"]


# -- deletions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "sessionid=; Max-Age=0; Path=/",
        'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/',
        "remember_token=; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        "connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        "sessionid=; Max-Age=-1; SameSite=None; Secure",
    ],
)
def test_deletions_need_no_flags(line: str) -> None:
    assert rules(line, CookiePolicy(max_lifetime=60, samesite=("Strict",))) == []


def test_deletions_are_exempt_from_every_samesite_rule_and_from_host_only() -> None:
    # A browser deletes the cookie whatever its SameSite says, and a deletion must carry
    # the Domain the cookie was set with: "drop Domain" would leave the cookie in place.
    strict = CookiePolicy(samesite=("Strict",), host_only=True)
    assert rules("sessionid=; Max-Age=0; Path=/; SameSite=Strictt", strict) == []
    assert rules("sessionid=; Max-Age=0; Path=/; SameSite", strict) == []
    assert rules("remember_token=; Max-Age=0; Path=/; Domain=example.com", strict) == []
    assert rules("sessionid=x; Path=/; Domain=example.com" + HARDENED, strict) == [
        "SC006", "SC013"]


def test_expires_now_with_a_long_max_age_is_not_a_deletion() -> None:
    now = NOW.strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert rules(f"sessionid=x; Expires={now}; Max-Age=1209600") == ["SC001", "SC002", "SC003"]


def test_deletion_is_judged_against_the_response_date() -> None:
    line = "sessionid=; Expires=Sun, 22 Nov 2026 00:30:00 GMT"
    assert rules(line) == []  # NOW is 01:00: already past
    before = datetime(2026, 11, 22, 0, 0, tzinfo=timezone.utc)
    found = check_cookie(cookie(line), now=before)
    assert [f.rule for f in found] == ["SC001", "SC002", "SC003"]


def test_a_prefixed_deletion_browsers_refuse_is_sc014() -> None:
    [finding] = check_cookie(cookie("__Host-sid=; Max-Age=0; Path=/"), now=NOW)
    assert finding.rule == "SC014"
    assert finding.problem == "deletion refused: '__Host-sid' has the __Host- prefix but no Secure"
    assert "stays logged in" in finding.why
    assert [f.rule for f in check_cookie(cookie("__Secure-sid=; Max-Age=0"), now=NOW)] == [
        "SC014"]
    assert check_cookie(cookie("__Host-sid=; Max-Age=0; Path=/; Secure"), now=NOW) == []


def test_check_deletion_against_the_original_cookie() -> None:
    original = cookie("sessionid=abc; Path=/app; Domain=example.com; Secure; HttpOnly")
    assert check_deletion(cookie("sessionid=; Max-Age=0; Path=/app; Domain=example.com"),
                          original, now=NOW) == []
    found = check_deletion(cookie("sessionid=; Max-Age=0; Path=/"), original, now=NOW)
    assert [f.problem for f in found] == [
        "'sessionid' is deleted with Path=/ but was set with Path=/app",
        "'sessionid' is deleted with no Domain (host-only) but was set with Domain=example.com",
    ]
    assert {f.rule for f in found} == {"SC014"}


def test_check_deletion_compares_default_paths_when_the_urls_are_known() -> None:
    original = cookie("sessionid=abc")  # set by /accounts/login/: path /accounts/login
    deletion = cookie("sessionid=; Max-Age=0; Path=/")
    assert check_deletion(deletion, original, now=NOW) == []  # the original path is unknown
    [finding] = check_deletion(deletion, original, url="https://x/logout",
                               original_url="https://x/accounts/login/", now=NOW)
    assert finding.problem == (
        "'sessionid' is deleted with Path=/ but was set with no Path "
        "(so the default path /accounts/login)")
    assert finding.fix == "delete it with Path=/accounts/login"
    same = cookie("sessionid=; Max-Age=0")
    assert check_deletion(same, original, url="https://x/accounts/login/?next=/",
                          original_url="https://x/accounts/login/", now=NOW) == []
    assert check_deletion(cookie("sessionid=; Max-Age=0"), cookie("sessionid=abc"),
                          url="https://x/logout", original_url="https://x/login", now=NOW) == []


@pytest.mark.parametrize(
    ("url", "path"),
    [("https://x", "/"), ("https://x/", "/"), ("https://x/login", "/"),
     ("https://x/accounts/login/", "/accounts/login"), ("https://x/a/b?c=/d", "/a")],
)
def test_default_path(url: str, path: str) -> None:
    assert default_path(url) == path


def test_a_deletion_without_secure_of_a_secure_cookie_is_honoured_over_http_and_https() -> None:
    # Django's delete_cookie drops Secure (5.2 has no secure= parameter).  Over https a
    # browser honours the line; over http it never stored the Secure original.  No SC014.
    from django.conf import settings  # type: ignore[import-untyped]
    from django.http import HttpResponse  # type: ignore[import-untyped]

    if not settings.configured:
        settings.configure(SECRET_KEY="policy-tests", INSTALLED_APPS=[], DATABASES={})
    logout = HttpResponse()
    logout.delete_cookie("sessionid")
    deletion = cookie(logout.cookies["sessionid"].OutputString())
    assert not deletion.secure
    original = cookie("sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax")
    for url in ("http://localhost/logout", "https://localhost/logout"):
        assert check_deletion(deletion, original, url=url, now=NOW) == []


def test_check_deletion_of_a_line_that_sets_the_cookie_again() -> None:
    [finding] = check_deletion(cookie("sessionid=x; Max-Age=3600"), now=NOW)
    assert finding.problem == "'sessionid' is set again, not deleted: the line keeps it for 1 hour"
    [prefix] = check_deletion(cookie("__Host-sid=; Max-Age=0; Path=/"), now=NOW)
    assert prefix.problem.startswith("deletion refused:")


# -- lines produced by real frameworks ------------------------------------------------------


def test_flask_default_and_hardened_session_cookie() -> None:
    assert rules(flask_session_line(), framework="flask") == ["SC001", "SC003"]
    hardened = flask_session_line(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax")
    assert rules(hardened, framework="flask") == []


def test_werkzeug_dump_cookie_and_delete() -> None:
    from werkzeug.http import dump_cookie

    assert rules(dump_cookie("sessionid", "x", secure=True, httponly=True,
                             samesite="Strict")) == []
    assert rules(dump_cookie("sessionid", "", max_age=0, expires=0)) == []
    assert rules(dump_cookie("__Host-sid", "", max_age=0, path="/")) == ["SC014"]


def test_django_set_cookie_and_delete_cookie() -> None:
    from django.conf import settings  # type: ignore[import-untyped]
    from django.http import HttpResponse, SimpleCookie  # type: ignore[import-untyped]

    if not settings.configured:
        settings.configure(SECRET_KEY="policy-tests", INSTALLED_APPS=[], DATABASES={})

    response = HttpResponse()
    response.set_cookie("sessionid", "x", secure=True, httponly=True, samesite="Lax")
    response.set_cookie("csrftoken", "y", max_age=31449600, samesite="Lax")
    lines = {name: morsel.OutputString() for name, morsel in response.cookies.items()}
    assert rules(lines["sessionid"]) == []
    assert rules(lines["csrftoken"]) == ["SC001"]
    gone = HttpResponse()
    gone.delete_cookie("sessionid")
    assert isinstance(gone.cookies, SimpleCookie)
    assert rules(gone.cookies["sessionid"].OutputString()) == []


def test_starlette_set_cookie() -> None:
    from starlette.responses import Response

    response = Response()
    response.set_cookie("session", "x", secure=True, httponly=True, samesite="lax")
    response.set_cookie("theme", "dark", samesite="none")
    lines = [value.decode() for key, value in response.raw_headers if key == b"set-cookie"]
    assert rules(lines[0]) == []
    assert rules(lines[1]) == ["SC005"]
