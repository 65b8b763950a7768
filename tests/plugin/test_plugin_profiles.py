"""The ASVS profiles through pytest: the ini option, its command-line twin, the marker
keyword, the header line, the failure message, the JSON report and SARIF, a bad value."""

from __future__ import annotations

import pytest

from pytest_securecookie.judging.rules import RULES
from tests._enforce_apps import FLASK_CONFTEST, SECRET, run_plugin
from tests._schemas import load_report

TESTS = """
import pytest

def test_login(client):
    client.post("/login-hardened")
"""


@pytest.fixture
def flask_project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    return pytester


def test_the_failure_under_asvs_l2_names_the_requirement(flask_project: pytest.Pytester) -> None:
    result = run_plugin(flask_project, "--secure-cookies", "--secure-cookies-profile=asvs-l2")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "secure cookies: --secure-cookies: every test fails on an insecure auth-like or CSRF "
        "cookie it receives",
        "secure cookies policy: profile asvs-l2 (OWASP ASVS 5.0.0 level 2, a floor); scope auth "
        "(auth-like and CSRF cookies); Secure, HttpOnly (not on CSRF cookies), SameSite Lax or "
        "Strict, a __Host- name on auth-like cookies, lifetime at most 400 days (the browsers' "
        "cap)",
    ], consecutive=True)  # fmt: skip
    result.stdout.fnmatch_lines([
        "insecure cookie 'session' (SC016) set by POST /login-hardened",
        "",
        "cookie 'session' set by POST http://localhost/login-hardened (flask) is insecure: "
        "1 problem",
        "  Set-Cookie: session=<redacted 21 chars>; Secure; HttpOnly; Path=/; SameSite=Lax",
        "  SC016 'session' has no __Secure- or __Host- prefix (ASVS v5.0.0-3.3.1): "
        f"{RULES['SC016'].why}",
        '    fix: app.config["SESSION_COOKIE_NAME"] = "__Host-session", '
        'app.config["SESSION_COOKIE_SECURE"] = True, app.config["SESSION_COOKIE_PATH"] = "/", '
        'app.config["SESSION_COOKIE_DOMAIN"] = None',
    ], consecutive=True)  # fmt: skip
    assert SECRET not in result.stdout.str()


def test_the_default_profile_changes_nothing(flask_project: pytest.Pytester) -> None:
    result = run_plugin(flask_project, "--secure-cookies", "--secure-cookies-profile=default")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["secure cookies policy: profile default; scope auth *"])


def test_the_ini_option_with_shared_names(flask_project: pytest.Pytester) -> None:
    flask_project.makeini("""
        [pytest]
        secure_cookies = true
        secure_cookies_profile = asvs-l3
        secure_cookies_shared_names = sso *_shared
    """)
    result = run_plugin(flask_project, "--secure-cookies-report=out.json")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "secure cookies policy: profile asvs-l3 (OWASP ASVS 5.0.0 level 3, a floor); scope auth "
        "(auth-like and CSRF cookies); Secure, HttpOnly (not on CSRF cookies), SameSite Lax or "
        "Strict, a __Host- name on auth-like cookies (__Secure- with Domain for sso, *_shared), "
        "name and value at most 4096 octets, lifetime at most 400 days (the browsers' cap)",
    ])  # fmt: skip
    report = load_report(flask_project.path / "out.json")
    assert report["profile"] == "asvs-l3"
    [entry] = [cookie for cookie in report["cookies"] if cookie["name"] == "session"]
    assert [finding["problem"] for finding in entry["findings"]] == [
        "'session' has no __Secure- or __Host- prefix (ASVS v5.0.0-3.3.1)"
    ]
    assert report["rules"]["SC016"]["asvs"] == "v5.0.0-3.3.1"


def test_the_marker_keyword_sets_the_profile_of_its_test(flask_project: pytest.Pytester) -> None:
    flask_project.makepyfile(test_app="""
        import pytest

        @pytest.mark.secure_cookies(profile="asvs-l1")
        def test_strict(client):
            client.post("/login-hardened")

        @pytest.mark.secure_cookies
        def test_default(client):
            client.post("/login-hardened")

        @pytest.mark.secure_cookies(profile="asvs-l9")
        def test_bad(client):
            pass
    """)
    result = run_plugin(flask_project)
    result.assert_outcomes(passed=1, failed=1, errors=1)
    result.stdout.fnmatch_lines([
        "test_app.py::test_bad: bad @pytest.mark.secure_cookies(profile='asvs-l9'): profile "
        "must be 'default', 'asvs-l1', 'asvs-l2' or 'asvs-l3', got 'asvs-l9'",
    ])  # fmt: skip
    result.stdout.fnmatch_lines([
        "_* test_strict _*",
        "insecure cookie 'session' (SC016) set by POST /login-hardened",
        "",
        "cookie 'session' set by POST http://localhost/login-hardened (flask) is insecure: "
        "1 problem",
    ], consecutive=True)  # fmt: skip


@pytest.mark.parametrize("where", ["ini", "command line"])
def test_a_bad_value_stops_pytest_with_a_usage_error(
    flask_project: pytest.Pytester, where: str
) -> None:
    args = ["--secure-cookies"]
    if where == "ini":
        flask_project.makeini("[pytest]\nsecure_cookies_profile = ASVS level 2\n")
    else:
        args.append("--secure-cookies-profile=asvs-l4")
    result = run_plugin(flask_project, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    given = "ASVS level 2" if where == "ini" else "asvs-l4"
    result.stderr.fnmatch_lines([
        f"ERROR: secure_cookies_profile: '{given}' is not accepted; use default, asvs-l1, "
        "asvs-l2 or asvs-l3",
    ])  # fmt: skip


def test_the_sarif_run_names_the_profile(flask_project: pytest.Pytester) -> None:
    from tests._schemas import load_sarif

    run_plugin(flask_project, "--secure-cookies", "--secure-cookies-profile=asvs-l1",
               "--secure-cookies-sarif=out.sarif")  # fmt: skip
    [run] = load_sarif(flask_project.path / "out.sarif")["runs"]
    assert run["properties"] == {"profile": "asvs-l1"}
    [result] = run["results"]
    assert result["ruleId"] == "SC016"
    assert result["message"]["text"].startswith(
        "'session' has no __Secure- or __Host- prefix (ASVS v5.0.0-3.3.1) (set by POST "
        "http://localhost/login-hardened (flask)) in test_app.py::test_login. Fix: "
    )


def test_the_fixture_takes_the_profile_keyword_over_the_ini_one(
    flask_project: pytest.Pytester,
) -> None:
    flask_project.makeini("[pytest]\nsecure_cookies_profile = asvs-l2\n")
    flask_project.makepyfile(test_app="""
        def test_default(assert_secure_cookie, client):
            assert_secure_cookie(client.post("/login-hardened"), "session", profile="default")

        def test_ini(assert_secure_cookie, client):
            assert_secure_cookie(client.post("/login-hardened"), "session")
    """)
    result = run_plugin(flask_project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "E       pytest_securecookie.InsecureCookieError: cookie 'session' set by POST "
        "http://localhost/login-hardened (flask) is insecure: 1 problem",
        "E         Set-Cookie: session=<redacted 21 chars>; Secure; HttpOnly; Path=/; "
        "SameSite=Lax",
        "E         SC016 'session' has no __Secure- or __Host- prefix (ASVS v5.0.0-3.3.1): *",
    ], consecutive=True)  # fmt: skip
