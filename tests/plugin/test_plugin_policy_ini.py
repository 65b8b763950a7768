"""Each secure_cookies_* ini option: one run where it changes the outcome, one where a bad
value stops pytest with a UsageError naming the option, the value and what it accepts."""

from __future__ import annotations

import pytest

from pytest_securecookie.judging.rules import RULES

APP = '''
import flask

app = flask.Flask(__name__)


@app.get("/raw")
def raw():
    response = flask.make_response("x")
    for line in flask.request.args.getlist("line"):
        response.headers.add("Set-Cookie", line)
    return response


def lines(*lines):
    return app.test_client().get("/raw", query_string=[("line", line) for line in lines])
'''
QUIET = ("-W", "ignore::pytest.PytestAssertRewriteWarning", "-p", "no:hypothesispytest")
GOOD = "Secure; HttpOnly; SameSite=Lax; Path=/"


def run(pytester: pytest.Pytester, ini: str, call: str, *args: str) -> pytest.RunResult:
    pytester.makeini("[pytest]\n" + ini)
    pytester.makepyfile(app=APP)
    pytester.makepyfile(
        test_it=f"from app import lines\n\ndef test_it(assert_secure_cookie):\n    {call}\n"
    )
    return pytester.runpytest(*QUIET, *args)


def failed_with(result: pytest.RunResult, *lines: str) -> None:
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"E   *{line}" for line in lines], consecutive=True)


@pytest.mark.parametrize(
    ("ini", "call", "failure"),
    [
        pytest.param(
            "secure_cookies_auth_names = myapp_login\n  other_*",
            "assert_secure_cookie(lines('other_x=v1234; Path=/'))",
            ["InsecureCookieError: cookie 'other_x' set by GET http://localhost/raw (flask) "
             "is insecure: 3 problems"],
            id="auth_names-extends",
        ),
        pytest.param(
            "secure_cookies_auth_names = myapp_login\nsecure_cookies_auth_names_replace = true",
            "assert_secure_cookie(lines('sid=plain1234; Path=/'))",
            ["InsecureCookieError: response sets no auth-like or CSRF cookie to check; it sets:",
             "  - 'sid': *"],
            id="auth_names_replace",
        ),
        pytest.param(
            "secure_cookies_csrf_names_replace = true\nsecure_cookies_csrf_names = x_guard",
            f"assert_secure_cookie(lines('csrftoken=v1234; {GOOD}'))",
            ["  - 'csrftoken': *"],
            id="csrf_names_replace",
        ),
        pytest.param(
            "secure_cookies_ignore_names = sid",
            "assert_secure_cookie(lines('sid=v1234; Path=/'))",
            ["  - 'sid': ignored: name matches 'sid'"],
            id="ignore_names",
        ),
        pytest.param(
            "secure_cookies_ignore_names_replace = true\nsecure_cookies_auth_names = AWSALB",
            "assert_secure_cookie(lines('AWSALB=v1234; Path=/'))",
            ["InsecureCookieError: cookie 'AWSALB' set by * is insecure: 3 problems"],
            id="ignore_names_replace",
        ),
        pytest.param(
            "secure_cookies_samesite = Strict",
            f"assert_secure_cookie(lines('sid=v1234; {GOOD}'))",
            ["InsecureCookieError: cookie 'sid' * is insecure: 1 problem", "*", "  SC006 *"],
            id="samesite-strict",
        ),
        pytest.param(
            "secure_cookies_csrf_httponly = true",
            "assert_secure_cookie(lines('csrftoken=v1234; Secure; SameSite=Lax; Path=/'))",
            ["InsecureCookieError: cookie 'csrftoken' * is insecure: 1 problem", "*",
             "  SC002 *"],
            id="csrf_httponly",
        ),
        pytest.param(
            "secure_cookies_max_lifetime = 1h",
            f"assert_secure_cookie(lines('sid=v1234; Max-Age=3601; {GOOD}'))",
            ["InsecureCookieError: cookie 'sid' * is insecure: 1 problem", "*", "  SC010 *"],
            id="max_lifetime",
        ),
        pytest.param(
            "secure_cookies_host_only = true",
            f"assert_secure_cookie(lines('sid=v1234; Domain=localhost; {GOOD}'))",
            ["InsecureCookieError: cookie 'sid' * is insecure: 1 problem", "*", "  SC013 *"],
            id="host_only",
        ),
    ],
)
def test_an_option_changes_the_outcome(
    pytester: pytest.Pytester, ini: str, call: str, failure: list[str]
) -> None:
    failed_with(run(pytester, ini, call), *failure)


@pytest.mark.parametrize(
    ("ini", "call"),
    [
        pytest.param("secure_cookies_auth_names = myapp_login",
                     f"assert_secure_cookie(lines('myapp_login=v1234; {GOOD}'))[0]",
                     id="auth_names-pass"),
        pytest.param("secure_cookies_csrf_names = my_anti_forgery",
                     "assert_secure_cookie(lines('my_anti_forgery=v1234; Secure; SameSite=Lax'))",
                     id="csrf_names"),
        pytest.param("secure_cookies_samesite = off",
                     "assert_secure_cookie(lines('sid=v1234; Secure; HttpOnly'))",
                     id="samesite-off"),
        pytest.param("secure_cookies_samesite = none, lax",
                     "assert_secure_cookie(lines('sid=v1234; Secure; HttpOnly; SameSite=None'))",
                     id="samesite-none"),
        pytest.param("secure_cookies_max_lifetime = 30d",
                     f"assert_secure_cookie(lines('sid=v1234; Max-Age=2592000; {GOOD}'))",
                     id="max_lifetime-30d"),
        pytest.param("secure_cookies_ignore_rules = SC003 sc001",
                     "assert_secure_cookie(lines('sid=v1234; HttpOnly'))",
                     id="ignore_rules"),
    ],
)
def test_an_option_lets_a_cookie_pass(pytester: pytest.Pytester, ini: str, call: str) -> None:
    run(pytester, ini, call).assert_outcomes(passed=1)


def test_the_command_line_twin_overrides_the_ini_option(pytester: pytest.Pytester) -> None:
    call = f"assert_secure_cookie(lines('sid=v1234; {GOOD}'))"
    run(pytester, "secure_cookies_samesite = Strict", call).assert_outcomes(failed=1)
    result = run(pytester, "secure_cookies_samesite = Strict", call,
                 "--secure-cookies-samesite=Lax")
    result.assert_outcomes(passed=1)
    run(pytester, "", call, "--secure-cookies-max-lifetime=60").assert_outcomes(passed=1)
    run(pytester, "", f"assert_secure_cookie(lines('sid=v1234; Max-Age=61; {GOOD}'))",
        "--secure-cookies-max-lifetime=1m").assert_outcomes(failed=1)


def test_a_keyword_of_the_fixture_overrides_the_ini_policy(pytester: pytest.Pytester) -> None:
    call = f"assert_secure_cookie(lines('sid=v1234; {GOOD}'), samesite='Lax')"
    run(pytester, "secure_cookies_samesite = Strict", call).assert_outcomes(passed=1)


def test_policy_for_gives_the_configured_policy(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nsecure_cookies_samesite = strict\n"
                     "secure_cookies_max_lifetime = 2w\nsecure_cookies_auth_names = a b,c")
    pytester.makepyfile("""
        from pytest_securecookie.plugin import policy_for

        def test_it(pytestconfig):
            policy = policy_for(pytestconfig)
            assert policy.samesite == ("Strict",)
            assert policy.max_lifetime == 14 * 86400
            assert policy.auth_names[-3:] == ("a", "b", "c")
            assert "session" in policy.auth_names
    """)
    pytester.runpytest(*QUIET).assert_outcomes(passed=1)


ACCEPTS_NAMES = "give cookie names or globs (* ? [..]), separated by spaces, commas or newlines"


@pytest.mark.parametrize(
    ("ini", "error"),
    [
        ("secure_cookies_auth_names = session=abc",
         f"secure_cookies_auth_names: 'session=abc' is not accepted; {ACCEPTS_NAMES}"),
        ("secure_cookies_auth_names_replace = maybe",
         "secure_cookies_auth_names_replace: invalid truth value 'maybe'; use true or false"),
        ("secure_cookies_csrf_names = a;b",
         f"secure_cookies_csrf_names: 'a;b' is not accepted; {ACCEPTS_NAMES}"),
        ("secure_cookies_csrf_names_replace = 2",
         "secure_cookies_csrf_names_replace: invalid truth value '2'; use true or false"),
        ('secure_cookies_ignore_names = x"y',
         f"secure_cookies_ignore_names: 'x\"y' is not accepted; {ACCEPTS_NAMES}"),
        ("secure_cookies_ignore_names_replace = perhaps",
         "secure_cookies_ignore_names_replace: invalid truth value 'perhaps'; use true or false"),
        ("secure_cookies_samesite = Strictt",
         "secure_cookies_samesite: 'Strictt' is not accepted; use one or more of Strict, Lax, "
         "None, or 'off' to not require SameSite"),
        ("secure_cookies_csrf_httponly = sometimes",
         "secure_cookies_csrf_httponly: invalid truth value 'sometimes'; use true or false"),
        ("secure_cookies_max_lifetime = 30 days",
         "secure_cookies_max_lifetime: '30 days' is not accepted; use seconds (86400) or a "
         "number with a unit: 30d, 12h, 90m, 45s, 2w; or 'off'"),
        ("secure_cookies_host_only = yes please",
         "secure_cookies_host_only: invalid truth value 'yes please'; use true or false"),
        ("secure_cookies_ignore_rules = SC003 SC099",
         "secure_cookies_ignore_rules: 'SC099' is not accepted; use rule ids "
         f"SC001-{max(RULES)}"),
    ],
)
def test_a_bad_value_stops_pytest_with_a_usage_error(
    pytester: pytest.Pytester, ini: str, error: str
) -> None:
    result = run(pytester, ini, "pass")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: {error}"])


def test_a_bad_command_line_value_is_a_usage_error_too(pytester: pytest.Pytester) -> None:
    result = run(pytester, "", "pass", "--secure-cookies-samesite=Laxx")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: secure_cookies_samesite: 'Laxx' is not accepted; *"])


def test_help_lists_every_option_in_the_secure_cookies_group(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest(*QUIET, "--help")
    names = [
        "auth_names", "auth_names_replace", "csrf_names", "csrf_names_replace", "ignore_names",
        "ignore_names_replace", "samesite", "csrf_httponly", "max_lifetime", "host_only",
        "ignore_rules",
    ]
    result.stdout.fnmatch_lines(["secure cookies:", "  --secure-cookies-auth-names=NAMES"])
    for name in names:
        result.stdout.fnmatch_lines([f"  --secure-cookies-{name.replace('_', '-')}*"])
        result.stdout.fnmatch_lines([f"  secure_cookies_{name} (*):"])
