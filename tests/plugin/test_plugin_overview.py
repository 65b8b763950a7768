"""Saying what is (not) judged: the header lines, the line of a run that judged no cookie, the
scope option, and the report asked for in a run that recorded nothing."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST, SECRET, run_plugin
from tests._schemas import load_report

POLICY = (
    "secure cookies policy: profile default; scope auth (auth-like and CSRF cookies); Secure, "
    "HttpOnly (not on CSRF cookies), SameSite Lax or Strict, lifetime at most 400 days (the "
    "browsers' cap)"
)
APP_NAMES = (
    "each app's own session, CSRF and remember-me names (Django settings, Flask/Quart config, "
    "Flask-Login, Starlette/Litestar/aiohttp-session middleware)"
)
NAMES = f"secure cookies auth-like names: built-in + {APP_NAMES} + credential-shaped values"

# /home sets only "theme": a run that visits it judges no cookie.
TESTS = """
import pytest

def test_home(client):
    client.get("/home")

@pytest.mark.secure_cookies
def test_home_marked(client):
    client.get("/home")
"""


@pytest.fixture
def flask_project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    return pytester


def test_header_under_secure_cookies(flask_project: pytest.Pytester) -> None:
    result = run_plugin(flask_project, "--secure-cookies")
    result.stdout.fnmatch_lines(
        [
            "platform *",
            "secure cookies: --secure-cookies: every test fails on an insecure auth-like or "
            "CSRF cookie it receives",
            POLICY,
            NAMES,
            "rootdir: *",
        ],
        consecutive=True,
    )


def test_header_names_the_ini_line_the_added_names_and_the_hook(
    flask_project: pytest.Pytester,
) -> None:
    flask_project.makeini(
        """
        [pytest]
        secure_cookies = true
        secure_cookies_auth_names = myapp_sess *_login
        secure_cookies_samesite = Strict
        secure_cookies_max_lifetime = 30d
        secure_cookies_ignore_rules = SC010
        """
    )
    flask_project.makeconftest(
        FLASK_CONFTEST + "\n\ndef pytest_securecookie_classify(cookie, source):\n    return None\n"
    )
    result = run_plugin(flask_project)
    result.stdout.fnmatch_lines(
        [
            "secure cookies: secure_cookies = true: every test fails on an insecure auth-like "
            "or CSRF cookie it receives",
            "secure cookies policy: profile default; scope auth (auth-like and CSRF cookies); "
            "Secure, HttpOnly (not on CSRF cookies), SameSite Strict, lifetime at most 30d, rules "
            "ignored: SC010",
            "secure cookies auth-like names: built-in + secure_cookies_auth_names (myapp_sess, "
            f"*_login) + {APP_NAMES} + credential-shaped values + the "
            "pytest_securecookie_classify hook",
        ],
        consecutive=True,
    )


def test_header_after_collection_when_only_markers_enforce(flask_project: pytest.Pytester) -> None:
    result = run_plugin(flask_project)
    result.stdout.fnmatch_lines(
        [
            "collected 2 items",
            "secure cookies: 1 test marked secure_cookies fails on an insecure auth-like or "
            "CSRF cookie received",
            POLICY,
            NAMES,
        ],
        consecutive=True,
    )


def test_no_header_without_enforcement_or_quiet(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app="def test_home(client):\n    client.get('/home')\n")
    run_plugin(pytester).stdout.no_fnmatch_line("secure cookies*")
    pytester.makepyfile(test_app=TESTS)
    run_plugin(pytester, "-q").stdout.no_fnmatch_line("secure cookies:*marked*")


def test_a_run_that_judged_no_cookie_says_so(flask_project: pytest.Pytester) -> None:
    result = run_plugin(flask_project, "--secure-cookies")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "secure cookies: 2 responses, 2 cookies, 0 auth-like, 0 insecure",
            "secure cookies: nothing judged: none of the cookies set was auth-like (seen: "
            "theme); to judge a login cookie, add its name to secure_cookies_auth_names, or "
            "judge every cookie with --secure-cookies-scope=all",
        ],
        consecutive=True,
    )
    assert "warning" not in result.stdout.str().lower()  # a line of the summary, no warning


def test_a_run_that_judged_a_cookie_says_nothing_more(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app="def test_login(client):\n    client.post('/login-hardened')\n")
    result = run_plugin(pytester, "--secure-cookies")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*nothing judged*")


SCOPE_TESTS = """
import pytest

def test_home(client):
    client.get("/home")

@pytest.mark.secure_cookies(scope="auth")
def test_home_auth_only(client):
    client.get("/home")
"""


@pytest.mark.parametrize(
    "args, ini",
    [(("--secure-cookies-scope=all",), ""), ((), "secure_cookies_scope = all")],
    ids=["flag", "ini"],
)
def test_scope_all_judges_every_cookie(
    pytester: pytest.Pytester, args: tuple[str, ...], ini: str
) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=SCOPE_TESTS)
    pytester.makeini(f"[pytest]\n{ini}\n")
    result = run_plugin(pytester, "--secure-cookies", "--secure-cookies-report=out.json", *args)
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            "secure cookies: --secure-cookies: every test fails on an insecure cookie it receives",
            "secure cookies policy: profile default; scope all (every cookie not ignored); *",
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines(
        [
            "insecure cookie 'theme' (SC001, SC002, SC003) set by GET /home",
            "",
            "cookie 'theme' set by GET http://localhost/home (flask) is insecure: 3 problems",
        ],
        consecutive=True,
    )
    report = load_report(pytester.path / "out.json")
    assert report["scope"] == "all"
    assert [e["classification"] for e in report["cookies"]] == [
        {"kind": "auth", "reason": "name and value look like no auth or CSRF cookie; judged "
         "anyway: scope is 'all'"},
        {"kind": "other", "reason": "name and value look like no auth or CSRF cookie"},
    ]  # fmt: skip


def test_scope_marker_keyword(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(
        test_app="""
import pytest

@pytest.mark.secure_cookies(scope="all")
def test_home(client):
    client.get("/home")

@pytest.mark.secure_cookies(scope="every")
def test_typo(client):
    pass
"""
    )
    result = run_plugin(pytester, "--secure-cookies-report=out.json")
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(
        [
            "test_app.py::test_typo: bad @pytest.mark.secure_cookies(scope='every'): scope must "
            "be 'auth' or 'all', got 'every'",
        ]
    )
    result.stdout.fnmatch_lines(
        ["FAILED test_app.py::test_home - insecure cookie 'theme' *"]
    )
    assert load_report(pytester.path / "out.json")["scope"] == "auth"


def test_a_bad_scope_option_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = run_plugin(pytester, "--secure-cookies-scope=every")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: secure_cookies_scope: 'every' is not accepted; use 'auth' (auth-like and "
            "CSRF cookies) or 'all' (every cookie not ignored)"
        ]
    )


def test_a_report_of_a_run_that_recorded_nothing_says_it_is_empty(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app="def test_login(client):\n    client.post('/login')\n")
    result = run_plugin(pytester, "--secure-cookies-report=out.json")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        [
            f"secure cookies: the report {pytester.path / 'out.json'} is empty: no test was "
            "recorded (recording needs --secure-cookies, secure_cookies = true, or "
            "@pytest.mark.secure_cookies)"
        ]
    )
    assert load_report(pytester.path / "out.json")["summary"]["tests"] == 0


def test_the_report_path_from_the_ini_file(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app="def test_login(client):\n    client.post('/login')\n")
    pytester.makeini("[pytest]\nsecure_cookies = true\nsecure_cookies_report = reports/c.json\n")
    sub = pytester.mkdir("sub")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(sub)  # relative to the rootdir, not to where pytest runs
        result = run_plugin(pytester, str(pytester.path))
    result.assert_outcomes(failed=1)
    report = pytester.path / "reports" / "c.json"
    assert SECRET not in report.read_text(encoding="utf-8")
    assert load_report(report)["offenders"][0]["name"] == "session"


def test_under_xdist_the_header_and_the_nothing_judged_line_cover_every_worker(
    pytester: pytest.Pytester,
) -> None:
    pytest.importorskip("xdist")
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(
        test_app="""
import pytest

@pytest.mark.parametrize("n", range(4))
def test_home(client, n):
    client.get("/home")
    client.get("/home")
"""
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2", "--secure-cookies")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "secure cookies: --secure-cookies: every test fails on an insecure auth-like or "
            "CSRF cookie it receives",
            POLICY,
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines(
        [
            "secure cookies: 8 responses, 8 cookies, 0 auth-like, 0 insecure",
            "secure cookies: nothing judged: none of the cookies set was auth-like (seen: "
            "theme); *",
        ],
        consecutive=True,
    )
