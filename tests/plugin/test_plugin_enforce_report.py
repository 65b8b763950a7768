"""The summary line, the ``-v`` listing and ``--secure-cookies-report`` JSON (never values)."""

from __future__ import annotations

from typing import Any

import pytest

from tests._enforce_apps import FLASK_CONFTEST, SECRET, run_plugin
from tests._schemas import load_report

TESTS = f"""
import pytest

@pytest.mark.secure_cookies
def test_login(client):
    client.post("/login", follow_redirects=True)

@pytest.mark.secure_cookies
def test_login_logout(client):
    client.post("/login-hardened")
    client.post("/logout")

@pytest.mark.secure_cookies
def test_magic_link(client):
    client.get("/magic-link?token={SECRET}")

def test_not_recorded(client):
    client.post("/login")
"""


@pytest.fixture
def result(pytester: pytest.Pytester) -> pytest.RunResult:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    result: pytest.RunResult = run_plugin(pytester, "-v", "--secure-cookies-report=out.json")
    return result


@pytest.fixture
def report(pytester: pytest.Pytester, result: pytest.RunResult) -> dict[str, Any]:
    assert SECRET not in (pytester.path / "out.json").read_text(encoding="utf-8")
    return load_report(pytester.path / "out.json")


def test_summary_line_and_verbose_listing(result: pytest.RunResult) -> None:
    result.assert_outcomes(failed=2, passed=2)
    result.stdout.fnmatch_lines(
        [
            "secure cookies: 5 responses, 5 cookies, 4 auth-like, 2 insecure",
            "  test_app.py::test_login: cookie 'session' set by POST http://localhost/login"
            " (flask): SC001, SC002, SC003",
            "  test_app.py::test_magic_link: cookie 'session' set by GET"
            " http://localhost/magic-link (flask): SC001, SC002, SC003",  # never a query
        ],
        consecutive=True,
    )
    result.stdout.no_fnmatch_line(f"*{SECRET}*")


def test_the_report_has_the_summary_and_one_entry_per_cookie(report: dict[str, Any]) -> None:
    assert report["version"] == 1
    assert report["summary"] == {
        "tests": 3, "responses": 5, "cookies": 5, "auth_like": 4, "insecure": 2,
    }  # fmt: skip
    assert [(e["test"], e["name"]) for e in report["cookies"]] == [
        ("test_app.py::test_login", "session"),
        ("test_app.py::test_login", "theme"),
        ("test_app.py::test_login_logout", "session"),
        ("test_app.py::test_login_logout", "session"),
        ("test_app.py::test_magic_link", "session"),
    ]


def test_an_entry_carries_attributes_classification_and_findings(report: dict[str, Any]) -> None:
    entry = report["cookies"][0]
    assert entry["source"] == "POST http://localhost/login (flask)"
    assert entry["attributes"] == {
        "secure": False, "httponly": False, "samesite": None, "samesite_raw": None,
        "path": "/", "domain": None, "max_age": None, "expires": None, "partitioned": False,
        "prefix": None, "is_deletion": False,
    }  # fmt: skip
    assert entry["classification"] == {"kind": "auth", "reason": "name matches 'session'"}
    assert [f["rule"] for f in entry["findings"]] == ["SC001", "SC002", "SC003"]
    assert set(entry["findings"][0]) == {"rule", "problem", "why", "fix"}
    assert entry["ignored_by_browsers"] is None


def test_other_cookies_and_deletions_are_listed_too(report: dict[str, Any]) -> None:
    theme, _, deletion, magic = report["cookies"][1:]
    assert theme["classification"]["kind"] == "other" and theme["findings"] == []
    assert deletion["attributes"]["is_deletion"] is True
    assert deletion["attributes"]["expires"] == "1970-01-01T00:00:00+00:00"
    assert deletion["findings"] == []
    assert magic["source"] == "GET http://localhost/magic-link (flask)"  # never a query


def test_offenders_are_listed_once_per_test_and_cookie(report: dict[str, Any]) -> None:
    assert [(o["test"], o["name"], o["times"], o["rules"]) for o in report["offenders"]] == [
        ("test_app.py::test_login", "session", 1, ["SC001", "SC002", "SC003"]),
        ("test_app.py::test_magic_link", "session", 1, ["SC001", "SC002", "SC003"]),
    ]


def test_no_report_and_no_summary_without_recording(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app="def test_plain(client):\n    client.post('/login')\n")
    result = run_plugin(pytester, "--secure-cookies-report=out.json")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("secure cookies:*")
    report = load_report(pytester.path / "out.json")
    assert report["summary"]["tests"] == 0 and report["cookies"] == []


# A magic link whose token (in the path) becomes the session, answered with a CSRF cookie beside
# it: the CSRF cookie's source URL carries the session value, which must be scrubbed there too.
_MAGIC_BESIDE_CSRF = f'''
import flask
import pytest

@pytest.fixture
def client():
    app = flask.Flask("magic")

    @app.get("/magic/<token>")
    def magic(token):
        response = flask.make_response("welcome")
        response.set_cookie("session", token)
        response.set_cookie("csrftoken", "csrf-value-1")
        return response

    return app.test_client()

def test_magic(client):
    client.get("/magic/{SECRET}")
'''


def test_another_cookies_value_in_the_source_url_is_scrubbed(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_magic=_MAGIC_BESIDE_CSRF)
    result = run_plugin(pytester, "-v", "--secure-cookies", "--secure-cookies-report=out.json")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*cookie 'csrftoken' set by GET *magic/<redacted> (flask)*"])
    assert SECRET not in result.stdout.str()
    report = (pytester.path / "out.json").read_text(encoding="utf-8")
    assert "csrftoken" in report and SECRET not in report
    load_report(pytester.path / "out.json")
