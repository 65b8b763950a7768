"""SC012 and "did you mean": each misspelt name reported once, at most a few per cookie,
and bounded work on hostile lines (completion only: speed lives in benchmarks/)."""

from __future__ import annotations

import pytest

from pytest_securecookie.judging.policy import Finding, check_cookie
from pytest_securecookie.judging.spelling import MISSPELT_JUDGED, MISSPELT_REPORTED, did_you_mean
from pytest_securecookie.parsing.parser import parse_set_cookie
from tests._helpers import NOW

MIB = 1 << 20


def misspelt(line: str) -> list[Finding]:
    cookie = parse_set_cookie(line)
    assert cookie is not None, line[:80]
    return [f for f in check_cookie(cookie, now=NOW) if f.rule == "SC012"]


def variants(count: int) -> list[str]:
    """``count`` distinct spellings of "Secrue" (case bits, then a hyphen somewhere)."""
    words = ["".join(c.upper() if i >> k & 1 else c for k, c in enumerate("secrue"))
             for i in range(64)]
    spelled = words + [f"{w[:cut]}-{w[cut:]}" for cut in range(1, 6) for w in words]
    assert count <= len(spelled)
    return spelled[:count]


@pytest.mark.parametrize(("written", "meant"),
                         [("Secrue", "Secure"), ("HttpOnyl", "HttpOnly"), ("SameSit", "SameSite")])
def test_did_you_mean_still_finds_the_meant_attribute(written: str, meant: str) -> None:
    assert did_you_mean(written) == meant
    [finding] = misspelt(f"theme=x; {written}=v")
    assert finding.problem.endswith(f"did you mean {meant}?")


def test_did_you_mean_on_names_the_length_rules_out() -> None:
    assert did_you_mean("x" * MIB) is None
    assert did_you_mean("Secure" + "-" * MIB) == "Secure"  # separators fold away first
    assert did_you_mean("Partitione") == "Partitioned"  # one shorter than the longest choice
    assert did_you_mean("Partitionedxx") == "Partitioned"  # two longer: still within 2
    assert did_you_mean("Partitionedxxx") is None
    assert did_you_mean("Lx", ("Strict", "Lax", "None")) == "Lax"
    assert did_you_mean("Nne" + "e" * 40, ("Strict", "Lax", "None")) is None


def test_ties_go_to_the_alphabetically_first_choice() -> None:
    # "Pathx" is one edit from Path; nothing else is that close.  "Doma" -> Domain needs 2,
    # over the limit of 1 for a 4-letter name.
    assert did_you_mean("Pathx") == "Path"
    assert did_you_mean("Doma") is None
    assert did_you_mean("ab", ("ax", "ay")) == "ax"
    assert did_you_mean("ab", ("ay", "ax")) == "ax"


def test_the_same_misspelt_name_is_reported_once_per_cookie() -> None:
    [finding] = misspelt("theme=x; Secrue; Secrue=1; Secrue" + "; Secrue" * 10_000)
    assert finding.problem == (
        "'theme' has an attribute 'Secrue' that browsers ignore: did you mean Secure?")


def test_distinct_misspellings_each_get_a_finding_in_order() -> None:
    found = misspelt("theme=x; Secrue; HttpOnyl; Secrue; SameSit=Lax; X-Token")
    assert [f.fix for f in found] == [
        "spell the attribute Secure", "spell the attribute HttpOnly",
        "spell the attribute SameSite"]
    assert not any("more" in f.problem for f in found)


def test_at_most_five_are_reported_and_the_last_says_how_many_more() -> None:
    assert MISSPELT_REPORTED == 5
    names = variants(8)
    found = misspelt("theme=x; " + "; ".join(names + names))
    assert [f.problem.split("'")[3] for f in found] == names[:5]
    assert found[-1].problem.endswith(
        "did you mean Secure? (and 3 more misspelt attributes)")
    assert not any("more" in f.problem for f in found[:-1])
    one_more = misspelt("theme=x; " + "; ".join(variants(6)))
    assert one_more[-1].problem.endswith("(and 1 more misspelt attribute)")


def test_names_past_the_judged_cap_are_counted_not_checked() -> None:
    junk = [f"x-token-{number}" for number in range(MISSPELT_JUDGED)]
    found = misspelt("theme=x; " + "; ".join(variants(7) + junk + ["Secrue"] * 3))
    assert len(found) == 5
    assert found[-1].problem.endswith(
        "(and 2 more misspelt attributes; 7 more unknown attributes not checked)")


HOSTILE = {
    "one huge unknown name": "sid=b; " + "x" * MIB,
    "one huge misspelt name": "sid=b; Secrue" + "-" * MIB,
    "many repeated unknown": "sid=b" + "; Foo=1" * (MIB // 7),
    "many repeated misspelt": "sid=b" + "; Secrue" * (MIB // 8),
    "many distinct short": "sid=b" + "".join(f"; x{n}" for n in range(MIB // 8)),
    "many distinct misspelt": "sid=b" + "".join(f"; {v}" for v in variants(384)) * 300,
    "long samesite value": "sid=b; SameSite=" + "Lax" * 340,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_mebibyte_lines_through_check_cookie_complete(name: str) -> None:
    line = HOSTILE[name]
    assert len(line) > 1000 and (len(line) > MIB * 0.9 or name == "long samesite value")
    cookie = parse_set_cookie(line)
    assert cookie is not None
    found = check_cookie(cookie, now=NOW)
    assert {f.rule for f in found} >= {"SC001", "SC002"}  # 'sid' is an auth cookie
    assert len([f for f in found if f.rule == "SC012"]) <= MISSPELT_REPORTED
