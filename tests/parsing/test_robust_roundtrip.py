"""Lines built by real cookie writers parse back to exactly what was written.

werkzeug's ``dump_cookie`` (Flask), Django's ``HttpResponse.set_cookie`` (its
``Morsel.OutputString()``) and the standard library's ``http.cookies`` each build a
Set-Cookie line from generated names, values and attributes; ``parse_set_cookie`` must give
back the same name, secure, httponly, samesite, path, domain, max_age and expires, and a
value that the writer's own reader decodes to the value written (writers quote and escape
values; the parser, like a browser, keeps the value as sent).

One accepted difference: werkzeug 3.1 writes the control characters 0x1A-0x1F into the
quoted value unescaped (it escapes 0x00-0x19 and 0x7F as octal).  RFC 6265bis §5.6 has a
browser ignore a line holding such a character, so the parser returns None for it: the
cookie never reaches a browser.
"""

from __future__ import annotations

import http.cookies
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_securecookie import SetCookie, parse_set_cookie

werkzeug_http = pytest.importorskip("werkzeug.http")

RESERVED = {"expires", "path", "comment", "domain", "max-age", "secure", "httponly",
            "version", "samesite", "partitioned"}
names = st.from_regex(r"[A-Za-z0-9_.-]{1,20}", fullmatch=True).filter(
    lambda name: name.lower() not in RESERVED
)
values = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
paths = st.none() | st.from_regex(r"/[A-Za-z0-9/_.~-]{0,20}", fullmatch=True)
domains = st.none() | st.from_regex(r"[a-z0-9]{1,10}(\.[a-z0-9]{1,10}){0,2}", fullmatch=True)
samesites = st.sampled_from([None, "Strict", "Lax", "None"])
max_ages = st.none() | st.integers(min_value=0, max_value=10**9)
expiries = st.none() | st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(timezone.utc)
).map(lambda moment: moment.replace(microsecond=0))
attributes = st.fixed_dictionaries({
    "path": paths, "domain": domains, "secure": st.booleans(), "httponly": st.booleans(),
    "samesite": samesites, "max_age": max_ages, "expires": expiries,
})
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.filter_too_much])


def same_attributes(cookie: SetCookie | None, name: str, written: dict[str, Any]) -> SetCookie:
    assert cookie is not None
    assert cookie.name == name
    assert (cookie.secure, cookie.httponly) == (written["secure"], written["httponly"])
    assert cookie.samesite == written["samesite"]
    assert cookie.path == written["path"]
    assert cookie.domain == written["domain"]
    assert cookie.max_age == written["max_age"]
    if written["expires"] is not None:
        assert cookie.expires == written["expires"]
    elif written["max_age"] is None:
        assert cookie.expires is None
    assert not cookie.unknown_attributes and not cookie.oversized_attributes
    return cookie


@SETTINGS
@given(names, values, attributes)
def test_werkzeug_dump_cookie_round_trips(name: str, value: str, written: dict[str, Any]) -> None:
    line = werkzeug_http.dump_cookie(name, value, **written)
    if any(0x1A <= ord(char) <= 0x1F for char in line):  # werkzeug leaves these unescaped
        assert parse_set_cookie(line) is None
        return
    cookie = same_attributes(parse_set_cookie(line), name, written)
    assert werkzeug_http.parse_cookie(f"{name}={cookie.value}")[name] == value


def morsel_line(name: str, value: str, written: dict[str, Any]) -> str:
    """What ``http.cookies`` writes for these attributes (``Morsel.OutputString``)."""
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    jar[name] = value
    morsel = jar[name]
    for key in ("path", "domain", "secure", "httponly", "samesite"):
        if written[key]:
            morsel[key] = written[key]
    if written["max_age"] is not None:
        morsel["max-age"] = written["max_age"]
    if written["expires"] is not None:
        morsel["expires"] = format_datetime(written["expires"], usegmt=True)
    return morsel.OutputString()


def simple_cookie_value(name: str, sent: str) -> str:
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    jar.load(f"{name}={sent}")
    return jar[name].value


@SETTINGS
@given(names, values, attributes)
def test_http_cookies_morsel_round_trips(name: str, value: str, written: dict[str, Any]) -> None:
    cookie = same_attributes(parse_set_cookie(morsel_line(name, value, written)), name, written)
    assert simple_cookie_value(name, cookie.value) == value


@pytest.fixture(scope="module")
def django_response() -> Any:
    pytest.importorskip("django")
    from django.conf import settings as django_settings

    if not django_settings.configured:
        django_settings.configure(DEBUG=False, USE_TZ=True)
    from django.http import HttpResponse

    return HttpResponse


def morsel_attributes(morsel: http.cookies.Morsel[str]) -> dict[str, Any]:
    """The attributes a writer put in its Morsel (Django turns an Expires datetime into
    Max-Age and adds Path=/): what the line it writes must carry."""
    return {
        "path": morsel["path"] or None, "domain": morsel["domain"] or None,
        "secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]),
        "samesite": morsel["samesite"] or None,
        "max_age": int(morsel["max-age"]) if morsel["max-age"] != "" else None,
        "expires": parsedate_to_datetime(morsel["expires"]) if morsel["expires"] else None,
    }


@SETTINGS
@given(names, values, attributes)
def test_django_set_cookie_round_trips(
    django_response: Any, name: str, value: str, written: dict[str, Any]
) -> None:
    response = django_response()
    if written["max_age"] is not None:
        written["expires"] = None  # Django refuses both; it writes Expires from Max-Age
    response.set_cookie(name, value, **written)
    morsel = response.cookies[name]
    cookie = same_attributes(parse_set_cookie(morsel.OutputString()), name,
                             morsel_attributes(morsel))
    assert simple_cookie_value(name, cookie.value) == value
