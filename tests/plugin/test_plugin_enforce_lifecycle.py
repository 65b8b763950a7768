"""Enforcement over a test's whole story: a cookie re-set or deleted later in the test, the
``cookie_recorder`` fixture beside it, unittest test cases, and the classify hook."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST
from tests._enforce_apps import run_login_test as run


def test_a_session_reset_without_flags_after_a_secure_login_fails(
    project: pytest.Pytester,
) -> None:
    result = run(
        project,
        """
import pytest

@pytest.mark.secure_cookies
def test_profile(client):
    client.post("/login-hardened")
    client.get("/profile")
""",
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["cookie 'session' set by GET http://localhost/profile (flask) is insecure: 3 problems"]
    )


def test_a_logout_with_the_wrong_path_fails_with_sc014(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
import pytest

@pytest.mark.secure_cookies
def test_logout(client):
    client.post("/login-hardened")
    client.post("/account/logout-wrong-path")

@pytest.mark.secure_cookies
def test_good_logout(client):
    client.post("/login-hardened")
    client.post("/logout")
""",
    )
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            "cookie 'session' set by POST http://localhost/account/logout-wrong-path (flask)"
            " is a deletion browsers will not honour: 1 problem",
            "  Set-Cookie: session=<redacted 0 chars>; *Path=/account*",
            "  SC014 *",
        ],
        consecutive=True,
    )


def test_cookie_recorder_fixture_records_without_judging(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
def test_records(client, cookie_recorder):
    client.post("/login", follow_redirects=True)
    assert [(r.cookie.name, r.source) for r in cookie_recorder] == [
        ("session", "POST http://localhost/login (flask)"),
        ("theme", "GET http://localhost/home (flask)"),
    ]
    assert cookie_recorder.responses == 2
""",
    )
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("secure cookies:*")


def test_cookie_recorder_inside_an_enforced_test(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
import pytest

@pytest.mark.secure_cookies
def test_both(client, cookie_recorder):
    client.post("/login")
    assert [r.cookie.name for r in cookie_recorder] == ["session"]
""",
    )
    result.assert_outcomes(failed=1)  # the user's recorder and the enforcement both saw it
    result.stdout.fnmatch_lines(["cookie 'session' set by POST http://localhost/login (flask)*"])


def test_unittest_test_cases_are_enforced_too(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
import unittest
from conftest import make_app

class LoginTests(unittest.TestCase):
    def setUp(self):
        self.client = make_app().test_client()

    def test_login(self):
        self.client.post("/login")

    def test_login_then_own_failure(self):
        self.client.post("/login")
        self.assertEqual(1, 2)
""",
        "--secure-cookies",
        "-rf",
    )
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "FAILED test_login.py::LoginTests::test_login - insecure cookie 'session' *",
            "FAILED test_login.py::LoginTests::test_login_then_own_failure - AssertionErr*",
        ]
    )


THEME_TEST = """
import pytest

@pytest.mark.secure_cookies
def test_home(client):
    client.get("/home")
"""


def test_the_classify_hook_decides_for_enforcement_too(project: pytest.Pytester) -> None:
    # Run twice in one process: judgements cached by the first run (hook says "auth") must
    # not leak into the second (no hook), though the lines and policies are otherwise equal.
    hook = (
        "\ndef pytest_securecookie_classify(cookie, source):\n"
        "    return 'auth' if cookie.name == 'theme' else None\n"
    )
    project.makeconftest(FLASK_CONFTEST + hook)
    hooked = run(project, THEME_TEST)
    hooked.assert_outcomes(failed=1)
    hooked.stdout.fnmatch_lines(["cookie 'theme' set by GET http://localhost/home (flask)*"])
    project.makeconftest(FLASK_CONFTEST)
    run(project, THEME_TEST).assert_outcomes(passed=1)


def test_a_classify_hook_reading_values_sees_each_value(project: pytest.Pytester) -> None:
    hook = (
        "\ndef pytest_securecookie_classify(cookie, source):\n"
        "    return 'auth' if cookie.value.startswith('A') else 'other'\n"
    )
    project.makeconftest(FLASK_CONFTEST + hook)
    result = run(
        project,
        """
import pytest

@pytest.mark.secure_cookies
@pytest.mark.parametrize("token", ["A-first-token", "B-second-token", "A-third-token"])
def test_magic(client, token):
    client.post("/login-as", data={"token": token})
""",
        "-v",
    )
    result.assert_outcomes(failed=2, passed=1)
    result.stdout.fnmatch_lines(["*::test_magic[[]B-second-token[]] PASSED*"])


def test_a_thread_that_outlives_its_test_never_fails_the_next(project: pytest.Pytester) -> None:
    result = run(
        project,
        """
import threading
from conftest import make_app

go = threading.Event()
threads, statuses = [], []

def test_starts_a_background_login():
    client = make_app().test_client()

    def log_in_later():
        go.wait()
        statuses.append(client.post("/login").status_code)

    threads.append(threading.Thread(target=log_in_later))
    threads[0].start()

def test_next_one():
    go.set()
    threads[0].join()
    assert statuses == [302]  # the insecure login happened, during this test
""",
        "--secure-cookies",
    )
    result.assert_outcomes(passed=2)
