"""``--junitxml``: each judged test carries the cookies judged, the insecure ones and the rules
they break as properties (names and rule ids, never values)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests._enforce_apps import FLASK_CONFTEST, SECRET, run_plugin

TESTS = """
import pytest


def test_login(client):
    client.post("/login", follow_redirects=True)


def test_login_hardened(client):
    client.post("/login-hardened")


def test_login_fails_itself(client):
    client.post("/login")
    assert False


@pytest.mark.allow_insecure_cookies(reason="a demo")
def test_exempt(client):
    client.post("/login")
"""


def properties(pytester: pytest.Pytester, *args: str) -> dict[str, list[tuple[str, str]]]:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    result = run_plugin(pytester, "--junitxml=junit.xml", *args)
    result.assert_outcomes(failed=2, passed=2)
    xml = (pytester.path / "junit.xml").read_text(encoding="utf-8")
    assert SECRET not in xml
    found: dict[str, list[tuple[str, str]]] = {}
    for case in ET.fromstring(xml).iter("testcase"):
        pairs = [(p.get("name", ""), p.get("value", "")) for p in case.iter("property")]
        found[case.get("name", "")] = pairs
    return found


def test_each_judged_test_names_its_cookies_and_rules(pytester: pytest.Pytester) -> None:
    assert properties(pytester, "--secure-cookies") == {
        "test_login": [
            ("secure_cookies_judged", "session"),
            ("secure_cookies_insecure", "session"),
            ("secure_cookies_rules", "SC001, SC002, SC003"),
        ],
        "test_login_hardened": [("secure_cookies_judged", "session")],
        "test_login_fails_itself": [  # judged at teardown: its own failure came first
            ("secure_cookies_judged", "session"),
            ("secure_cookies_insecure", "session"),
            ("secure_cookies_rules", "SC001, SC002, SC003"),
        ],
        "test_exempt": [],
    }


def test_xdist_workers_carry_them_too(pytester: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    found = properties(pytester, "--secure-cookies", "-p", "xdist.plugin", "-n", "2")
    assert found["test_login"][2] == ("secure_cookies_rules", "SC001, SC002, SC003")
    assert found["test_login_hardened"] == [("secure_cookies_judged", "session")]
