"""The assert_secure_cookie fixture, the policy ini options, the classify hook and the
SetCookie assertion explanations, as users meet them: through pytester runs."""

from __future__ import annotations

import pytest

# The app lives in its own module of the pytester directory: a value written in a test's
# source would be printed by pytest with the source, whatever the plugin does.
SECRET = "pl4nted-S3cret-b1e7"
APP = f'''
import flask

SECRET = "{SECRET}"
app = flask.Flask(__name__)
app.secret_key = "test-only"


@app.get("/login")
def login():
    flask.session["user"] = "alice"
    return "ok"


@app.get("/raw")
def raw():
    response = flask.make_response("x")
    for line in flask.request.args.getlist("line"):
        response.headers.add("Set-Cookie", line.replace("SECRET", SECRET))
    return response


def lines(*lines):
    return app.test_client().get("/raw", query_string=[("line", line) for line in lines])
'''


# The outer run imported the package already, so the inner run cannot rewrite it; and
# hypothesis's plugin costs about 2 s per in-process run (its terminal summary) and is
# not used by these inner tests.
QUIET = ("-W", "ignore::pytest.PytestAssertRewriteWarning", "-p", "no:hypothesispytest")


@pytest.fixture
def app(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(app=APP)
    return pytester


def run_test(pytester: pytest.Pytester, body: str, *args: str) -> pytest.RunResult:
    pytester.makepyfile(test_app="from app import app, lines\n\n" + body)
    return pytester.runpytest(*QUIET, *args)


FLASK_DEFAULT = """
def test_login(assert_secure_cookie):
    assert_secure_cookie(app.test_client().get("/login"))
"""


def test_fixture_fails_the_flask_default_session_with_exact_text(app: pytest.Pytester) -> None:
    result = run_test(app, FLASK_DEFAULT)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E       pytest_securecookie.InsecureCookieError: cookie 'session' set by "
            "GET http://localhost/login (flask) is insecure: 2 problems",
            "E         Set-Cookie: session=<redacted * chars>; HttpOnly; Path=/",
            "E         SC001 'session' has no Secure attribute: browsers also send it over "
            "plain http, where anyone on the network can read and replay it",
            'E           fix: app.config["SESSION_COOKIE_SECURE"] = True; if Secure is off only '
            "so that the http test client keeps its session, test over https instead: "
            'client.get(..., url_scheme="https") (or, where the test passes base_url=, its '
            "https:// form)",
            "E         SC003 'session' has no SameSite attribute: *",
            'E           fix: app.config["SESSION_COOKIE_SAMESITE"] = "Lax"',
        ],
        consecutive=True,
    )
    # __tracebackhide__: the traceback ends in the test, not inside the plugin.
    result.stdout.no_fnmatch_line("*assertions.py*")


def test_fixture_passes_the_hardened_flask_session(app: pytest.Pytester) -> None:
    result = run_test(app, """
def test_login(assert_secure_cookie):
    app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax")
    cookie = assert_secure_cookie(app.test_client().get("/login"), "session")
    assert cookie.secure and cookie.samesite == "Lax"
""")
    result.assert_outcomes(passed=1)


def test_fixture_is_typed_by_the_exported_protocol(app: pytest.Pytester) -> None:
    result = run_test(app, """
import functools
from pytest_securecookie import AssertSecureCookie, CookiePolicy

def test_fixture(assert_secure_cookie: AssertSecureCookie):
    assert isinstance(assert_secure_cookie, functools.partial)
    assert isinstance(assert_secure_cookie.keywords["policy"], CookiePolicy)
""")
    result.assert_outcomes(passed=1)


LEAKY_TEST = """
def test_leak(assert_secure_cookie):
    response = lines("session=SECRET; Path=/SECRET", "sid=SECRET; Domain=example.com")
    assert_secure_cookie(response)
"""


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--assert=plain",),
        ("-vv",),
        ("--showlocals",),
        ("--showlocals", "-vv", "--tb=long"),
        ("--showlocals", "--fulltrace"),
        ("--tb=native",),
        ("-rA", "--tb=short"),
    ],
)
def test_a_planted_value_never_appears_in_pytest_output(
    app: pytest.Pytester, args: tuple[str, ...]
) -> None:
    result = run_test(app, LEAKY_TEST, *args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*InsecureCookieError: response sets 2 insecure auth-like or CSRF cookies:"]
    )
    for stream in (result.stdout, result.stderr):
        stream.no_fnmatch_line(f"*{SECRET}*")


def test_the_framework_session_value_never_appears_either(app: pytest.Pytester) -> None:
    result = run_test(app, """
def test_login(assert_secure_cookie, tmp_path_factory):
    response = app.test_client().get("/login")
    value = response.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    (tmp_path_factory.getbasetemp() / "value.txt").write_text(value)
    del value
    assert_secure_cookie(response)
""", "--showlocals", "-vv", "--basetemp=bt")
    result.assert_outcomes(failed=1)
    value = (app.path / "bt" / "value.txt").read_text()
    assert len(value) > 20
    result.stdout.no_fnmatch_line(f"*{value}*")
    result.stdout.no_fnmatch_line(f"*{value[:20]}*")


@pytest.mark.parametrize("verbosity", ["-q", "-v", "-vv"])
def test_comparing_cookies_in_a_plain_assert_never_shows_values(
    app: pytest.Pytester, verbosity: str
) -> None:
    result = run_test(app, """
from pytest_securecookie import set_cookies

def test_equal():
    first, second = set_cookies(lines("sid=SECRET; Path=/", "sid=other-SECRET; Path=/; Secure"))
    assert first == second

def test_in():
    first, second = set_cookies(lines("sid=SECRET; Path=/", "sid=other-SECRET; Path=/; Secure"))
    assert first in [second]
""", verbosity)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "E       AssertionError: assert SetCookie('sid') == SetCookie('sid')",
            "E         values are redacted",
            "E         Differing attributes:",
            "E         value: <redacted 19 chars> != <redacted 25 chars>",
            "E         secure: False != True",
            "E         raw: 'sid=<redacted 19 chars>; Path=/' != "
            "'sid=<redacted 25 chars>; Path=/; Secure'",
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines(["E       AssertionError: assert SetCookie('sid') in "
                                 "list[SetCookie('sid')]"])
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_without_the_plugin_the_fixture_is_gone(app: pytest.Pytester) -> None:
    result = run_test(app, FLASK_DEFAULT, "-p", "no:securecookie")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'assert_secure_cookie' not found*"])


# -- the classify hook ------------------------------------------------------------------

THEME_TEST = """
def test_theme(assert_secure_cookie):
    assert_secure_cookie(lines("theme=SECRET; Path=/"))
"""


def test_without_the_hook_a_theme_cookie_is_not_auth_like(app: pytest.Pytester) -> None:
    result = run_test(app, THEME_TEST)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E       pytest_securecookie.InsecureCookieError: response sets no auth-like or "
            "CSRF cookie to check; it sets:",
            "E         - 'theme': *",
        ],
        consecutive=True,
    )


def test_the_classify_hook_in_a_conftest_makes_a_cookie_auth_like(app: pytest.Pytester) -> None:
    app.makeconftest("""
def pytest_securecookie_classify(cookie, source):
    assert source == "GET http://localhost/raw (flask)"
    return "auth" if cookie.name == "theme" else None
""")
    result = run_test(app, THEME_TEST)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["E       pytest_securecookie.InsecureCookieError: cookie 'theme' set by "
         "GET http://localhost/raw (flask) is insecure: 3 problems"]
    )


def test_the_classify_hook_can_ignore_a_cookie(app: pytest.Pytester) -> None:
    app.makeconftest("""
def pytest_securecookie_classify(cookie):
    return False if cookie.name == "session" else None
""")
    result = run_test(app, FLASK_DEFAULT)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E         - 'session': the classify hook says other"])


def test_a_bad_classify_answer_names_the_hook_and_what_it_accepts(app: pytest.Pytester) -> None:
    app.makeconftest("""
def pytest_securecookie_classify(cookie):
    return "yes"
""")
    result = run_test(app, THEME_TEST)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["E       ValueError: pytest_securecookie_classify returned 'yes' for cookie 'theme'; "
         "return one of 'auth', 'csrf', 'ignored', 'other', True (auth), False (other), "
         "a Classification, or None (no opinion)"]
    )


def test_the_classify_hook_may_give_its_own_reason(app: pytest.Pytester) -> None:
    app.makeconftest("""
from pytest_securecookie import Classification

def pytest_securecookie_classify(cookie):
    if cookie.name == "session":
        return Classification("other", "our gateway strips this cookie")
""")
    result = run_test(app, FLASK_DEFAULT)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E         - 'session': our gateway strips this cookie"])


def test_an_optional_classify_hook_is_accepted_without_the_plugin(app: pytest.Pytester) -> None:
    app.makeconftest("""
import pytest

@pytest.hookimpl(optionalhook=True)
def pytest_securecookie_classify(cookie):
    return None
""")
    app.makepyfile(test_plain="def test_ok():\n    pass\n")
    app.runpytest(*QUIET, "-p", "no:securecookie").assert_outcomes(passed=1)


def test_cookie_comparisons_with_other_operators_stay_redacted(app: pytest.Pytester) -> None:
    result = run_test(app, """
from pytest_securecookie import set_cookies

def test_not_equal():
    first, = set_cookies(lines("sid=SECRET; Path=/"))
    assert first != first

def test_against_a_string():
    first, = set_cookies(lines("sid=SECRET; Path=/"))
    assert first == "sid"

def test_dict_of_cookies():
    first, = set_cookies(lines("sid=SECRET; Path=/"))
    assert {"sid": first} == {"sid": None}
""", "-vv")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines([
        "E       AssertionError: assert SetCookie('sid') != SetCookie('sid')",
        "E         values are redacted",
        "E         equal",
    ], consecutive=True)
    result.stdout.fnmatch_lines(["E       AssertionError: assert SetCookie('sid') == 'sid'"])
    result.stdout.fnmatch_lines(["E         left holds:", "E           SetCookie(name='sid', *"])
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_the_fixture_applies_the_tests_secure_cookies_marker(app: pytest.Pytester) -> None:
    result = run_test(app, """
import pytest

@pytest.mark.secure_cookies(samesite="Strict")
def test_strict(assert_secure_cookie):
    assert_secure_cookie(lines("sid=v1234; Secure; HttpOnly; SameSite=Lax"))

def test_unmarked(assert_secure_cookie):
    assert_secure_cookie(lines("sid=v1234; Secure; HttpOnly; SameSite=Lax"))
""")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["E         SC006 'sid' has SameSite=Lax; the policy allows Strict*"
                                 ])


def test_under_xdist_the_message_arrives_whole_and_redacted(app: pytest.Pytester) -> None:
    result = run_test(app, LEAKY_TEST + FLASK_DEFAULT, "-n", "2", "--showlocals")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        ["E       pytest_securecookie.InsecureCookieError: cookie 'session' set by "
         "GET http://localhost/login (flask) is insecure: 2 problems"]
    )
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_the_classify_hook_is_asked_once_per_line(app: pytest.Pytester) -> None:
    app.makeconftest("""
ASKED = []

def pytest_securecookie_classify(cookie, source):
    ASKED.append(cookie.name)
""")
    result = run_test(app, """
import conftest

def test_once(assert_secure_cookie):
    assert_secure_cookie(lines("sid=v1234; Secure; HttpOnly; SameSite=Lax", "theme=dark"))
    assert conftest.ASKED == ["sid", "theme"]
""")
    result.assert_outcomes(passed=1)
