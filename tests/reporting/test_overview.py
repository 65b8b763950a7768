"""What a run says it judges (``reporting.overview``) and the tally behind the line of a run that
judged nothing: pure."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.recorded import judge
from pytest_securecookie.reporting.overview import (
    empty_report,
    enforced_by_markers,
    enforced_everywhere,
    nothing_judged,
    policy_lines,
)
from pytest_securecookie.reporting.tally import Tally
from tests._enforce_apps import Line

APP = "each app's own session, CSRF and remember-me names (Django settings, Flask/Quart config, "


def test_the_policy_line_names_every_requirement_it_makes() -> None:
    strict = CookiePolicy(samesite=(), csrf_httponly=True, max_lifetime=7200, host_only=True,
                          require_secure=False, scope="all")  # fmt: skip
    assert policy_lines(strict, hook=False)[0] == (
        "secure cookies policy: profile default; scope all (every cookie not ignored); "
        "HttpOnly, any SameSite, "
        "lifetime at most 2h, no Domain"
    )
    assert policy_lines(CookiePolicy(max_lifetime=90), hook=False)[0].endswith("at most 90s")


def test_the_names_line_says_where_the_names_come_from() -> None:
    replaced = CookiePolicy(recognise_values=False).with_names(auth=["app_sid"])
    assert policy_lines(replaced, hook=True)[1] == (
        f"secure cookies auth-like names: secure_cookies_auth_names only (app_sid) + {APP}"
        "Flask-Login, Starlette/Litestar/aiohttp-session middleware) + the "
        "pytest_securecookie_classify hook"
    )


def test_what_is_enforced() -> None:
    everything = CookiePolicy(scope="all")
    assert enforced_everywhere("--secure-cookies", everything) == (
        "secure cookies: --secure-cookies: every test fails on an insecure cookie it receives"
    )
    assert enforced_by_markers(3, CookiePolicy()) == (
        "secure cookies: 3 tests marked secure_cookies fail on an insecure auth-like or CSRF "
        "cookie received"
    )


def test_nothing_judged_shows_names_escaped_and_shortened() -> None:
    names = ["a\x1b[31m", *"bcdefghij"]
    line = nothing_judged(names)
    assert "(seen: a\\x1b[31m, b, c, d, e, f, g, h, ...);" in line
    assert "\x1b" not in line


def test_empty_report() -> None:
    assert empty_report(Path("out.json")).startswith(
        "secure cookies: the report out.json is empty: no test was recorded"
    )


def test_the_tally_keeps_the_unjudged_names_and_receives_a_workers() -> None:
    here, there = Tally(), Tally()
    here.add("t::a", judge([Line("theme=dark"), Line("theme=light")], CookiePolicy()), 1,
             entries=False)  # fmt: skip
    sent = there.add("t::b", judge([Line("lang=en"), Line("AWSALB=x")], CookiePolicy()), 1,
                     entries=False)  # fmt: skip
    here.receive(json.loads(json.dumps(sent._asdict())))  # what an xdist worker sends
    assert here.unjudged == ["theme", "lang", "AWSALB"]
    assert here.judged_nothing
    here.add("t::c", judge([Line("session=x; Path=/")], CookiePolicy()), 1, entries=False)
    assert not here.judged_nothing
    assert not Tally().judged_nothing  # no cookie at all: nothing to say


def test_the_report_states_the_scope() -> None:
    tally = Tally()
    assert tally.report()["scope"] == "auth"
    assert tally.report()["profile"] == "default"
    assert list(tally.report("all", "asvs-l2"))[:6] == [
        "version", "scope", "profile", "summary", "offenders", "cookies"
    ]
