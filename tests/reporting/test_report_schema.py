"""The JSON report's schema: shipped in the package, versioned, documented, and true of the
reports the tally writes (the plugin tests check every report they make with ``load_report``)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.recorded import judge
from pytest_securecookie.judging.rules import RULES
from pytest_securecookie.reporting.catalog import DOCS, rule_catalog, rule_url
from pytest_securecookie.reporting.tally import REPORT_VERSION, Tally
from tests._enforce_apps import SECURE, Line, at
from tests._schemas import errors, report_schema

SECRET = "planted-SECRET-0042"
# Every shape a report entry takes: an offender, a secure cookie, another cookie, a
# deletion, a line browsers drop, an unrecognised SameSite, a broken __Host- prefix.
LINES = [
    Line(f"session={SECRET}; Path=/"),
    Line(SECURE),
    Line("theme=dark; Max-Age=60"),
    at("session=; Path=/; Max-Age=0; Secure", "POST http://localhost/logout"),
    at("sid=" + "v" * 4100, "GET http://localhost/big"),
    Line(f"csrftoken={SECRET}; SameSite=Laxx; Expires=Wed, 21 Oct 2099 07:28:00 GMT"),
    Line("__Host-id=1; Domain=example.com; Secure; HttpOnly; SameSite=Strict"),
]


def full_report() -> dict[str, Any]:
    tally = Tally()
    tally.add("t.py::test_login", judge(LINES, CookiePolicy()), len(LINES), entries=True)
    report: dict[str, Any] = json.loads(json.dumps(tally.report()))
    return report


def test_the_schema_is_package_data_and_a_valid_2020_12_schema() -> None:
    shipped = resources.files("pytest_securecookie.reporting") / "report.schema.json"
    schema = json.loads(shipped.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert errors({}, schema)  # check_schema passed; an empty object is no report


def test_the_schema_is_versioned_with_the_report() -> None:
    schema = report_schema()
    assert schema["properties"]["version"] == {
        "description": f"The report format's version: {REPORT_VERSION} for this schema.",
        "const": REPORT_VERSION,
    }
    assert schema["$id"] == f"{DOCS}schemas/report-v{REPORT_VERSION}.json"
    assert f"version {REPORT_VERSION}" in schema["title"]


def test_a_report_with_every_kind_of_entry_follows_the_schema() -> None:
    report = full_report()
    assert errors(report, report_schema()) == []
    kinds = {entry["classification"]["kind"] for entry in report["cookies"]}
    assert kinds >= {"auth", "csrf", "other"}
    assert any(entry["attributes"] is None for entry in report["cookies"])  # dropped
    assert SECRET not in json.dumps(report)


def test_an_empty_report_follows_the_schema() -> None:
    assert errors(Tally().report(), report_schema()) == []


def test_the_schema_rejects_what_the_report_never_holds() -> None:
    report = full_report()
    report["cookies"][0]["value"] = "x"
    report["rules"]["SC001"]["severity"] = "critical"
    del report["summary"]["insecure"]
    assert errors(report, report_schema()) == [
        "cookies/0: Additional properties are not allowed ('value' was unexpected)",
        "rules/SC001/severity: 'critical' is not one of ['high', 'medium', 'low']",
        "summary: 'insecure' is a required property",
    ]


def test_every_field_the_schema_describes_is_documented() -> None:
    rule_fields = report_schema()["$defs"]["rule"]["properties"]
    assert set(rule_fields) == set(next(iter(rule_catalog().values())))
    assert all("description" in field for name, field in rule_fields.items() if name != "severity")


def test_the_report_lists_every_rule_with_its_metadata() -> None:
    rules = full_report()["rules"]
    assert list(rules) == list(RULES)
    assert rules["SC001"] == {
        "title": "missing Secure",
        "why": RULES["SC001"].why,
        "cwe": "CWE-614",
        "severity": "high",
        "asvs": "v5.0.0-3.3.1",
        "browser_enforced": False,
        "docs": "https://pytest-securecookie.readthedocs.io/en/latest/rules/#sc001",
    }
    assert rules["SC012"]["asvs"] is None
    assert rule_url("SC014") == DOCS + "rules/#sc014"
