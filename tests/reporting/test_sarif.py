"""The SARIF log (``reporting.sarif``) made of the findings records: pure, and valid against
the official OASIS SARIF 2.1.0 schema."""

from __future__ import annotations

import json
from typing import Any

from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.recorded import judge
from pytest_securecookie.judging.rules import RULES
from pytest_securecookie.reporting.findings import Place, Record, records_for
from pytest_securecookie.reporting.sarif import fingerprint, sarif_log
from tests._enforce_apps import SECURE, Line
from tests._schemas import errors, sarif_schema

SECRET = "planted-SECRET-0042"
ROOT = "file:///work/project/"
LOGIN = [Line(f"session={SECRET}; Path=/"), Line(SECURE), Line(f"csrftoken={SECRET}")]


def records(test: str = "tests/test_login.py::test_login", line: int | None = 12) -> list[Record]:
    path = test.split("::")[0]
    return records_for(test, Place(path, line), judge(LOGIN, CookiePolicy()))


def log(found: list[Record] | None = None) -> dict[str, Any]:
    made = sarif_log(records() if found is None else found, version="1.2.3", root_uri=ROOT)
    shipped: dict[str, Any] = json.loads(json.dumps(made))
    return shipped


def test_the_log_is_valid_sarif_2_1_0_and_holds_no_value() -> None:
    assert errors(log(), sarif_schema()) == []
    assert errors(log([]), sarif_schema()) == []
    assert SECRET not in json.dumps(log())


def test_one_run_whose_tool_lists_every_rule() -> None:
    [run] = log()["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("pytest-securecookie", "1.2.3")
    assert driver["informationUri"] == "https://pytest-securecookie.readthedocs.io/en/latest/"
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": ROOT}}


def test_a_rule_has_descriptions_help_docs_cwe_and_security_severity() -> None:
    secure = log()["runs"][0]["tool"]["driver"]["rules"][0]
    why = RULES["SC001"].why
    url = "https://pytest-securecookie.readthedocs.io/en/latest/rules/#sc001"
    about = f"missing Secure: {why}. CWE-614, OWASP ASVS v5.0.0-3.3.1; severity high."
    fix = "Each result names the fix for the framework that set the cookie."
    assert secure == {
        "id": "SC001",
        "shortDescription": {"text": "missing Secure"},
        "fullDescription": {"text": f"missing Secure: {why}."},
        "help": {
            "text": f"{about} {fix} Docs: {url}",
            "markdown": f"{about}\n\n{fix} [Docs]({url})",
        },
        "helpUri": url,
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "tags": ["security", "external/cwe/cwe-614", "external/owasp-asvs/v5.0.0-3.3.1"],
            "security-severity": "7.5",
            "precision": "very-high",
        },
    }


def test_severities_map_to_github_security_severity_bands() -> None:
    rules = log()["runs"][0]["tool"]["driver"]["rules"]
    bands = {"high": (7.0, 8.9), "medium": (4.0, 6.9), "low": (0.1, 3.9)}
    for rule in rules:
        low, high = bands[RULES[rule["id"]].severity]
        assert low <= float(rule["properties"]["security-severity"]) <= high, rule["id"]
    misspelt = next(rule for rule in rules if rule["id"] == "SC012")
    assert misspelt["properties"]["tags"] == ["security", "external/cwe/cwe-436"]  # no ASVS


def test_one_result_per_test_cookie_and_rule_located_at_the_test() -> None:
    results = log()["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["properties"]["cookie"]) for r in results] == [
        ("SC001", 0, "session"), ("SC002", 1, "session"), ("SC003", 2, "session"),
        ("SC001", 0, "csrftoken"), ("SC003", 2, "csrftoken"),
    ]  # fmt: skip
    first = results[0]
    assert first["level"] == "error"
    assert first["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "tests/test_login.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12},
    }}]  # fmt: skip
    fix = records()[0]["fix"]
    assert fix.startswith('app.config["SESSION_COOKIE_SECURE"] = True')
    assert first["message"]["text"] == (
        "'session' has no Secure attribute (set by POST http://localhost/login (flask)) in "
        f"tests/test_login.py::test_login. Fix: {fix}."
    )
    assert first["properties"] == {"test": "tests/test_login.py::test_login", "cookie": "session"}


def test_fingerprints_follow_test_cookie_and_rule_not_the_line() -> None:
    here = [r["partialFingerprints"] for r in log(records(line=12))["runs"][0]["results"]]
    moved = [r["partialFingerprints"] for r in log(records(line=40))["runs"][0]["results"]]
    assert here == moved
    assert len({f["testCookieRule/v1"] for f in here}) == len(here)
    other = log(records("tests/test_login.py::test_logout"))["runs"][0]["results"]
    assert other[0]["partialFingerprints"] != here[0]
    assert here[0]["testCookieRule/v1"] == fingerprint(
        {"test": "tests/test_login.py::test_login", "cookie": "session", "rule": "SC001"}
    )


def test_a_path_is_a_uri_reference_and_an_unknown_line_has_no_region() -> None:
    found = records_for("my tests/t#1.py::t", Place("my tests/t#1.py", None),
                        judge(LOGIN[:1], CookiePolicy()))  # fmt: skip
    [place] = log(found)["runs"][0]["results"][0]["locations"]
    assert place == {"physicalLocation": {
        "artifactLocation": {"uri": "my%20tests/t%231.py", "uriBaseId": "%SRCROOT%"},
    }}  # fmt: skip
    assert errors(log(found), sarif_schema()) == []


def test_help_markdown_shows_a_prefix_as_written() -> None:
    host = log()["runs"][0]["tool"]["driver"]["rules"][7]
    assert host["help"]["markdown"].startswith("\\_\\_Host- prefix without Secure")
    assert host["help"]["text"].startswith("__Host- prefix without Secure")
