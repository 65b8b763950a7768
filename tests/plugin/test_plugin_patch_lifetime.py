"""How long the client patches stay: for the session only while enforcement covers every test;
in a run of ``secure_cookies`` markers, each marked test installs and undoes them."""

from __future__ import annotations

import pytest
import werkzeug.test

from pytest_securecookie.capturing import patching as _patching
from tests._enforce_apps import FLASK_CONFTEST, run_plugin

# Notes whether werkzeug's Client.open is the object it was before any test, in each test.
TESTS = """
import pytest
import werkzeug.test

from pytest_securecookie.capturing import patching

ORIGINAL = vars(werkzeug.test.Client)["open"]

def note(test):
    with open("opens.txt", "a") as notes:
        same = vars(werkzeug.test.Client)["open"] is ORIGINAL
        installed = len(patching.installed_patches())
        notes.write(f"{test} {'original' if same else 'patched'} {installed}\\n")

def test_before(client):
    client.post("/login-hardened")
    note("before")

@pytest.mark.secure_cookies
def test_marked(client):
    client.post("/login-hardened")
    note("marked")

def test_after(client):
    client.post("/login-hardened")
    note("after")
"""


def notes(pytester: pytest.Pytester) -> list[str]:
    return (pytester.path / "opens.txt").read_text().splitlines()


def test_a_marked_test_undoes_its_patches_for_the_next_test(pytester: pytest.Pytester) -> None:
    original = vars(werkzeug.test.Client)["open"]
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_login=TESTS)
    run_plugin(pytester).assert_outcomes(passed=3)
    before, marked, after = (line.split() for line in notes(pytester))
    assert before == ["before", "original", "0"]
    assert marked[:2] == ["marked", "patched"] and int(marked[2]) > 0
    assert after == ["after", "original", "0"]
    assert vars(werkzeug.test.Client)["open"] is original


@pytest.mark.parametrize("how", ["option", "ini"])
def test_enforcement_everywhere_holds_the_patches_for_the_session(
    pytester: pytest.Pytester, how: str
) -> None:
    original = vars(werkzeug.test.Client)["open"]
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_login=TESTS)
    if how == "ini":
        pytester.makeini("[pytest]\nsecure_cookies = true\n")
    run_plugin(pytester, *(["--secure-cookies"] if how == "option" else [])).assert_outcomes(
        passed=3
    )
    assert [line.split()[1] for line in notes(pytester)] == ["patched"] * 3
    assert vars(werkzeug.test.Client)["open"] is original
    assert _patching.installed_patches() == []
