"""The redaction promise for the files security tooling reads: hostile cookie values reach
neither the SARIF file, the job summary nor the JUnit XML properties."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin
from tests._schemas import load_sarif
from tests.reporting.test_robust_redaction import ATTACKS, CONFTEST, TESTS, assert_no_leak


def test_sarif_summary_and_junit_never_show_a_hostile_value(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = list(ATTACKS.values())
    pytester.makeconftest(CONFTEST.format(lines=lines))
    pytester.makepyfile(test_attacks=TESTS.format(count=len(lines)))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(pytester.path / "summary.md"))
    result = run_plugin(
        pytester, "--secure-cookies", "--secure-cookies-sarif=c.sarif", "--junitxml=junit.xml"
    )
    result.assert_outcomes(failed=len(lines))
    assert len(load_sarif(pytester.path / "c.sarif")["runs"][0]["results"]) >= len(lines)
    for name in ("c.sarif", "summary.md", "junit.xml"):
        text = (pytester.path / name).read_text(encoding="utf-8")
        assert_no_leak(text.replace("\\u001b", "\x1b").replace("\\u0000", "\x00"))
        assert "secure_cookies" in text or "SC0" in text


EXPOSED = """
def test_spa_login(api_client):
    assert api_client.post("/api/login").json()["token_type"] == "bearer"

def test_redirect(client):
    assert client.post("/login", follow_redirects=True).status_code == 200

def test_header(client):
    client.post("/login-clean")
    assert client.get("/whoami").status_code == 200
"""


def test_a_token_found_outside_set_cookie_is_named_never_shown(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SC019's problem names the response and where (body, header name), in every output.
    from tests.plugin.test_plugin_exposure import CONFTEST, SECRET, TOKEN

    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_exposed=EXPOSED)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(pytester.path / "summary.md"))
    result = run_plugin(
        pytester, "-v", "--secure-cookies", "--secure-cookies-sarif=c.sarif",
        "--secure-cookies-report=c.json", "--junitxml=junit.xml",
    )  # fmt: skip
    result.assert_outcomes(failed=3)
    sarif = load_sarif(pytester.path / "c.sarif")["runs"][0]["results"]
    assert [r["ruleId"] for r in sarif] == ["SC019"] * 3
    assert SECRET not in result.stderr.str() and TOKEN not in result.stderr.str()
    outputs = [result.stdout.str()]
    for name in ("c.sarif", "summary.md", "junit.xml", "c.json"):
        outputs.append((pytester.path / name).read_text(encoding="utf-8"))
    for text in outputs:
        assert SECRET not in text and TOKEN not in text
        assert "SC019" in text
    assert "in the X-Session header of GET http://localhost/whoami (flask)" in outputs[-1]
