"""The grouped summary at the end of an enforced run: one row per cookie, framework and set of
rules, the most tests first, with its fix; bounded, width-aware, never a value."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST, SECRET, run_login_test

# An app that sets the cookie its URL names, Secure and SameSite=Lax: HttpOnly too, unless the
# query asks for a cookie page scripts may read (SC002).
NAMED_CONFTEST = FLASK_CONFTEST + '''

@pytest.fixture
def named():
    app = flask.Flask("named")

    @app.get("/set/<name>")
    def set_named(name):
        response = flask.make_response("ok")
        script = "script" in flask.request.args
        response.set_cookie(name, SECRET, secure=True, httponly=not script, samesite="Lax")
        return response

    return app.test_client()
'''
TESTS = """
import pytest

@pytest.mark.parametrize("n", range(3))
def test_login(client, n):
    client.post("/login")

def test_scripts_read_it(named):
    named.get("/set/app_session_id?script=1")

def test_hardened(client):
    client.post("/login-hardened")
"""
SESSION_ROWS = [
    "      3  session         flask      SC001, SC002, SC003  test_login.py::test_login[0]",
    '         fix: app.config["SESSION_COOKIE_SECURE"] = True; if Secure is off only',
    "              so that the http test client keeps its session, test over https",
    '              instead: client.get(..., url_scheme="https") (or, where the test',
    "              passes base_url=, its https:// form);",
    '              app.config["SESSION_COOKIE_HTTPONLY"] = True;',
    '              app.config["SESSION_COOKIE_SAMESITE"] = "Lax"',
]


@pytest.fixture
def project_conftest() -> str:
    return NAMED_CONFTEST


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def test_one_row_per_cookie_and_rules_most_tests_first(project: pytest.Pytester) -> None:
    result = run_login_test(project, TESTS, "--secure-cookies")
    result.assert_outcomes(failed=4, passed=1)
    result.stdout.fnmatch_lines([
        "secure cookies: 5 responses, 5 cookies, 5 auth-like, 4 insecure",
        "secure cookies: insecure cookies in 4 tests, by cookie (most tests first):",
        "  tests  cookie          framework  rules                first test",
        *SESSION_ROWS,
        "      1  app_session_id  flask      SC002                "
        "test_login.py::test_scripts_read_it",
        '         fix: response.set_cookie("app_session_id", ..., httponly=True)',
        "*= short test summary info =*",
    ], consecutive=True)  # fmt: skip
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_fifty_failing_tests_of_one_setting_make_one_row(project: pytest.Pytester) -> None:
    tests = TESTS.replace("range(3)", "range(50)")
    result = run_login_test(project, tests, "--secure-cookies", "--tb=no", "-q")
    result.assert_outcomes(failed=51, passed=1)
    result.stdout.fnmatch_lines([
        "secure cookies: insecure cookies in 51 tests, by cookie (most tests first):",
        "  tests  cookie          framework  rules                first test",
        SESSION_ROWS[0].replace("      3", "     50"),
        *SESSION_ROWS[1:],
        "      1  app_session_id  flask      SC002                "
        "test_login.py::test_scripts_read_it",
        '         fix: response.set_cookie("app_session_id", ..., httponly=True)',
        "*= short test summary info =*",
    ], consecutive=True)  # fmt: skip


def test_the_table_stops_at_ten_groups(project: pytest.Pytester) -> None:
    tests = """
import pytest

@pytest.mark.parametrize("n", range(13))
def test_many(named, n):
    named.get(f"/set/app{n:02}_session_id?script=1")
"""
    result = run_login_test(project, tests, "--secure-cookies", "--tb=no")
    result.assert_outcomes(failed=13)
    rows = [line for line in result.outlines if line.startswith("      1  app")]
    assert [row.split()[1] for row in rows] == [f"app{n:02}_session_id" for n in range(10)]
    result.stdout.fnmatch_lines([
        '         fix: response.set_cookie("app09_session_id", ..., httponly=True)',
        "  and 3 more groups, see --secure-cookies-report",
    ], consecutive=True)  # fmt: skip
    report = project.path / "out.json"
    result = run_login_test(project, tests, "--secure-cookies", "--tb=no",
                            f"--secure-cookies-report={report.name}")  # fmt: skip
    result.stdout.fnmatch_lines([f"  and 3 more groups, see the report {report}"])


def test_a_long_test_id_is_shown_whole_and_moves_no_column(project: pytest.Pytester) -> None:
    long_id = "a-very-long-parameter-id-" * 6
    tests = f"""
import pytest

@pytest.mark.parametrize("n", [1], ids=["{long_id}"])
def test_login(client, n):
    client.post("/login")
"""
    result = run_login_test(project, tests, "--secure-cookies", "--tb=no")
    result.stdout.fnmatch_lines([
        "  tests  cookie   framework  rules                first test",
        "      1  session  flask      SC001, SC002, SC003  "
        f"test_login.py::test_login[[]{long_id}[]]",
        '         fix: app.config["SESSION_COOKIE_SECURE"] = True; if Secure is off only',
    ], consecutive=True)  # fmt: skip


def test_no_table_when_every_cookie_is_secure(project: pytest.Pytester) -> None:
    result = run_login_test(project, TESTS, "--secure-cookies", "-k", "hardened")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["secure cookies: 1 response, 1 cookie, 1 auth-like, 0 insecure"])
    result.stdout.no_fnmatch_line("*by cookie (most tests first)*")


def test_the_table_covers_every_xdist_worker(pytester: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    pytester.makeconftest(NAMED_CONFTEST)
    pytester.makepyfile(test_login=TESTS)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", "--secure-cookies", "--tb=no"
    )
    result.assert_outcomes(failed=4, passed=1)
    result.stdout.fnmatch_lines([
        "secure cookies: insecure cookies in 4 tests, by cookie (most tests first):",
        "  tests  cookie          framework  rules                first test",
        "      3  session         flask      SC001, SC002, SC003  test_login.py::test_login[[]?[]]",
    ], consecutive=True)  # fmt: skip
    result.stdout.fnmatch_lines(["      1  app_session_id  flask      SC002    *"])
