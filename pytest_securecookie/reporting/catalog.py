"""The rules as security tooling files them: docs link, CWE, severity, OWASP ASVS requirement.

One place for the words the JSON report and the SARIF file use for a rule.  Pure: no pytest,
no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..judging.rules import ASVS_VERSION, RULES, Rule

DOCS = "https://pytest-securecookie.readthedocs.io/en/latest/"
RULES_DOCS = DOCS + "rules/"  # one section per rule, anchored by its lowered id: #sc001


def rule_url(rule_id: str) -> str:
    """The rule's section of the docs, e.g. ``.../rules/#sc001``."""
    return f"{RULES_DOCS}#{rule_id.lower()}"


def docs_line(rule_ids: Iterable[str]) -> str | None:
    """The one line a failure ends with: the first rule's section of the docs, and the other
    rules' anchors on the same page (``docs: .../rules/#sc001 (also #sc003)``); None
    without a rule."""
    ids = sorted(dict.fromkeys(rule_ids))
    if not ids:
        return None
    others = ", ".join(f"#{rule_id.lower()}" for rule_id in ids[1:])
    return f"docs: {rule_url(ids[0])}" + (f" (also {others})" if others else "")


def cwe_id(rule: Rule) -> str:
    return f"CWE-{rule.cwe}"


def asvs_id(rule: Rule) -> str | None:
    """The ASVS requirement in the version-qualified form OWASP recommends: ``v5.0.0-3.3.1``."""
    return None if rule.asvs is None else f"v{ASVS_VERSION}-{rule.asvs}"


def rule_entry(rule: Rule) -> dict[str, Any]:
    """One rule as the JSON report lists it."""
    return {
        "title": rule.what,
        "why": rule.why,
        "cwe": cwe_id(rule),
        "severity": rule.severity,
        "asvs": asvs_id(rule),
        "browser_enforced": rule.browser,
        "docs": rule_url(rule.id),
    }


def rule_catalog() -> dict[str, dict[str, Any]]:
    """Every rule by id, in id order."""
    return {rule_id: rule_entry(rule) for rule_id, rule in RULES.items()}
