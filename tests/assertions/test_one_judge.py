"""assert_secure_cookie, assert_cookie_deleted and enforcement judge a line the same way.

Regression tests for issue 9 ("facts computed twice"): one SC011 text for a line browsers
ignore, one moment per response (its Date) for the findings and their fix texts, and cached
judgements that never carry another line's value.
"""

from __future__ import annotations

from datetime import datetime, timezone

import flask
import pytest

from pytest_securecookie import (
    CookiePolicy,
    CookieRecorder,
    Finding,
    InsecureCookieError,
    assert_cookie_deleted,
    assert_secure_cookie,
)
from pytest_securecookie.capturing.recorder import RecordedLine
from pytest_securecookie.judging.policy import check_ignored_line
from pytest_securecookie.judging.recorded import judge

# Live at its response's Date (2021), long expired by the clock: never a deletion here.
DATE = "Fri, 01 Jan 2021 00:00:00 GMT"
LIVE_AT_DATE = "sid=k3yv4lu3-live; Expires=Sat, 01 Jan 2022 00:00:00 GMT; Path=/"
OVERSIZED = "session=" + "v" * 5000 + "; Secure; HttpOnly; SameSite=Lax"
CONTROL = "session=bell\x07bell; Secure; HttpOnly; SameSite=Lax"


def make_app() -> flask.Flask:
    app = flask.Flask(__name__)

    @app.get("/raw")
    def raw() -> flask.Response:
        response = flask.make_response("x")
        for line in flask.request.args.getlist("line"):
            response.headers.add("Set-Cookie", line)
        if "date" in flask.request.args:
            response.headers["Date"] = flask.request.args["date"]
        return response

    return app


def get(*lines: str, date: str | None = None) -> object:
    query = [("line", line) for line in lines] + ([("date", date)] if date else [])
    return make_app().test_client().get("/raw", query_string=query)


def asserted(response: object, name: str | None = None) -> tuple[Finding, ...]:
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(response, name)  # type: ignore[call-overload]
    return caught.value.findings


def enforced(
    *lines: str, date: datetime | None = None, url: str = "http://localhost/raw"
) -> tuple[Finding, ...]:
    recorded = [RecordedLine(line, f"GET {url} (flask)", "flask", url, date, 0) for line in lines]
    return tuple(f for o in judge(recorded, CookiePolicy()).offenders for f in o.findings)


def test_an_oversized_auth_line_has_one_sc011_finding_whatever_the_entry_point() -> None:
    [from_assertion] = asserted(OVERSIZED, "session")
    [from_enforcement] = enforced(OVERSIZED)
    [from_check] = check_ignored_line(OVERSIZED)
    assert from_assertion == from_enforcement == from_check
    assert from_check.fix == (
        "keep name and value under 4096 octets: store the data server-side, "
        "and put only a session id in the cookie"
    )


def test_a_line_with_a_control_character_has_one_sc011_finding() -> None:
    assert asserted(CONTROL, "session") == enforced(CONTROL)
    assert [f.fix for f in enforced(CONTROL)] == [
        "send a valid Set-Cookie line: encode the value (e.g. base64url) so it holds no "
        "control characters, and give the cookie a name"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "session=abc123abc123; Path=/",
        "csrftoken=abc123abc123; Path=/; SameSite=None",
        "__Host-sid=abc123abc123; Path=/x; Domain=example.test; SameSite=Strict",
        "sid=abc123abc123; Max-Age=99999999; Secure; HttpOnly; SameSite=Lax; Secrue",
        "token=abc123abc123; SameSite=Laxx; Secure; HttpOnly",
    ],
)
def test_assertion_and_enforcement_find_the_same(line: str) -> None:
    assert asserted(get(line)) == enforced(line)


def test_a_cookie_live_at_its_response_date_is_judged_live_everywhere() -> None:
    response = get(LIVE_AT_DATE, date=DATE)
    fix = 'response.set_cookie("sid", ..., secure=True); if Secure is off only so that the http '
    fix += 'test client keeps its session, test over https instead: client.get(..., '
    fix += 'url_scheme="https") (or, where the test passes base_url=, its https:// form)'
    assert [(f.rule, f.fix) for f in asserted(response, "sid")][:1] == [("SC001", fix)]
    with pytest.raises(InsecureCookieError, match="sets cookie 'sid' but does not delete it"):
        assert_cookie_deleted(response, "sid")
    with CookieRecorder() as recorder:
        get(LIVE_AT_DATE, date=DATE)
    verdict = judge(recorder.lines, CookiePolicy())
    assert [line.deletion for line in verdict.lines] == [False]
    [offender] = verdict.offenders
    assert [(f.rule, f.fix) for f in offender.findings][:1] == [("SC001", fix)]


def test_a_deletion_at_its_response_date_is_told_to_delete_with_secure() -> None:
    # Past at its response's Date (2031), still ahead by the clock.
    date = datetime(2031, 1, 1, tzinfo=timezone.utc)
    deletion = "__Secure-sid=; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/"
    [finding] = enforced(deletion, date=date, url="https://localhost/logout")
    assert finding.rule == "SC014"
    assert finding.fix == 'response.delete_cookie("__Secure-sid", ..., secure=True)'


def test_a_cached_judgement_never_holds_another_lines_value() -> None:
    # Same name, attributes and request; the second value is written in the shared Domain.
    tail = "; Path=/; Secure; HttpOnly; SameSite=Lax; Domain=abcd1234.example"
    first, second = f"__Host-sid=zzzz9999{tail}", f"__Host-sid=abcd1234{tail}"
    url = "http://localhost/cached-judgement"
    lines = [RecordedLine(line, f"GET {url} (flask)", "flask", url, None, 0)
             for line in (first, second)]
    verdict = judge(lines, CookiePolicy(), hook_free=True)
    first_findings, second_findings = (line.findings for line in verdict.lines)
    assert [f.problem for f in first_findings] == [
        "'__Host-sid' has the __Host- prefix but Domain=abcd1234.example"]
    assert [f.problem for f in second_findings] == [
        "'__Host-sid' has the __Host- prefix but Domain=<redacted>.example"]


def test_a_judgement_shared_by_value_shape_never_holds_another_lines_value() -> None:
    # 'pref' is auth-like only by its value's shape (a JWT); the host-only policy makes SC013
    # show the Domain, in which the third line's value is written.
    header = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0."
    second, third = header + "c2lnbmF0dXJlLW9uZQ", header + "c2lnbmF0dXJlLXR3bw"
    tail = f"; Path=/; Secure; HttpOnly; SameSite=Lax; Domain={third.lower()}.example"
    url = "http://localhost/cached-by-shape"
    lines = [RecordedLine(f"pref={value}{tail}", f"GET {url} (flask)", "flask", url, None, 0)
             for value in ("plain-value-1234", second, third)]
    verdict = judge(lines, CookiePolicy(host_only=True), hook_free=True)
    assert [line.classification.kind for line in verdict.lines] == ["other", "auth", "auth"]
    shown = [f.problem for line in verdict.lines[1:] for f in line.findings]
    assert shown == [f"'pref' sets Domain={third.lower()}.example; the policy asks for "
                     "host-only cookies",
                     "'pref' sets Domain=<redacted>.example; the policy asks for host-only cookies"]
