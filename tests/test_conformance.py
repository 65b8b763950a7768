"""Every case of the vendored browser corpus (tests/conformance/, see SOURCES.md there).

Each case compares only the fields its ``expect`` names, as the corpus' score.py does.
The 31 ``storage-model-rejects`` cases are lines a browser drops in its storage step (a
prefix rule unmet), not in the parser: they must parse, with ``.prefix`` set, so that the
policy can tell the user why the browser will drop them.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from pytest_securecookie import SetCookie, parse_set_cookie
from pytest_securecookie._parse import ignore_reason

CASES_FILE = Path(__file__).with_name("conformance") / "set-cookie-cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))
STORAGE_REJECTS = "storage-model-rejects"


def lines_and_expectations(case: dict[str, Any]) -> list[tuple[str, Any]]:
    if "headers" in case:
        return list(zip(case["headers"], case["expect"], strict=True))
    return [(case["header"], case["expect"])]


def observed(cookie: SetCookie, field: str) -> Any:
    """The field as the corpus writes it (Expires as ISO 8601 UTC with a Z)."""
    if field == "is_deletion":
        return cookie.is_deletion
    got = getattr(cookie, field)
    if field == "expires" and isinstance(got, datetime):
        return got.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return got


def check_line(line: str, expect: dict[str, Any] | None) -> None:
    cookie = parse_set_cookie(line)
    # ignore_reason must agree exactly with the parser on every line of the corpus.
    assert (cookie is None) == (ignore_reason(line) is not None)
    if expect is None:
        assert cookie is None, f"kept a line browsers ignore: {cookie!r}"
        return
    assert cookie is not None, f"ignored a line browsers keep ({ignore_reason(line)})"
    got = {field: observed(cookie, field) for field in expect}
    assert got == expect


@pytest.mark.parametrize(
    "case",
    [case for case in CASES if STORAGE_REJECTS not in case["tags"]],
    ids=lambda case: case["id"],
)
def test_case(case: dict[str, Any]) -> None:
    for line, expect in lines_and_expectations(case):
        check_line(line, expect)


@pytest.mark.parametrize(
    "case",
    [case for case in CASES if STORAGE_REJECTS in case["tags"]],
    ids=lambda case: case["id"],
)
def test_prefix_violation_parses_for_the_policy_to_judge(case: dict[str, Any]) -> None:
    (line, expect), = lines_and_expectations(case)
    assert expect is None  # the browser drops it, in its storage step
    cookie = parse_set_cookie(line)
    assert cookie is not None
    assert cookie.prefix in ("__Secure-", "__Host-")
    assert cookie.name.lower().startswith(cookie.prefix.lower())


def test_corpus_is_complete() -> None:
    """Guards against a truncated vendored file silently shrinking the suite."""
    assert len(CASES) == 1025
    assert sum(STORAGE_REJECTS in case["tags"] for case in CASES) == 31
    assert len({case["id"] for case in CASES}) == len(CASES)
