"""The redaction promise under attack: hostile cookie values never leak into any output and
never confuse the parse.

The values carry the cookie's own name, line breaks, ANSI escapes, a NUL, right-to-left
overrides and the words ``Secure``/``HttpOnly``; each also carries a marker (``Zq9``...)
that must appear nowhere: not in a ``SetCookie``'s repr, not in an ``InsecureCookieError``
from ``assert_secure_cookie``, not in the enforcement report nor its JSON file.
"""

from __future__ import annotations

import flask
import pytest

from pytest_securecookie import InsecureCookieError, assert_secure_cookie, parse_set_cookie
from tests._enforce_apps import run_plugin
from tests._schemas import load_report

MARKERS = ("Zq9own", "Zq9ansi", "Zq9nl", "Zq9nul", "Zq9bidi", "Zq9words")
# Lines a server may send (werkzeug lets each through to the client), by attack.
ATTACKS = {
    "own name": "sessionid=sessionid-Zq9own-sessionid; Path=/",
    "ansi escapes": "sessionid=\x1b[31mZq9ansi\x1b[0m\x1b[2J; Path=/",
    "nul": "sessionid=Zq9nul\x00; Secure; HttpOnly; SameSite=Lax",
    # (werkzeug's test client raises StopIteration on a bare value with a space in it)
    "attribute words": "sessionid=Zq9words,Secure,HttpOnly,SameSite=Strict; Path=/",
    "utf-8 bidi override": "sessionid=\u202eZq9bidi".encode().decode("latin-1") + "; Path=/",
}


def assert_no_leak(text: str) -> None:
    for marker in MARKERS:
        assert marker not in text
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text


def flask_response(line: str) -> object:
    app = flask.Flask(__name__)

    @app.get("/")
    def view() -> flask.Response:
        response = flask.make_response("ok")
        response.headers.add("Set-Cookie", line)
        return response

    return app.test_client().get("/")


@pytest.mark.parametrize("attack", ATTACKS)
def test_assert_secure_cookie_never_shows_a_hostile_value(attack: str) -> None:
    response = flask_response(ATTACKS[attack])
    for name in (None, "sessionid"):
        with pytest.raises(InsecureCookieError) as failure:
            assert_secure_cookie(response, name)
        assert_no_leak(str(failure.value))
        assert_no_leak(repr(failure.value))


@pytest.mark.parametrize("line", [
    "sessionid=Zq9nl\nX-Injected: 1; Path=/",
    "sessionid=Zq9nl\r\nSet-Cookie: admin=1",
    "sessionid=\u202eZq9bidi; Path=/",
    "sessionid=Zq9words Secure HttpOnly SameSite=Strict",
    "sessionid=a; Path=/\x1b[2J",
])
def test_line_breaks_and_invisible_characters_never_reach_the_message(line: str) -> None:
    # A WSGI header list: werkzeug refuses to build a response holding a line break.
    with pytest.raises(InsecureCookieError) as failure:
        assert_secure_cookie([("Set-Cookie", line)], "sessionid")
    assert_no_leak(str(failure.value))
    assert "X-Injected" not in str(failure.value) and "admin=1" not in str(failure.value)


@pytest.mark.parametrize("line", [*ATTACKS.values(), "sessionid=\u202eZq9bidi; Path=/"])
def test_repr_never_shows_a_hostile_value(line: str) -> None:
    cookie = parse_set_cookie(line)
    if cookie is not None:
        assert_no_leak(repr(cookie))


@pytest.mark.parametrize("line", [
    "sessionid=Secure",
    "sessionid=Secure; Path=/",
    "sessionid=Secure;HttpOnly=no-Zq9",  # the attribute is real: a browser splits at ";"
    "sessionid=x Secure HttpOnly Partitioned",
    "sessionid=x; Path=/Secure; Domain=secure.example",
    "sessionid=x; Max-Age=Secure; Expires=Secure",
    "sessionid=x; SameSite=Secure",
    "Secure=1; Path=/",
    'sessionid="x;Secure"',
])
def test_the_word_secure_outside_an_attribute_name_is_not_secure(line: str) -> None:
    cookie = parse_set_cookie(line)
    assert cookie is not None and not cookie.secure
    assert cookie.samesite is None and not cookie.partitioned


def test_attribute_words_inside_the_value_set_nothing() -> None:
    cookie = parse_set_cookie(ATTACKS["attribute words"])
    assert cookie is not None
    assert (cookie.secure, cookie.httponly, cookie.samesite) == (False, False, None)
    assert cookie.value == "Zq9words,Secure,HttpOnly,SameSite=Strict"


# SetCookie.__repr__ used to show path/domain as written (perf-findings F7, fixed).
def test_repr_hides_the_value_repeated_in_an_attribute() -> None:
    cookie = parse_set_cookie("sessionid=Zq9own-4f1c; Path=/login/Zq9own-4f1c")
    assert_no_leak(repr(cookie))
    assert "path='/login/<redacted>'" in repr(cookie)


# A value 'Secure' used to be scrubbed out of the rule texts (perf-findings F6, fixed).
@pytest.mark.parametrize("value", ["Secure", "HttpOnly", "browsers", "session", "sessionid"])
def test_a_value_that_is_a_word_of_the_report_does_not_garble_it(value: str) -> None:
    with pytest.raises(InsecureCookieError) as failure:
        assert_secure_cookie([f"sessionid={value}; HttpOnly; SameSite=Lax"], "sessionid")
    message = str(failure.value)
    assert "Set-Cookie: sessionid=<redacted" in message
    assert "SC001 'sessionid' has no Secure attribute: browsers also send it" in message


CONFTEST = """
import flask
import pytest

LINES = {lines!r}


@pytest.fixture
def client():
    app = flask.Flask("attacks")

    @app.get("/<int:number>")
    def view(number):
        response = flask.make_response("ok")
        response.headers.add("Set-Cookie", LINES[number])
        return response

    return app.test_client()
"""
TESTS = """
import pytest

@pytest.mark.parametrize("number", range({count}))
def test_login(client, number):
    assert client.get(f"/{{number}}").status_code == 200
"""


def test_enforcement_report_and_json_never_show_a_hostile_value(
    pytester: pytest.Pytester,
) -> None:
    lines = list(ATTACKS.values())
    pytester.makeconftest(CONFTEST.format(lines=lines))
    pytester.makepyfile(test_attacks=TESTS.format(count=len(lines)))
    result = run_plugin(pytester, "--secure-cookies", "--secure-cookies-report=cookies.json")
    result.assert_outcomes(failed=len(lines))
    assert_no_leak(result.stdout.str() + result.stderr.str())
    assert_no_leak((pytester.path / "cookies.json").read_text(encoding="utf-8"))
    load_report(pytester.path / "cookies.json")
