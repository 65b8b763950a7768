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
