"""Under GitHub Actions (``$GITHUB_STEP_SUMMARY`` names a file) the grouped summary is
appended to the job summary as a Markdown table; elsewhere nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._enforce_apps import FLASK_CONFTEST, SECRET, run_plugin

TESTS = """
def test_login(client):
    client.post("/login", follow_redirects=True)


def test_profile(client):
    client.get("/profile")


def test_magic_link(client):
    client.get("/magic-link?token=abc")


def test_login_hardened(client):
    client.post("/login-hardened")
"""
DOCS = "https://pytest-securecookie.readthedocs.io/en/latest/rules/"
RULES = ", ".join(f"[SC00{n}]({DOCS}#sc00{n})" for n in (1, 2, 3))
FIX = (
    'app.config["SESSION_COOKIE_SECURE"] = True; if Secure is off only so that the http test '
    'client keeps its session, test over https instead: client.get(..., url_scheme="https") '
    '(or, where the test passes base_url=, its https:// form); '
    'app.config["SESSION_COOKIE_HTTPONLY"] = True; '
    'app.config["SESSION_COOKIE_SAMESITE"] = "Lax"'
)


@pytest.fixture
def summary(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Path:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    path = pytester.path / "step_summary.md"
    path.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(path))
    return path


def test_the_grouped_summary_is_appended_as_a_markdown_table(
    pytester: pytest.Pytester, summary: Path
) -> None:
    run_plugin(pytester, "--secure-cookies").assert_outcomes(failed=3, passed=1)
    assert summary.read_text(encoding="utf-8").splitlines() == [
        "# Earlier step",
        "### secure cookies: 5 responses, 5 cookies, 4 auth-like, 3 insecure",
        "",
        "| Cookie | Rules | Tests | First test | Fix |",
        "| --- | --- | ---: | --- | --- |",
        f"| ` session ` (flask) | {RULES} | 3 | ` test_app.py::test_login ` | {FIX} |",
    ]
    assert SECRET not in summary.read_text(encoding="utf-8")


def test_a_clean_run_says_so(pytester: pytest.Pytester, summary: Path) -> None:
    run_plugin(pytester, "--secure-cookies", "-k", "hardened").assert_outcomes(passed=1)
    assert summary.read_text(encoding="utf-8").splitlines()[1:] == [
        "### secure cookies: 1 response, 1 cookie, 1 auth-like, 0 insecure",
        "",
        "No insecure auth-like cookie.",
    ]


def test_nothing_is_written_when_nothing_was_recorded(
    pytester: pytest.Pytester, summary: Path
) -> None:
    run_plugin(pytester).assert_outcomes(passed=4)
    assert summary.read_text(encoding="utf-8") == "# Earlier step\n"
