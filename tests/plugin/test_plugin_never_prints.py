"""Values are never printed (issue 10, items 1-3 and 5): pytest's assertion diffs of every
record the plugin hands out, the reprs of recorded lines, ``--showlocals``, and an explanation
that does not depend on what an earlier pytester run imported."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin
from tests._secret_app import SECRET, run_with_app

RECORD = """
import dataclasses

import attrs
from pytest_securecookie import CookieRecorder, set_cookies
from app import get


def record(*lines, url="/login"):
    with CookieRecorder() as recorder:
        get(url, *lines)
    return recorder


FIRST, SECOND = "sid=SECRET; Path=/", "sid=other-SECRET; Path=/; Secure"
"""


def run_test(pytester: pytest.Pytester, body: str, *args: str) -> pytest.RunResult:
    return run_with_app(pytester, RECORD + body, *args)


@pytest.mark.parametrize("verbosity", ["-q", "-v", "-vv"])
def test_two_recorded_lines_differ_only_in_redacted_lines(
    pytester: pytest.Pytester, verbosity: str
) -> None:
    result = run_test(pytester, """
def test_lines():
    first, second = record(FIRST).lines[0], record(SECOND).lines[0]
    assert first == second
""", verbosity)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "E       AssertionError: assert RecordedLine('sid=<redacted 20 chars>; Path=/') == "
        "RecordedLine('sid=<redacted 26 chars>; Path=/; Secure')",
        "E         values are redacted",
        "E         Differing attributes:",
        "E         line: 'sid=<redacted 20 chars>; Path=/' != "
        "'sid=<redacted 26 chars>; Path=/; Secure'",
    ], consecutive=True)
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


@pytest.mark.parametrize("verbosity", ["-q", "-vv"])
def test_a_recorded_line_against_a_plain_tuple_or_its_text(
    pytester: pytest.Pytester, verbosity: str
) -> None:
    result = run_test(pytester, """
def test_against_a_tuple():
    line = record(FIRST).lines[0]
    assert line == tuple(record(SECOND).lines[0])

def test_its_text():
    assert record(FIRST).lines[0].line == "sid=x"

def test_two_records():
    assert record(FIRST).records[0] == record(SECOND).records[0]
""", verbosity)
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines([
        "E       AssertionError: assert RecordedLine('sid=<redacted 20 chars>; Path=/') == "
        "tuple['sid=<redacted 26 chars>; Path=/; Secure', 'GET http://localhost/login (flask)',"
        " 'flask', 'http://localhost/login', None, 0]",
        "E         values are redacted",
        "E         left holds:",
        "E           RecordedLine(line='sid=<redacted 20 chars>; Path=/', "
        "source='GET http://localhost/login (flask)', framework='flask', "
        "url='http://localhost/login', date=None, response=0)",
        "E         right holds:",
        "E           'sid=<redacted 26 chars>; Path=/; Secure'",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        "E       AssertionError: assert 'sid=<redacted 20 chars>; Path=/' == 'sid=x'",
    ])
    result.stdout.fnmatch_lines([
        "E       AssertionError: assert CookieRecord[SetCookie('sid'), "
        "'GET http://localhost/login (flask)'] == CookieRecord[SetCookie('sid'), "
        "'GET http://localhost/login (flask)']",
        "E         values are redacted",
        "E         Differing attributes:",
        "E         cookie: SetCookie('sid') != SetCookie('sid')",
        "E           value: <redacted 20 chars> != <redacted 26 chars>",
        "E           secure: False != True",
        "E           raw: 'sid=<redacted 20 chars>; Path=/' != "
        "'sid=<redacted 26 chars>; Path=/; Secure'",
    ], consecutive=True)
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_a_cookie_inside_the_users_own_records_is_diffed_without_its_value(
    pytester: pytest.Pytester,
) -> None:
    result = run_test(pytester, """
@dataclasses.dataclass
class Login:
    user: str
    cookie: object

@attrs.define
class Session:
    cookie: object

def test_dataclass():
    first, second = set_cookies(get("/login", FIRST, SECOND))
    assert Login("ann", first) == Login("ann", second)

def test_attrs_in_a_list():
    first, second = set_cookies(get("/login", FIRST, SECOND))
    assert [Session(first)] == [Session(second)]
""", "-vv")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "E       AssertionError: assert Login(user='ann', cookie=SetCookie(name='sid', "
        "value=<redacted 20 chars>, *",
        "E         values are redacted",
        "E         Differing attributes:",
        "E         cookie: SetCookie('sid') != SetCookie('sid')",
        "E           value: <redacted 20 chars> != <redacted 26 chars>",
        "E           secure: False != True",
        "E           raw: 'sid=<redacted 20 chars>; Path=/' != "
        "'sid=<redacted 26 chars>; Path=/; Secure'",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        "E       AssertionError: assert list[Session(cookie=SetCookie(name='sid', *",
        "E         values are redacted",
        "E         left holds:",
        "E           SetCookie(name='sid', value=<redacted 20 chars>, *",
        "E         right holds:",
        "E           SetCookie(name='sid', value=<redacted 26 chars>, secure=True, *",
    ], consecutive=True)
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_records_keep_no_query_fragment_or_userinfo(pytester: pytest.Pytester) -> None:
    result = run_test(pytester, """
def test_magic_link():
    recorder = record("sid=abc; Path=/", url="http://ann:SECRET@localhost/in?token=SECRET#SECRET")
    line, cookie = recorder.lines[0], recorder.records[0]
    print(repr(line), repr(cookie), line.url, cookie.source, sep="\\n")
    assert cookie == line
""", "-s")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*RecordedLine(line='sid=<redacted 3 chars>; Path=/', source='GET http://localhost/in "
        "(flask)', framework='flask', url='http://localhost/in', date=None, response=0)",
        "CookieRecord(cookie=SetCookie(name='sid', value=<redacted 3 chars>, *), "
        "source='GET http://localhost/in (flask)')",
        "http://localhost/in",
        "GET http://localhost/in (flask)",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        "E       AssertionError: assert CookieRecord[SetCookie('sid'), "
        "'GET http://localhost/in (flask)'] == RecordedLine('sid=<redacted 3 chars>; Path=/')",
    ])
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


# A classify hook that answers garbage for one cookie: the ValueError is raised deep in the
# judge, under frames that held the raw line.
GARBAGE_HOOK = """
def pytest_securecookie_classify(cookie, source):
    return "session-like" if cookie.name == "weird" else None
"""


@pytest.mark.parametrize("tracebacks", [("-l",), ("-l", "--fulltrace"), ("-l", "-vv")])
def test_showlocals_never_shows_a_line_when_the_classify_hook_answers_garbage(
    pytester: pytest.Pytester, tracebacks: tuple[str, ...]
) -> None:
    pytester.makeconftest(GARBAGE_HOOK)
    result = run_test(pytester, """
import pytest

def test_helper(assert_secure_cookie):
    assert_secure_cookie(get("/login", "weird=SECRET; Path=/"))

@pytest.mark.secure_cookies
def test_enforced():
    get("/login", "weird=SECRET; Path=/")
""", *tracebacks)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "E       ValueError: pytest_securecookie_classify returned 'session-like' for cookie "
        "'weird'; return one of *",
    ])
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


# pytester drops the modules an inner run imported; records made by the dropped copies must
# still be explained without their values, in the second run as in the first.
NESTED = f'''
import pytest

pytest_plugins = ["pytester"]

BODY = """
from pytest_securecookie import parse_set_cookie
from secret import VALUE

def test_equal():
    assert parse_set_cookie("sid=" + VALUE) == parse_set_cookie("sid=other-" + VALUE)
"""


@pytest.mark.parametrize("run", [1, 2, 3])
def test_inner(pytester, run):
    pytester.makepyfile(test_inner=BODY, secret="VALUE = '{SECRET}'")
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "pytest_securecookie.plugin")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E         value: <redacted 20 chars> != <redacted 26 chars>"])
    result.stdout.no_fnmatch_line("*{SECRET}*")
'''


def test_the_explanation_does_not_depend_on_what_an_earlier_run_imported(
    pytester: pytest.Pytester,
) -> None:
    # In a fresh process that has not imported the parser, as a user's suite runs.
    pytester.makepyfile(test_nested=NESTED)
    result = run_plugin(pytester, "-p", "pytester", subprocess=True)
    result.assert_outcomes(passed=3)
