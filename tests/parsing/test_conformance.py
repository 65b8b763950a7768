"""Every case of the vendored browser corpus (tests/conformance/, see SOURCES.md there).

Each case compares only the fields its ``expect`` names, as the corpus' score.py does.
The 31 ``storage-model-rejects`` cases are lines a browser drops in its storage step (a
prefix rule unmet), not in the parser: they must parse, with ``.prefix`` set, so that the
policy can tell the user why the browser will drop them.

The http-state suite's 222 tests are replayed through a minimal RFC 6265bis user agent
(storage and retrieval over plain http from one host, at the suite's date) built on the
parsed cookies: the Cookie header it sends must be the one the corpus expects.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from pytest_securecookie import SetCookie, parse_set_cookie
from pytest_securecookie.parsing.parser import ignore_reason

CASES_FILE = Path(__file__).parent.parent / "conformance" / "set-cookie-cases.json"
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


# -- http-state: the parsed lines, stored and sent back by a minimal 6265bis user agent --

HTTP_STATE: list[dict[str, Any]] = json.loads(
    (CASES_FILE.parent / "http-state-cases.json").read_text(encoding="utf-8")
)
SUITE_DATE = datetime(2017, 8, 9, tzinfo=timezone.utc)  # the suite's Expires assume it


def domain_matches(host: str, domain: str) -> bool:
    return host == domain or (host.endswith("." + domain) and not host.replace(".", "").isdigit())


def path_matches(request_path: str, cookie_path: str) -> bool:
    if request_path == cookie_path:
        return True
    return request_path.startswith(cookie_path) and (
        cookie_path.endswith("/") or request_path[len(cookie_path)] == "/"
    )


def default_path(url_path: str) -> str:
    if not url_path.startswith("/") or url_path.count("/") <= 1:
        return "/"
    return url_path[: url_path.rindex("/")]


def store(jar: dict[tuple[str, str, bool, str], SetCookie], url: str, line: str) -> None:
    """The storage model's steps that matter over plain http from one host."""
    cookie = parse_set_cookie(line)
    if cookie is None or cookie.secure or cookie.prefix:  # no Secure cookie from http
        return
    if not cookie.name and cookie.value.lower().startswith(("__secure-", "__host-")):
        return
    request = urlsplit(url)
    host = request.hostname or ""
    domain = cookie.domain or ""
    if domain and (not domain.isascii() or "." not in domain or not domain_matches(host, domain)):
        return  # non-ASCII, a public suffix ("org") or another site's domain
    path = cookie.path or default_path(request.path)
    key = (cookie.name, domain or host, not domain, path)
    if cookie.is_deletion_at(SUITE_DATE):
        jar.pop(key, None)
    else:
        jar[key] = cookie  # a replaced cookie keeps its place: its creation-time


def cookie_header(jar: dict[tuple[str, str, bool, str], SetCookie], url: str) -> str:
    request = urlsplit(url)
    host, path = request.hostname or "", request.path or "/"
    sent = [
        (key, cookie) for key, cookie in jar.items()
        if (host == key[1] if key[2] else domain_matches(host, key[1]))
        and path_matches(path, key[3])
    ]
    sent.sort(key=lambda item: -len(item[0][3]))  # longer paths first; stable: older first
    return "; ".join(f"{c.name}={c.value}" if c.name else c.value for _, c in sent)


@pytest.mark.parametrize("case", HTTP_STATE, ids=lambda case: case["id"])
def test_http_state(case: dict[str, Any]) -> None:
    jar: dict[tuple[str, str, bool, str], SetCookie] = {}
    for line in case["set_cookie"]:
        store(jar, case["request_url"], line)
    expected = case.get("rfc6265bis_cookie_header", case["expected_cookie_header"])
    assert cookie_header(jar, case["url"]) == expected
