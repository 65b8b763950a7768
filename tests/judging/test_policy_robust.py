"""Whatever line a server sends, classification and the rules never raise nor echo the value."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_securecookie.judging.policy import CookiePolicy, check_cookie, check_deletion
from pytest_securecookie.parsing.parser import parse_set_cookie
from tests._helpers import NOW

POLICY = CookiePolicy(host_only=True, max_lifetime=3600, samesite=("Strict",))
# A marker no rule text contains, so finding it in a finding means the value leaked.
MARK = "Qz9Xw"

names = st.sampled_from(["sessionid", "__Host-sid", "__Secure-x", "theme", "csrftoken",
                         "session.sig", "session-0", "AWSALB", "x"])
attributes = st.lists(
    st.sampled_from([
        "Secure", "HttpOnly", "SameSite=Lax", "SameSite=None", "SameSite=Strictt", "SameSite",
        "Path=/", "Path=/app", "Domain=example.com", "Max-Age=0", "Max-Age=99999999",
        "Expires=Thu, 01 Jan 1970 00:00:00 GMT", "Partitioned", "Secrue", "Http-Only",
        "Priority=High", "Max_Age=5",
    ]),
    max_size=8,
)
values = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=60).map(
    lambda text: MARK + text.replace(";", "") + MARK
)


@settings(max_examples=200, deadline=None)
@given(names, values, attributes, st.sampled_from([None, "flask", "django", "express"]))
def test_findings_never_raise_nor_contain_the_value(
    name: str, value: str, attrs: list[str], framework: str | None
) -> None:
    line = "; ".join([f"{name}={value}", *attrs])
    cookie = parse_set_cookie(line)
    if cookie is None:
        return
    POLICY.classify(cookie)
    findings = check_cookie(cookie, POLICY, framework=framework, url="http://x/", now=NOW)
    findings += check_deletion(cookie, cookie, url="http://x/", now=NOW)
    for finding in findings:
        assert MARK not in repr(finding)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_value_classifies_without_raising(value: str) -> None:
    cookie = parse_set_cookie(f"prefs={value}")
    if cookie is not None:
        assert CookiePolicy().classify(cookie).kind in ("auth", "other")


def test_check_cookie_wants_a_parsed_cookie_and_a_policy() -> None:
    cookie = parse_set_cookie("sessionid=abc; Secure")
    assert cookie is not None
    with pytest.raises(TypeError, match=r"check_cookie\(\) takes a SetCookie .* got str"):
        check_cookie("sessionid=abc; Secure")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="policy= must be a CookiePolicy or None, got dict"):
        check_cookie(cookie, {"require_secure": False})  # type: ignore[arg-type]
