"""SC015: another cookie packed into a Set-Cookie line, named but never its value."""

from __future__ import annotations

import pytest

from pytest_securecookie.judging.lines import Clock, Received, judge_line
from pytest_securecookie.judging.packed import packed_cookies
from pytest_securecookie.judging.policy import CookiePolicy, Finding, check_cookie
from pytest_securecookie.judging.spelling import MISSPELT_JUDGED
from tests._helpers import NOW, cookie

HARDENED = "; Secure; HttpOnly; SameSite=Lax; Path=/"
VALUE = "refresh-Value-0123"


def sc015(line: str, framework: str | None = None) -> list[Finding]:
    found = check_cookie(cookie(line), CookiePolicy(), now=NOW, framework=framework)
    return [finding for finding in found if finding.rule == "SC015"]


def test_a_second_cookie_in_the_line_is_named_but_not_its_value() -> None:
    (finding,) = sc015(f"session=x; refresh_token={VALUE}{HARDENED}")
    assert finding == Finding(
        "SC015", "session",
        "this line sets one cookie; 'refresh_token=...' is ignored by browsers",
        "a Set-Cookie line sets one cookie: browsers take a second name=value after ';' for an "
        "attribute they do not know and ignore it, so that cookie is never set",
        "send 'refresh_token' in a Set-Cookie header of its own: one cookie per header, never "
        "several joined with ';'",
    )  # fmt: skip


def test_several_are_listed_once_each_and_then_counted() -> None:
    (finding,) = sc015(f"sid=x; a=1; b=2; a=3; c=4; d=5{HARDENED}")
    assert finding.problem == (
        "this line sets one cookie; 'a=...', 'b=...', 'c=...' and 1 more are ignored by browsers")
    (two,) = sc015(f"sid=x; a=1; b=2{HARDENED}")
    assert two.problem == "this line sets one cookie; 'a=...' and 'b=...' are ignored by browsers"


@pytest.mark.parametrize("attributes", [
    "Secure=yes; HttpOnly=1; Partitioned=true",  # attributes spelt right, a value too
    "Max_Age=3600; Expiry=Thu, 01 Jan 2037 00:00:00 GMT; Domian=example.com",  # SC012
    "Version=1; Comment=hello; CommentURL=http://x; Discard; Port=80",  # RFC 2109/2965
    "Priority=High",  # known to browsers
    "a b=1; =2; Secrue",  # not a cookie name, no name, no value
])
def test_attributes_are_no_packed_cookie(attributes: str) -> None:
    assert sc015(f"sid=x; {attributes}{HARDENED}") == []


def test_the_fix_names_the_call_of_the_framework() -> None:
    (flask,) = sc015(f"session=x; remember_token={VALUE}{HARDENED}", framework="flask")
    assert flask.fix == ('set each cookie with its own call, one Set-Cookie header each: '
                         'response.set_cookie("remember_token", ...)')
    (express,) = sc015(f"connect.sid=x; remember_me={VALUE}{HARDENED}")
    assert express.fix.endswith("res.cookie('remember_me', value)")


def test_a_logout_that_packs_two_deletions_deletes_only_the_first() -> None:
    (finding,) = sc015("session=; refresh_token=; Max-Age=0; Path=/")
    assert finding.problem == (
        "this line sets one cookie; 'refresh_token=...' is ignored by browsers")


def test_a_line_browsers_drop_whole_still_names_what_it_packs() -> None:
    raw = f"; session={VALUE}; Path=/"
    judged = judge_line(raw, None, CookiePolicy(), Received(None, None, None, None, Clock(NOW)))
    assert [(f.rule, f.problem) for f in judged.findings] == [
        ("SC011", "browsers ignore this Set-Cookie line"),
        ("SC015", "this line sets no cookie; 'session=...' is ignored by browsers"),
    ]
    ignored = CookiePolicy(ignore_rules=("SC015",))
    judged = judge_line(raw, None, ignored, Received(None, None, None, None, Clock(NOW)))
    assert [f.rule for f in judged.findings] == ["SC011"]


def test_a_hostile_line_is_judged_in_bounded_work() -> None:
    names = [f"n{index}" for index in range(MISSPELT_JUDGED * 40)]
    raw = "sid=x; " + "; ".join(f"{name}=1" for name in names)
    assert packed_cookies(raw) == names[:MISSPELT_JUDGED]
