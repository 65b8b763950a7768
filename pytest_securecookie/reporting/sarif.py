"""The findings as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run; its tool lists every rule (descriptions, help, docs link, CWE tag and GitHub's
``security-severity``); one result per test, insecure cookie and rule, located at the test's
definition, with a fingerprint that stays the same while the test, the cookie and the rule do.
Pure: no pytest, no I/O.  Made of the records of ``reporting.findings``: no value in it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from ..judging.rules import RULES, Rule
from .catalog import DOCS, asvs_id, cwe_id, rule_url
from .findings import Record

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL = "pytest-securecookie"
ROOT = "%SRCROOT%"  # the base of every result's path: pytest's rootdir
FINGERPRINT = "testCookieRule/v1"
# GitHub ranks a security alert by this number: 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
SECURITY_SEVERITY = {"high": "7.5", "medium": "5.0", "low": "3.0"}
LEVEL = {"high": "error", "medium": "error", "low": "warning"}

JSONDict = dict[str, Any]


def sarif_log(
    records: Iterable[Record], *, version: str | None, root_uri: str, profile: str = "default"
) -> JSONDict:
    """The whole log; ``root_uri`` is the ``file:`` URI of pytest's rootdir, ending in ``/``;
    ``profile``: the session policy's ASVS profile (the run's ``properties``)."""
    index = {rule_id: number for number, rule_id in enumerate(RULES)}
    driver: JSONDict = {"name": TOOL, "informationUri": DOCS}
    if version:
        driver["version"] = version
    driver["rules"] = [descriptor(rule) for rule in RULES.values()]
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {ROOT: {"uri": root_uri}},
        "results": [result(record, index[record["rule"]]) for record in records],
        "properties": {"profile": profile},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def descriptor(rule: Rule) -> JSONDict:
    """The rule as SARIF's ``reportingDescriptor``."""
    tags = ["security", f"external/cwe/cwe-{rule.cwe}"]
    asvs = asvs_id(rule)
    if asvs:
        tags.append(f"external/owasp-asvs/{asvs}")
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.what},
        "fullDescription": {"text": f"{rule.what}: {rule.why}."},
        "help": help_text(rule),
        "helpUri": rule_url(rule.id),
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "tags": tags,
            "security-severity": SECURITY_SEVERITY[rule.severity],
            "precision": "very-high",
        },
    }


def help_text(rule: Rule) -> JSONDict:
    """What the rule finds and why, where it is filed, and where its docs are."""
    asvs = asvs_id(rule)
    filed = cwe_id(rule) + (f", OWASP ASVS {asvs}" if asvs else "")
    about = f"{rule.what}: {rule.why}. {filed}; severity {rule.severity}."
    fix = "Each result names the fix for the framework that set the cookie."
    url = rule_url(rule.id)
    markdown = f"{_escaped(about)}\n\n{fix} [Docs]({url})"
    return {"text": f"{about} {fix} Docs: {url}", "markdown": markdown}


def _escaped(text: str) -> str:
    """Plain text for Markdown: ``__Host-`` is a prefix, not the start of bold text."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def result(record: Record, rule_index: int) -> JSONDict:
    """One test, cookie and rule: located at the test, never holding a value."""
    problems = "; ".join(record["problems"])
    source = f" (set by {record['source']})" if record["source"] else ""
    message = f"{problems}{source} in {record['test']}. Fix: {record['fix'].rstrip('.')}."
    return {
        "ruleId": record["rule"],
        "ruleIndex": rule_index,
        "level": LEVEL[RULES[record["rule"]].severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": _physical(record)}],
        "partialFingerprints": {FINGERPRINT: fingerprint(record)},
        "properties": {"test": record["test"], "cookie": record["cookie"]},
    }


def _physical(record: Record) -> JSONDict:
    place: JSONDict = {"artifactLocation": {"uri": quote(record["path"]), "uriBaseId": ROOT}}
    if record["line"] is not None:
        place["region"] = {"startLine": record["line"]}
    return place


def fingerprint(record: Record) -> str:
    """The same for the same test, cookie and rule, whatever line the test moves to."""
    key = "\0".join((record["test"], record["cookie"], record["rule"]))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
