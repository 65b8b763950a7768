"""Audit mode (``--secure-cookies-audit``, ini ``secure_cookies_audit``): every test recorded
and judged as under ``--secure-cookies``, none failed for its cookies, the grouped table at the
end.  A ``secure_cookies`` marker is still enforced: audit never turns off a commitment written
in the code."""

from __future__ import annotations

import json

import pytest

from tests._enforce_apps import SECRET, run_login_test

TESTS = """
import pytest

def test_login(client):
    client.post("/login")

def test_hardened(client):
    client.post("/login-hardened")
"""
POLICY_LINE = (
    "secure cookies policy: profile default; scope auth (auth-like and CSRF cookies); Secure, "
    "HttpOnly (not on CSRF cookies), SameSite Lax or Strict, lifetime at most 400 days (the "
    "browsers' cap)"
)
WHAT_AUDIT_DOES = (
    "audit mode: every test's cookies are judged and reported, no test fails on an insecure "
    "auth-like or CSRF cookie (except tests marked secure_cookies)"
)
TABLE = [
    "secure cookies: 2 responses, 2 cookies, 2 auth-like, 1 insecure",
    "secure cookies audit: insecure cookies in 1 test, by cookie (most tests first):",
    "  tests  cookie   framework  rules                first test",
    "      1  session  flask      SC001, SC002, SC003  test_login.py::test_login",
    '         fix: app.config["SESSION_COOKIE_SECURE"] = True; if Secure is off only',
    "              so that the http test client keeps its session, test over https",
    '              instead: client.get(..., url_scheme="https") (or, where the test',
    "              passes base_url=, its https:// form);",
    '              app.config["SESSION_COOKIE_HTTPONLY"] = True;',
    '              app.config["SESSION_COOKIE_SAMESITE"] = "Lax"',
]


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize("how", ["flag", "ini"])
def test_audit_judges_every_test_and_fails_none(project: pytest.Pytester, how: str) -> None:
    if how == "ini":
        project.makeini("[pytest]\nsecure_cookies_audit = true\n")
    args = ["--secure-cookies-audit"] if how == "flag" else []
    result = run_login_test(project, TESTS, *args)
    result.assert_outcomes(passed=2)
    origin = "--secure-cookies-audit" if how == "flag" else "secure_cookies_audit = true"
    result.stdout.fnmatch_lines([f"secure cookies: {origin}: {WHAT_AUDIT_DOES}", POLICY_LINE],
                                consecutive=True)  # fmt: skip
    result.stdout.fnmatch_lines([*TABLE, "*= 2 passed in *"], consecutive=True)
    result.stdout.no_fnmatch_line("*FAILED*")
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_a_test_marked_secure_cookies_still_fails_under_audit(project: pytest.Pytester) -> None:
    result = run_login_test(project, TESTS + """
@pytest.mark.secure_cookies
def test_marked(client):
    client.post("/login")

@pytest.mark.allow_insecure_cookies(reason="the legacy login")
def test_allowed(client):
    client.post("/login")
""", "--secure-cookies-audit", "-ra")  # fmt: skip
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["FAILED test_login.py::test_marked - insecure cookie *"])
    result.stdout.fnmatch_lines([
        "secure cookies: 3 responses, 3 cookies, 3 auth-like, 2 insecure",  # not test_allowed
        "secure cookies audit: insecure cookies in 2 tests, by cookie (most tests first):",
        "  tests  cookie   framework  rules                first test",
        "      2  session  flask      SC001, SC002, SC003  test_login.py::test_login",
    ], consecutive=True)  # fmt: skip


@pytest.mark.parametrize("enforce", [["-o", "secure_cookies=true"]])
def test_audit_given_with_enforcement_audits(project: pytest.Pytester, enforce: list[str]) -> None:
    result = run_login_test(project, TESTS, *enforce, "--secure-cookies-audit")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([f"secure cookies: --secure-cookies-audit: {WHAT_AUDIT_DOES}"])
    result.stdout.fnmatch_lines(TABLE, consecutive=True)


def test_the_audit_writes_the_files_an_enforced_run_writes(project: pytest.Pytester) -> None:
    outputs = ["--secure-cookies-report=cookies.json", "--secure-cookies-sarif=cookies.sarif"]
    written = {}
    for mode in ("--secure-cookies", "--secure-cookies-audit"):
        run_login_test(project, TESTS, mode, *outputs)
        files = [project.path / name for name in ("cookies.json", "cookies.sarif")]
        written[mode] = [file.read_text(encoding="utf-8") for file in files]
        for file in files:
            file.unlink()
    assert written["--secure-cookies-audit"] == written["--secure-cookies"]
    report = json.loads(written["--secure-cookies"][0])
    assert report["summary"]["insecure"] == 1
    assert [entry["test"] for entry in report["offenders"]] == ["test_login.py::test_login"]


def test_a_bad_ini_value_is_a_usage_error(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nsecure_cookies_audit = sometimes\n")
    result = run_login_test(project, TESTS)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*secure_cookies_audit: *sometimes*; use true or false"])
