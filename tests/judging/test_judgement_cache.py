"""The session's judgement cache (``judging.assessments``) never changes a finding.

Every line is judged twice: through ``judge`` (cached, keyed on what a judgement reads) and
alone (``judge_line`` assessing afresh); both must agree on the classification, the findings
and the deletion, over the browser corpus and over lines real frameworks write, with values,
Expires dates and URLs that vary as they do from test to test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from werkzeug.http import dump_cookie

from pytest_securecookie.capturing.recorder import RecordedLine
from pytest_securecookie.judging import rules
from pytest_securecookie.judging.lines import Clock, Received, judge_line
from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.recorded import judge, parse_line
from pytest_securecookie.judging.value_facts import VALUE_FACTS, register_value_fact
from pytest_securecookie.parsing.attributes import expires_blanked

CORPUS = Path(__file__).parent.parent / "conformance" / "set-cookie-cases.json"
DATE = datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc)
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
FLASK_VALUE = "eyJ1c2VyIjoiYWxpY2UifQ.Z0Bq1A.wJ8Dk3sYbQm0b2E0h5M6b1l3Jm2k4f0aQ2x"
VALUES = ("plain", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", JWT, FLASK_VALUE)
URLS = ("http://localhost/login", "https://app.example/login/user7", None)
FRAMEWORKS = ("flask", "django", None, "requests")
POLICIES = (CookiePolicy(), CookiePolicy(host_only=True, max_lifetime=3600, scope="all"))


def corpus_lines() -> list[str]:
    cases = json.loads(CORPUS.read_text(encoding="utf-8"))
    found = [line for case in cases for line in case.get("headers", [case.get("header")])]
    return [line for line in found if isinstance(line, str)]


def with_value(line: str, value: str) -> str:
    """The line with its value replaced (its name and attributes as they are)."""
    pair, semicolon, tail = line.partition(";")
    name, eq, _ = pair.partition("=")
    return f"{name}={value}{semicolon}{tail}" if eq else line


def framework_lines() -> Iterator[str]:
    """Session lines as werkzeug (Flask) writes them, Expires a few seconds apart."""
    for seconds in (0, 1, 59):
        expires = DATE + timedelta(seconds=seconds)
        for value in VALUES:
            yield dump_cookie("session", value, max_age=1209600, expires=expires, secure=True,
                              httponly=True, samesite="Lax")
            yield dump_cookie("session", value, max_age=0, expires=expires)
            yield dump_cookie("remember_token", value, expires=expires, secure=True)


# Max-Age beats Expires, but an Expires over 1024 octets is still reported (SC011); the
# value is left out of a cached judgement's key, not the fact that it was too long.
EDGES = [f"sid=v; Max-Age=60; Expires={expires}; expires=Sun, 06 Dec 2026 08:00:00 GMT; Secure"
         for expires in ("x" * 1100, "Sun, 06 Dec 2026 08:00:00 GMT", "nonsense")]


def variants(line: str, number: int) -> Iterator[RecordedLine]:
    """The line with each value, at URLs and from frameworks that rotate every few lines (so
    that neighbouring lines with the same value share them, and may share a judgement)."""
    for turn, value in enumerate(VALUES, start=number // 8):
        url, framework = URLS[turn % len(URLS)], FRAMEWORKS[turn % len(FRAMEWORKS)]
        source = f"POST {url} ({framework})"
        yield RecordedLine(with_value(line, value), source, framework, url, DATE, 0)


def alone(rec: RecordedLine, policy: CookiePolicy) -> tuple[object, ...]:
    received = Received(rec.source, rec.framework, rec.url, rec.date, Clock(DATE))
    judged = judge_line(rec.line, parse_line(rec.line), policy, received)
    return judged.classification, judged.findings, judged.deletion


def shared(rec: RecordedLine, policy: CookiePolicy) -> tuple[object, ...]:
    [judged] = judge([rec], policy, hook_free=True).lines
    return judged.classification, judged.findings, judged.deletion


@pytest.mark.parametrize("policy", POLICIES, ids=["default", "strict"])
def test_cached_judgements_equal_fresh_ones_over_the_corpus_and_framework_lines(
    policy: CookiePolicy,
) -> None:
    lines = [*corpus_lines(), *framework_lines(), *EDGES]
    records = [rec for number, line in enumerate(lines) for rec in variants(line, number)]
    for rec in [*records, *reversed(records)]:  # each order fills the cache differently
        assert shared(rec, policy) == alone(rec, policy), rec


def django_line(value: str, seconds: int) -> RecordedLine:
    expires = (DATE + timedelta(seconds=seconds)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    line = (f"sessionid={value}; expires={expires}; HttpOnly; Max-Age=1209600; Path=/; "
            "SameSite=Lax; Secure")
    url = f"http://testserver/login/user{seconds}"  # a URL of its own per test
    return RecordedLine(line, f"POST {url} (django)", "django", url, None, 0)


def test_a_line_changing_only_its_expires_second_value_and_url_is_a_cache_hit() -> None:
    first = judge([django_line("a" * 40, 0)], CookiePolicy(), hook_free=True).lines[0]
    for seconds, value in ((1, "b" * 40), (37, "c" * 40)):
        again = judge([django_line(value, seconds)], CookiePolicy(), hook_free=True).lines[0]
        assert again.findings is first.findings  # the same judgement object: a hit
        assert again.cookie.value == value and again.source != first.source


def test_expires_decides_without_max_age_so_such_lines_are_judged_at_their_moment() -> None:
    line = "sessionid=abc; expires=Sun, 06 Dec 2026 08:00:00 GMT; Path=/"
    before, after = (RecordedLine(line, "GET /", "django", "http://t/", DATE + timedelta(
        seconds=offset), 0) for offset in (-5, 5))
    verdicts = [judge([rec], CookiePolicy(), hook_free=True).lines[0] for rec in (before, after)]
    assert [line.deletion for line in verdicts] == [False, True]


def _entropy_rule(ctx: rules.Context) -> Iterator[rules.Finding]:
    if ctx.need.judged and ctx.value_fact("test-length") < 8:
        yield rules.Finding("SC999", ctx.cookie.name, "short", "why", "fix")


def test_a_rule_reading_a_value_fact_gets_one_cached_judgement_per_fact_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(VALUE_FACTS, "test-length", len)
    with pytest.raises(ValueError, match="already registered"):
        register_value_fact("test-length", str.upper)
    entry = rules.Rule("SC999", "short", "why", _entropy_rule, True, 330, "low", None)
    monkeypatch.setitem(rules.RULES, "SC999", entry)
    policy = CookiePolicy(max_lifetime=4242)  # a table of its own: nothing cached before
    found = [judge([RecordedLine(f"sid={value}; Secure; HttpOnly; SameSite=Lax", "GET /",
                                 "flask", "https://t/", None, 0)], policy, hook_free=True)
             .lines[0].findings for value in ("short", "long-enough-value", "tiny", "shor2")]
    assert [[f.rule for f in findings] for findings in found] == [["SC999"], [], ["SC999"],
                                                                  ["SC999"]]
    assert found[3] is found[0]  # same fact value (5): the cached judgement


def blanked_piecewise(tail: str) -> str:
    """The reference: each cookie-av whose name the parser takes for Expires, value cut."""
    kept = []
    for cookie_av in tail.split(";"):
        name, eq, _ = cookie_av.partition("=")
        expires = eq and name.strip(" \t").lower() == "expires"
        kept.append(name + eq if expires else cookie_av)
    return ";".join(kept)


@pytest.mark.parametrize("tail", [
    " expires=Sun, 06 Dec 2026 08:00:00 GMT; Max-Age=60", " EXPIRES = x; a=b; \texpires\t=y",
    " expireſ=x", " xexpires=x; expiresx=y", " expires; Expires=", "Expires=a=b;expires=;",
    " Max-Age=1; Path=/expires=x", " \u212aexpires=x; expires\u00a0=y",
])
def test_expires_values_are_blanked_as_the_parser_names_attributes(tail: str) -> None:
    assert expires_blanked(tail) == blanked_piecewise(tail)


def test_expires_values_are_blanked_as_the_parser_names_attributes_over_the_corpus() -> None:
    for line in corpus_lines():
        tail = line.partition(";")[2]
        assert expires_blanked(tail) == blanked_piecewise(tail), tail
