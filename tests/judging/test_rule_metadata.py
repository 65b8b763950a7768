"""Every rule says where security teams file it: a CWE, a severity, the ASVS requirement."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from pytest_securecookie.judging.rules import ASVS_VERSION, RULES, Context, Finding, rule

# OWASP ASVS 5.0.0: V3.3 Cookie Setup (3.3.1-3.3.5), V7.3 Session Timeout, V7.4 Session
# Termination; V7.2.3 session token entropy, V9.1.2 token algorithms (never "none"), V14.3.3
# no sensitive data in browser storage.
ASVS_5 = {"3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "7.2.3", "7.2.4", "7.3.1", "7.3.2",
          "7.4.1", "9.1.2", "14.3.3"}


def test_every_rule_has_a_cwe_a_severity_and_an_asvs_requirement_or_none() -> None:
    assert ASVS_VERSION == "5.0.0"
    for entry in RULES.values():
        assert entry.cwe > 0, entry.id
        assert entry.severity in ("high", "medium", "low"), entry.id
        assert entry.asvs is None or entry.asvs in ASVS_5, entry.id


def test_the_attribute_rules_carry_the_cwe_of_their_attribute() -> None:
    filed = {rule_id: (r.cwe, r.severity, r.asvs) for rule_id, r in RULES.items()}
    assert filed["SC001"] == (614, "high", "3.3.1")  # Secure
    assert filed["SC002"] == (1004, "medium", "3.3.4")  # HttpOnly
    assert filed["SC003"] == (1275, "medium", "3.3.2")  # SameSite
    assert filed["SC011"][2] == "3.3.5"  # 4096 bytes
    assert filed["SC013"][2] == "3.3.3"  # __Host-: not shared with other hosts
    assert filed["SC014"] == (613, "medium", "7.4.1")  # logout ends the session


def _never(ctx: Context) -> Iterator[Finding]:
    return iter(())


def test_a_new_rule_cannot_be_registered_without_its_metadata() -> None:
    missing = "missing 3 required keyword-only arguments: 'cwe', 'severity', and 'asvs'"
    with pytest.raises(TypeError, match=missing):
        rule("SC999", "what", "why")(_never)  # type: ignore[call-arg]
    assert "SC999" not in RULES


def test_asvs_none_must_be_said_explicitly() -> None:
    with pytest.raises(TypeError, match="asvs"):
        rule("SC999", "what", "why", cwe=20, severity="low")(_never)  # type: ignore[call-arg]
    assert "SC999" not in RULES


def test_rule_ids_are_anchor_safe() -> None:
    assert all(re.fullmatch(r"SC\d{3}", rule_id) for rule_id in RULES)
